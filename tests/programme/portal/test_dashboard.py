"""The dashboard: next session, calendar, what to write, actions, resources;
and the number of queries the busiest pages make."""
import datetime

import pytest
from django.utils import timezone

from programme.enums import ReflectionKind
from programme.models import Action, ActionUpdate, Presentation, Reflection, Statement
from tests.factories import add_resource
from tests.helpers import count_queries


def page(response):
    return response.content.decode()


def test_dashboard_shows_the_next_session_with_its_join_link(login, world):
    shown = page(login(world.a_user).get("/portal/"))
    assert world.next_session.title in shown
    assert 'href="https://meet.example.org/p-secret-room"' in shown
    assert "Reflections on progress<br>Case study and questions" in shown
    assert f'href="/calendar/session/{world.next_session.pk}.ics"' in shown
    assert "(UK time)" in shown


def test_dashboard_never_shows_another_cohorts_join_link(login, world, other_world):
    shown = page(login(other_world.a_user).get("/portal/"))
    assert other_world.next_session.title in shown
    assert "p-secret-room" not in shown and world.next_session.title not in shown


def test_dashboard_join_link_is_not_on_public_pages(client, world, home_page):
    assert "p-secret-room" not in page(client.get("/"))


def test_dashboard_skips_cancelled_sessions_when_choosing_the_next(login, world, add_session):
    world.next_session.status = "cancelled"
    world.next_session.save()
    later = add_session(world.cohort, days=21, title="P workshop 3: employability")
    shown = page(login(world.a_user).get("/portal/"))
    assert shown.index("Next session") < shown.index(later.title)
    assert "p-secret-room" not in shown


def test_dashboard_with_no_more_sessions_says_so(login, world):
    world.next_session.delete()
    assert "There are no more sessions scheduled" in page(login(world.a_user).get("/portal/"))


def test_dashboard_session_download_works_for_the_participant(login, world):
    response = login(world.a_user).get(f"/calendar/session/{world.next_session.pk}.ics")
    assert response.status_code == 200
    assert b"p-secret-room" in response.content


def test_dashboard_shows_the_private_feed_address(login, world):
    shown = page(login(world.a_user).get("/portal/"))
    assert f"/calendar/{world.a_participant.calendar_token}.ics" in shown
    assert world.a_participant2.calendar_token not in shown  # a colleague's address is theirs alone


def test_dashboard_new_calendar_address_revokes_the_old_one(login, world, client):
    old_token = world.a_participant.calendar_token
    login(world.a_user)
    response = client.post("/portal/calendar/new-address/")
    assert response["Location"] == "/portal/#calendar"
    assert "You have a new private calendar address" in page(client.get("/portal/"))
    world.a_participant.refresh_from_db()
    assert world.a_participant.calendar_token != old_token
    assert client.get(f"/calendar/{old_token}.ics").status_code == 404
    assert client.get(f"/calendar/{world.a_participant.calendar_token}.ics").status_code == 200


def test_dashboard_new_calendar_address_needs_a_post(login, world):
    old_token = world.a_participant.calendar_token
    assert login(world.a_user).get("/portal/calendar/new-address/").status_code == 405
    world.a_participant.refresh_from_db()
    assert world.a_participant.calendar_token == old_token


def test_dashboard_lists_what_to_write_with_status_and_deadline(login, world):
    report = Reflection.objects.create(membership=world.a, kind=ReflectionKind.FINAL_REPORT, status="submitted")
    Statement.objects.create(reflection=report, section="progress", text="Done")
    shown = page(login(world.a_user).get("/portal/"))
    deadline = timezone.localtime(world.cohort.plan_deadline)
    assert "One-page plan" in shown and f"{deadline:%A} {deadline.day} {deadline:%B %Y}" in shown
    assert f"Check-in before “{world.next_session.title}”" in shown
    assert f'href="/portal/check-ins/new/?session={world.next_session.pk}"' in shown
    assert '<strong class="status-tag status-not-started">Not started</strong>' in shown
    assert '<strong class="status-tag status-submitted">Submitted</strong>' in shown


def test_dashboard_says_when_a_deadline_has_passed(login, world):
    world.cohort.plan_deadline = timezone.now() - datetime.timedelta(days=2)
    world.cohort.save()
    assert "Deadline passed:" in page(login(world.a_user).get("/portal/"))


def test_dashboard_lists_open_actions_only(login, world):
    Action.objects.create(membership=world.a, description="Open action here", owner="Alice", status="red")
    Action.objects.create(membership=world.a, description="Finished action", owner="Alice", status="done")
    shown = page(login(world.a_user).get("/portal/"))
    assert "Open action here" in shown and "Finished action" not in shown
    assert "Red</strong>" in shown


def test_dashboard_shows_follow_up_resources_of_past_sessions(login, world, resource_index):
    toolkit = add_resource(resource_index, title="Work experience toolkit")
    presentation = Presentation.objects.create(session=world.past_session, topic="Local economy",
                                               presenters="Alex Latham")
    presentation.follow_up_resources.add(toolkit)
    shown = page(login(world.a_user).get("/portal/"))
    assert "Work experience toolkit" in shown
    assert f'href="{toolkit.url}"' in shown


def test_dashboard_hides_resources_of_sessions_still_to_come(login, world, resource_index):
    early = add_resource(resource_index, title="Shared too early")
    Presentation.objects.create(session=world.next_session, topic="Later", presenters="X").follow_up_resources.add(
        early)
    assert "Shared too early" not in page(login(world.a_user).get("/portal/"))


def test_sessions_page_lists_upcoming_and_past(login, world):
    shown = page(login(world.a_user).get("/portal/sessions/"))
    assert shown.index("Coming up") < shown.index(world.next_session.title) < shown.index("Past sessions")
    assert shown.index("Past sessions") < shown.index(world.past_session.title)


# --- queries do not grow with what the page lists ---------------------------------


def fill(world, resource_index, n, add_session):
    """n past sessions each with a presented resource, n open actions with an
    update, n check-ins: what the dashboard and plan page might list."""
    for i in range(n):
        session = add_session(world.cohort, days=-30 - i, title=f"Extra session {i}")
        resource = add_resource(resource_index, title=f"Resource {i}")
        presentation = Presentation.objects.create(session=session, topic=f"Topic {i}", presenters="Someone")
        presentation.follow_up_resources.add(resource)
        action = Action.objects.create(membership=world.a, description=f"Action {i}", owner="Alice",
                                       session=session)
        ActionUpdate.objects.create(action=action, note="Going well", status="green", author=world.a_user)
        Reflection.objects.create(membership=world.a, kind=ReflectionKind.CHECK_IN, session=session)


@pytest.mark.parametrize("url", ["/portal/", "/portal/plan/", "/portal/sessions/", "/portal/actions/",
                                 "/portal/check-ins/", "/portal/report/"])
def test_portal_page_queries_do_not_grow_with_rows(login, world, other_world, resource_index, add_session, url):
    """Same number of queries for one session, action and resource as for five."""
    fill(world, resource_index, 1, add_session)
    fill(other_world, resource_index, 5, add_session)
    one = count_queries(login(world.a_user), url)
    five = count_queries(login(other_world.a_user), url)
    assert one == five, (one, five)

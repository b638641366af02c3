""""Run again" (issue 14): a new cohort from an earlier one's pattern, moved
to new dates in UK time, with none of its people."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.cohorts.run_again import (
    BRIEFING,
    FIRST_SESSION,
    RunAgainRefused,
    anchors,
    copied_sessions,
    plan_run_again,
    run_again,
)
from programme.dates import LONDON, end_of_day, london
from programme.enums import SessionKind, SessionStatus
from programme.models import (
    Attendance,
    BreakoutGroup,
    BriefingContact,
    Cohort,
    DeadlineExtension,
    Membership,
    Presentation,
    ProgrammeSession,
    SessionPlace,
)
from tests.builders import build_cohort, make_facilitator
from tests.factories import (
    AttendanceFactory,
    BreakoutGroupFactory,
    BriefingAttendanceFactory,
    BriefingContactFactory,
    CohortFactory,
    DeadlineExtensionFactory,
    MembershipFactory,
    PresentationFactory,
    ProgrammeFactory,
    ProgrammeSessionFactory,
    SessionPlaceFactory,
)


def at(y, m, d, hour, minute=0):
    return datetime.datetime(y, m, d, hour, minute, tzinfo=LONDON)


def session(cohort, kind, title, starts, hours=3, **fields):
    return ProgrammeSessionFactory(cohort=cohort, kind=kind, title=title, starts_at=starts,
                                   ends_at=starts + datetime.timedelta(hours=hours), **fields)


@pytest.fixture
def cohort_2021(db):
    """A 2021-style cohort: a briefing in February (GMT), workshops either
    side of the clocks going forward, a review the next February."""
    programme = ProgrammeFactory(title="Employment programme")
    cohort = CohortFactory(
        programme=programme, name="2021 cohort", starts_on=datetime.date(2021, 2, 1),
        ends_on=datetime.date(2022, 2, 28), reminder_days_before=5, sharing_enabled=True, report_threshold=3,
        plan_deadline=end_of_day(datetime.date(2021, 3, 14)), report_deadline=end_of_day(datetime.date(2021, 12, 10)),
        outcomes_follow_up_on=datetime.date(2022, 11, 1),
    )
    session(cohort, SessionKind.BRIEFING, "Briefing for directors", at(2021, 2, 3, 10), hours=1)
    session(cohort, SessionKind.WORKSHOP, "Understanding the local economy", at(2021, 2, 24, 9, 30), number=1,
            agenda="Reflections\nCase study")
    session(cohort, SessionKind.WORKSHOP, "Understanding the world of work", at(2021, 4, 21, 9, 30), number=2,
            online=False, join_url="", location="Kent County Hall")
    session(cohort, SessionKind.ONE_TO_ONE, "1-1 slot", at(2021, 3, 3, 14), hours=1, bookable=True)
    session(cohort, SessionKind.WORKSHOP, "Called off", at(2021, 5, 5, 9, 30), status=SessionStatus.CANCELLED)
    session(cohort, SessionKind.REVIEW, "Review", at(2022, 2, 9, 9, 30))
    return cohort


def new_sessions(cohort):
    return list(cohort.sessions.order_by("starts_at"))


# --------------------------------------------------------------------------- the copy


def test_run_again_keeps_each_session_at_its_uk_time_and_day_offset_across_the_clocks_changing(cohort_2021):
    # The briefing moves from Wednesday 3 February 2021 (GMT) to Wednesday 22 March 2023 (GMT):
    # the first workshop, three weeks after it, then falls on 12 April 2023, in BST.
    plan = plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION,
                          new_date=datetime.date(2023, 3, 22))
    cohort = run_again(plan=plan)
    times = [(s.title, london(s.starts_at), london(s.ends_at)) for s in new_sessions(cohort)]
    assert times == [
        ("Briefing for directors", at(2023, 3, 22, 10), at(2023, 3, 22, 11)),
        ("Understanding the local economy", at(2023, 4, 12, 9, 30), at(2023, 4, 12, 12, 30)),
        ("1-1 slot", at(2023, 4, 19, 14), at(2023, 4, 19, 15)),
        ("Understanding the world of work", at(2023, 6, 7, 9, 30), at(2023, 6, 7, 12, 30)),
        ("Review", at(2024, 3, 27, 9, 30), at(2024, 3, 27, 12, 30)),
    ]
    workshop = cohort.sessions.get(number=1)
    # 9:30am in BST is 8:30 UTC: a shift by a fixed timedelta in UTC would have made it 10:30am.
    assert workshop.starts_at.astimezone(datetime.UTC).hour == 8
    assert all(london(s.starts_at).strftime("%A") == "Wednesday" for s in new_sessions(cohort))


def test_run_again_from_the_briefing_date_moves_everything_by_the_same_days(cohort_2021):
    # The briefing is the first session: it is the one date offered.
    assert set(anchors(cohort_2021, copied_sessions(cohort_2021))) == {FIRST_SESSION}
    session(cohort_2021, SessionKind.WORKSHOP, "A taster before the briefing", at(2021, 1, 27, 9, 30))
    assert set(anchors(cohort_2021, copied_sessions(cohort_2021))) == {FIRST_SESSION, BRIEFING}
    plan = plan_run_again(source=cohort_2021, name="2023 cohort", anchor=BRIEFING,
                          new_date=datetime.date(2023, 3, 22))
    assert plan.days == (datetime.date(2023, 3, 22) - datetime.date(2021, 2, 3)).days
    assert [london(move.starts_at) for move in plan.moves[:2]] == [at(2023, 3, 15, 9, 30), at(2023, 3, 22, 10)]
    plan = plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION,
                          new_date=datetime.date(2023, 3, 22))
    assert plan.days == (datetime.date(2023, 3, 22) - datetime.date(2021, 1, 27)).days


def test_run_again_on_the_screen_refuses_a_date_that_puts_an_earlier_session_in_the_past(cohort_2021):
    """The briefing's new date is tomorrow, but a taster came a week before it:
    copied, the taster would be six days ago, where no reminder goes."""
    session(cohort_2021, SessionKind.WORKSHOP, "A taster before the briefing", at(2021, 1, 27, 9, 30))
    tomorrow = london(timezone.now()).date() + datetime.timedelta(days=1)
    with pytest.raises(RunAgainRefused, match="“A taster before the briefing” would then be on .*which has passed"):
        plan_run_again(source=cohort_2021, name="Next", anchor=BRIEFING, new_date=tomorrow,
                       not_before=timezone.now())
    later = plan_run_again(source=cohort_2021, name="Next", anchor=BRIEFING,
                           new_date=tomorrow + datetime.timedelta(days=7), not_before=timezone.now())
    assert min(move.starts_at for move in later.moves) > timezone.now()


def test_run_again_shifts_deadlines_to_the_end_of_the_same_day_offset_and_copies_settings(cohort_2021):
    cohort = run_again(plan=plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION,
                                           new_date=datetime.date(2023, 3, 22)))
    days = datetime.timedelta(days=(datetime.date(2023, 3, 22) - datetime.date(2021, 2, 3)).days)
    cohort.refresh_from_db()
    # 14 March 2021 was in GMT, its new day (30 April 2023) is in BST: still 11:59pm in London.
    assert london(cohort.plan_deadline) == end_of_day(datetime.date(2021, 3, 14) + days)
    assert london(cohort.plan_deadline).strftime("%H:%M") == "23:59"
    assert london(cohort.report_deadline) == end_of_day(datetime.date(2021, 12, 10) + days)
    assert (cohort.starts_on, cohort.ends_on, cohort.outcomes_follow_up_on) == (
        datetime.date(2021, 2, 1) + days, datetime.date(2022, 2, 28) + days, datetime.date(2022, 11, 1) + days,
    )
    assert (cohort.programme_id, cohort.reminder_days_before, cohort.sharing_enabled, cohort.report_threshold) == (
        cohort_2021.programme_id, 5, True, 3,
    )


def test_run_again_copies_each_sessions_pattern_but_not_cancelled_ones_or_join_links(cohort_2021):
    cohort = run_again(plan=plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION,
                                           new_date=datetime.date(2023, 3, 22)))
    rows = list(cohort.sessions.order_by("starts_at").values_list(
        "kind", "number", "title", "online", "location", "agenda", "bookable", "status", "join_url"))
    assert rows == [
        ("briefing", None, "Briefing for directors", True, "", "", False, "scheduled", ""),
        ("workshop", 1, "Understanding the local economy", True, "", "Reflections\nCase study", False, "scheduled", ""),
        ("one_to_one", None, "1-1 slot", True, "", "", True, "scheduled", ""),
        ("workshop", 2, "Understanding the world of work", False, "Kent County Hall", "", False, "scheduled", ""),
        ("review", None, "Review", True, "", "", False, "scheduled", ""),
    ]
    assert cohort_2021.sessions.count() == 6  # the old cohort is as it was


def test_run_again_copies_none_of_the_old_cohorts_people_or_their_work(cohort_2021):
    membership = MembershipFactory(cohort=cohort_2021)
    workshop = cohort_2021.sessions.get(number=1)
    AttendanceFactory(session=workshop, participant__membership=membership)
    BreakoutGroupFactory(session=workshop)
    PresentationFactory(session=workshop)
    SessionPlaceFactory(session=cohort_2021.sessions.get(kind=SessionKind.ONE_TO_ONE), membership=membership)
    DeadlineExtensionFactory(membership=membership)
    BriefingAttendanceFactory(session=cohort_2021.sessions.get(kind=SessionKind.BRIEFING),
                              contact=BriefingContactFactory(membership=membership))
    cohort = run_again(plan=plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION,
                                           new_date=datetime.date(2023, 3, 22)))
    assert Membership.objects.filter(cohort=cohort).count() == 0
    assert BriefingContact.objects.filter(membership__cohort=cohort).count() == 0
    assert DeadlineExtension.objects.filter(membership__cohort=cohort).count() == 0
    for model in (Attendance, BreakoutGroup, Presentation, SessionPlace):
        assert model.objects.filter(session__cohort=cohort).count() == 0, model.__name__
        assert model.objects.filter(session__cohort=cohort_2021).count() == 1, model.__name__
    assert cohort.sent_emails.count() == 0


def test_run_again_refuses_a_name_the_programme_has_already_whatever_its_case(cohort_2021):
    with pytest.raises(RunAgainRefused) as refused:
        plan_run_again(source=cohort_2021, name="2021 COHORT", anchor=FIRST_SESSION,
                       new_date=datetime.date(2023, 3, 22))
    assert refused.value.field == "name"
    assert "already has a cohort called “2021 COHORT”" in str(refused.value)
    # Another programme's cohort of that name is no clash.
    CohortFactory(name="2023 cohort")
    plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION, new_date=datetime.date(2023, 3, 22))


def test_run_again_to_a_date_past_the_calendars_end_is_refused_not_an_error(cohort_2021):
    with pytest.raises(RunAgainRefused) as refused:
        plan_run_again(source=cohort_2021, name="Far", anchor=FIRST_SESSION, new_date=datetime.date(9999, 12, 1))
    assert refused.value.field == "new_date"


def test_run_again_of_a_name_taken_since_the_preview_creates_nothing(cohort_2021):
    plan = plan_run_again(source=cohort_2021, name="2023 cohort", anchor=FIRST_SESSION,
                          new_date=datetime.date(2023, 3, 22))
    CohortFactory(programme=cohort_2021.programme, name="2023 cohort")
    sessions_before = ProgrammeSession.objects.count()
    with pytest.raises(RunAgainRefused):
        run_again(plan=plan)
    assert ProgrammeSession.objects.count() == sessions_before


@pytest.mark.parametrize("workshops", [2, 20])
def test_run_again_writes_a_fixed_number_of_queries_whatever_the_number_of_sessions(db, workshops,
                                                                                 django_assert_num_queries):
    source = CohortFactory(name="Old")
    for n in range(workshops):
        session(source, SessionKind.WORKSHOP, f"Workshop {n}", at(2021, 1, 4, 9, 30) + datetime.timedelta(weeks=n))
    plan = plan_run_again(source=source, name="New", anchor=FIRST_SESSION, new_date=datetime.date(2030, 1, 7))
    # The same at both sizes: the cohort (with Wagtail's reference index, which
    # follows every model save), the sessions in one insert, and the savepoints.
    with django_assert_num_queries(9):
        cohort = run_again(plan=plan)
    assert cohort.sessions.count() == workshops


# --------------------------------------------------------------------------- the screen


@pytest.fixture
def world(db):
    world = build_cohort("X")
    world.cohort.name = "2021 cohort"
    world.cohort.save()
    return world


def url(cohort):
    return reverse("programme_admin:cohort_run_again", args=[cohort.pk])


def future(days):
    return (london(datetime.datetime.now(datetime.UTC)) + datetime.timedelta(days=days)).date()


def test_run_again_screen_previews_every_session_then_creates_the_cohort_in_the_same_programme(world, client):
    client.force_login(world.facilitator)
    overview = client.get(reverse("programme_admin:cohort_overview", args=[world.cohort.pk])).content.decode()
    assert f'href="{url(world.cohort)}"' in overview
    form = client.get(url(world.cohort))
    assert form.status_code == 200
    assert "Name of the new cohort" in form.content.decode()
    new_date = future(400)
    data = {"name": "2027 cohort", "anchor": "first", "new_date": new_date.isoformat()}
    preview = client.post(url(world.cohort), {**data, "action": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200
    from programme.dates import format_session_time
    for old in (world.past_session, world.next_session):
        assert format_session_time(old) in page
    assert "X workshop 1: the local economy" in page and "Create 2027 cohort" in page
    assert not Cohort.objects.filter(name="2027 cohort").exists()  # a preview creates nothing
    created = client.post(url(world.cohort), {**data, "action": "create"})
    cohort = Cohort.objects.get(name="2027 cohort")
    assert created.status_code == 302
    assert created["Location"] == reverse("programme_admin:cohort_overview", args=[cohort.pk])
    assert cohort.programme == world.programme
    assert london(cohort.sessions.order_by("starts_at").first().starts_at).date() == new_date
    assert cohort.sessions.count() == 2 and cohort.memberships.count() == 0
    landed = client.get(created["Location"]).content.decode()
    assert "2027 cohort is ready, with 2 sessions copied from 2021 cohort" in landed


def test_run_again_preview_says_when_sessions_change_their_day_of_the_week(world, client):
    client.force_login(world.facilitator)
    first = london(world.past_session.starts_at).date()
    same_day = first + datetime.timedelta(weeks=60)
    moved = client.post(url(world.cohort), {"name": "New", "anchor": "first", "action": "preview",
                                            "new_date": (same_day + datetime.timedelta(days=1)).isoformat()})
    assert "Sessions fall on a different day of the week" in moved.content.decode()
    kept = client.post(url(world.cohort), {"name": "New", "anchor": "first", "action": "preview",
                                           "new_date": same_day.isoformat()})
    assert "Everything moves 60 weeks" in kept.content.decode()
    assert "different day of the week" not in kept.content.decode()


def test_run_again_screen_change_goes_back_to_the_form_with_what_was_typed(world, client):
    client.force_login(world.facilitator)
    response = client.post(url(world.cohort), {"name": "2027 cohort", "anchor": "first",
                                               "new_date": future(30).isoformat(), "action": "change"})
    assert response.status_code == 200
    assert 'value="2027 cohort"' in response.content.decode()
    assert not Cohort.objects.filter(name="2027 cohort").exists()


def test_run_again_screen_says_beside_the_name_that_the_programme_has_a_cohort_of_that_name(world, client):
    client.force_login(world.facilitator)
    response = client.post(url(world.cohort), {"name": "2021 cohort", "anchor": "first",
                                               "new_date": future(30).isoformat(), "action": "create"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_name"' in page  # the error summary links to the field
    assert 'id="id_name-error"' in page and "already has a cohort called “2021 cohort”" in page
    assert Cohort.objects.filter(programme=world.programme).count() == 1


SOON = future(60).isoformat()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": "", "anchor": "first", "new_date": SOON}, "name", "Enter a name for the new cohort"),
    ({"name": "x" * 201, "anchor": "first", "new_date": SOON}, "name", "200 characters or fewer"),
    ({"name": "New", "anchor": "first", "new_date": "31/02/2099"}, "new_date", "as a real date"),
    ({"name": "New", "anchor": "first", "new_date": ""}, "new_date", "Enter the new date"),
    ({"name": "New", "anchor": "first", "new_date": "2001-01-01"}, "new_date", "today or later"),
    ({"name": "New", "anchor": "first", "new_date": "9999-12-31"}, "new_date", "within the next 10 years"),
    ({"name": "New", "anchor": "briefing", "new_date": SOON}, "anchor", "Choose which date"),
])
def test_run_again_screen_explains_each_bad_answer_beside_its_field(world, client, data, field, message):
    client.force_login(world.facilitator)
    response = client.post(url(world.cohort), {**data, "action": "preview"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(response.context["form"].errors) == [field]
    assert Cohort.objects.count() == 1


def test_run_again_of_another_programmes_cohort_is_not_found_and_creates_nothing(world, client, db):
    other = make_facilitator("facilitator_y")
    ProgrammeFactory(title="Programme Y").facilitators.add(other)
    client.force_login(other)
    assert client.get(url(world.cohort)).status_code == 404
    response = client.post(url(world.cohort), {"name": "Stolen", "anchor": "first",
                                               "new_date": future(30).isoformat(), "action": "create"})
    assert response.status_code == 404
    assert not Cohort.objects.filter(name="Stolen").exists()


@pytest.mark.parametrize("workshops", [2, 12])
def test_run_again_preview_queries_do_not_grow_with_the_sessions(db, client, workshops, django_assert_max_num_queries):
    facilitator = make_facilitator("facilitator_q")
    source = CohortFactory(name="Old")
    source.programme.facilitators.add(facilitator)
    for n in range(workshops):
        session(source, SessionKind.WORKSHOP, f"Workshop {n}", at(2021, 1, 4, 9, 30) + datetime.timedelta(weeks=n))
    client.force_login(facilitator)
    client.get(url(source))  # warm Wagtail's own per-user caches
    with django_assert_max_num_queries(13):
        response = client.post(url(source), {"name": "New", "anchor": "first", "new_date": SOON,
                                             "action": "preview"})
    page = response.content.decode()
    assert all(f"<th scope=\"row\">Workshop {n}<" in page for n in range(workshops))

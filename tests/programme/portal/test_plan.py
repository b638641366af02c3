"""The one-page plan: drafts, submitting, returned plans, two people at once,
and every way a plan can be refused."""
import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.models import OnePagePlan
from programme.models.submissions import PLAN_FIELD_MAX
from programme.submissions.writing import return_for_changes

PLAN_URL = "/portal/plan/"


def plan_of(membership):
    return OnePagePlan.objects.get(membership=membership)


def page(response):
    return response.content.decode()


def test_plan_url_is_portal_plan():
    assert reverse("portal:plan") == PLAN_URL


def test_plan_draft_saves_with_fields_missing(login, world):
    client = login(world.a_user)
    response = client.post(PLAN_URL, {"issue": "Few care leavers in work", "version": "1", "action": "save"})
    assert response.status_code == 302
    plan = plan_of(world.a)
    assert (plan.issue, plan.goal, plan.status, plan.version) == ("Few care leavers in work", "", "draft", 2)
    assert plan.updated_by == world.a_user
    followed = page(client.get(PLAN_URL))
    assert "Your draft plan has been saved." in followed
    assert "Few care leavers in work</textarea>" in followed


def test_plan_draft_can_be_saved_again_and_again(login, world, plan_data):
    client = login(world.a_user)
    client.post(PLAN_URL, plan_data(goal="First go", action="save"))
    client.post(PLAN_URL, plan_data(goal="Second go", version="2", action="save"))
    assert (plan_of(world.a).goal, plan_of(world.a).version) == ("Second go", 3)


def test_plan_is_shared_by_the_organisations_participants(login, world, plan_data, make_client):
    login(world.a_user).post(PLAN_URL, plan_data(goal="Our shared goal", action="save"))
    colleague = make_client(world.a_user2)
    assert "Our shared goal</textarea>" in page(colleague.get(PLAN_URL))
    other_org = make_client(world.b_user)
    assert "Our shared goal" not in page(other_org.get(PLAN_URL))


def test_plan_submit_when_complete_submits_and_becomes_read_only(login, world, plan_data):
    client = login(world.a_user)
    response = client.post(PLAN_URL, plan_data(action="submit"))
    assert response.status_code == 302
    plan = plan_of(world.a)
    assert (plan.status, plan.submitted_by) == ("submitted", world.a_user)
    shown = page(client.get(PLAN_URL))
    assert "has been submitted to your facilitators" in shown
    assert "<textarea" not in shown and 'name="action"' not in shown
    assert "Increase care leaver employment in the local construction industry." in shown
    assert "External / employer facing" in shown


def test_plan_post_after_submitting_changes_nothing(login, world, plan_data):
    client = login(world.a_user)
    client.post(PLAN_URL, plan_data(action="submit"))
    version = plan_of(world.a).version
    response = client.post(PLAN_URL, plan_data(goal="Sneaky change", version=str(version), action="save"),
                            follow=True)
    assert "can no longer be changed" in page(response)
    plan = plan_of(world.a)
    assert (plan.goal, plan.version, plan.status) == (
        "Increase care leaver employment in the local construction industry.", version, "submitted")


def test_plan_returned_for_changes_shows_the_comment_and_can_be_resubmitted(login, world, plan_data):
    client = login(world.a_user)
    client.post(PLAN_URL, plan_data(action="submit"))
    return_for_changes(submission=plan_of(world.a), user=world.facilitator,
                       comment="Please say how many young people you hope to reach.")
    shown = page(client.get(PLAN_URL))
    assert "Your facilitator returned this plan for changes" in shown
    assert "Please say how many young people you hope to reach." in shown
    assert "Returned for changes" in shown
    assert "<textarea" in shown
    version = plan_of(world.a).version
    response = client.post(PLAN_URL, plan_data(success="Ten young people in work.", version=str(version),
                                                action="submit"))
    assert response.status_code == 302
    plan = plan_of(world.a)
    assert (plan.status, plan.success) == ("submitted", "Ten young people in work.")
    assert "Your facilitator returned this plan" not in page(client.get(PLAN_URL))


def test_plan_returned_is_shown_on_the_dashboard(login, world, plan_data):
    client = login(world.a_user)
    client.post(PLAN_URL, plan_data(action="submit"))
    return_for_changes(submission=plan_of(world.a), user=world.facilitator, comment="Add your team, please.")
    shown = page(client.get("/portal/"))
    assert "Returned for changes" in shown and "Add your team, please." in shown


def test_plan_conflict_keeps_both_texts_and_overwrites_nothing(world, make_client, plan_data):
    alice, amir = make_client(world.a_user), make_client(world.a_user2)
    # Both open the plan at version 1.
    assert 'name="version" value="1"' in page(alice.get(PLAN_URL))
    assert 'name="version" value="1"' in page(amir.get(PLAN_URL))
    alice.post(PLAN_URL, plan_data(goal="Alice's goal", action="save"))
    response = amir.post(PLAN_URL, plan_data(goal="Amir's goal", action="save"))

    shown = page(response)
    assert response.status_code == 200
    assert "This plan has changed since you opened it" in shown
    assert "Alice saved it at" in shown
    assert "Amir&#x27;s goal</textarea>" in shown  # his text stays in the form to merge
    assert '<div class="saved-text">Alice\'s goal</div>' in shown  # the saved version beside it
    assert 'name="version" value="2"' in shown  # the next save is based on what he has now seen
    assert shown.count("The same as your text: nothing to merge here.") == 4  # all but the goal
    assert plan_of(world.a).goal == "Alice's goal"
    assert plan_of(world.a).version == 2

    merged = amir.post(PLAN_URL, plan_data(goal="Alice's and Amir's goal", version="2", action="save"))
    assert merged.status_code == 302
    assert plan_of(world.a).goal == "Alice's and Amir's goal"


def test_plan_conflict_with_yourself_in_another_tab_says_so(world, make_client, plan_data):
    first_tab, second_tab = make_client(world.a_user), make_client(world.a_user)
    first_tab.post(PLAN_URL, plan_data(goal="From the first tab", action="save"))
    shown = page(second_tab.post(PLAN_URL, plan_data(goal="From the second tab", action="save")))
    assert "You saved it in another window or tab" in shown
    assert "The goal: saved now by you" in shown


def test_plan_conflict_on_submit_submits_nothing(world, make_client, plan_data):
    alice, amir = make_client(world.a_user), make_client(world.a_user2)
    alice.post(PLAN_URL, plan_data(goal="Alice's goal", action="save"))
    response = amir.post(PLAN_URL, plan_data(goal="Amir's goal", action="submit"))
    assert "This plan has changed since you opened it" in page(response)
    plan = plan_of(world.a)
    assert (plan.goal, plan.status) == ("Alice's goal", "draft")


def test_plan_overlong_field_is_refused_beside_the_field_and_the_draft_is_kept(login, world, plan_data):
    client = login(world.a_user)
    client.post(PLAN_URL, plan_data(action="save"))
    too_long = "x" * (PLAN_FIELD_MAX + 1)
    response = client.post(PLAN_URL, plan_data(issue=too_long, version="2", action="save"))
    shown = page(response)
    message = f"The issue must be 3,000 characters or fewer. It has {PLAN_FIELD_MAX + 1}"
    assert response.status_code == 200
    assert shown.count(message) == 2  # in the summary and beside the field
    assert f'<a href="#id_issue">{message}' in shown
    assert '<p class="field-error" id="id_issue_error">' in shown
    assert 'aria-describedby="id_issue_helptext id_issue_error"' in shown
    assert too_long + "</textarea>" in shown  # what they typed is still there
    # The browser never cuts pasted text short: no text area has a maxlength.
    assert not re.search(r"<textarea[^>]*maxlength", shown)
    plan = plan_of(world.a)
    assert (plan.issue, plan.version) == (plan_data()["issue"], 2)


def test_plan_submit_with_required_fields_missing_lists_each_and_keeps_the_draft(login, world):
    client = login(world.a_user)
    response = client.post(PLAN_URL, {"issue": "Only the issue so far", "version": "1", "action": "submit"})
    shown = page(response)
    assert response.status_code == 200
    assert "<title>Error: One-page plan" in shown
    assert 'class="error-summary" role="alert"' in shown
    assert "Your draft plan has been saved, but it has <strong>not</strong> been submitted." in shown
    assert '<a href="#id_goal">Write your goal for the programme.</a>' in shown
    assert '<a href="#id_goal_category_0">Choose the category that best fits your goal.</a>' in shown
    assert '<a href="#id_success">Say what success would look like.</a>' in shown
    assert "Describe the issue" not in shown
    plan = plan_of(world.a)
    assert (plan.issue, plan.status, plan.version) == ("Only the issue so far", "draft", 2)
    assert 'name="version" value="2"' in shown


def test_plan_submit_after_the_deadline_is_refused_and_the_draft_kept(login, world, plan_data):
    world.cohort.plan_deadline = timezone.now() - datetime.timedelta(days=1)
    world.cohort.save()
    client = login(world.a_user)
    before = page(client.get(PLAN_URL))
    assert "The deadline for your plan was" in before
    assert f"ask your facilitator to give {world.a.organisation.name} longer" in before
    assert 'value="submit"' not in before  # no button that can only fail
    response = client.post(PLAN_URL, plan_data(action="submit"))
    shown = page(response)
    assert "The deadline has passed, so this can no longer be submitted." in shown
    assert '<a href="#form-actions">The deadline has passed' in shown
    plan = plan_of(world.a)
    assert (plan.status, plan.goal) == ("draft", plan_data()["goal"])


def test_plan_save_after_the_deadline_still_works(login, world, plan_data):
    world.cohort.plan_deadline = timezone.now() - datetime.timedelta(days=1)
    world.cohort.save()
    response = login(world.a_user).post(PLAN_URL, plan_data(goal="Late but saved", action="save"))
    assert response.status_code == 302
    assert plan_of(world.a).goal == "Late but saved"


def test_plan_text_with_ampersands_and_links_reopens_as_typed(login, world, plan_data):
    client = login(world.a_user)
    typed = "HR & the Virtual School, see https://example.org/offer?a=1&b=2"
    client.post(PLAN_URL, plan_data(team=typed, action="save"))
    stored = plan_of(world.a).team
    assert '<a href="https://example.org/offer?a=1&amp;b=2"' in stored
    shown = page(client.get(PLAN_URL))
    assert f"{html.escape(typed)}</textarea>" in shown
    client.post(PLAN_URL, plan_data(team=typed, version="2", action="save"))
    assert plan_of(world.a).team == stored  # opening and saving changes nothing


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_plan_script_typed_into_a_field_is_never_shown_raw(world, make_client, plan_data, attack):
    world.cohort.sharing_enabled = True
    world.cohort.save()
    alice, bea = make_client(world.a_user), make_client(world.b_user)
    alice.post(PLAN_URL, plan_data(goal=f"Our goal {attack}", issue=f"The issue {attack}", action="submit"))
    assert plan_of(world.a).status == "submitted"
    pages = [page(alice.get(url)) for url in (PLAN_URL, "/portal/", "/portal/report/")]
    pages += [page(bea.get(url)) for url in ("/portal/peers/", f"/portal/peers/{world.a.pk}/")]
    assert "Our goal" in pages[0] and "Our goal" in pages[-1]
    for shown in pages:
        assert attack not in shown
        assert "<script" not in shown and "<img" not in shown


def test_plan_script_typed_during_a_conflict_is_escaped_in_the_form(world, make_client, plan_data):
    alice, amir = make_client(world.a_user), make_client(world.a_user2)
    alice.post(PLAN_URL, plan_data(goal="<img src=x onerror=alert(1)>Alice", action="save"))
    shown = page(amir.post(PLAN_URL, plan_data(goal="<script>alert(1)</script>", action="save")))
    assert "This plan has changed since you opened it" in shown
    assert "<script>alert(1)</script>" not in shown and "<img src=x" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in shown


def test_plan_submit_runs_its_commit_hooks_without_error(login, world, plan_data, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    """Submitting sends a receipt once the transaction commits (programme.notifications.messages)."""
    client = login(world.a_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PLAN_URL, plan_data(action="submit"))
    assert response.status_code == 302
    assert plan_of(world.a).status == "submitted"
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        participant.email for participant in world.a.participants.all()
    )

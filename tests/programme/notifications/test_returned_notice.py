"""When a facilitator returns a plan or report for changes, everyone taking
part for the organisation is emailed the comment and a link to the portal
page where they change it (programme/notifications/messages.py
send_returned_notice, queued by submissions.writing.return_for_changes)."""
import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from programme.enums import EmailKind, GoalProgress, ReflectionKind, Section
from programme.models import Reflection, SentEmail
from programme.notifications.messages import send_returned_notice
from programme.submissions.writing import (
    SubmissionRefused,
    final_report_for,
    plan_for,
    return_for_changes,
    save_plan,
    save_reflection,
    submit,
)
from tests.builders import FULL_PLAN, FULL_REPORT

LONDON = zoneinfo.ZoneInfo("Europe/London")


def submitted_plan(membership, user):
    plan = plan_for(membership)
    save_plan(plan=plan, data=FULL_PLAN, user=user, expected_version=plan.version)
    submit(submission=plan, user=user, expected_version=plan.version, notify=False)
    return plan


def returned(submission, facilitator, capture, comment="Say how many young people the goal is for."):
    with capture(execute=True):
        return_for_changes(submission=submission, user=facilitator, comment=comment)
    return submission


def test_everyone_taking_part_for_the_organisation_is_told(world, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(world.a, world.a_user)

    returned(plan, world.facilitator, django_capture_on_commit_callbacks)

    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        [world.a_participant.email, world.a_participant2.email])
    assert {message.subject for message in mailoutbox} == {"Your one-page plan was returned for changes"}
    assert SentEmail.objects.filter(kind=EmailKind.RETURNED, cohort=world.cohort).count() == 2


def test_the_email_carries_the_comment_the_deadline_and_a_link_to_the_plan(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://peer.example.org"
    world.facilitator.first_name, world.facilitator.last_name = "Fiona", "Facilitator"
    world.facilitator.email = "fiona@forum.example.org"
    world.facilitator.save()
    world.cohort.plan_deadline = datetime.datetime(2099, 3, 12, 17, 0, tzinfo=LONDON)
    world.cohort.save()
    plan = submitted_plan(world.a, world.a_user)

    returned(plan, world.facilitator, django_capture_on_commit_callbacks,
             comment="Say how many <b>young people</b> & which teams.")

    message = next(m for m in mailoutbox if m.to == [world.a_participant.email])
    body = message.body
    assert body.startswith("Hello Alice,\n")
    assert f"Fiona Facilitator returned {world.a.organisation.name}'s one-page plan for" in body
    assert "What they asked you to change:\nSay how many young people & which teams.\n" in body
    assert "submit it again by 5pm on Thursday 12 March 2099 (UK time)" in body
    assert "Change it in the portal: https://peer.example.org/portal/plan/\n" in body
    assert "<b>" not in body and "&amp;" not in body
    assert message.reply_to == ["fiona@forum.example.org"]


def test_a_returned_report_links_to_the_report_page(world, mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://peer.example.org"
    report = final_report_for(world.a)
    save_reflection(reflection=report, sections=FULL_REPORT, user=world.a_user, expected_version=report.version,
                    goal_progress=GoalProgress.GOOD)
    submit(submission=report, user=world.a_user, expected_version=report.version, notify=False)

    returned(report, world.facilitator, django_capture_on_commit_callbacks)

    assert mailoutbox[0].subject == "Your one-page report was returned for changes"
    assert "Change it in the portal: https://peer.example.org/portal/report/\n" in mailoutbox[0].body


def test_a_returned_check_in_links_to_that_check_in(world, mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://peer.example.org"
    check_in = Reflection.objects.create(membership=world.a, kind=ReflectionKind.CHECK_IN)
    save_reflection(reflection=check_in, sections={Section.PROGRESS: ["Met HR"]}, user=world.a_user,
                    expected_version=check_in.version)
    submit(submission=check_in, user=world.a_user, expected_version=check_in.version, notify=False)

    returned(check_in, world.facilitator, django_capture_on_commit_callbacks)

    assert f"https://peer.example.org/portal/check-ins/{check_in.pk}/\n" in mailoutbox[0].body


def test_returning_after_the_deadline_gives_the_organisations_own_deadline(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    plan = submitted_plan(world.a, world.a_user)
    world.cohort.plan_deadline = datetime.datetime(2021, 3, 12, 17, 0, tzinfo=LONDON)
    world.cohort.save()
    reopen = timezone.localdate() + datetime.timedelta(days=7)

    with django_capture_on_commit_callbacks(execute=True):
        return_for_changes(submission=plan, user=world.facilitator, comment="Say more.", reopen_until=reopen)

    assert f"submit it again by 11:59pm on {reopen:%A} {reopen.day} {reopen:%B %Y} (UK time)" in mailoutbox[0].body
    assert "has passed" not in mailoutbox[0].body


def test_other_organisations_are_not_told(world, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(world.a, world.a_user)

    returned(plan, world.facilitator, django_capture_on_commit_callbacks)

    assert world.b_participant.email not in [address for message in mailoutbox for address in message.to]


def test_each_return_is_told_once(world, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(world.a, world.a_user)
    returned(plan, world.facilitator, django_capture_on_commit_callbacks)

    assert send_returned_notice(submission=plan, user=world.facilitator) == 0
    assert len(mailoutbox) == 2


def test_a_second_return_after_resubmitting_is_told_again(world, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(world.a, world.a_user)
    returned(plan, world.facilitator, django_capture_on_commit_callbacks)
    submit(submission=plan, user=world.a_user, expected_version=plan.version, notify=False)

    returned(plan, world.facilitator, django_capture_on_commit_callbacks, comment="Now the team, please.")

    assert len(mailoutbox) == 4
    assert "Now the team, please." in mailoutbox[-1].body


def test_a_refused_return_tells_nobody(world, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(world.a, world.a_user)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SubmissionRefused):
        return_for_changes(submission=plan, user=world.facilitator, comment="   ")

    assert mailoutbox == []


def test_the_return_screen_sends_the_notice(world, login, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(world.a, world.a_user)
    client = login(world.facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programme_admin:plan_detail", args=[plan.pk]),
                               {"comment": "Add the team's roles."})

    assert response.status_code == 302
    assert len(mailoutbox) == 2
    assert "Add the team's roles." in mailoutbox[0].body

"""Receipts when a plan or report is submitted, and reminders before plans and
reports are due: who gets them, what they say, and that each goes once."""
import datetime
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programme.enums import (
    EmailKind,
    GoalCategory,
    GoalProgress,
    MembershipStatus,
    Section,
    SubmissionStatus,
)
from programme.models import Membership, Organisation, Participant, SentEmail
from programme.notifications.messages import send_deadline_reminders, send_submission_receipt
from programme.submissions.writing import (
    final_report_for,
    plan_for,
    return_for_changes,
    save_plan,
    save_reflection,
    submit,
)
from tests.factories import CohortFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2021, 3, 1, 10, 0, tzinfo=LONDON)

FULL_PLAN = {
    "issue": "Few care leavers get jobs <b>with us</b> &amp; partners.",
    "goal": "<p>Ten apprenticeships.</p><p>Five work placements.</p>",
    "goal_category": GoalCategory.INTERNAL.value,
    "success": "Ten care leavers start; a < b",
    "first_actions": "",
    "team": "Leaving care, HR.",
}
FULL_REPORT = {
    Section.PROGRESS: ["Ring-fenced five apprenticeships."],
    Section.CHALLENGES: ["Covid restrictions.", "Staff turnover."],
    Section.ENABLERS: ["Senior manager <em>support</em>."],
    Section.NEXT: ["Extend to the NHS trust."],
}


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def emails_of(participants):
    return sorted(p.email for p in participants)


def people_of(programme, membership):
    return [p for p in programme.participants if p.membership_id == membership.pk]


def submitted_plan(membership, user, capture, *, data=FULL_PLAN, now=None):
    plan = plan_for(membership)
    save_plan(plan=plan, data=data, user=user, expected_version=plan.version)
    with capture(execute=True):
        submit(submission=plan, user=user, expected_version=plan.version, now=now)
    return plan


def submitted_report(membership, user, capture):
    report = final_report_for(membership)
    save_reflection(reflection=report, sections=FULL_REPORT, user=user, expected_version=report.version,
                    goal_progress=GoalProgress.GOOD)
    with capture(execute=True):
        submit(submission=report, user=user, expected_version=report.version)
    return report


# --------------------------------------------------------------------------- receipts


def test_submit_sends_receipt_to_each_participant_of_the_organisation(
    programme_x, writer, mailoutbox, django_capture_on_commit_callbacks
):
    membership = programme_x.memberships[0]

    submitted_plan(membership, writer, django_capture_on_commit_callbacks)

    assert recipients(mailoutbox) == emails_of(people_of(programme_x, membership))
    assert {m.subject for m in mailoutbox} == {"Your one-page plan was submitted"}
    assert SentEmail.objects.filter(kind=EmailKind.RECEIPT, cohort=programme_x.cohort).count() == 2


def test_receipt_says_who_submitted_when_in_uk_time_and_copies_the_plan_as_plain_text(
    programme_x, writer, mailoutbox, django_capture_on_commit_callbacks
):
    membership = programme_x.memberships[0]
    summer = datetime.datetime(2021, 6, 15, 13, 5, tzinfo=datetime.UTC)  # 2:05pm in London

    plan = submitted_plan(membership, writer, django_capture_on_commit_callbacks, now=summer)

    body = mailoutbox[0].body
    assert f"{membership.organisation.name}'s one-page plan for Programme X (Cohort X)" in body
    assert "was submitted by Sam Writer on Tuesday 15 June 2021, 2:05pm (UK time)" in body
    assert "The issue\nFew care leavers get jobs with us & partners.\n" in body
    assert "The goal\nTen apprenticeships.\nFive work placements.\n" in body
    assert "Goal category\nInternal / LA as employer or corporate parent\n" in body
    assert "What success looks like\nTen care leavers start; a < b\n" in body
    assert "First actions\n(left blank)\n" in body
    assert "<" not in body.replace("a < b", "")
    assert "&lt;" not in body and "&amp;" not in body
    assert SentEmail.objects.filter(key=f"receipt:plan:{plan.pk}:v{plan.version}:{people_of(programme_x, membership)[0].pk}").exists()


def test_receipt_for_a_report_lists_statements_by_section(
    programme_x, writer, mailoutbox, django_capture_on_commit_callbacks
):
    submitted_report(programme_x.memberships[1], writer, django_capture_on_commit_callbacks)

    message = mailoutbox[0]
    assert message.subject == "Your one-page report was submitted"
    assert (
        "Progress made\n- Ring-fenced five apprenticeships.\n\n"
        "Challenges faced\n- Covid restrictions.\n- Staff turnover.\n\n"
        "What enabled progress?\n- Senior manager support.\n\n"
        "What's next?\n- Extend to the NHS trust.\n"
    ) in message.body


def test_receipt_sent_again_sends_nothing(programme_x, writer, mailoutbox, django_capture_on_commit_callbacks):
    plan = submitted_plan(programme_x.memberships[0], writer, django_capture_on_commit_callbacks)

    assert send_submission_receipt(submission=plan, user=writer) == 0
    assert len(mailoutbox) == 2


def test_receipt_sent_again_for_each_new_submitted_version(
    programme_x, writer, mailoutbox, django_capture_on_commit_callbacks
):
    plan = submitted_plan(programme_x.memberships[0], writer, django_capture_on_commit_callbacks)
    return_for_changes(submission=plan, user=programme_x.facilitator, comment="Say who is in the team.")
    save_plan(plan=plan, data={**FULL_PLAN, "team": "Leaving care, HR, Virtual School."}, user=writer,
              expected_version=plan.version)

    with django_capture_on_commit_callbacks(execute=True):
        submit(submission=plan, user=writer, expected_version=plan.version)

    assert len(mailoutbox) == 4
    assert "Leaving care, HR, Virtual School." in mailoutbox[-1].body
    assert SentEmail.objects.filter(kind=EmailKind.RECEIPT).count() == 4


def test_receipt_not_sent_when_submit_is_refused(programme_x, writer, mailoutbox, django_capture_on_commit_callbacks):
    plan = plan_for(programme_x.memberships[0])

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="Describe the issue"):
        submit(submission=plan, user=writer, expected_version=plan.version)

    assert mailoutbox == []


# --------------------------------------------------------------------------- deadline reminders


@pytest.fixture
def due_soon(programme_x, writer, django_capture_on_commit_callbacks):
    """Plans of cohort X due in three days: organisation 0 submitted its plan,
    1 saved a draft, 2 has not started."""
    cohort = programme_x.cohort
    cohort.plan_deadline = NOW + datetime.timedelta(days=3)
    cohort.save()
    first, second, _ = programme_x.memberships
    submitted_plan(first, writer, django_capture_on_commit_callbacks, now=NOW)
    draft = plan_for(second)
    save_plan(plan=draft, data={"issue": "Jobs"}, user=writer, expected_version=draft.version)
    SentEmail.objects.all().delete()
    return programme_x


def test_deadline_reminders_go_to_organisations_that_have_not_submitted(due_soon, mailoutbox):
    _, second, third = due_soon.memberships
    mailoutbox.clear()

    sent = send_deadline_reminders(now=NOW)

    assert sent == 4
    assert recipients(mailoutbox) == emails_of(people_of(due_soon, second) + people_of(due_soon, third))
    assert {m.subject for m in mailoutbox} == {
        "Reminder: your one-page plan is due by 10am on Thursday 4 March 2021"
    }
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "A draft has been saved, but it has not been submitted yet." in bodies[people_of(due_soon, second)[0].email]
    assert "Nobody has started it yet." in bodies[people_of(due_soon, third)[0].email]
    assert SentEmail.objects.filter(kind=EmailKind.DEADLINE).count() == 4


def test_deadline_reminders_twice_send_nothing_new(due_soon, mailoutbox):
    mailoutbox.clear()

    assert send_deadline_reminders(now=NOW) == 4
    assert send_deadline_reminders(now=NOW + datetime.timedelta(days=1)) == 0
    assert len(mailoutbox) == 4


def test_deadline_reminders_key_by_organisation_deadline_and_person(due_soon, mailoutbox):
    third = due_soon.memberships[2]
    deadline = due_soon.cohort.plan_deadline

    send_deadline_reminders(now=NOW)

    person = people_of(due_soon, third)[0]
    assert SentEmail.objects.filter(key=f"deadline:plan:{third.pk}:{deadline.isoformat()}:{person.pk}").exists()


def test_deadline_reminders_again_when_the_deadline_moves(due_soon, mailoutbox):
    send_deadline_reminders(now=NOW)
    due_soon.cohort.plan_deadline = NOW + datetime.timedelta(days=5)
    due_soon.cohort.save()

    assert send_deadline_reminders(now=NOW) == 4


def test_deadline_reminders_to_returned_plan_quote_the_comment(due_soon, mailoutbox):
    first = due_soon.memberships[0]
    return_for_changes(submission=plan_for(first), user=due_soon.facilitator,
                       comment="Make the goal <b>measurable</b> & dated.", now=NOW)
    mailoutbox.clear()

    send_deadline_reminders(now=NOW)

    body = next(m.body for m in mailoutbox if m.to[0] == people_of(due_soon, first)[0].email)
    assert "It was returned for changes and has not been submitted again yet." in body
    assert "What your facilitator asked you to change:\nMake the goal measurable & dated." in body


@pytest.mark.parametrize("days", [-1, 8])
def test_deadline_reminders_none_outside_the_week_before(due_soon, mailoutbox, days):
    due_soon.cohort.plan_deadline = NOW + datetime.timedelta(days=days)
    due_soon.cohort.save()
    mailoutbox.clear()

    assert send_deadline_reminders(now=NOW) == 0
    assert mailoutbox == []


def test_deadline_reminders_skip_organisations_not_accepted(due_soon, mailoutbox):
    third = due_soon.memberships[2]
    Membership.objects.filter(pk=third.pk).update(status=MembershipStatus.WITHDRAWN)
    mailoutbox.clear()

    send_deadline_reminders(now=NOW)

    assert recipients(mailoutbox) == emails_of(people_of(due_soon, due_soon.memberships[1]))


def test_deadline_reminders_for_reports_skip_submitted_reports(
    programme_x, writer, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = programme_x.cohort
    cohort.report_deadline = timezone.now() + datetime.timedelta(days=2)
    cohort.save()
    first, second, third = programme_x.memberships
    submitted_report(first, writer, django_capture_on_commit_callbacks)
    submitted_plan(second, writer, django_capture_on_commit_callbacks)  # a plan is not a report
    mailoutbox.clear()

    assert send_deadline_reminders() == 4
    assert recipients(mailoutbox) == emails_of(people_of(programme_x, second) + people_of(programme_x, third))
    assert all(m.subject.startswith("Reminder: your one-page report is due by") for m in mailoutbox)


def add_cohort(label, *, organisations, deadline, people=2):
    cohort = CohortFactory(name=f"Cohort {label}", plan_deadline=deadline, report_deadline=deadline)
    created = Organisation.objects.bulk_create(
        Organisation(name=f"{label} council {n}", slug=f"{label.lower()}-council-{n}") for n in range(organisations)
    )
    memberships = Membership.objects.bulk_create(
        Membership(cohort=cohort, organisation=organisation, status=MembershipStatus.ACCEPTED)
        for organisation in created
    )
    Participant.objects.bulk_create(
        Participant(membership=m, name=f"Person {m.pk}-{j}", email=f"p{j}@{m.organisation.slug}.example.org")
        for m in memberships for j in range(people)
    )
    return cohort


def count_reminder_queries(now):
    with CaptureQueriesContext(connection) as queries:
        sent = send_deadline_reminders(now=now)
    return sent, len(queries)


def test_deadline_reminder_queries_do_not_grow_with_cohorts_and_organisations(db, writer, tasks_queued_only):
    add_cohort("One", organisations=1, deadline=NOW + datetime.timedelta(days=2))
    one_sent, one_queries = count_reminder_queries(NOW)

    # Kept under one INSERT batch on SQLite (bulk_create splits at 999
    # parameters): that batching is the database's, not per row.
    later = NOW + datetime.timedelta(days=60)
    for n in range(3):
        cohort = add_cohort(f"Many{n}", organisations=10, people=1,
                            deadline=later + datetime.timedelta(days=2, hours=n))
    plan = plan_for(cohort.memberships.first())  # one draft, one returned report among them
    save_plan(plan=plan, data={"issue": "Jobs"}, user=writer, expected_version=plan.version)
    report = final_report_for(cohort.memberships.last())
    report.status = SubmissionStatus.RETURNED
    report.save()
    many_sent, many_queries = count_reminder_queries(later)

    assert (one_sent, many_sent) == (4, 3 * 10 * 2)  # a plan and a report reminder each
    assert many_queries == one_queries


def test_send_deadline_reminders_command_reports_count_and_is_idempotent(programme_x, mailoutbox):
    cohort = programme_x.cohort
    cohort.plan_deadline = timezone.now() + datetime.timedelta(days=6)
    cohort.save()
    out = io.StringIO()

    call_command("send_deadline_reminders", stdout=out)
    call_command("send_deadline_reminders", stdout=out)

    assert out.getvalue() == "Sent 6 deadline reminders.\nSent 0 deadline reminders.\n"
    assert len(mailoutbox) == 6

"""Invitations, session reminders and follow-up resources: who gets them, what
they say, and that nothing is ever sent twice."""
import datetime
import io
import zoneinfo

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programme.enums import EmailKind, EmailStatus, MembershipStatus, SessionStatus
from programme.models import Presentation, SentEmail
from programme.notifications.delivery import retry_stale_emails
from programme.notifications.messages import (
    format_session_time,
    send_follow_up,
    send_session_reminders,
)
from resources.models import ResourcePage
from tests.factories import (
    MembershipFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    add_resource,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2021, 3, 1, 10, 0, tzinfo=LONDON)  # a Monday


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def schedule(session, starts_at, *, hours=3, **fields):
    session.starts_at = starts_at
    session.ends_at = starts_at + datetime.timedelta(hours=hours)
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    return session


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def emails_of(participants):
    return sorted(p.email for p in participants)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


# --- formatting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "hours", "expected"),
    [
        (datetime.datetime(2021, 3, 2, 9, 30), 3, "Tuesday 2 March 2021, 9:30am–12:30pm"),
        (datetime.datetime(2021, 6, 15, 10, 0), 2, "Tuesday 15 June 2021, 10am–midday"),
        (datetime.datetime(2021, 11, 2, 13, 0), 1.5, "Tuesday 2 November 2021, 1pm–2:30pm"),
    ],
)
def test_format_session_time_in_uk_time(starts, hours, expected):
    session = ProgrammeSessionFactory.build(
        starts_at=starts.replace(tzinfo=LONDON),
        ends_at=starts.replace(tzinfo=LONDON) + datetime.timedelta(hours=hours),
    )

    assert format_session_time(session) == expected


def test_format_session_time_from_utc_value_in_summer():
    starts = datetime.datetime(2021, 6, 15, 8, 30, tzinfo=datetime.UTC)
    session = ProgrammeSessionFactory.build(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3))

    assert format_session_time(session) == "Tuesday 15 June 2021, 9:30am–12:30pm"


# --- reminders ------------------------------------------------------------------


@pytest.fixture
def x(programme_x):
    """Programme X: workshop 1 on Tuesday 2 March 2021 (within the cohort's
    2 reminder days of NOW), workshop 2 a week later (outside)."""
    soon, later = programme_x.sessions
    schedule(soon, london(2021, 3, 2, 9, 30), agenda="Introductions\nCase study: Y Council")
    schedule(later, london(2021, 3, 9, 9, 30))
    programme_x.soon, programme_x.later = soon, later
    return programme_x


def test_reminders_go_to_accepted_participants_of_sessions_in_the_window(x, mailoutbox):
    sent = send_session_reminders(now=NOW)

    assert sent == 6
    assert recipients(mailoutbox) == emails_of(x.participants)
    assert {row.key for row in SentEmail.objects.all()} == {
        f"reminder:{x.soon.pk}:{p.pk}" for p in x.participants
    }
    assert {row.kind for row in SentEmail.objects.all()} == {EmailKind.REMINDER}


def test_reminder_says_when_where_and_how_to_add_it(x, mailoutbox):
    send_session_reminders(now=NOW)

    message = next(m for m in mailoutbox if m.to == [x.participants[0].email])
    assert message.subject == f"Reminder: {x.soon.title}, Tuesday 2 March 2021, 9:30am–12:30pm"
    assert "Tuesday 2 March 2021, 9:30am–12:30pm" in message.body
    assert "Join online: https://meet.example.org/room" in message.body
    assert "Introductions\nCase study: Y Council" in message.body
    assert f"http://testserver/calendar/session/{x.soon.pk}.ics" in message.body
    assert f"Hello {x.participants[0].name}," in message.body
    assert SentEmail.objects.get(key=f"reminder:{x.soon.pk}:{x.participants[0].pk}").body == message.body


def test_reminder_for_session_in_person_gives_the_place(x, mailoutbox):
    schedule(x.soon, x.soon.starts_at, online=False, join_url="", location="Town Hall, Room 2")

    send_session_reminders(now=NOW)

    assert "Where: Town Hall, Room 2" in mailoutbox[0].body
    assert "meet.example.org" not in mailoutbox[0].body


def test_reminders_skip_withdrawn_and_invited_memberships(x, mailoutbox):
    x.memberships[0].status = MembershipStatus.WITHDRAWN
    x.memberships[0].save()
    invited = MembershipFactory(cohort=x.cohort, status=MembershipStatus.INVITED)
    ParticipantFactory(membership=invited)

    send_session_reminders(now=NOW)

    expected = [p for p in x.participants if p.membership_id != x.memberships[0].pk]
    assert recipients(mailoutbox) == emails_of(expected)


def test_reminders_none_for_cancelled_session(x, mailoutbox):
    x.soon.status = SessionStatus.CANCELLED
    x.soon.save()

    assert send_session_reminders(now=NOW) == 0
    assert mailoutbox == []


def test_reminders_none_for_sessions_outside_the_window(x, mailoutbox):
    too_early = NOW - datetime.timedelta(days=3)  # the soon session is 4 days ahead
    started = london(2021, 3, 2, 10, 0)  # the soon session began at 9:30

    assert send_session_reminders(now=too_early) == 0
    assert send_session_reminders(now=started) == 0
    assert mailoutbox == []


def test_reminders_follow_each_cohorts_own_number_of_days(x, programme_y, mailoutbox):
    programme_y.cohort.reminder_days_before = 10
    programme_y.cohort.save()
    y_session, y_other = programme_y.sessions
    schedule(y_session, london(2021, 3, 9, 14, 0))  # 8 days ahead: inside Y's 10 days
    schedule(y_other, london(2021, 4, 9, 14, 0))
    x.cohort.reminder_days_before = 0  # X has reminders off
    x.cohort.save()

    send_session_reminders(now=NOW)

    assert recipients(mailoutbox) == emails_of(programme_y.participants)


def test_reminders_twice_send_nothing_new(x, mailoutbox):
    first = send_session_reminders(now=NOW)
    outbox_after_first = len(mailoutbox)

    second = send_session_reminders(now=NOW + datetime.timedelta(hours=1))

    assert (first, second) == (6, 0)
    assert len(mailoutbox) == outbox_after_first == 6
    keys = list(SentEmail.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 6


def test_reminders_reach_a_participant_added_later_once(x, mailoutbox):
    send_session_reminders(now=NOW)
    newcomer = ParticipantFactory(membership=x.memberships[1])

    assert send_session_reminders(now=NOW) == 1
    assert mailoutbox[-1].to == [newcomer.email]


def test_reminders_refused_by_mail_server_stay_queued_and_go_on_retry(x, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.programme.notifications.test_messages.RefusingBackend"

    assert send_session_reminders(now=NOW) == 6
    assert mailoutbox == []
    waiting = SentEmail.objects.all()
    assert {(e.status, e.attempts) for e in waiting} == {(EmailStatus.QUEUED, 1)}
    assert {e.last_error for e in waiting} == {"ConnectionRefusedError: mail server down"}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_session_reminders(now=NOW) == 0  # once-only: nothing queued twice
    assert retry_stale_emails(now=timezone.now() + datetime.timedelta(minutes=2)) == 6
    assert len(mailoutbox) == 6
    assert set(SentEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


def count_reminder_queries(now):
    with CaptureQueriesContext(connection) as queries:
        sent = send_session_reminders(now=now)
    return sent, len(queries)


def test_reminder_queries_do_not_grow_with_sessions(programme_x, programme_y, tasks_queued_only):
    # One session in the window, for cohort X's 6 participants.
    first, *rest = programme_x.sessions + programme_y.sessions
    for session in rest:
        schedule(session, london(2022, 1, 1, 9, 30))
    schedule(first, london(2021, 3, 2, 9, 30))
    one_sent, one_queries = count_reminder_queries(NOW)

    # Ten sessions across both cohorts in another window, for 12 people.
    start = london(2021, 6, 1, 9, 0)
    for n in range(10):
        cohort = (programme_x if n % 2 else programme_y).cohort
        ProgrammeSessionFactory(cohort=cohort, starts_at=start + datetime.timedelta(hours=3 * n))
    ten_sent, ten_queries = count_reminder_queries(start - datetime.timedelta(hours=1))

    assert (one_sent, ten_sent) == (6, 60)
    assert ten_queries == one_queries


def test_send_session_reminders_command_reports_count_and_is_idempotent(x, mailoutbox):
    schedule(x.soon, timezone.now() + datetime.timedelta(days=1))
    schedule(x.later, timezone.now() + datetime.timedelta(days=20))
    out = io.StringIO()

    call_command("send_session_reminders", stdout=out)
    call_command("send_session_reminders", stdout=out)

    assert out.getvalue() == "Sent 6 session reminders.\nSent 0 session reminders.\n"
    assert len(mailoutbox) == 6


# --- follow-up resources -----------------------------------------------------


@pytest.fixture
def held(x, resource_index):
    """Workshop 1 has been held; its two presentations shared resources."""
    session = schedule(x.soon, london(2021, 3, 2, 9, 30), status=SessionStatus.HELD)
    toolkit = add_resource(resource_index, title="Work experience toolkit",
                           link_url="https://example.org/toolkit")
    guide = add_resource(resource_index, title="Ring-fenced jobs guide",
                         link_url="https://example.org/ring-fenced")
    draft = add_draft_resource(resource_index, title="Unpublished notes")
    first = Presentation.objects.create(session=session, topic="Work experience", presenters="A. Smith")
    first.follow_up_resources.add(toolkit, draft)
    second = Presentation.objects.create(
        session=session, topic="Ring-fenced jobs", presenters="B. Jones", sort_order=1
    )
    second.follow_up_resources.add(guide)
    x.held, x.toolkit, x.guide, x.draft = session, toolkit, guide, draft
    return x


def add_draft_resource(index, *, title):
    page = ResourcePage(title=title, description="Not ready.", link_url="https://example.org/draft", live=False)
    index.add_child(instance=page)
    return page


def test_follow_up_lists_each_presentations_resources(held, mailoutbox):
    sent = send_follow_up(session=held.held, now=NOW + datetime.timedelta(days=2))

    assert sent == 6
    assert recipients(mailoutbox) == emails_of(held.participants)
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == f"Follow-up resources from {held.held.title}"
    assert "Work experience – A. Smith" in body
    assert "Ring-fenced jobs – B. Jones" in body
    for page in (held.toolkit, held.guide):
        assert f"- {page.title}" in body
        # From the site's real root (settings), not the Site record's "localhost".
        assert f"http://testserver{page.url}" in body
        assert "localhost" not in body
        assert f"Go to the resource: {page.link_url}" in body
    assert body.index("Work experience toolkit") < body.index("Ring-fenced jobs guide")


def test_follow_up_leaves_out_unpublished_resources(held, mailoutbox):
    send_follow_up(session=held.held, now=NOW + datetime.timedelta(days=2))

    assert "Unpublished notes" not in mailoutbox[0].body


def test_follow_up_twice_sends_nothing_new(held, mailoutbox):
    later = NOW + datetime.timedelta(days=2)

    assert send_follow_up(session=held.held, now=later) == 6
    assert send_follow_up(session=held.held, now=later) == 0
    assert len(mailoutbox) == 6
    assert set(SentEmail.objects.values_list("key", flat=True)) == {
        f"follow-up:{held.held.pk}:{p.pk}" for p in held.participants
    }


def test_follow_up_without_resources_sends_nothing(x, mailoutbox):
    Presentation.objects.create(session=x.soon, topic="Nothing shared", presenters="C. Patel")

    assert send_follow_up(session=x.soon, now=NOW + datetime.timedelta(days=2)) == 0
    assert mailoutbox == []


def test_follow_up_before_session_ends_is_refused(held, mailoutbox):
    with pytest.raises(ValueError, match="has not finished yet"):
        send_follow_up(session=held.held, now=london(2021, 3, 2, 11, 0))
    assert mailoutbox == []


def test_send_follow_up_command(held, mailoutbox):
    out = io.StringIO()

    call_command("send_follow_up", "--session", str(held.held.pk), stdout=out)

    assert out.getvalue() == f"Sent 6 follow-up emails for “{held.held.title}”.\n"
    assert len(mailoutbox) == 6


def test_send_follow_up_command_unknown_session(db):
    with pytest.raises(CommandError, match="no session with id 999999"):
        call_command("send_follow_up", "--session", "999999")


def test_send_follow_up_command_future_session(held, mailoutbox):
    schedule(held.held, timezone.now() + datetime.timedelta(days=3))

    with pytest.raises(CommandError, match="has not finished yet"):
        call_command("send_follow_up", "--session", str(held.held.pk))
    assert mailoutbox == []



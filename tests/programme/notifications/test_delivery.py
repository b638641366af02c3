"""Email leaves the request (programme.notifications.delivery): queued once
under its key, delivered by a task, marked sent only after the mail server
took it, tried again when it refused or when a worker stopped mid-send."""
import datetime

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from programme.enums import EmailKind, EmailStatus, SubmissionStatus
from programme.models import SentEmail
from programme.notifications.delivery import (
    MAX_ATTEMPTS,
    STALE_AFTER,
    Outgoing,
    deliver,
    queue,
    retry_stale_emails,
)

OPENED = []


class RecordingBackend(BaseEmailBackend):
    """Remembers how it was opened (the timeout) and keeps what it sends."""

    sent = []

    def __init__(self, *args, timeout=None, **kwargs):
        super().__init__(*args, **kwargs)
        OPENED.append({"timeout": timeout})

    def send_messages(self, messages):
        RecordingBackend.sent.extend(messages)
        return len(messages)


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def outgoing(cohort, n=1, *, kind=EmailKind.REMINDER):
    return [
        Outgoing(cohort=cohort, kind=kind, key=f"test:{cohort.pk}:{i}", to=f"person{i}@council.example.org",
                 subject=f"Message {i}", body="Hello.\n")
        for i in range(n)
    ]


@pytest.fixture
def database_tasks(settings):
    """Production's tasks backend: the task is stored, and runs only when a worker takes it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


# Committed for real: the worker takes its tasks in a transaction of its own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submitting_a_plan_does_not_wait_for_the_mail_server(world, login, plan_data, mailoutbox, database_tasks):
    response = login(world.a_user).post(reverse("portal:plan"), plan_data(action="submit"))

    assert response.status_code == 302
    assert world.a.plan.status == SubmissionStatus.SUBMITTED
    # Answered before anything was sent: the receipts wait in the queue.
    assert mailoutbox == []
    receipts = SentEmail.objects.filter(kind=EmailKind.RECEIPT)
    assert {(r.to, r.status) for r in receipts} == {
        (world.a_participant.email, EmailStatus.QUEUED), (world.a_participant2.email, EmailStatus.QUEUED),
    }
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [world.a_participant.email, world.a_participant2.email]
    )
    assert set(receipts.values_list("status", flat=True)) == {EmailStatus.SENT}


def test_queueing_the_same_key_twice_sends_once(programme_x, mailoutbox):
    cohort = programme_x.cohort
    assert queue(outgoing(cohort, 3)) == 3
    assert queue(outgoing(cohort, 3)) == 0
    assert len(mailoutbox) == 3
    assert SentEmail.objects.count() == 3


def test_the_mail_server_is_given_the_timeout(programme_x, settings):
    settings.EMAIL_BACKEND = "tests.programme.notifications.test_delivery.RecordingBackend"
    settings.EMAIL_TIMEOUT = 7
    OPENED.clear()

    queue(outgoing(programme_x.cohort))

    assert OPENED == [{"timeout": 7}]


def test_a_message_refused_too_often_is_marked_failed(programme_x, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.programme.notifications.test_delivery.RefusingBackend"
    queue(outgoing(programme_x.cohort))
    email = SentEmail.objects.get()
    later = timezone.now()
    for _attempt in range(MAX_ATTEMPTS - 1):
        later += datetime.timedelta(hours=3)
        deliver([email.pk], now=later)
    email.refresh_from_db()

    assert (email.status, email.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)
    assert email.last_error == "ConnectionRefusedError: mail server down"
    # A failed message is left for a person to look at: no more retries.
    assert retry_stale_emails(now=later + datetime.timedelta(hours=3)) == 0
    assert mailoutbox == []


def test_a_message_left_half_sent_by_a_stopped_worker_is_sent_again(programme_x, mailoutbox, tasks_queued_only):
    queue(outgoing(programme_x.cohort, 2))
    stopped, busy = SentEmail.objects.order_by("pk")
    now = timezone.now()
    # One was claimed by a worker that was killed long ago; another worker is sending the other now.
    SentEmail.objects.filter(pk=stopped.pk).update(status=EmailStatus.SENDING, claimed_at=now - STALE_AFTER * 2)
    SentEmail.objects.filter(pk=busy.pk).update(status=EmailStatus.SENDING, claimed_at=now)

    assert deliver([stopped.pk, busy.pk], now=now) == 1

    assert [message.to[0] for message in mailoutbox] == [stopped.to]
    stopped.refresh_from_db()
    busy.refresh_from_db()
    assert (stopped.status, busy.status) == (EmailStatus.SENT, EmailStatus.SENDING)


def test_retry_hands_over_only_what_is_still_waiting(programme_x, mailoutbox, tasks_queued_only):
    queue(outgoing(programme_x.cohort, 3))
    waiting, stale, fresh = SentEmail.objects.order_by("pk")
    now = timezone.now()
    SentEmail.objects.filter(pk=stale.pk).update(status=EmailStatus.SENDING, claimed_at=now - STALE_AFTER * 2)
    SentEmail.objects.filter(pk=fresh.pk).update(status=EmailStatus.SENT, sent_at=now)

    assert retry_stale_emails(now=now) == 2


def test_send_queued_emails_command_sends_what_waits(programme_x, mailoutbox, tasks_queued_only, settings):
    queue(outgoing(programme_x.cohort, 2))
    assert mailoutbox == []
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    call_command("send_queued_emails", stdout=open("/dev/null", "w"))

    assert len(mailoutbox) == 2


@pytest.mark.parametrize("count", [1, 20])
def test_delivery_queries_are_fixed_plus_one_mark_per_message(programme_x, count, tasks_queued_only):
    """Claiming is two queries however many messages; each message is marked
    sent as soon as the server took it, so that a stop loses nothing."""
    queue(outgoing(programme_x.cohort, count))
    ids = list(SentEmail.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert deliver(ids) == count
    assert len(queries) == 2 + count

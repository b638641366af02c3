"""Once-only email delivery, outside the request.

`queue(outgoing)` records each message in SentEmail under its unique key
(status "queued") and hands the new ones to the tasks backend. A key already
recorded is skipped, so running a reminder command twice, or two runs at
once, never sends anything twice. Recording happens in the caller's
transaction: if the change that caused the message is rolled back, so is the
message.

`deliver_emails` (a task) claims each queued message, sends it and only then
marks it sent. If the mail server refuses it, the message goes back to the
queue with the error noted, and is tried again later, up to MAX_ATTEMPTS
times, after which it is marked failed for a facilitator to see. A worker
killed mid-send leaves the message "sending"; `retry_stale_emails` (run by
`manage.py send_queued_emails` from the scheduler) takes it back after
STALE_AFTER. A message may then, rarely, arrive twice; it is never lost.

Development and tests use the immediate tasks backend (the task runs at once,
in the same process); production uses the database backend with
`manage.py db_worker`, so submitting a plan never waits for the mail server.

Plain text only: bodies are rendered from templates/programme/emails/*.txt
with autoescaping off (nothing here is HTML)."""
import datetime
import hashlib
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from programme.enums import EmailStatus
from programme.models import Cohort, SentEmail

logger = logging.getLogger(__name__)

KEY_MAX_LENGTH = SentEmail._meta.get_field("key").max_length
SUBJECT_MAX_LENGTH = SentEmail._meta.get_field("subject").max_length
ERROR_MAX_LENGTH = SentEmail._meta.get_field("last_error").max_length
MAX_ATTEMPTS = 5
STALE_AFTER = datetime.timedelta(minutes=15)
# Waits before the second, third… attempt.
BACKOFF = [datetime.timedelta(minutes=minutes) for minutes in (1, 5, 30, 120)]


@dataclass
class Outgoing:
    """A message about to be queued."""

    cohort: Cohort
    kind: str
    key: str
    to: str
    subject: str
    body: str
    reply_to: str = ""
    batch: str = ""  # the messages sent together from one screen (the cohort's message history)
    calendar: str = ""  # a calendar file (.ics text) to attach

    def __post_init__(self):
        # One line (a header), and short enough to record.
        self.subject = " ".join(self.subject.split())[:SUBJECT_MAX_LENGTH]
        self.key = make_key(self.key)
        self.to = (self.to or "").strip()

    def record(self):
        return SentEmail(
            cohort=self.cohort, kind=self.kind, key=self.key, to=self.to, reply_to=self.reply_to,
            subject=self.subject, body=self.body, status=EmailStatus.QUEUED, batch=self.batch,
            calendar=self.calendar,
        )


def make_key(key):
    """The key as given, or a digest of it if it would not fit the column."""
    if len(key) <= KEY_MAX_LENGTH:
        return key
    prefix = key.split(":", 1)[0]
    return f"{prefix}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def render_email(name, context):
    """A plain-text body from templates/programme/emails/<name>.txt, with
    trailing spaces and runs of blank lines taken out."""
    body = render_to_string(f"programme/emails/{name}.txt", {**context, "site_name": settings.WAGTAIL_SITE_NAME})
    body = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return re.sub(r"\n{3,}", "\n\n", body) + "\n"


# --------------------------------------------------------------------------- queueing


def queue(outgoing):
    """Record each message whose key is not yet recorded, and have them
    delivered. Returns how many were newly queued."""
    outgoing = [o for o in outgoing if o.to]
    outgoing = list({o.key: o for o in outgoing}.values())
    if not outgoing:
        return 0
    taken = set(SentEmail.objects.filter(key__in=[o.key for o in outgoing]).values_list("key", flat=True))
    fresh = [o for o in outgoing if o.key not in taken]
    if not fresh:
        return 0
    try:
        with transaction.atomic():
            SentEmail.objects.bulk_create([o.record() for o in fresh])
    except IntegrityError:
        # Another run recorded some of these since we looked: claim them one by one.
        fresh = [o for o in fresh if _record_one(o)]
    ids = list(SentEmail.objects.filter(key__in=[o.key for o in fresh]).values_list("pk", flat=True))
    if ids:
        deliver_emails.enqueue(email_ids=ids)
    return len(ids)


queue.alters_data = True


def _record_one(outgoing):
    try:
        with transaction.atomic():
            outgoing.record().save()
    except IntegrityError:
        return False
    return True


# --------------------------------------------------------------------------- delivering


def _claim(email_ids, *, now):
    """Mark as "sending" those of these messages nobody else is sending, and
    return them (two queries). A message claimed longer ago than STALE_AFTER
    was left by a worker that stopped: it may be claimed again. The claim is
    stamped with this call's time, which tells our rows from another worker's."""
    claimable = Q(status=EmailStatus.QUEUED) | Q(status=EmailStatus.SENDING, claimed_at__lt=now - STALE_AFTER)
    stamp = timezone.now()
    SentEmail.objects.filter(claimable, pk__in=email_ids).update(
        status=EmailStatus.SENDING, claimed_at=stamp, attempts=F("attempts") + 1
    )
    return list(
        SentEmail.objects.filter(pk__in=email_ids, status=EmailStatus.SENDING, claimed_at=stamp).order_by("pk")
    )


CALENDAR_FILENAME = "invitation.ics"


def _message(email, connection):
    message = EmailMessage(
        subject=email.subject, body=email.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None, connection=connection,
    )
    if email.calendar:
        message.attach(CALENDAR_FILENAME, email.calendar, "text/calendar")
    return message


@task()
def deliver_emails(email_ids):
    """Send these queued messages. Returns how many were sent."""
    return deliver(email_ids)


def deliver(email_ids, *, now=None):
    now = now or timezone.now()
    emails = _claim(email_ids, now=now)
    if not emails:
        return 0
    sent = 0
    failed = []
    try:
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
        connection.open()
    except Exception as error:  # the server is down: every message waits for the retry
        for email in emails:
            _failed(email, error, now=now)
        return 0
    try:
        for email in emails:
            try:
                _message(email, connection).send()
            except Exception as error:
                _failed(email, error, now=now)
                failed.append(email.pk)
                continue
            SentEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING).update(
                status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
            )
            sent += 1
    finally:
        connection.close()
    return sent


def _failed(email, error, *, now):
    """Back to the queue (or failed for good after MAX_ATTEMPTS), with the error."""
    logger.warning("Could not send the %s email %s (attempt %s): %s", email.kind, email.key, email.attempts, error)
    final = email.attempts >= MAX_ATTEMPTS
    SentEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
        claimed_at=None if final else now,
        last_error=f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH],
    )
    if not final and deliver_emails.get_backend().supports_defer:
        wait = BACKOFF[min(email.attempts, len(BACKOFF)) - 1]
        deliver_emails.using(run_after=now + wait).enqueue(email_ids=[email.pk])


def retry_stale_emails(*, now=None):
    """Queue again every message still waiting: refused earlier, or left
    "sending" by a worker that stopped. Returns how many were handed over."""
    now = now or timezone.now()
    waiting = SentEmail.objects.filter(
        Q(status=EmailStatus.QUEUED) | Q(status=EmailStatus.SENDING, claimed_at__lt=now - STALE_AFTER)
    ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - BACKOFF[0]))
    ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:1000])
    if ids:
        deliver_emails.enqueue(email_ids=ids)
    return len(ids)


retry_stale_emails.alters_data = True

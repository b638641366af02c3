"""Email to a group, sent by a facilitator from a screen: the follow-up
resources of a session, a session reminder sent now, a message to the
cohort. Before anything goes out the facilitator reads the exact text and
the list of recipients (`preview`) and confirms; what was sent is in the
cohort's message history (`history`), each send with its recipients.

Who gets it (`audience`): everyone, those who attended a session, those who
did not, or one organisation; always only people of the cohort's accepted
organisations, and, for a session, only those who had joined it by the time
it ended."""
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from programme.enums import AttendanceStatus, MembershipStatus
from programme.models import Attendance, Participant, SentEmail
from programme.notifications.delivery import queue

EVERYONE, ATTENDED, DID_NOT_ATTEND, ORGANISATION = "everyone", "attended", "did-not-attend", "organisation"
AUDIENCE_CHOICES = [
    (EVERYONE, "Everyone in the cohort"),
    (ATTENDED, "Those who attended the session"),
    (DID_NOT_ATTEND, "Those who did not attend (absent, sent apologies or not recorded)"),
    (ORGANISATION, "One organisation"),
]
HISTORY_LIMIT = 2000  # messages read for the history screen, newest first


def audience(*, cohort, who, session=None, organisation_id=None):
    """The participants a group email goes to."""
    people = Participant.objects.filter(
        membership__cohort=cohort, membership__status=MembershipStatus.ACCEPTED
    ).select_related("membership__organisation").order_by("membership__organisation__name", "name", "pk")
    if session is not None:
        people = people.filter(added_at__lte=session.ends_at)
        attended = Attendance.objects.filter(session=session, status=AttendanceStatus.ATTENDED).values(
            "participant_id"
        )
        if who == ATTENDED:
            people = people.filter(pk__in=attended)
        elif who == DID_NOT_ATTEND:
            people = people.exclude(pk__in=attended)
    if who == ORGANISATION:
        people = people.filter(membership__organisation_id=organisation_id)
    return list(people)


@dataclass
class Preview:
    """What the facilitator reads before confirming."""

    subject: str
    body: str
    recipients: list
    to: list  # the addresses, in the recipients' order

    @property
    def count(self):
        return len(self.recipients)


def preview(outgoing, participants):
    """The first message as its person would get it, and who gets one."""
    by_address = {o.to: o for o in outgoing}
    recipients = [p for p in participants if p.email in by_address]
    first = outgoing[0] if outgoing else None
    return Preview(subject=first.subject if first else "", body=first.body if first else "",
                   recipients=recipients, to=[p.email for p in recipients])


def new_batch():
    return uuid.uuid4().hex


def send(outgoing):
    """Queue the messages (once-only, as every email); how many were new."""
    return queue(outgoing)


@dataclass
class Sending:
    """One send in the cohort's history: one email to several people."""

    batch: str
    kind_label: str
    subject: str
    first_queued_at: object
    messages: list = field(default_factory=list)

    @property
    def sent(self):
        return sum(1 for m in self.messages if m.status == "sent")

    @property
    def waiting(self):
        return sum(1 for m in self.messages if m.status in ("queued", "sending"))

    @property
    def failed(self):
        return sum(1 for m in self.messages if m.status == "failed")


def history(*, cohort):
    """Every email of the cohort, newest first, grouped into sends: the
    messages sent together from a screen, or (for what the scheduler sends)
    the same kind and subject on the same day. One query."""
    rows = SentEmail.objects.filter(cohort=cohort).order_by("-queued_at", "-pk")[:HISTORY_LIMIT]
    sendings = OrderedDict()
    for row in rows:
        key = row.batch or f"{row.kind}:{row.subject}:{row.queued_at.date()}"
        sending = sendings.get(key)
        if sending is None:
            sending = sendings[key] = Sending(batch=key, kind_label=row.get_kind_display(), subject=row.subject,
                                               first_queued_at=row.queued_at)
        sending.messages.append(row)
        sending.first_queued_at = min(sending.first_queued_at, row.queued_at)
    return list(sendings.values())

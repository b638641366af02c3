"""Email the product sends: invitations, session reminders and follow-up
resources, through Django's mail API.

Every message is recorded in SentEmail under a unique `key` *before* it is
sent. A key that is already recorded is skipped, so running a command twice, or
two runs at once, never sends anything twice. If the mail server refuses a
message, its record is removed again so that a later run can retry it.

Plain text only: the bodies are rendered from templates/programme/emails/*.txt
with autoescaping off (nothing here is HTML)."""
import datetime
import hashlib
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from programme.calendar import LONDON, absolute_url, session_download_url
from programme.enums import (
    EmailKind,
    GoalCategory,
    MembershipStatus,
    ReflectionKind,
    Section,
    SessionStatus,
    SubmissionStatus,
)
from programme.models import (
    Cohort,
    Membership,
    OnePagePlan,
    Participant,
    ProgrammeSession,
    Reflection,
    SentEmail,
)
from programme.sanitise import plain_text
from resources.models import ResourcePage

logger = logging.getLogger(__name__)

KEY_MAX_LENGTH = SentEmail._meta.get_field("key").max_length
SUBJECT_MAX_LENGTH = SentEmail._meta.get_field("subject").max_length


# ---------------------------------------------------------------------------
# Dates and times, the GOV.UK way: "Tuesday 2 March 2021, 9:30am–12:30pm"


def format_clock(moment):
    if moment.minute == 0 and moment.hour == 12:
        return "midday"
    if moment.minute == 0 and moment.hour == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def format_day(moment):
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def format_session_time(session):
    """When a session happens, in UK time whatever the server's time zone."""
    start = session.starts_at.astimezone(LONDON)
    end = session.ends_at.astimezone(LONDON)
    if start.date() == end.date():
        return f"{format_day(start)}, {format_clock(start)}–{format_clock(end)}"
    return f"{format_day(start)}, {format_clock(start)} to {format_day(end)}, {format_clock(end)}"


# ---------------------------------------------------------------------------
# The three kinds of email


def send_invitation(*, membership, to, invited_by):
    """Invite an organisation to a cohort. True if sent now, False if this
    address was already invited to this membership. Raises if the mail server
    refuses it (and then forgets it, so it can be sent again)."""
    cohort = membership.cohort
    programme = cohort.programme
    inviter = invited_by.get_full_name() or invited_by.get_username()
    sessions = cohort.sessions.exclude(status=SessionStatus.CANCELLED).order_by("starts_at", "pk")
    body = _render("invitation", {
        "programme": programme,
        "cohort": cohort,
        "organisation": membership.organisation,
        "inviter": inviter,
        "sessions": [(session, format_session_time(session)) for session in sessions],
    })
    outgoing = Outgoing(
        cohort=cohort,
        kind=EmailKind.INVITATION,
        key=make_key(f"invite:{membership.pk}:{to.strip().lower()}"),
        to=to.strip(),
        subject=f"Invitation to {programme.title} ({cohort.name})",
        body=body,
        reply_to=[invited_by.email] if invited_by.email else [],
    )
    return _record_and_send([outgoing], raise_errors=True) == 1


def send_session_reminders(*, now=None):
    """Remind the accepted participants of every scheduled session that starts
    within its cohort's `reminder_days_before` days (0 turns reminders off for a
    cohort). Returns how many emails were sent. The same handful of queries
    however many sessions and participants there are."""
    now = now or timezone.now()
    longest = Cohort.objects.aggregate(days=Max("reminder_days_before"))["days"] or 0
    sessions = (
        ProgrammeSession.objects.filter(
            status=SessionStatus.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(days=longest),
        )
        .select_related("cohort__programme")
        .prefetch_related(*_accepted_participants_prefetch("cohort__"))
        .order_by("starts_at", "pk")
    )
    outgoing = []
    for session in sessions:
        cohort = session.cohort
        if session.starts_at > now + datetime.timedelta(days=cohort.reminder_days_before):
            continue
        when = format_session_time(session)
        ics_url = session_download_url(session=session)
        for membership in cohort.accepted_memberships:
            for participant in membership.participants.all():
                body = _render("session_reminder", {
                    "participant": participant,
                    "organisation": membership.organisation,
                    "session": session,
                    "cohort": cohort,
                    "programme": cohort.programme,
                    "when": when,
                    "ics_url": ics_url,
                })
                outgoing.append(Outgoing(
                    cohort=cohort,
                    kind=EmailKind.REMINDER,
                    key=make_key(f"reminder:{session.pk}:{participant.pk}"),
                    to=participant.email,
                    subject=f"Reminder: {session.title}, {when}",
                    body=body,
                ))
    return _record_and_send(outgoing)


def send_follow_up(*, session, now=None):
    """Send each accepted participant the follow-up resources of the session's
    presentations. Returns how many emails were sent: none for a cancelled
    session or one without (published) resources. Only after the session ends."""
    now = now or timezone.now()
    if session.status == SessionStatus.CANCELLED:
        return 0
    if session.ends_at > now:
        raise ValueError(f"“{session.title}” has not finished yet.")
    presentations = session.presentations.order_by("sort_order", "pk").prefetch_related(
        Prefetch("follow_up_resources", queryset=ResourcePage.objects.live().order_by("title"))
    )
    shared = []
    for presentation in presentations:
        resources = [
            {"title": page.title, "page_url": page.get_full_url(), "link_url": page.link_url}
            for page in presentation.follow_up_resources.all()
        ]
        if resources:
            shared.append({"presentation": presentation, "resources": resources})
    if not shared:
        return 0
    cohort = session.cohort
    participants = Participant.objects.filter(
        membership__cohort=cohort, membership__status=MembershipStatus.ACCEPTED
    ).select_related("membership__organisation").order_by("pk")
    outgoing = [
        Outgoing(
            cohort=cohort,
            kind=EmailKind.FOLLOW_UP,
            key=make_key(f"follow-up:{session.pk}:{participant.pk}"),
            to=participant.email,
            subject=f"Follow-up resources from {session.title}",
            body=_render("follow_up", {
                "participant": participant,
                "session": session,
                "cohort": cohort,
                "programme": cohort.programme,
                "when": format_session_time(session),
                "shared": shared,
            }),
        )
        for participant in participants
    ]
    return _record_and_send(outgoing)


# ---------------------------------------------------------------------------
# Once-only delivery


@dataclass
class Outgoing:
    cohort: Cohort
    kind: str
    key: str
    to: str
    subject: str
    body: str
    reply_to: list = field(default_factory=list)

    def __post_init__(self):
        # One line (a header), and short enough to record.
        self.subject = " ".join(self.subject.split())[:SUBJECT_MAX_LENGTH]

    def record(self):
        return SentEmail(
            cohort=self.cohort, kind=self.kind, key=self.key, to=self.to,
            subject=self.subject, body=self.body,
        )

    def message(self, connection):
        return EmailMessage(
            subject=self.subject, body=self.body, from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to], reply_to=self.reply_to or None, connection=connection,
        )


def make_key(key):
    """The key as given, or a digest of it if it would not fit the column."""
    if len(key) <= KEY_MAX_LENGTH:
        return key
    prefix = key.split(":", 1)[0]
    return f"{prefix}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def _record_and_send(outgoing, *, raise_errors=False):
    """Record, then send, each message whose key is not yet recorded."""
    outgoing = [o for o in outgoing if o.to]
    outgoing = list({o.key: o for o in outgoing}.values())
    if not outgoing:
        return 0
    taken = set(
        SentEmail.objects.filter(key__in=[o.key for o in outgoing]).values_list("key", flat=True)
    )
    fresh = [o for o in outgoing if o.key not in taken]
    if not fresh:
        return 0
    try:
        with transaction.atomic():
            SentEmail.objects.bulk_create([o.record() for o in fresh])
    except IntegrityError:
        # Another run recorded some of these since we looked: claim them one by one.
        fresh = [o for o in fresh if _claim(o)]
    return _deliver(fresh, raise_errors=raise_errors)


def _claim(outgoing):
    try:
        with transaction.atomic():
            outgoing.record().save()
    except IntegrityError:
        return False
    return True


def _forget(outgoing_list):
    SentEmail.objects.filter(key__in=[o.key for o in outgoing_list]).delete()


def _deliver(fresh, *, raise_errors):
    if not fresh:
        return 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        _forget(fresh)
        raise
    sent = 0
    try:
        for outgoing in fresh:
            try:
                outgoing.message(connection).send()
            except Exception:
                _forget([outgoing])
                if raise_errors:
                    raise
                logger.exception("Could not send the %s email %s", outgoing.kind, outgoing.key)
                continue
            sent += 1
    finally:
        connection.close()
    return sent


def _accepted_participants_prefetch(path):
    """Prefetch a cohort's accepted memberships (as `accepted_memberships`) and their participants."""
    return [
        Prefetch(
            f"{path}memberships",
            queryset=Membership.objects.filter(status=MembershipStatus.ACCEPTED)
            .select_related("organisation").order_by("organisation__name", "pk"),
            to_attr="accepted_memberships",
        ),
        Prefetch(
            f"{path}accepted_memberships__participants",
            queryset=Participant.objects.order_by("name", "pk"),
        ),
    ]


def _render(name, context):
    body = render_to_string(f"programme/emails/{name}.txt", {
        **context,
        "site_name": settings.WAGTAIL_SITE_NAME,
    })
    body = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return re.sub(r"\n{3,}", "\n\n", body) + "\n"


# ---------------------------------------------------------------------------
# Plans and reports: a receipt when one is submitted, a reminder before it is due

# SentEmail kinds of the two emails below. They are not members of EmailKind
# yet: adding them there changes SentEmail.kind's choices (a migration).
RECEIPT_KIND = EmailKind.RECEIPT
DEADLINE_KIND = EmailKind.DEADLINE
DEADLINE_REMINDER_DAYS = 7

SUBMISSION_NAMES = {
    "plan": "one-page plan",
    ReflectionKind.FINAL_REPORT.value: "one-page report",
    ReflectionKind.CHECK_IN.value: "progress check-in",
}
PLAN_LABELS = {
    "issue": "The issue",
    "goal": "The goal",
    "goal_category": "Goal category",
    "success": "What success looks like",
    "first_actions": "First actions",
    "team": "Who is in the team",
}
# plain_text() leaves these escaped; a plain-text email shows the characters.
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'"}


def format_moment(moment):
    """ "Friday 12 March 2021, 5pm", in UK time whatever the server's time zone."""
    moment = moment.astimezone(LONDON)
    return f"{format_day(moment)}, {format_clock(moment)}"


def submission_kind(submission):
    """"plan", or the reflection's kind ("final_report", "check_in", …)."""
    return "plan" if isinstance(submission, OnePagePlan) else str(submission.kind)


def submission_name(kind):
    if kind in SUBMISSION_NAMES:
        return SUBMISSION_NAMES[kind]
    label = dict(ReflectionKind.choices).get(kind, kind)
    return label[:1].lower() + label[1:]


def _words(html):
    text = plain_text(html)
    for entity, character in _ENTITIES.items():
        text = text.replace(entity, character)
    return text


def submission_as_text(submission):
    """What was submitted, as [(heading, [lines])] for a plain-text email."""
    if isinstance(submission, OnePagePlan):
        categories = dict(GoalCategory.choices)
        parts = []
        for name, heading in PLAN_LABELS.items():
            value = getattr(submission, name)
            text = categories.get(value, value) if name == "goal_category" else _words(value)
            parts.append((heading, text.splitlines() if text else ["(left blank)"]))
        return parts
    by_section = {}
    for statement in submission.statements.order_by("section", "position", "pk"):
        by_section.setdefault(statement.section, []).append(f"- {_words(statement.text)}")
    return [(section.label, by_section[section.value]) for section in Section if section.value in by_section]


def _person(user):
    if user is None:
        return "someone who no longer has an account"
    return user.get_full_name() or user.get_username()


def _portal_url():
    """The participant portal's address, once it exists (empty until then)."""
    try:
        return absolute_url(reverse("portal:home"))
    except NoReverseMatch:
        return ""


def send_submission_receipt(*, submission, user):
    """Tell everyone taking part for the organisation that its plan or report
    was submitted, with a copy of what was submitted. Once per participant
    and submitted version. Returns how many emails were sent."""
    membership = (
        Membership.objects.select_related("organisation", "cohort__programme").get(pk=submission.membership_id)
    )
    cohort = membership.cohort
    kind = submission_kind(submission)
    name = submission_name(kind)
    submitted_at = submission.submitted_at or timezone.now()
    context = {
        "name": name,
        "organisation": membership.organisation,
        "cohort": cohort,
        "programme": cohort.programme,
        "submitter": _person(user),
        "when": format_moment(submitted_at),
        "parts": submission_as_text(submission),
        "portal_url": _portal_url(),
    }
    participants = membership.participants.exclude(email="").order_by("name", "pk")
    outgoing = [
        Outgoing(
            cohort=cohort,
            kind=RECEIPT_KIND,
            key=make_key(f"receipt:{kind}:{submission.pk}:v{submission.version}:{participant.pk}"),
            to=participant.email,
            subject=f"Your {name} was submitted",
            body=_render("submission_receipt", {**context, "participant": participant}),
        )
        for participant in participants
    ]
    return _record_and_send(outgoing)


def _deadline_status(submission):
    """(status, label) of a plan or report for the reminder: None if submitted."""
    if submission is None or (submission.status == SubmissionStatus.DRAFT and submission.version == 1):
        return "not_started", "Nobody has started it yet."
    if submission.status == SubmissionStatus.SUBMITTED:
        return None
    if submission.status == SubmissionStatus.RETURNED:
        return "returned", "It was returned for changes and has not been submitted again yet."
    return "draft", "A draft has been saved, but it has not been submitted yet."


def _plan_of(membership):
    try:
        return membership.plan
    except OnePagePlan.DoesNotExist:
        return None


def send_deadline_reminders(*, now=None):
    """Remind the participants of every accepted organisation whose one-page
    plan (or one-page report) is not submitted yet — not started, a draft, or
    returned for changes — when its cohort's deadline is within the next
    DEADLINE_REMINDER_DAYS days and has not passed. Once per organisation,
    person and deadline: moving a deadline sends a reminder for the new one.
    Returns how many emails were sent. The same handful of queries however
    many cohorts and organisations there are."""
    now = now or timezone.now()
    end = now + datetime.timedelta(days=DEADLINE_REMINDER_DAYS)
    cohorts = (
        Cohort.objects.filter(
            Q(plan_deadline__gt=now, plan_deadline__lte=end) | Q(report_deadline__gt=now, report_deadline__lte=end)
        )
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(status=MembershipStatus.ACCEPTED)
                .select_related("organisation", "plan").order_by("organisation__name", "pk"),
                to_attr="accepted_memberships",
            ),
            Prefetch("accepted_memberships__participants", queryset=Participant.objects.order_by("name", "pk")),
            Prefetch(
                "accepted_memberships__reflections",
                queryset=Reflection.objects.filter(kind=ReflectionKind.FINAL_REPORT),
                to_attr="final_reports",
            ),
        )
        .order_by("pk")
    )
    portal_url = _portal_url()
    outgoing = []
    for cohort in cohorts:
        due = []
        if cohort.plan_deadline and now < cohort.plan_deadline <= end:
            due.append(("plan", cohort.plan_deadline))
        if cohort.report_deadline and now < cohort.report_deadline <= end:
            due.append(("report", cohort.report_deadline))
        for kind, deadline in due:
            name = SUBMISSION_NAMES["plan" if kind == "plan" else ReflectionKind.FINAL_REPORT.value]
            when = format_moment(deadline)
            for membership in cohort.accepted_memberships:
                submission = _plan_of(membership) if kind == "plan" else next(iter(membership.final_reports), None)
                status = _deadline_status(submission)
                if status is None:
                    continue
                context = {
                    "name": name,
                    "when": when,
                    "status": status[0],
                    "status_text": status[1],
                    "return_comment": _words(submission.return_comment) if status[0] == "returned" else "",
                    "organisation": membership.organisation,
                    "cohort": cohort,
                    "programme": cohort.programme,
                    "portal_url": portal_url,
                }
                for participant in membership.participants.all():
                    # One message per person (SentEmail records one address),
                    # so the participant completes the organisation's key.
                    key = f"deadline:{kind}:{membership.pk}:{deadline.isoformat()}:{participant.pk}"
                    outgoing.append(Outgoing(
                        cohort=cohort,
                        kind=DEADLINE_KIND,
                        key=make_key(key),
                        to=participant.email,
                        subject=f"Reminder: your {name} is due by {when}",
                        body=_render("deadline_reminder", {**context, "participant": participant}),
                    ))
    return _record_and_send(outgoing)

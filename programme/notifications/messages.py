"""The emails the product sends about sessions and submissions: session
reminders, follow-up resources, submission receipts, work returned for
changes and deadline reminders (invitations to the portal are in
programme/cohorts/invitations.py, the facilitators' daily digest in
digest.py). Each function works
out who gets what and hands the messages to `delivery.queue`, which records
them once-only and delivers them outside the request.

Every function returns how many messages it queued."""
import datetime

from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from programme.addresses import absolute_url, page_url
from programme.dates import format_deadline, format_moment, format_session_time
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
    DeadlineExtension,
    Membership,
    OnePagePlan,
    Participant,
    ProgrammeSession,
    Reflection,
)
from programme.notifications.delivery import Outgoing, queue, render_email
from programme.pages import resource_page_model
from programme.sanitise import plain_text
from programme.sessions.calendar import session_download_url
from programme.sessions.places import audience_memberships, audience_participants
from programme.submissions.content import PLAN_FIELDS, plan_field_label
from programme.submissions.deadlines import kind_of, organisation_deadline
from programme.submissions.status import NOT_STARTED, plan_of, submission_status

# ---------------------------------------------------------------------------
# Sessions: reminders and follow-up resources


def send_session_reminders(*, now=None):
    """Remind the accepted participants of every scheduled session that starts
    within its cohort's `reminder_days_before` days (0 turns reminders off for a
    cohort). Returns how many emails were queued. The same handful of queries
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
        .prefetch_related(*_accepted_participants_prefetch("cohort__"), "places")
        .order_by("starts_at", "pk")
    )
    outgoing = []
    for session in sessions:
        cohort = session.cohort
        if session.starts_at > now + datetime.timedelta(days=cohort.reminder_days_before):
            continue
        people = [p for membership in cohort.accepted_memberships for p in membership.participants.all()]
        places = {place.membership_id for place in session.places.all()}
        outgoing += reminder_messages(session=session, participants=people, places=places)
    return queue(outgoing)


def reminder_messages(*, session, participants, batch="", places=None):
    """The reminder of `session` for each of `participants`. Its key is the
    same whether the scheduler sends it or a facilitator sends it now, so
    nobody gets the same reminder twice. A 1-1 or an action learning set
    reminds only its own organisations, whoever chose the audience (`places`:
    the ids of their memberships, if the caller has them already)."""
    cohort = session.cohort
    participants = only_the_audience(session, participants, places=places)
    when = format_session_time(session)
    ics_url = session_download_url(session=session)
    return [
        Outgoing(
            cohort=cohort, kind=EmailKind.REMINDER, key=f"reminder:{session.pk}:{participant.pk}",
            to=participant.email, subject=f"Reminder: {session.title}, {when}", batch=batch,
            body=render_email("session_reminder", {
                "participant": participant, "organisation": participant.membership.organisation,
                "session": session, "cohort": cohort, "programme": cohort.programme,
                "when": when, "ics_url": ics_url,
            }),
        )
        for participant in participants
    ]


def send_follow_up(*, session, now=None):
    """Send the follow-up resources of the session's presentations to each
    participant who was there before it ended. Returns how many emails were
    queued: none for a cancelled session or one without (published)
    resources. Only after the session ends."""
    return queue(follow_up_messages(session=session, participants=follow_up_audience(session=session), now=now))


def follow_up_audience(*, session):
    """Everyone of the organisations the session is for who joined before the
    session ended (a follow-up is never sent to people who joined after it)."""
    return list(
        audience_participants(session).filter(added_at__lte=session.ends_at).select_related("membership__organisation").order_by("membership__organisation__name", "name", "pk")
    )


def follow_up_messages(*, session, participants, now=None, batch=""):
    """The follow-up email for each of `participants` ([] if there is nothing
    to send). ValueError before the session has ended."""
    now = now or timezone.now()
    if session.status == SessionStatus.CANCELLED:
        return []
    if session.ends_at > now:
        raise ValueError(f"“{session.title}” has not finished yet.")
    presentations = session.presentations.order_by("sort_order", "pk").prefetch_related(
        Prefetch("follow_up_resources", queryset=resource_page_model().objects.live().order_by("title"))
    )
    shared = []
    for presentation in presentations:
        resources = [
            {"title": page.title, "page_url": page_url(page), "link_url": page.link_url}
            for page in presentation.follow_up_resources.all()
        ]
        if resources:
            shared.append({"presentation": presentation, "resources": resources})
    if not shared:
        return []
    cohort = session.cohort
    participants = only_the_audience(session, participants)
    # Feedback on the session, in the portal (programme/sessions/feedback.py).
    feedback_url = absolute_url(reverse("portal:session_feedback", args=[session.pk]))
    return [
        Outgoing(
            cohort=cohort, kind=EmailKind.FOLLOW_UP, key=f"follow-up:{session.pk}:{participant.pk}",
            to=participant.email, subject=f"Follow-up resources from {session.title}", batch=batch,
            body=render_email("follow_up", {
                "participant": participant, "session": session, "cohort": cohort, "programme": cohort.programme,
                "when": format_session_time(session), "shared": shared,
                "feedback_url": feedback_url,
            }),
        )
        for participant in participants
        # Never to someone who joined after the session, whoever chose the audience.
        if participant.added_at <= session.ends_at
    ]


def only_the_audience(session, participants, *, places=None):
    """`participants` less anyone whose organisation has no place at a 1-1 or
    an action learning set (everyone stays for the other kinds)."""
    if not session.for_some_organisations:
        return list(participants)
    if places is None:
        places = set(audience_memberships(session).values_list("pk", flat=True))
    return [participant for participant in participants if participant.membership_id in places]


def cohort_messages(*, cohort, participants, subject, body, batch):
    """A facilitator's message to some of the cohort's people."""
    return [
        Outgoing(
            cohort=cohort, kind=EmailKind.MESSAGE, key=f"message:{batch}:{participant.pk}", to=participant.email,
            subject=subject, batch=batch,
            body=render_email("cohort_message", {
                "participant": participant, "cohort": cohort, "programme": cohort.programme, "text": body,
            }),
        )
        for participant in participants
    ]


def _accepted_participants_prefetch(path, *, with_plan=False):
    """Prefetch a cohort's accepted memberships (as `accepted_memberships`),
    with their organisation (and plan), and their participants."""
    memberships = Membership.objects.filter(status=MembershipStatus.ACCEPTED).select_related("organisation")
    if with_plan:
        memberships = memberships.select_related("plan")
    return [
        Prefetch(
            f"{path}memberships", queryset=memberships.order_by("organisation__name", "pk"),
            to_attr="accepted_memberships",
        ),
        Prefetch(f"{path}accepted_memberships__participants", queryset=Participant.objects.order_by("name", "pk")),
    ]


# ---------------------------------------------------------------------------
# Plans and reports: a receipt when one is submitted, a reminder before it is due

DEADLINE_REMINDER_DAYS = 7

SUBMISSION_NAMES = {
    "plan": "one-page plan",
    ReflectionKind.FINAL_REPORT.value: "one-page report",
    ReflectionKind.CHECK_IN.value: "progress check-in",
}


def submission_kind(submission):
    """"plan", or the reflection's kind ("final_report", "check_in", …)."""
    return "plan" if isinstance(submission, OnePagePlan) else str(submission.kind)


def submission_name(kind):
    if kind in SUBMISSION_NAMES:
        return SUBMISSION_NAMES[kind]
    label = dict(ReflectionKind.choices).get(kind, kind)
    return label[:1].lower() + label[1:]


def submission_as_text(submission):
    """What was submitted, as [(heading, [lines])] for a plain-text email."""
    if isinstance(submission, OnePagePlan):
        categories = dict(GoalCategory.choices)
        parts = []
        for name in PLAN_FIELDS:
            heading = plan_field_label(name)
            value = getattr(submission, name)
            text = categories.get(value, value) if name == "goal_category" else plain_text(value)
            parts.append((heading, text.splitlines() if text else ["(left blank)"]))
        return parts
    by_section = {}
    for statement in submission.statements.order_by("section", "position", "pk"):
        by_section.setdefault(statement.section, []).append(f"- {plain_text(statement.text)}")
    return [(section.label, by_section[section.value]) for section in Section if section.value in by_section]


def _person(user):
    if user is None:
        return "someone who no longer has an account"
    return user.get_full_name() or user.get_username()


def _portal_url():
    """The participant portal's address."""
    return absolute_url(reverse("portal:dashboard"))


def send_submission_receipt(*, submission, user):
    """Tell everyone taking part for the organisation that its plan or report
    was submitted, with a copy of what was submitted. Once per participant
    and submitted version. Returns how many emails were queued."""
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
            kind=EmailKind.RECEIPT,
            key=(f"receipt:{kind}:{submission.pk}:v{submission.version}:{participant.pk}"),
            to=participant.email,
            subject=f"Your {name} was submitted",
            body=render_email("submission_receipt", {**context, "participant": participant}),
        )
        for participant in participants
    ]
    return queue(outgoing)


def portal_page_url(submission):
    """The full address of the portal page where the organisation changes
    this plan, report, check-in or feedback."""
    kind = submission_kind(submission)
    if kind == "plan":
        path = reverse("portal:plan")
    elif kind == ReflectionKind.FINAL_REPORT:
        path = reverse("portal:report")
    elif kind == ReflectionKind.FEEDBACK:
        path = reverse("portal:feedback")
    else:
        path = reverse("portal:reflection", args=[submission.pk])
    return absolute_url(path)


def send_returned_notice(*, submission, user, now=None):
    """Tell everyone taking part for the organisation that a facilitator
    (`user`) returned its plan or report for changes: their comment, the
    deadline, and a link to the portal page where they change it. Replies go
    to the facilitator. Once per participant and returned version. Returns
    how many emails were queued."""
    now = now or timezone.now()
    membership = (
        Membership.objects.select_related("organisation", "cohort__programme").get(pk=submission.membership_id)
    )
    cohort = membership.cohort
    kind = submission_kind(submission)
    name = submission_name(kind)
    # The organisation's own deadline if returning it reopened it (or the
    # facilitator extended it), else the cohort's.
    deadline = organisation_deadline(membership, kind_of(submission), now=now).due
    context = {
        "name": name,
        "organisation": membership.organisation,
        "cohort": cohort,
        "programme": cohort.programme,
        "facilitator": _person(user),
        "when": format_moment(submission.returned_at or now),
        "comment": plain_text(submission.return_comment),
        "deadline": format_deadline(deadline),
        "deadline_passed": bool(deadline and deadline <= now),
        "page_url": portal_page_url(submission),
    }
    participants = membership.participants.exclude(email="").order_by("name", "pk")
    outgoing = [
        Outgoing(
            cohort=cohort,
            kind=EmailKind.RETURNED,
            key=f"returned:{kind}:{submission.pk}:v{submission.version}:{participant.pk}",
            to=participant.email,
            subject=f"Your {name} was returned for changes",
            body=render_email("returned_for_changes", {**context, "participant": participant}),
            reply_to=getattr(user, "email", "") or "",
        )
        for participant in participants
    ]
    return queue(outgoing)


def _deadline_status(submission):
    """(status, label) of a plan or report for the reminder: None if submitted."""
    status = submission_status(submission)
    if status == NOT_STARTED:
        return NOT_STARTED, "Nobody has started it yet."
    if status == SubmissionStatus.SUBMITTED:
        return None
    if submission.status == SubmissionStatus.RETURNED:
        return "returned", "It was returned for changes and has not been submitted again yet."
    return "draft", "A draft has been saved, but it has not been submitted yet."


def send_deadline_reminders(*, now=None):
    """Remind the participants of every accepted organisation whose one-page
    plan (or one-page report) is not submitted yet — not started, a draft, or
    returned for changes — when its cohort's deadline is within the next
    DEADLINE_REMINDER_DAYS days and has not passed. Once per organisation,
    person and deadline: moving a deadline sends a reminder for the new one.
    Returns how many emails were queued. The same handful of queries however
    many cohorts and organisations there are."""
    now = now or timezone.now()
    end = now + datetime.timedelta(days=DEADLINE_REMINDER_DAYS)
    cohorts = (
        Cohort.objects.filter(
            Q(plan_deadline__gt=now, plan_deadline__lte=end) | Q(report_deadline__gt=now, report_deadline__lte=end)
            | Q(pk__in=DeadlineExtension.objects.filter(until__gt=now, until__lte=end)
                .values("membership__cohort_id"))
        )
        .select_related("programme")
        .prefetch_related(
            *_accepted_participants_prefetch("", with_plan=True),
            "accepted_memberships__deadline_extensions",
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
        for kind in ("plan", "report"):
            name = SUBMISSION_NAMES["plan" if kind == "plan" else ReflectionKind.FINAL_REPORT.value]
            for membership in cohort.accepted_memberships:
                # Each organisation's own deadline: an extension moves its reminder with it.
                deadline = organisation_deadline(membership, kind, now=now).due
                if not (deadline and now < deadline <= end):
                    continue
                when = format_deadline(deadline)
                submission = plan_of(membership) if kind == "plan" else next(iter(membership.final_reports), None)
                status = _deadline_status(submission)
                if status is None:
                    continue
                context = {
                    "name": name,
                    "when": when,
                    "status": status[0],
                    "status_text": status[1],
                    "return_comment": plain_text(submission.return_comment) if status[0] == "returned" else "",
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
                        kind=EmailKind.DEADLINE,
                        key=(key),
                        to=participant.email,
                        subject=f"Reminder: your {name} is due by {when}",
                        body=render_email("deadline_reminder", {**context, "participant": participant}),
                    ))
    return queue(outgoing)

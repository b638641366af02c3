"""The portal's shared machinery (the `participant_view` decorator, writing a
plan or reflection with its conflicts and refusals) and its overview pages:
the dashboard and the list of sessions."""
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from programme.actions.tracking import ACTION_ORDER
from programme.dates import format_deadline, format_session_time
from programme.enums import (
    DeadlineKind,
    RAGStatus,
    ReflectionKind,
    SessionKind,
    SessionStatus,
    SubmissionStatus,
)
from programme.models import Action, OnePagePlan, Participant, Presentation, Reflection
from programme.pages import live_resources
from programme.permissions import is_facilitator
from programme.portal.access import NotAParticipant, membership_for, ordered_memberships
from programme.sessions.breakouts import my_breakout_group
from programme.sessions.calendar import feed_url
from programme.sessions.feedback import feedback_closes_at, feedback_due, session_label
from programme.sessions.places import open_slots, sessions_for
from programme.submissions.deadlines import organisation_deadline
from programme.submissions.status import is_started, status_label
from programme.submissions.writing import EditConflict, SubmissionRefused, submit

NO_STORE = "private, no-store"
# Sessions a check-in is written ahead of.
CHECK_IN_KINDS = {SessionKind.WORKSHOP, SessionKind.REVIEW}


def participant_view(view):
    """Login required; the view gets the membership of the person's
    organisation as its second argument. Someone without one (a facilitator,
    say) gets a page explaining what the portal is for. Nothing the portal
    serves may be stored by a browser, a proxy or the page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            response = redirect_to_login(request.get_full_path())
        else:
            try:
                membership = membership_for(request.user, session=request.session)
                # For the cohort switcher in the portal's navigation.
                request.portal_memberships = list(ordered_memberships(request.user))
            except NotAParticipant:
                response = render(request, "portal/not_participant.html", {
                    "facilitator": request.user.is_staff or is_facilitator(request.user),
                }, status=403)
            else:
                response = view(request, membership, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response

    return wrapper


# ---------------------------------------------------------------------------
# Sessions with their times, GOV.UK style


def with_times(sessions):
    for session in sessions:
        session.when = format_session_time(session)
    return sessions


# ---------------------------------------------------------------------------
# Writing a plan or a reflection: save the draft, then maybe submit it


@dataclass
class Outcome:
    """What happened to a posted plan or reflection. `done`: redirect. Otherwise
    show `form` again, with `conflict` (the row someone else saved) or with the
    refusal's errors added to the form; `draft_saved` says the draft is safe."""

    done: bool = False
    form: object = None
    conflict: object = None
    draft_saved: bool = False


def rebind(form, *, version, **kwargs):
    """The same posted text, now based on `version` of the saved row."""
    data = form.data.copy()
    data["version"] = str(version)
    fresh = type(form)(data, **kwargs)
    fresh.is_valid()
    return fresh


def add_refusal(form, errors):
    for name, message in errors.items():
        form.add_error(name if name in form.fields else None, message)
    return form


def write(request, *, submission, form, save, noun, form_kwargs=None):
    """Save the draft (always possible while it is editable), and submit it if
    the person pressed Submit. A draft that cannot be submitted stays saved."""
    form_kwargs = form_kwargs or {}
    try:
        save(form.cleaned_data["version"])
    except EditConflict as conflict:
        return Outcome(form=rebind(form, version=conflict.current.version, **form_kwargs), conflict=conflict.current)
    except SubmissionRefused as refused:
        return Outcome(form=add_refusal(rebind(form, version=submission.version, **form_kwargs), refused.errors))
    if request.POST.get("action") != "submit":
        messages.success(request, f"Your draft {noun} has been saved.")
        return Outcome(done=True)
    try:
        submit(submission=submission, user=request.user, expected_version=submission.version)
    except EditConflict as conflict:
        return Outcome(form=rebind(form, version=conflict.current.version, **form_kwargs), conflict=conflict.current)
    except SubmissionRefused as refused:
        form = add_refusal(rebind(form, version=submission.version, **form_kwargs), refused.errors)
        return Outcome(form=form, draft_saved=True)
    messages.success(request, f"Your {noun} has been submitted to your facilitators. Thank you.")
    return Outcome(done=True)


# ---------------------------------------------------------------------------
# The dashboard


@dataclass
class ToWrite:
    title: str
    url: str
    due: object
    status: tuple
    note: str = ""

    @property
    def due_text(self):
        return format_deadline(self.due)

    @property
    def overdue(self):
        return bool(self.due and self.due < timezone.now() and self.status[1] != SubmissionStatus.SUBMITTED)


def what_to_write(membership, *, plan, reflections, next_session):
    prefetch_related_objects([membership], "deadline_extensions")
    plan_due = organisation_deadline(membership, DeadlineKind.PLAN).due
    report_due = organisation_deadline(membership, DeadlineKind.REPORT).due
    report = next((r for r in reflections if r.kind == ReflectionKind.FINAL_REPORT), None)
    check_ins = [r for r in reflections if r.kind == ReflectionKind.CHECK_IN]
    items = [ToWrite("One-page plan", reverse("portal:plan"), plan_due, status_label(plan),
                     note=plan.return_comment if plan and plan.status == SubmissionStatus.RETURNED else "")]
    if next_session and next_session.kind in CHECK_IN_KINDS:
        ahead = next((r for r in check_ins if r.session_id == next_session.pk), None)
        url = (reverse("portal:reflection", args=[ahead.pk]) if ahead
               else reverse("portal:reflection_new") + f"?session={next_session.pk}")
        items.append(ToWrite(f"Check-in before “{next_session.title}”", url, next_session.starts_at,
                             status_label(ahead)))
    for check_in in check_ins:
        if check_in.status != SubmissionStatus.SUBMITTED and (
            next_session is None or check_in.session_id != next_session.pk
        ):
            title = f"Check-in before “{check_in.session.title}”" if check_in.session else "Check-in"
            items.append(ToWrite(title, reverse("portal:reflection", args=[check_in.pk]),
                                 check_in.session.starts_at if check_in.session else None, status_label(check_in)))
    items.append(ToWrite("One-page report", reverse("portal:report"), report_due, status_label(report),
                         note=report.return_comment if report and report.status == SubmissionStatus.RETURNED else ""))
    feedback = next((r for r in reflections if r.kind == ReflectionKind.FEEDBACK), None)
    if feedback_is_due(next_session, feedback):
        items.append(ToWrite("Feedback on the programme", reverse("portal:feedback"), None, status_label(feedback),
                             note=feedback.return_comment if feedback and feedback.status == SubmissionStatus.RETURNED else ""))
    return items


def feedback_is_due(next_session, feedback):
    """Feedback is asked for at the review session: list it once the review
    is the next session, once every session has ended, or once someone has
    started it."""
    return is_started(feedback) or next_session is None or next_session.kind == SessionKind.REVIEW


def split_sessions(sessions, now):
    """(the next session not cancelled that has not ended, the sessions that have ended)."""
    upcoming = [s for s in sessions if s.ends_at > now and s.status != SessionStatus.CANCELLED]
    past = [s for s in sessions if s.ends_at <= now and s.status != SessionStatus.CANCELLED]
    return (upcoming[0] if upcoming else None), past


def follow_ups(past_sessions):
    """Each past session with the live follow-up resources its presentations produced."""
    if not past_sessions:
        return []
    presentations = (
        Presentation.objects.filter(session__in=past_sessions)
        .order_by("session__starts_at", "sort_order", "pk")
        .prefetch_related(Prefetch("follow_up_resources", queryset=live_resources().order_by("title")))
    )
    by_session = {}
    for presentation in presentations:
        resources = list(presentation.follow_up_resources.all())
        if resources:
            by_session.setdefault(presentation.session_id, []).extend(resources)
    return [
        {"session": session, "resources": by_session[session.pk]}
        for session in reversed(past_sessions) if session.pk in by_session
    ]


@participant_view
@require_safe
def dashboard(request, membership):
    now = timezone.now()
    cohort = membership.cohort
    participant = Participant.objects.filter(user=request.user, membership=membership).order_by("pk").first()
    sessions = with_times(list(sessions_for(membership).order_by("starts_at", "pk")))
    next_session, past = split_sessions(sessions, now)
    plan = OnePagePlan.objects.filter(membership=membership).first()
    reflections = list(Reflection.objects.filter(membership=membership).select_related("session"))
    actions = list(
        Action.objects.filter(membership=membership).exclude(status=RAGStatus.DONE).select_related("session")
        .order_by(*ACTION_ORDER)
    )
    address = feed_url(participant=participant) if participant else ""
    return render(request, "portal/dashboard.html", {
        "membership": membership,
        "cohort": cohort,
        "participant": participant,
        "next_session": next_session,
        "my_group": my_breakout_group(session=next_session, participant=participant, now=now),
        "to_write": what_to_write(membership, plan=plan, reflections=reflections, next_session=next_session),
        "actions": actions,
        "today": timezone.localdate(),
        "follow_ups": follow_ups(past),
        "feedback_due": [
            {"session": session, "label": session_label(session)}
            for session in feedback_due(membership=membership, participant=participant, sessions=past, now=now)
        ],
        "feed_url": address,
        "webcal_url": "webcal://" + address.split("://", 1)[1] if address else "",
        "sharing": cohort.sharing_enabled,
    })


@participant_view
@require_safe
def sessions(request, membership):
    now = timezone.now()
    all_sessions = with_times(list(sessions_for(membership).order_by("starts_at", "pk").prefetch_related(
        Prefetch("presentations", queryset=Presentation.objects.select_related("organisation").order_by(
            "sort_order", "pk").prefetch_related(
            Prefetch("follow_up_resources", queryset=live_resources().order_by("title")))),
    )))
    next_session, _ = split_sessions(all_sessions, now)
    return render(request, "portal/sessions.html", {
        "membership": membership,
        "cohort": membership.cohort,
        "upcoming": [s for s in all_sessions if s.ends_at > now],
        "past": [s for s in all_sessions if s.ends_at <= now][::-1],
        # Held sessions link their feedback form until the cohort's feedback closes.
        "feedback_open": (feedback_closes_at(membership.cohort) or now) >= now,
        "next_session": next_session,
        "slots": with_times(list(open_slots(membership, now=now))),
    })

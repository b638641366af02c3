"""Calendar downloads for participants: a private subscription feed per
participant, and one session as a file. Neither says whether something exists
to someone who may not see it: both answer 404."""
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from programme.enums import MembershipStatus
from programme.models import Participant, ProgrammeSession
from programme.permissions import can_facilitate
from programme.sessions import calendar
from programme.sessions.places import audience_participants


def _ics_response(content, *, filename, disposition):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Personal: never kept by a browser, a proxy or the anonymous page cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def cohort_feed(request, token):
    """The cohort's sessions at the participant's private address. The token
    is the credential (calendar apps cannot log in); revoking it ends access."""
    participant = (
        Participant.objects.select_related("membership__cohort__programme")
        .filter(calendar_token=token, membership__status=MembershipStatus.ACCEPTED)
        .first()
    )
    if participant is None:
        raise Http404("No such calendar.")
    cohort = participant.membership.cohort
    content = calendar.cohort_calendar(cohort=cohort, participant=participant)
    return _ics_response(content, filename=f"cohort-{cohort.pk}.ics", disposition="inline")


def may_download_session(user, session):
    """An accepted participant of an organisation the session is for (the
    cohort's, or a 1-1's own), or one of its facilitators."""
    if not (user.is_authenticated and user.is_active):
        return False
    is_participant = audience_participants(session).filter(user=user).exists()
    return is_participant or can_facilitate(user, session)


@require_safe
def session_event(request, session_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = (
        ProgrammeSession.objects.select_related("cohort__programme").filter(pk=session_id).first()
    )
    if session is None or not may_download_session(request.user, session):
        raise Http404("No such session.")
    content = calendar.session_event(session=session)
    return _ics_response(content, filename=f"session-{session.pk}.ics", disposition="attachment")

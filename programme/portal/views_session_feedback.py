"""Feedback after a session: the person's own rating and two short answers
for one session of their organisation's (not the feedback on the whole
programme, which is a Reflection: views_reflections.feedback). The rules
are programme/sessions/feedback.py."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from programme.dates import format_session_time
from programme.models import Participant, SessionFeedback
from programme.portal.access import choose_membership, ordered_memberships
from programme.portal.forms import SessionFeedbackForm
from programme.portal.views import participant_view
from programme.sessions.feedback import (
    FeedbackRefused,
    feedback_refusal,
    give_feedback,
    session_for_feedback,
    session_label,
)


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def session_feedback(request, membership, session_id):
    # Another cohort's session, or a 1-1 of another organisation's, is not
    # this person's to name: 404, as a session that does not exist. But a
    # person in two cohorts (a council running again) follows the link in a
    # follow-up email of the cohort they are not working in now: the portal
    # switches to it, as the cohort menu would.
    session = session_for_feedback(membership=membership, session_id=session_id)
    if session is None:
        for other in ordered_memberships(request.user).exclude(pk=membership.pk):
            session = session_for_feedback(membership=other, session_id=session_id)
            if session is not None:
                membership = other
                choose_membership(request, other)
                break
    participant = Participant.objects.filter(user=request.user, membership=membership).order_by("pk").first()
    if session is None or participant is None:
        raise Http404("No such session.")
    participant.membership = membership
    refusal = feedback_refusal(session=session, participant=participant)
    earlier = SessionFeedback.objects.filter(session=session, participant=participant).first()
    form = None
    status = 200
    if refusal:
        status = 400 if request.method == "POST" else 200
    else:
        form = SessionFeedbackForm(request.POST or None, initial=SessionFeedbackForm.initial_for(earlier))
        if request.method == "POST":
            if form.is_valid():
                try:
                    give_feedback(session=session, participant=participant, **form.cleaned_data)
                except FeedbackRefused as refused:  # e.g. the cohort ended while the form was open
                    refusal, form, status = str(refused), None, 400
                else:
                    messages.success(request, f"Thank you for telling us how {session_label(session)} went. "
                                              "Your facilitators read every answer.")
                    return redirect("portal:dashboard")
            else:
                status = 400
    return render(request, "portal/session_feedback.html", {
        "membership": membership,
        "session": session,
        "when": format_session_time(session),
        "label": session_label(session),
        "form": form,
        "refusal": refusal,
        "earlier": earlier,
    }, status=status)

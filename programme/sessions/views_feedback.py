"""The facilitator's results of the feedback after one session, as soon as
it comes in: how many answered out of the people who attended, the ratings
as a bar chart with its data table, and every answer with its organisation.
A fixed number of queries whatever the number of answers."""
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from programme.admin.lookup import facilitated_or_404
from programme.models import ProgrammeSession
from programme.sessions.feedback import session_results


@require_safe
def session_feedback(request, session_id):
    session = facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user,
                                 pk=session_id)
    return TemplateResponse(request, "programme/admin/session_feedback.html", {
        "session": session,
        "cohort": session.cohort,
        "results": session_results(session),
        "register_url": reverse("programme_admin:register", args=[session.pk]),
        "overview_url": reverse("programme_admin:cohort_overview", args=[session.cohort_id]),
        "portal_url": reverse("portal:session_feedback", args=[session.pk]),
    })


urlpatterns = [
    path("sessions/<int:session_id>/feedback/", session_feedback, name="session_feedback"),
]

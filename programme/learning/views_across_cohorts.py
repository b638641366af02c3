"""The learning of a whole programme across its cohorts, for its
facilitators: figures per cohort, themes with their trend from cohort to
cohort, goal categories and feedback. Mounted under /admin/peer-learning/ by
programme/admin/urls.py."""
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from programme.admin.lookup import facilitated_or_404
from programme.learning.across_cohorts import programme_learning
from programme.models import Programme


@require_safe
def learning(request, programme_id):
    programme = facilitated_or_404(Programme.objects.all(), request.user, pk=programme_id)
    summary = programme_learning(programme=programme)
    response = TemplateResponse(request, "programme/admin/programme_learning.html", {
        "programme": programme,
        "summary": summary,
        "totals": summary.totals,
        "cohort_rows": [
            {
                "figures": figures,
                "coding": reverse("programme_admin:coding", args=[figures.cohort.pk]),
                "report": reverse("programme_admin:report_print", args=[figures.cohort.pk]),
            }
            for figures in summary.cohorts
        ],
    })
    # Organisation names next to what they wrote: never in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("programmes/<int:programme_id>/learning/", learning, name="programme_learning"),
]

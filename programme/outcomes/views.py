"""The facilitator's outcomes screen of a cohort and its CSV. Mounted under
/admin/peer-learning/ by programme/admin/urls.py; another programme's cohort
answers 404 (facilitated_or_404). Both answers are `private, no-store`:
they carry each council's figures by name."""
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from programme.admin.lookup import facilitated_or_404
from programme.enums import ReturnPoint
from programme.models import Cohort
from programme.outcomes.cohort_screen import cohort_tables, outcomes_csv
from programme.reporting.downloads import CSV, download, file_stem, private


def _cohort_for(request, cohort_id):
    return facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)


@require_safe
def cohort_outcomes(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    return private(TemplateResponse(request, "programme/admin/cohort_outcomes.html", {
        "cohort": cohort,
        "tables": cohort_tables(cohort=cohort),
        "follow_up_label": ReturnPoint.FOLLOW_UP.label,
        "csv_url": reverse("programme_admin:cohort_outcomes_csv", args=[cohort.pk]),
        "measures_url": reverse("programme_admin:outcome_measures", args=[cohort.programme_id]),
        "overview_url": reverse("programme_admin:cohort_overview", args=[cohort.pk]),
    }))


@require_safe
def cohort_outcomes_csv(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    return download(outcomes_csv(cohort=cohort), content_type=CSV, filename=f"{file_stem(cohort)}-outcomes.csv")


urlpatterns = [
    path("cohorts/<int:cohort_id>/outcomes/", cohort_outcomes, name="cohort_outcomes"),
    path("cohorts/<int:cohort_id>/outcomes.csv", cohort_outcomes_csv, name="cohort_outcomes_csv"),
]

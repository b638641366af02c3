"""The facilitator's actions tracker: every organisation's agreed actions of a
cohort on one screen, filterable by organisation and status, with its CSV.

Mounted under /admin/peer-learning/ by programme/admin/urls.py: Wagtail's
`require_admin_access` sends anonymous users and users without admin access to
the login page; another programme's cohort answers 404 (facilitated_or_404).
Both answers are `private, no-store`: they carry what councils wrote."""
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from programme.actions.tracker import (
    STATUS_CHOICES,
    organisation_choices,
    rag_counts,
    read_filters,
    tracker_csv,
    tracker_rows,
)
from programme.admin.lookup import facilitated_or_404
from programme.models import Cohort
from programme.reporting.downloads import CSV, download, file_stem, private


def _cohort_for(request, cohort_id):
    return facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)


def _with_query(url, query):
    return f"{url}?{urlencode(query)}" if query else url


@require_safe
def cohort_actions(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    organisations = organisation_choices(cohort=cohort)
    filters = read_filters(request.GET, organisations=organisations)
    rows = tracker_rows(cohort=cohort, filters=filters)
    counts, total = rag_counts(cohort=cohort)
    url = reverse("programme_admin:cohort_actions", args=[cohort.pk])
    context = {
        "cohort": cohort,
        "rows": rows,
        "filters": filters,
        "organisations": organisations,
        "status_choices": STATUS_CHOICES,
        "counts": [
            {"status": status, "label": label, "count": count, "url": _with_query(url, {"status": status})}
            for status, label, count in counts
        ],
        "total": total,
        "clear_url": url,
        "csv_url": _with_query(reverse("programme_admin:cohort_actions_csv", args=[cohort.pk]), filters.as_query()),
        "overview_url": reverse("programme_admin:cohort_overview", args=[cohort.pk]),
        "today": timezone.localdate(),
    }
    return private(TemplateResponse(request, "programme/admin/cohort_actions.html", context))


@require_safe
def cohort_actions_csv(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    filters = read_filters(request.GET, organisations=organisation_choices(cohort=cohort))
    return download(tracker_csv(cohort=cohort, filters=filters), content_type=CSV,
                    filename=f"{file_stem(cohort)}-actions.csv")


urlpatterns = [
    path("cohorts/<int:cohort_id>/actions/", cohort_actions, name="cohort_actions"),
    path("cohorts/<int:cohort_id>/actions.csv", cohort_actions_csv, name="cohort_actions_csv"),
]

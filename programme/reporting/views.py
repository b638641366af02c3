"""The downloads for facilitators: the full programme report (organisation
names shown) as a Word document and as a print-ready page, the cohort's
coding as CSV and Excel, and its participants with their attendance as CSV
(the list of them all, which the screens link, is in downloads.py). Mounted
under /admin/peer-learning/ by programme/admin/urls.py: Wagtail's `require_admin_access` sends anyone without
admin access to the login page, and turns the PermissionDenied raised here
into its standard "permission denied" response.

Every response is `private, no-store` (downloads.download): these files name
organisations next to what they wrote, or people with their email addresses,
and must not sit in a shared cache."""
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_safe

from programme.admin.lookup import facilitated_or_404
from programme.models import Cohort
from programme.pages import report_page_model
from programme.reporting.build import build_report
from programme.reporting.docx import report_docx
from programme.reporting.downloads import CSV, DOCX, XLSX, download, file_stem, private
from programme.reporting.spreadsheets import (
    coded_statements_csv,
    coded_statements_xlsx,
    participants_attendance_csv,
    theme_counts_csv,
)


def _cohort_for(request, cohort_id):
    cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
    return cohort


def facilitator_report(cohort):
    """The facilitator's named copy: the cohort's data as it is now, with what
    its report page (the latest draft of the one published last) says
    around it, and the same "LA n" numbers as the public report."""
    page = (
        report_page_model().objects.filter(cohort_id=cohort.pk)
        .order_by("-live", "-last_published_at", "-latest_revision_created_at", "-pk").first()
    )
    if page is None:
        return build_report(cohort=cohort, public=False)
    page = page.get_latest_revision_as_object()
    return build_report(cohort=cohort, public=False, threshold=page.threshold_override,
                        synthesis=page.synthesis(), page_title=page.title, summary=page.summary)


@require_safe
def report_docx_view(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    report = facilitator_report(cohort)
    return download(report_docx(report), content_type=DOCX, filename=f"{file_stem(cohort)}-report.docx")


@require_safe
def report_print(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    context = {
        "report": facilitator_report(cohort),
        "base_template": "programme/admin/report_print.html",
    }
    return private(TemplateResponse(request, "resources/programme_report_page.html", context))


@require_safe
def coded_statements_csv_view(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    return download(coded_statements_csv(cohort=cohort), content_type=CSV,
                     filename=f"{file_stem(cohort)}-coded-statements.csv")


@require_safe
def coded_statements_xlsx_view(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    return download(coded_statements_xlsx(cohort=cohort), content_type=XLSX,
                     filename=f"{file_stem(cohort)}-coded-statements.xlsx")


@require_safe
def theme_counts_csv_view(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    return download(theme_counts_csv(cohort=cohort), content_type=CSV,
                     filename=f"{file_stem(cohort)}-theme-counts.csv")


@require_safe
def participants_attendance_csv_view(request, cohort_id):
    cohort = _cohort_for(request, cohort_id)
    return download(participants_attendance_csv(cohort=cohort), content_type=CSV,
                    filename=f"{file_stem(cohort)}-participants-attendance.csv")


urlpatterns = [
    path("cohorts/<int:cohort_id>/report.docx", report_docx_view, name="report_docx"),
    path("cohorts/<int:cohort_id>/report/print/", report_print, name="report_print"),
    path("cohorts/<int:cohort_id>/coded-statements.csv", coded_statements_csv_view, name="coded_statements_csv"),
    path("cohorts/<int:cohort_id>/coded-statements.xlsx", coded_statements_xlsx_view, name="coded_statements_xlsx"),
    path("cohorts/<int:cohort_id>/theme-counts.csv", theme_counts_csv_view, name="theme_counts_csv"),
    path("cohorts/<int:cohort_id>/participants-attendance.csv", participants_attendance_csv_view,
         name="participants_attendance_csv"),
]

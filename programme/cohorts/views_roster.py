"""Import a cohort's organisations and participants from a CSV file.

Upload → preview (each row's problems, nothing saved) → confirm (all or
nothing). The preview carries the file's text to the confirm step in a signed
hidden field, so the facilitator need not upload it again and nobody can change
it on the way: the confirm step checks every row again before saving."""
import io
from functools import wraps
from pathlib import Path

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.defaults import permission_denied
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.cohorts.roster import (
    MAX_ROWS,
    RosterFileError,
    RosterHasProblems,
    apply_roster,
    parse_roster,
)
from programme.enums import LAType, MembershipStatus, Region
from programme.models import Cohort
from programme.permissions import is_facilitator

TEMPLATE_CSV = Path(__file__).resolve().parent / "roster_template.csv"
SIGNING_SALT = "programme.cohorts.views_roster.roster"
PREVIEW_MAX_AGE = 2 * 60 * 60  # seconds a preview can be confirmed for


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"A spreadsheet saved as CSV, up to 2 MB and {MAX_ROWS:,} rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    create_organisations = forms.BooleanField(
        label="Create missing organisations",
        required=False,
        help_text="Add organisations not yet in the directory, as local authorities. "
        "Leave unticked to have them listed as problems instead.",
    )


def _forbidden(request):
    # A response, not `raise PermissionDenied`: Wagtail's admin turns that
    # exception into a redirect to the dashboard, and this screen answers 403.
    return permission_denied(request, PermissionDenied())


def for_facilitated_cohort(view):
    """404 unless the user facilitates the cohort's programme (an unknown
    cohort and another programme's answer alike); the view gets the cohort
    instead of its id."""

    @wraps(view)
    def wrapper(request, cohort_id):
        cohort = facilitated_or_404(Cohort.objects.select_related("programme"), request.user, pk=cohort_id)
        return view(request, cohort)

    return wrapper


def sign_preview(preview, user):
    return signing.dumps(
        {
            "cohort": preview.cohort.pk,
            "user": user.pk,
            "create": preview.create_organisations,
            "csv": preview.text,
        },
        salt=SIGNING_SALT,
        compress=True,
    )


def unsign_preview(payload, *, cohort, user):
    """(csv text, create_organisations) from a signed payload made for this
    cohort and user. Raises signing.BadSignature (SignatureExpired when old)."""
    data = signing.loads(payload, salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
    if not isinstance(data, dict) or data.get("cohort") != cohort.pk or data.get("user") != user.pk:
        raise signing.BadSignature("The payload was made for another cohort or user.")
    return data["csv"], bool(data["create"])


def _breadcrumbs(cohort, *current):
    return [
        {"url": reverse("wagtailadmin_home"), "label": "Home"},
        {"url": reverse("programme_cohort_modeladmin_index"), "label": "Cohorts"},
        {"url": reverse("programme_cohort_modeladmin_edit", args=[cohort.pk]), "label": str(cohort)},
        *current,
    ]


def _render_upload(request, cohort, form, *, status=200):
    return render(
        request,
        "programme/admin/import_upload.html",
        {
            "cohort": cohort,
            "form": form,
            "breadcrumbs_items": _breadcrumbs(cohort, {"url": None, "label": "Import participants"}),
            "la_types": LAType.values,
            "regions": Region.values,
            "membership_statuses": MembershipStatus.values,
            "max_rows": f"{MAX_ROWS:,}",
        },
        status=status,
    )


def _render_preview(request, cohort, preview, *, status=200):
    return render(
        request,
        "programme/admin/import_preview.html",
        {
            "cohort": cohort,
            "preview": preview,
            "rows": preview.rows,
            "error_rows": preview.error_rows,
            "payload": "" if preview.has_errors else sign_preview(preview, request.user),
            "breadcrumbs_items": _breadcrumbs(
                cohort,
                {"url": reverse("programme_admin:import_roster", args=[cohort.pk]),
                 "label": "Import participants"},
                {"url": None, "label": "Check the import"},
            ),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@for_facilitated_cohort
def import_roster(request, cohort):
    """GET: the upload form. POST: check the file and show the preview."""
    if request.method == "GET":
        return _render_upload(request, cohort, RosterUploadForm())
    form = RosterUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            preview = parse_roster(
                file=form.cleaned_data["file"], cohort=cohort,
                create_organisations=form.cleaned_data["create_organisations"],
            )
        except RosterFileError as error:
            form.add_error("file", str(error))
        else:
            return _render_preview(request, cohort, preview)
    messages.validation_error(request, "The file could not be checked. See the error below.", form)
    return _render_upload(request, cohort, form)


@require_POST
@for_facilitated_cohort
def confirm_import(request, cohort):
    """Check the signed file again and save it: all rows or none."""
    try:
        text, create_organisations = unsign_preview(
            request.POST.get("payload", ""), cohort=cohort, user=request.user
        )
    except signing.SignatureExpired:
        messages.error(request, "That preview is more than two hours old. Upload the file again.")
        return redirect("programme_admin:import_roster", cohort.pk)
    except signing.BadSignature:
        messages.error(
            request,
            "The import could not be confirmed because its data was changed or is "
            "incomplete. Nothing was imported. Upload the file again.",
        )
        return _render_upload(request, cohort, RosterUploadForm(), status=400)
    try:
        preview = parse_roster(
            file=io.StringIO(text), cohort=cohort, create_organisations=create_organisations
        )
    except RosterFileError as error:
        form = RosterUploadForm()
        messages.error(request, f"Nothing was imported. {error}")
        return _render_upload(request, cohort, form, status=400)
    try:
        result = apply_roster(preview=preview, cohort=cohort, user=request.user)
    except RosterHasProblems as error:
        messages.error(request, str(error))
        return _render_preview(request, cohort, preview)
    messages.success(request, success_message(result))
    participants_url = reverse("programme_participant_modeladmin_index")
    return redirect(f"{participants_url}?membership_cohort={cohort.pk}")


def success_message(result):
    message = ngettext(
        "Imported %(participants)d participant", "Imported %(participants)d participants",
        result.participants,
    ) + ngettext(
        " from %(organisations)d organisation", " from %(organisations)d organisations",
        result.organisations,
    )
    if result.organisations_created:
        message += ngettext(
            ". Added %(created)d new organisation to the directory",
            ". Added %(created)d new organisations to the directory",
            result.organisations_created,
        )
    return message % {
        "participants": result.participants,
        "organisations": result.organisations,
        "created": result.organisations_created,
    }


def download_template(request):
    """The sample CSV with the columns the import reads."""
    if not is_facilitator(request.user):
        return _forbidden(request)
    return FileResponse(
        TEMPLATE_CSV.open("rb"), as_attachment=True,
        filename="participants-import-template.csv", content_type="text/csv; charset=utf-8",
    )


urlpatterns = [
    path("cohorts/<int:cohort_id>/import/", import_roster, name="import_roster"),
    path("cohorts/<int:cohort_id>/import/confirm/", confirm_import, name="import_confirm"),
    path("import/template.csv", download_template, name="import_template"),
]

"""Take a session's register: one screen listing everyone on it, grouped by
organisation, with attended / sent apologies / absent for each person.

Mounted by programme/admin/urls.py under /admin/peer-learning/, so Wagtail's
`require_admin_access` wraps it: anonymous users and users without admin
access (participants, plain users) are sent to the login page. Within the
admin, a PermissionDenied raised here becomes Wagtail's standard "permission
denied" response (a redirect to the dashboard with an error message; a real
403 for XHR requests).
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import AttendanceStatus, SessionStatus
from programme.models import ProgrammeSession
from programme.reporting.downloads import PEOPLE, cohort_downloads
from programme.sessions.attendance import (
    describe_counts,
    mark_everyone_attended,
    record_register,
    register_rows,
)

FIELD_PREFIX = "participant_"


class RegisterForm(forms.Form):
    """One radio group per person on the register, named participant_<id>.

    Once the session has started every person needs a status; before it, the
    facilitator may record only the apologies that have come in. A posted
    participant_<id> that is not on this register (another cohort's or
    programme's person, or an organisation that withdrew) makes the whole form
    invalid, so nothing is saved."""

    def __init__(self, *args, groups, required, **kwargs):
        super().__init__(*args, **kwargs)
        for group in groups:
            for row in group.rows:
                person = row.participant
                self.fields[f"{FIELD_PREFIX}{person.pk}"] = forms.ChoiceField(
                    label=person.name,
                    help_text=person.role,
                    choices=AttendanceStatus.choices,
                    widget=forms.RadioSelect,
                    required=required,
                    initial=row.status,
                    error_messages={
                        "required": f"Choose attended, sent apologies or absent for {person.name}.",
                        "invalid_choice": f"Choose attended, sent apologies or absent for {person.name}.",
                    },
                )

    def clean(self):
        cleaned = super().clean()
        posted = {key for key in self.data if key.startswith(FIELD_PREFIX)}
        if posted - set(self.fields):
            raise ValidationError(
                "The register included people who are not on it. Nothing was saved: "
                "reload the page and try again.",
                code="unknown_participant",
            )
        if not any(cleaned.get(name) for name in self.fields):
            raise ValidationError("Choose a status for at least one person.", code="empty")
        return cleaned

    def statuses(self):
        """{participant id: status} for everyone given a status."""
        return {
            int(name.removeprefix(FIELD_PREFIX)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(FIELD_PREFIX) and value
        }


def _sections(form, groups):
    """The bound fields, grouped by organisation as the register is."""
    return [
        {
            "organisation": group.organisation,
            "people": [
                {"field": form[f"{FIELD_PREFIX}{row.participant.pk}"], "row": row} for row in group.rows
            ],
        }
        for group in groups
    ]


@require_http_methods(["GET", "POST"])
def register(request, session_id):
    session = facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user, pk=session_id)
    url = reverse("programme_admin:register", args=[session.pk])
    groups = register_rows(session=session)
    cancelled = session.status == SessionStatus.CANCELLED
    started = session.starts_at <= timezone.now()
    status = 200
    form = None
    if cancelled:
        if request.method == "POST":
            messages.error(request, "This session was cancelled: there is no register to take.")
            status = 400
    elif request.method == "POST" and request.POST.get("action") == "all_attended":
        try:
            counts = mark_everyone_attended(session=session, user=request.user)
        except ValueError as error:
            messages.error(request, str(error))
            form = RegisterForm(groups=groups, required=started)
            status = 400
        else:
            messages.success(request, f"Everyone marked attended: {describe_counts(counts)}. "
                                      "Now change anyone who did not come, and save.")
            return redirect(url)
    elif request.method == "POST":
        form = RegisterForm(request.POST, groups=groups, required=started)
        if form.is_valid():
            try:
                counts = record_register(session=session, statuses=form.statuses(), user=request.user)
            except ValueError as error:  # e.g. a membership withdrawn since the form was shown
                form.add_error(None, ValidationError(str(error), code="unknown_participant"))
            else:
                messages.success(request, f"Register saved: {describe_counts(counts)}")
                return redirect(url)
        # Missing answers are an ordinary mistake (200); ids that cannot have
        # come from this form are a bad request (400). Either way nothing is saved.
        status = 400 if form.has_error(NON_FIELD_ERRORS, "unknown_participant") else 200
        messages.error(request, "The register could not be saved because of the errors below.")
    else:
        form = RegisterForm(groups=groups, required=started)

    people = [row for group in groups for row in group.rows]
    context = {
        "session": session,
        "cohort": session.cohort,
        "form": form,
        "sections": _sections(form, groups) if form is not None else [],
        "cancelled": cancelled,
        "started": started,
        "people_count": len(people),
        "recorded_count": sum(1 for row in people if row.status),
        "action_url": url,
        "overview_url": reverse("programme_admin:cohort_overview", args=[session.cohort_id]),
        "downloads": cohort_downloads(cohort=session.cohort, groups=(PEOPLE,)),
    }
    return TemplateResponse(request, "programme/admin/register.html", context, status=status)


urlpatterns = [
    path("sessions/<int:session_id>/register/", register, name="register"),
]

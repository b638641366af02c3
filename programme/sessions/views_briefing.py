"""The briefing for directors: its contacts organisation by organisation,
sending them the invitation (with the calendar file), and its register.
The rules are programme/sessions/briefing.py; the contacts themselves are
added and changed on the "Briefing contacts" ModelAdmin screens. Mounted
under /admin/peer-learning/ (programme/admin/urls.py)."""
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import AttendanceStatus, SessionKind, SessionStatus
from programme.models import ProgrammeSession
from programme.sessions.attendance import describe_counts
from programme.sessions.briefing import (
    briefing_rows,
    briefing_summary,
    record_briefing_register,
    send_invitations,
)

FIELD_PREFIX = "contact_"


class BriefingRegisterForm(forms.Form):
    """One radio group per briefing contact, named contact_<id>; a posted id
    that is not on the register makes the whole form invalid."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        for group in groups:
            for row in group.rows:
                contact = row.contact
                message = f"Choose attended, sent apologies or absent for {contact.name}."
                self.fields[f"{FIELD_PREFIX}{contact.pk}"] = forms.ChoiceField(
                    label=contact.name, help_text=contact.role, choices=AttendanceStatus.choices,
                    widget=forms.RadioSelect, required=False, initial=row.status,
                    error_messages={"invalid_choice": message},
                )

    def clean(self):
        cleaned = super().clean()
        posted = {key for key in self.data if key.startswith(FIELD_PREFIX)}
        if posted - set(self.fields):
            raise ValidationError("The register included people who are not on it. Nothing was saved: "
                                  "reload the page and try again.", code="unknown_contact")
        if not any(cleaned.get(name) for name in self.fields):
            raise ValidationError("Choose a status for at least one person.", code="empty")
        return cleaned

    def statuses(self):
        return {int(name.removeprefix(FIELD_PREFIX)): value
                for name, value in self.cleaned_data.items() if name.startswith(FIELD_PREFIX) and value}


@require_http_methods(["GET", "POST"])
def briefing(request, session_id):
    session = facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user,
                                 pk=session_id)
    if session.kind != SessionKind.BRIEFING:
        raise Http404("Only a briefing for directors has directors to invite.")
    url = reverse("programme_admin:briefing", args=[session.pk])
    cancelled = session.status == SessionStatus.CANCELLED
    groups = briefing_rows(session=session)
    form = BriefingRegisterForm(groups=groups)
    status = 200
    if request.method == "POST":
        if cancelled:
            messages.error(request, "This briefing was cancelled: there is no one to invite and no register to take.")
            return redirect(url)
        if request.POST.get("action") == "invite":
            sent = send_invitations(session=session, user=request.user)
            if sent:
                messages.success(request, f"Invitation sent to {sent} {'person' if sent == 1 else 'people'}, "
                                          "with the calendar file attached.")
            else:
                messages.warning(request, "Nothing new was sent: every contact has had this invitation already.")
            return redirect(url)
        form = BriefingRegisterForm(request.POST, groups=groups)
        if form.is_valid():
            try:
                record_briefing_register(session=session, statuses=form.statuses(), user=request.user)
            except ValueError as error:
                form.add_error(None, ValidationError(str(error), code="unknown_contact"))
            else:
                counts = {s: list(form.statuses().values()).count(s) for s in AttendanceStatus.values}
                messages.success(request, f"Briefing register saved: {describe_counts(counts)}")
                return redirect(url)
        status = 400 if form.has_error(NON_FIELD_ERRORS, "unknown_contact") else 200
        messages.error(request, "The register could not be saved because of the errors below.")
    sections = [
        {"membership": group.membership,
         "people": [{"field": form[f"{FIELD_PREFIX}{row.contact.pk}"], "row": row} for row in group.rows]}
        for group in groups
    ]
    contact_count = sum(len(group.rows) for group in groups)
    return TemplateResponse(request, "programme/admin/briefing.html", {
        "session": session,
        "cohort": session.cohort,
        "form": form,
        "sections": sections,
        "cancelled": cancelled,
        "started": session.starts_at <= timezone.now(),
        "contact_count": contact_count,
        "without_contact": [group.membership.organisation for group in groups if not group.rows],
        "summary": briefing_summary(cohort=session.cohort),
        "action_url": url,
        "contacts_url": reverse("programme_briefingcontact_modeladmin_index") + f"?cohort={session.cohort_id}",
        "add_contact_url": reverse("programme_briefingcontact_modeladmin_create"),
        "overview_url": reverse("programme_admin:cohort_overview", args=[session.cohort_id]),
    }, status=status)


urlpatterns = [
    path("sessions/<int:session_id>/briefing/", briefing, name="briefing"),
]

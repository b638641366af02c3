"""A facilitator's view of one organisation's consent to publication: its
current answer, every decision with who made it and the wording, and the
override (a decision recorded for the organisation, which needs a reason).
The rule and the record are programme/cohorts/consent.py."""
from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.cohorts.consent import (
    REASON_MAX,
    consent_history,
    consent_state,
    consent_wording,
    override_consent,
)
from programme.models import Membership


class ConsentOverrideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Record for the organisation", widget=forms.RadioSelect,
        choices=(("given", "It consents to publication"), ("withdrawn", "It does not consent (withdraw)")),
        error_messages={"required": "Choose what to record for the organisation."},
    )
    reason = forms.CharField(
        label="Why you are recording this", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="For example: “Consent given on the paper form at the review session, 9 February.” Kept with "
                  "the record, with your name.",
    )

    def clean_reason(self):
        reason = self.cleaned_data.get("reason", "").strip()
        if not reason:
            raise ValidationError("Say why you are recording this for the organisation.")
        if len(reason) > REASON_MAX:
            raise ValidationError(f"Keep the reason to {REASON_MAX} characters (it has {len(reason)}).")
        return reason


@require_http_methods(["GET", "HEAD", "POST"])
def membership_consent(request, membership_id):
    membership = facilitated_or_404(
        Membership.objects.select_related("organisation", "cohort__programme"), request.user, pk=membership_id
    )
    form = ConsentOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consent = form.cleaned_data["decision"] == "given"
        override_consent(membership=membership, consent=consent, reason=form.cleaned_data["reason"],
                         user=request.user)
        messages.success(request, f"Recorded for {membership.organisation.name}: "
                                  f"{'consent given' if consent else 'consent withdrawn'}. It takes effect at the "
                                  "next publication of the report.")
        return redirect(reverse("programme_admin:membership_consent", args=[membership.pk]))
    return TemplateResponse(request, "programme/admin/membership_consent.html", {
        "membership": membership,
        "state": consent_state(membership),
        "history": consent_history(membership),
        "wording": consent_wording(membership),
        "form": form,
    }, status=400 if form.errors else 200)


urlpatterns = [
    path("memberships/<int:membership_id>/consent/", membership_consent, name="membership_consent"),
]

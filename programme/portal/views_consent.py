"""Consent to publication, given or withdrawn by the organisation itself: a
participant sees exactly which of the organisation's words the public report
may show, and the wording they confirm, before confirming it for the
organisation. The rule and the record are programme/cohorts/consent.py."""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from programme.cohorts.consent import (
    consent_history,
    consent_state,
    consent_wording,
    give_consent,
    withdraw_consent,
    words_for_publication,
)
from programme.portal.views import participant_view


class ConsentForm(forms.Form):
    ACTIONS = (("give", "Give consent"), ("withdraw", "Withdraw consent"))

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = f"I confirm this for {organisation}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "give" and not cleaned.get("confirm"):
            self.add_error("confirm", "Tick the box to confirm, for your organisation, the words above.")
        return cleaned


@participant_view
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request, membership):
    organisation = membership.organisation.name
    state = consent_state(membership)
    form = ConsentForm(request.POST or None, organisation=organisation,
                       initial={"action": "withdraw" if state.given else "give"})
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        if action == "give" and not state.given:
            give_consent(membership=membership, user=request.user)
            messages.success(request, f"Thank you: you have given consent for {organisation}. It takes effect the "
                                      "next time the programme report is published.")
        elif action == "withdraw" and state.given:
            withdraw_consent(membership=membership, user=request.user)
            messages.success(request, f"You have withdrawn consent for {organisation}. The next publication of "
                                      "the programme report leaves out your organisation's words.")
        return redirect("portal:consent")
    return render(request, "portal/consent.html", {
        "membership": membership,
        "state": state,
        "form": form,
        "wording": consent_wording(membership),
        "words": words_for_publication(membership),
        "history": consent_history(membership),
    }, status=400 if form.errors else 200)

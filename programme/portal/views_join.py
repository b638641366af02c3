"""Accepting an invitation: the one-time link from the invitation email
(programme/cohorts/invitations.py). A new person chooses a password; someone
who already has an account (the same address, another cohort) signs in with
it; either way they land on the portal in the cohort they were invited to.
A link that was used, replaced or has expired says so, and offers a new one,
sent to the address on file."""
from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login
from django.contrib.auth.forms import SetPasswordMixin
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from programme.cohorts.invitations import (
    InvitationRefused,
    accept,
    account_for,
    create_account_and_accept,
    invitation_from,
    resend,
)
from programme.models import Invitation
from programme.portal.access import choose_membership

PASSWORD_MAX = 128  # Django's own password fields accept no more


class ChoosePasswordForm(SetPasswordMixin, forms.Form):
    """A new account's password, checked by the site's password validators."""

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Choose a password", label2="Type it again"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # unsaved: the validators compare the password with the name and address
        for name in ("password1", "password2"):
            self.fields[name].max_length = PASSWORD_MAX
            self.fields[name].error_messages["required"] = "Choose a password." if name == "password1" else (
                "Type the password again."
            )
        self.fields["password2"].help_text = "The same password again, to be sure it is the one you meant."

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()


class SignInToJoinForm(forms.Form):
    password = forms.CharField(
        label="Your password", strip=False, max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password."},
    )


def _refused(request, refusal, *, status=410):
    return render(request, "portal/join_problem.html", {
        "reason": refusal.reason,
        "invitation": refusal.invitation,
        "token": request.resolver_match.kwargs["token"],
    }, status=status)


def _joined(request, user, invitation):
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    choose_membership(request, invitation.participant.membership)
    cohort = invitation.participant.membership.cohort
    messages.success(request, f"Welcome. You are taking part in {cohort.programme.title} ({cohort.name}).")
    return redirect("portal:dashboard")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, token):
    try:
        invitation = invitation_from(token)
    except InvitationRefused as refusal:
        return _refused(request, refusal)
    existing = account_for(invitation.email)
    context = {"invitation": invitation, "participant": invitation.participant,
               "cohort": invitation.participant.membership.cohort, "existing": existing}

    if request.user.is_authenticated:
        # Already signed in: as the invited address's own account, one click;
        # as anyone else, never (a link forwarded to a colleague stays theirs).
        if existing is None or request.user.pk != existing.pk:
            return render(request, "portal/join_signed_in_as_other.html", context, status=403)
        if request.method == "POST":
            return _accept_or_refuse(request, invitation, request.user)
        return render(request, "portal/join.html", {**context, "one_click": True})

    if existing is not None:
        form = SignInToJoinForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = authenticate(request, username=existing.get_username(), password=form.cleaned_data["password"])
            if user is None:
                form.add_error("password", "That is not the password of this account. Try again, or reset it.")
            else:
                return _accept_or_refuse(request, invitation, user)
        return render(request, "portal/join.html", {**context, "form": form, "sign_in": True})

    pending = invitation.participant
    candidate = get_user_model()(username=invitation.email, email=invitation.email, first_name=pending.name)
    form = ChoosePasswordForm(request.POST or None, user=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            user = create_account_and_accept(invitation=invitation, password=form.cleaned_data["password1"],
                                             name=pending.name)
        except InvitationRefused as refusal:
            return _refused(request, refusal)
        return _joined(request, user, invitation)
    return render(request, "portal/join.html", {**context, "form": form, "choose_password": True})


def _accept_or_refuse(request, invitation, user):
    try:
        accept(invitation=invitation, user=user)
    except InvitationRefused as refusal:
        return _refused(request, refusal)
    return _joined(request, user, invitation)


@never_cache
@require_http_methods(["POST"])
def join_again(request, token):
    """A new link for an expired or replaced one, to the address on file."""
    try:
        invitation = invitation_from(token)
    except InvitationRefused as refusal:
        invitation = refusal.invitation
        if refusal.reason not in ("expired", "superseded") or invitation is None:
            return _refused(request, refusal)
    else:
        return redirect("portal:join", token=token)  # still valid: just use it
    latest = Invitation.objects.filter(participant=invitation.participant).order_by("-created_at").first()
    if latest and latest.accepted_at:
        return _refused(request, InvitationRefused("used", invitation))
    sent = resend(invitation=latest or invitation)
    return render(request, "portal/join_resent.html", {"invitation": invitation, "sent": sent is not None})

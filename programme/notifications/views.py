"""Sending invitations and follow-up resources from the admin. What was sent
is listed under Peer learning → Sent emails."""
import smtplib

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.models import Membership, ProgrammeSession
from programme.notifications.messages import send_follow_up, send_invitation


class InvitationForm(forms.Form):
    to = forms.EmailField(
        label="Send the invitation to", max_length=254,
        help_text="Usually the organisation's lead contact or its director of children's services.",
    )


def _membership_for(request, membership_id):
    return facilitated_or_404(
        Membership.objects.select_related("organisation", "cohort__programme"), request.user, pk=membership_id
    )


def invite(request, membership_id):
    membership = _membership_for(request, membership_id)
    first_contact = membership.participants.order_by("pk").values_list("email", flat=True).first()
    form = InvitationForm(request.POST or None, initial={"to": first_contact or ""})
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["to"]
        try:
            sent = send_invitation(membership=membership, to=to, invited_by=request.user)
        except (smtplib.SMTPException, OSError):
            form.add_error("to", "The mail server refused this message. Check the address, or try again later.")
        else:
            if sent:
                messages.success(request, f"Invitation sent to {to}.")
            else:
                messages.warning(request, f"{to} was already invited to this cohort, so nothing was sent again.")
            return redirect(reverse("programme_membership_modeladmin_index"))
    return TemplateResponse(request, "programme/admin/invite.html", {"membership": membership, "form": form})


@require_POST
def follow_up(request, session_id):
    session = facilitated_or_404(ProgrammeSession.objects.select_related("cohort__programme"), request.user, pk=session_id)
    try:
        count = send_follow_up(session=session)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        if count:
            messages.success(request, f"Follow-up resources sent to {count} participant{'s' if count != 1 else ''}.")
        else:
            messages.warning(request, "Nothing new to send: no published follow-up resources, or everyone has them.")
    return redirect(reverse("programme_admin:register", args=[session.pk]))


urlpatterns = [
    path("memberships/<int:membership_id>/invite/", invite, name="invite"),
    path("sessions/<int:session_id>/follow-up/", follow_up, name="follow_up"),
]

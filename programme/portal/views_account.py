"""The participant's own settings in the portal (their private calendar
address, and which of their cohorts they are working in), and signing out,
for the portal and the admin alike."""
from django.contrib import messages
from django.contrib.auth import logout as end_session
from django.contrib.auth.views import LogoutView
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from programme.models import Membership, Participant
from programme.portal.access import choose_membership, ordered_memberships
from programme.portal.views import participant_view


@participant_view
@require_POST
def calendar_new_address(request, membership):
    """Revoke the private calendar address and issue a new one."""
    participant = Participant.objects.filter(user=request.user, membership=membership).order_by("pk").first()
    if participant is None:
        raise Http404("No calendar for this login.")
    participant.revoke_calendar_token()
    messages.success(
        request,
        "You have a new private calendar address. The old one has stopped working: "
        "subscribe again with the new address below.",
    )
    return redirect(reverse("portal:dashboard") + "#calendar")


@participant_view
@require_POST
def switch_cohort(request, membership):
    """Work in another of the person's cohorts. Only their own accepted
    memberships can be chosen: any other id is refused as if it did not exist."""
    try:
        chosen = ordered_memberships(request.user).get(pk=int(request.POST.get("membership", "")))
    except (ValueError, Membership.DoesNotExist):
        raise Http404("No such cohort.") from None
    choose_membership(request, chosen)
    messages.success(request, f"You are now working in {chosen.cohort.programme.title} ({chosen.cohort.name}) "
                              f"for {chosen.organisation.name}.")
    return redirect("portal:dashboard")


class EndsTheSessionWhateverTheMethod:
    """Signing out is done by POST (a sign-out button; a link could be
    followed by anyone's page). Any other method is answered 405, but the
    session ends all the same: Wagtail's sign-out, asked by GET, deleted the
    cookie and left the session itself alive on the server, so that a copy
    of the cookie still worked while the person believed they had signed out."""

    def http_method_not_allowed(self, request, *args, **kwargs):
        end_session(request)  # the session row is deleted; SessionMiddleware drops the cookie
        return super().http_method_not_allowed(request, *args, **kwargs)


class SignOutView(EndsTheSessionWhateverTheMethod, LogoutView):
    """/accounts/logout/ (the portal's Sign out button)."""


class AdminSignOutView(EndsTheSessionWhateverTheMethod, WagtailLogoutView):
    """/admin/logout/ (the admin's Sign out)."""

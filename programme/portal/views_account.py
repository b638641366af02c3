"""The participant's own settings in the portal: their private calendar address."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from programme.models import Participant
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

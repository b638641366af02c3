"""Booking one of the 1-1 conversation slots the facilitators offer, first
come first served (the rule is programme/sessions/places.py). A slot another
organisation took a moment ago gets a clear answer, and the list of the
slots still free."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from programme.dates import format_session_time
from programme.portal.views import participant_view, with_times
from programme.sessions.places import NoSuchSlot, SlotRefused, SlotTaken, book_slot, open_slots


@participant_view
@require_POST
def book(request, membership, session_id):
    organisation = membership.organisation.name
    try:
        session = book_slot(session_id=session_id, membership=membership, user=request.user)
    except NoSuchSlot:
        raise Http404("No such slot.") from None
    except SlotTaken:
        return render(request, "portal/slot_gone.html", {
            "membership": membership,
            "cohort": membership.cohort,
            "slots": with_times(list(open_slots(membership, now=timezone.now()))),
        }, status=409)
    except SlotRefused as refused:
        messages.error(request, str(refused))
        return redirect("portal:sessions")
    messages.success(
        request, f"Booked: “{session.title}”, {format_session_time(session)}, for {organisation}. "
                 "It is now in your sessions and your calendar feed."
    )
    return redirect("portal:sessions")

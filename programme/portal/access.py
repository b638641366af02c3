"""Whose portal is this? The one place the portal decides which organisation's
work the logged-in person sees and changes."""
from django.db.models import F
from django.http import Http404

from programme.enums import MembershipStatus
from programme.models import Membership
from programme.permissions import may_take_part


class NotAParticipant(Http404):
    """The user has no accepted membership: a facilitator, a member of staff,
    or someone whose organisation has withdrawn."""


def memberships_of(user):
    """The accepted memberships the user takes part in. None for a member of
    staff, whatever participant rows name their account."""
    if not may_take_part(user):
        return Membership.objects.none()
    return (
        Membership.objects.filter(participants__user=user, status=MembershipStatus.ACCEPTED)
        .select_related("organisation", "cohort__programme")
        .distinct()
    )


# The session key holding the membership a person chose to work in.
CHOSEN = "portal_membership"


def ordered_memberships(user):
    """The user's accepted memberships, most recent cohort first."""
    return memberships_of(user).order_by(F("cohort__starts_on").desc(nulls_last=True), "-cohort_id", "-pk")


def membership_for(user, *, session=None):
    """The membership whose work `user` sees: the one they chose (in
    `session`), if it is still one of theirs, else their organisation's place
    in the most recent cohort they take part in. Withdrawing a membership or
    removing the person ends it at the next request.

    Raises NotAParticipant (an Http404) when there is none."""
    memberships = ordered_memberships(user)
    chosen = session.get(CHOSEN) if session is not None else None
    membership = (memberships.filter(pk=chosen).first() if chosen else None) or memberships.first()
    if membership is None:
        raise NotAParticipant("This login does not take part in a cohort.")
    return membership


def choose_membership(request, membership):
    """Work in this membership from now on (checked again at every request)."""
    request.session[CHOSEN] = membership.pk

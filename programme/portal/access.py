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


def membership_for(user):
    """The membership whose work `user` sees: their organisation's place in the
    most recent cohort they take part in (accepted memberships only).

    Raises NotAParticipant (an Http404) when there is none."""
    membership = (
        memberships_of(user)
        .order_by(F("cohort__starts_on").desc(nulls_last=True), "-cohort_id", "-pk")
        .first()
    )
    if membership is None:
        raise NotAParticipant("This login does not take part in a cohort.")
    return membership

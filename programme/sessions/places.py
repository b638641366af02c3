"""Who a session is for. Workshops, the review and the briefing are for the
whole cohort; a 1-1 conversation or an action learning set belongs to some of
its organisations only (`SessionPlace`): the facilitator gives the places, or
offers 1-1 slots that organisations book from the portal, first come first
served. Only those organisations see its join link, get its reminders, are on
its register and have it in their calendar feed.

Booking is race-safe twice over: the slot's row is locked while it is
booked (select_for_update, on PostgreSQL), and the `one_booking_per_slot`
constraint refuses a second booking whatever the database (SQLite has no
row locks, but it writes one transaction at a time)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from programme.enums import SMALL_GROUP_KINDS, MembershipStatus, SessionKind, SessionStatus
from programme.models import Membership, Participant, ProgrammeSession, SessionPlace
from programme.permissions import can_facilitate

__all__ = [
    "NoSuchSlot",
    "SlotRefused",
    "SlotTaken",
    "audience_memberships",
    "audience_participants",
    "book_slot",
    "is_for",
    "open_slots",
    "set_places",
    "sessions_for",
]


class SlotRefused(ValueError):
    """The slot cannot be booked (cancelled, started, not a slot of this cohort…)."""


class SlotTaken(SlotRefused):
    """Another organisation booked the slot first."""


class NoSuchSlot(SlotRefused):
    """Not a 1-1 slot offered to this organisation's cohort (the portal answers 404)."""


def _small_group():
    return Q(kind__in=SMALL_GROUP_KINDS)


def sessions_for(membership):
    """The sessions of the membership's cohort that its organisation may see:
    every session for the whole cohort, and the 1-1s and action learning sets
    it has a place at. One query when evaluated."""
    has_place = SessionPlace.objects.filter(session_id=OuterRef("pk"), membership_id=membership.pk)
    return (
        ProgrammeSession.objects.filter(cohort_id=membership.cohort_id)
        .filter(~_small_group() | Exists(has_place))
    )


def is_for(session, membership) -> bool:
    """Whether `membership`'s organisation is in the session's audience."""
    if membership.cohort_id != session.cohort_id or membership.status != MembershipStatus.ACCEPTED:
        return False
    if not session.for_some_organisations:
        return True
    return SessionPlace.objects.filter(session_id=session.pk, membership_id=membership.pk).exists()


def audience_memberships(session):
    """The accepted memberships the session is for."""
    memberships = Membership.objects.filter(cohort_id=session.cohort_id, status=MembershipStatus.ACCEPTED)
    if session.for_some_organisations:
        memberships = memberships.filter(session_places__session_id=session.pk)
    return memberships


def audience_participants(session):
    """The participants of the accepted memberships the session is for."""
    people = Participant.objects.filter(
        membership__cohort_id=session.cohort_id, membership__status=MembershipStatus.ACCEPTED
    )
    if session.for_some_organisations:
        people = people.filter(membership__session_places__session_id=session.pk)
    return people


def open_slots(membership, *, now=None):
    """The cohort's offered 1-1 slots nobody has booked yet and that have not
    started, soonest first. One query."""
    now = now or timezone.now()
    booked = SessionPlace.objects.filter(session_id=OuterRef("pk"))
    return (
        ProgrammeSession.objects.filter(
            cohort_id=membership.cohort_id, kind=SessionKind.ONE_TO_ONE, bookable=True,
            status=SessionStatus.SCHEDULED, starts_at__gt=now,
        )
        .exclude(Exists(booked))
        .order_by("starts_at", "pk")
    )


def book_slot(*, session_id, membership, user, now=None) -> ProgrammeSession:
    """Book the offered 1-1 slot `session_id` for `membership`'s organisation.
    SlotTaken if another organisation booked it first (the answer the portal
    gives as "this slot has just gone"), SlotRefused if it cannot be booked at
    all. This changes data: never from a GET."""
    now = now or timezone.now()
    if membership.status != MembershipStatus.ACCEPTED:
        raise SlotRefused("Only organisations accepted into the cohort can book a 1-1 conversation.")
    try:
        with transaction.atomic():
            session = (
                ProgrammeSession.objects.select_for_update()
                .filter(pk=session_id, cohort_id=membership.cohort_id, kind=SessionKind.ONE_TO_ONE, bookable=True)
                .first()
            )
            if session is None:
                raise NoSuchSlot("That is not a 1-1 slot offered to your cohort.")
            if session.status == SessionStatus.CANCELLED:
                raise SlotRefused("This 1-1 slot was cancelled. Choose another one.")
            if session.starts_at <= now:
                raise SlotRefused("This 1-1 slot has already started. Choose another one.")
            holder = SessionPlace.objects.filter(session_id=session.pk).select_related("membership").first()
            if holder is not None:
                if holder.membership_id == membership.pk:
                    return session  # booked already (a second click): nothing to do
                raise SlotTaken()
            SessionPlace.objects.create(session=session, membership=membership, booked_by=user, slot=True)
    except IntegrityError:  # booked by someone else between our check and our write
        raise SlotTaken() from None
    return session


def set_places(*, session, membership_ids, user) -> list[Membership]:
    """Give the places at a 1-1 conversation or an action learning set to
    exactly these accepted memberships of its cohort (the facilitator's
    choice replaces the earlier one, bookings included). PermissionDenied for
    the user, ValueError for the data; nothing is saved if anything is wrong.
    An offered slot holds one organisation."""
    if not can_facilitate(user, session):
        raise PermissionDenied("You can only choose the organisations of sessions you facilitate.")
    if not session.for_some_organisations:
        raise ValueError("Workshops, reviews and briefings are for the whole cohort.")
    wanted = set(membership_ids)
    chosen = list(
        Membership.objects.filter(cohort_id=session.cohort_id, status=MembershipStatus.ACCEPTED, pk__in=wanted)
        .select_related("organisation")
    )
    if len(chosen) != len(wanted):
        raise ValueError("Choose only organisations accepted into this session's cohort.")
    if session.bookable and len(chosen) > 1:
        raise ValueError("A 1-1 slot is for one organisation: choose one, or none to offer it again.")
    with transaction.atomic():
        ProgrammeSession.objects.select_for_update().filter(pk=session.pk).first()
        SessionPlace.objects.filter(session_id=session.pk).exclude(membership_id__in=wanted).delete()
        have = set(SessionPlace.objects.filter(session_id=session.pk).values_list("membership_id", flat=True))
        SessionPlace.objects.bulk_create([
            SessionPlace(session=session, membership=m, slot=session.bookable) for m in chosen if m.pk not in have
        ])
    return chosen

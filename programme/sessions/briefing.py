"""The briefing for directors and heads of service. They are invited without
becoming portal participants: each organisation's `BriefingContact`s get an
invitation email with the calendar file attached, and the briefing has its
own register of them. The cohort overview and the programme report say
"7 of 10 councils had a director at the briefing".

Query counts are fixed whatever the size of the cohort: `briefing_rows` 2,
`briefing_summary` 3 (or 1, see there), `record_briefing_register` a permission check, one read
and one upsert."""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from programme.dates import format_session_time
from programme.enums import (
    AttendanceStatus,
    EmailKind,
    MembershipStatus,
    OrganisationKind,
    SessionKind,
    SessionStatus,
)
from programme.models import BriefingAttendance, BriefingContact, Membership, ProgrammeSession
from programme.notifications.delivery import Outgoing, queue, render_email
from programme.pages import purge_public_pages
from programme.permissions import can_facilitate
from programme.sessions import calendar
from programme.sessions.attendance import session_is_held

__all__ = [
    "BriefingSummary",
    "ContactRow",
    "OrganisationContacts",
    "briefing_rows",
    "briefing_summary",
    "invitation_messages",
    "record_briefing_register",
    "send_invitations",
]


@dataclass(frozen=True)
class ContactRow:
    contact: BriefingContact
    status: str | None


@dataclass(frozen=True)
class OrganisationContacts:
    membership: Membership
    rows: list[ContactRow]


def _contacts(cohort_id):
    return BriefingContact.objects.filter(
        membership__cohort_id=cohort_id, membership__status=MembershipStatus.ACCEPTED
    )


def briefing_rows(*, session) -> list[OrganisationContacts]:
    """Every accepted organisation of the cohort, by name, with its briefing
    contacts and the status recorded for each at `session` (an organisation
    with no contact yet is listed with none, so the facilitator sees who is
    missing). Two queries."""
    memberships = list(
        Membership.objects.filter(cohort_id=session.cohort_id, status=MembershipStatus.ACCEPTED)
        .select_related("organisation").order_by("organisation__name", "pk")
    )
    recorded = BriefingAttendance.objects.filter(session_id=session.pk, contact_id=OuterRef("pk"))
    contacts = (
        _contacts(session.cohort_id)
        .annotate(recorded_status=Subquery(recorded.values("status")[:1]))
        .order_by("name", "pk")
    )
    by_membership: dict[int, list[ContactRow]] = {m.pk: [] for m in memberships}
    for contact in contacts:
        by_membership[contact.membership_id].append(ContactRow(contact=contact, status=contact.recorded_status))
    return [OrganisationContacts(membership=m, rows=by_membership[m.pk]) for m in memberships]


def record_briefing_register(*, session, statuses: Mapping[int, str], user) -> None:
    """Record the briefing's register: `statuses` maps contact ids to
    AttendanceStatus values. All is checked first (a briefing the user
    facilitates, not cancelled, every contact one of its cohort's accepted
    organisations', every status valid), then written in one transaction.
    PermissionDenied for the user, ValueError for the data: nothing is saved."""
    if not can_facilitate(user, session):
        raise PermissionDenied("You can only take the register of sessions you facilitate.")
    if session.kind != SessionKind.BRIEFING:
        raise ValueError("Only a briefing for directors has a register of directors.")
    if session.status == SessionStatus.CANCELLED:
        raise ValueError("This briefing was cancelled: there is no register to take.")
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ValueError("Choose attended, sent apologies or absent.")
    wanted = {int(pk) for pk in statuses}
    known = set(_contacts(session.cohort_id).filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - known:
        raise ValueError("The register included people who are not this cohort's briefing contacts.")
    with transaction.atomic():
        BriefingAttendance.objects.bulk_create(
            [BriefingAttendance(session_id=session.pk, contact_id=int(pk), status=s) for pk, s in statuses.items()],
            update_conflicts=True, unique_fields=["session", "contact"], update_fields=["status", "recorded_at"],
        )
        # "7 of 10 councils had a director at the briefing" is in the report.
        purge_public_pages()


record_briefing_register.alters_data = True


@dataclass(frozen=True)
class BriefingSummary:
    briefings_held: int
    organisation_count: int  # accepted organisations of the cohort
    with_director: int  # of which had at least one contact attend a held briefing
    councils: bool  # every organisation is a local authority

    @property
    def sentence(self) -> str:
        """ "7 of 10 councils had a director at the briefing" ("" before any briefing is held)."""
        if not self.briefings_held or not self.organisation_count:
            return ""
        noun = "councils" if self.councils else "organisations"
        if self.organisation_count == 1:
            noun = noun.removesuffix("s")
        briefing = "the briefing" if self.briefings_held == 1 else "a briefing"
        return f"{self.with_director} of {self.organisation_count} {noun} had a director at {briefing}"


def briefing_summary(*, cohort, now: datetime.datetime | None = None, sessions=None,
                     memberships=None) -> BriefingSummary:
    """How many of the cohort's accepted organisations had a director (any of
    their briefing contacts) at a held briefing. Three queries, fewer when
    the caller has the cohort's `sessions` and accepted `memberships` (with
    their organisations) already: then one, and none before a briefing is held."""
    now = now or timezone.now()
    if sessions is None:
        sessions = ProgrammeSession.objects.filter(cohort_id=cohort.pk, kind=SessionKind.BRIEFING)
    briefings = [s.pk for s in sessions if s.kind == SessionKind.BRIEFING and session_is_held(s, now=now)]
    if memberships is None:
        kinds = list(
            Membership.objects.filter(cohort_id=cohort.pk, status=MembershipStatus.ACCEPTED)
            .values_list("pk", "organisation__kind")
        )
    else:
        kinds = [(m.pk, m.organisation.kind) for m in memberships if m.status == MembershipStatus.ACCEPTED]
    accepted = {pk for pk, _ in kinds}
    present = set(
        BriefingAttendance.objects.filter(session_id__in=briefings, status=AttendanceStatus.ATTENDED)
        .values_list("contact__membership_id", flat=True)
    ) if briefings else set()
    return BriefingSummary(
        briefings_held=len(briefings),
        organisation_count=len(accepted),
        with_director=len(present & accepted),
        councils=all(kind == OrganisationKind.LOCAL_AUTHORITY for _, kind in kinds),
    )


def invitation_messages(*, session, contacts, batch=""):
    """The briefing's invitation for each of `contacts`, with the briefing's
    calendar file attached (programme/sessions/calendar.py). Once per contact
    and briefing: sending again reaches only contacts added since."""
    if session.kind != SessionKind.BRIEFING:
        raise ValueError("Only a briefing for directors has invitations to directors.")
    if session.status == SessionStatus.CANCELLED:
        raise ValueError("This briefing was cancelled: there is nothing to invite people to.")
    cohort = session.cohort
    when = format_session_time(session)
    ics = calendar.session_event(session=session).decode()
    return [
        Outgoing(
            cohort=cohort, kind=EmailKind.BRIEFING, key=f"briefing:{session.pk}:{contact.pk}", to=contact.email,
            subject=f"Invitation: {session.title}, {when}", batch=batch, calendar=ics,
            body=render_email("briefing_invitation", {
                "contact": contact, "organisation": contact.membership.organisation, "session": session,
                "cohort": cohort, "programme": cohort.programme, "when": when,
            }),
        )
        for contact in contacts
    ]


def send_invitations(*, session, user) -> int:
    """Invite every briefing contact of the cohort's accepted organisations
    who has not had this briefing's invitation. Returns how many were queued."""
    if not can_facilitate(user, session):
        raise PermissionDenied("You can only send invitations to sessions you facilitate.")
    contacts = list(_contacts(session.cohort_id).select_related("membership__organisation").order_by("pk"))
    return queue(invitation_messages(session=session, contacts=contacts))


send_invitations.alters_data = True

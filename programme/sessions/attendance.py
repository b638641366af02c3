"""Taking a session's register, and summarising a cohort's attendance.

Plain functions with keyword-only arguments; the admin views call them and the
programme report reuses `attendance_summary(...).sentence`
("6 of 10 organisations attended every session").

Definitions used by the summary (the words the 2021 programme report uses, made exact):

- **Held**: a session that was not cancelled and is marked held, or is still
  marked scheduled but has already started (facilitators rarely come back to
  flip the status). Sessions that have not started yet do not count.
- **Counted**: only held sessions of the kinds in `SUMMARY_SESSION_KINDS`
  (half-day workshops and the review session) count towards "attended every
  session". The briefing is for directors, who are usually not the registered
  participants, and 1-1 conversations and action learning sets are optional
  offers made to a few organisations: counting them would make every LA look
  as if it missed sessions. Registers can still be taken for them.
- **Attended**: an organisation attended a session if at least one of its
  participants was marked attended. A held session with no register taken
  counts as missed for everyone, and is listed in
  `AttendanceSummary.sessions_without_register` so the facilitator can see why.
- **Organisations**: the organisations with an accepted membership of the
  cohort (the ones whose people appear on the register). An organisation that
  withdrew leaves the summary.

Query counts are fixed whatever the size of the cohort: `register_rows` makes 1
query, `attendance_summary` 3, `record_register` a permission check and one
read, then one upsert (split into batches only by the database's limit on
parameters per statement).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from programme.enums import AttendanceStatus, MembershipStatus, SessionKind, SessionStatus
from programme.models import Attendance, Membership, Organisation, Participant, ProgrammeSession
from programme.pages import purge_public_pages
from programme.permissions import can_facilitate
from programme.sessions.places import audience_participants

__all__ = [
    "SUMMARY_SESSION_KINDS",
    "AttendanceSummary",
    "OrganisationRegister",
    "OrganisationSummary",
    "RegisterRow",
    "SessionSummary",
    "attendance_summary",
    "describe_counts",
    "mark_everyone_attended",
    "record_register",
    "register_rows",
    "session_is_held",
]

SUMMARY_SESSION_KINDS = frozenset({SessionKind.WORKSHOP, SessionKind.REVIEW})


# --------------------------------------------------------------------------- the register


@dataclass(frozen=True)
class RegisterRow:
    participant: Participant
    status: str | None  # an AttendanceStatus value, or None if not recorded yet


@dataclass(frozen=True)
class OrganisationRegister:
    organisation: Organisation
    rows: list[RegisterRow]


def _register_participants(session):
    """The people of the organisations the session is for: the whole cohort's
    accepted organisations, or a 1-1's or action learning set's own
    (programme/sessions/places.py)."""
    return audience_participants(session)


def register_rows(*, session) -> list[OrganisationRegister]:
    """Everyone on the session's register: the participants of the cohort's
    accepted memberships (of those with a place, for a 1-1 or an action learning set), grouped by organisation (by name), with the status
    recorded for this session (None if not yet taken). One query."""
    recorded = Attendance.objects.filter(session_id=session.pk, participant_id=OuterRef("pk"))
    participants = (
        _register_participants(session)
        .select_related("membership__organisation")
        .annotate(recorded_status=Subquery(recorded.values("status")[:1]))
        .order_by("membership__organisation__name", "name", "pk")
    )
    groups: list[OrganisationRegister] = []
    for participant in participants:
        organisation = participant.membership.organisation
        if not groups or groups[-1].organisation.pk != organisation.pk:
            groups.append(OrganisationRegister(organisation=organisation, rows=[]))
        groups[-1].rows.append(RegisterRow(participant=participant, status=participant.recorded_status))
    return groups


def record_register(*, session, statuses: Mapping[int, str], user) -> dict[str, int]:
    """Record the register of `session`: `statuses` maps participant ids to
    AttendanceStatus values. Everything is checked first - the user may
    facilitate the session, it was not cancelled, every id belongs to an
    accepted membership of the session's cohort, every status is valid - and
    then all rows are written in one transaction (an upsert, so two
    facilitators saving at once cannot collide). If anything is wrong nothing
    is saved: PermissionDenied for the user, ValueError for the data.

    Participants left out of `statuses` keep whatever was recorded before.
    Returns how many people were saved with each status, e.g.
    {"attended": 5, "apologies": 1, "absent": 0}.

    This changes data: it is the function equivalent of a model method marked
    `alters_data = True`, so never call it from a template or a GET request.
    """
    if not can_facilitate(user, session):
        raise PermissionDenied("You can only take the register of sessions you facilitate.")
    if session.status == SessionStatus.CANCELLED:
        raise ValueError("This session was cancelled: there is no register to take.")
    valid = set(AttendanceStatus.values)
    wrong_status = sorted(str(s) for s in statuses.values() if s not in valid)
    if wrong_status:
        raise ValueError(f"Unknown attendance status: {', '.join(wrong_status)}.")
    try:
        wanted = {int(pk) for pk in statuses}
    except (TypeError, ValueError):
        raise ValueError("Participant ids must be whole numbers.") from None
    known = set(
        _register_participants(session).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            "These people are not on this session's register (they are not in an accepted "
            f"organisation of its cohort): {', '.join(map(str, unknown))}."
        )
    rows = [
        Attendance(session_id=session.pk, participant_id=int(pk), status=status)
        for pk, status in statuses.items()
    ]
    with transaction.atomic():
        Attendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session", "participant"],
            update_fields=["status", "recorded_at"],
        )
        # "6 of 10 LAs attended throughout" is on the public report.
        purge_public_pages()
    counts = Counter(str(status) for status in statuses.values())
    return {status: counts.get(status, 0) for status in AttendanceStatus.values}


def mark_everyone_attended(*, session, user, now=None) -> dict[str, int]:
    """Record everyone on the register as attended, except those recorded as
    having sent apologies (they told the facilitator beforehand): the quick
    start when nearly everybody came, after which the facilitator changes the
    few who did not. Only once the session has started. Returns the counts
    saved, as record_register does."""
    now = now or timezone.now()
    if session.starts_at > now:
        raise ValueError("This session has not started yet: mark people attended once it starts.")
    apologies = set(
        Attendance.objects.filter(session_id=session.pk, status=AttendanceStatus.APOLOGIES)
        .values_list("participant_id", flat=True)
    )
    everyone = _register_participants(session).values_list("pk", flat=True)
    statuses = {pk: AttendanceStatus.ATTENDED for pk in everyone if pk not in apologies}
    if not statuses:
        raise ValueError("Nobody on this register is left to mark attended.")
    return record_register(session=session, statuses=statuses, user=user)


def describe_counts(counts: Mapping[str, int]) -> str:
    """ "5 attended, 1 sent apologies" (statuses with no one are left out)."""
    parts = [
        f"{counts[status]} {AttendanceStatus(status).label.lower()}"
        for status in AttendanceStatus.values
        if counts.get(status)
    ]
    return ", ".join(parts) if parts else "nobody recorded"


# --------------------------------------------------------------------------- the summary


def session_is_held(session, *, now: datetime.datetime) -> bool:
    if session.status == SessionStatus.CANCELLED:
        return False
    return session.status == SessionStatus.HELD or session.starts_at <= now


@dataclass(frozen=True)
class SessionSummary:
    session: ProgrammeSession
    held: bool
    counted: bool  # held, and of a kind that counts towards the organisations' summary
    attended: int = 0  # people
    apologies: int = 0
    absent: int = 0

    @property
    def recorded(self) -> int:
        return self.attended + self.apologies + self.absent

    @property
    def register_taken(self) -> bool:
        return self.recorded > 0


@dataclass(frozen=True)
class OrganisationSummary:
    organisation: Organisation
    sessions_held: int  # counted sessions
    attended: int  # counted sessions at which at least one of its people attended
    apologies: int  # missed sessions for which at least one of its people sent apologies

    @property
    def missed(self) -> int:
        return self.sessions_held - self.attended

    @property
    def attended_every_session(self) -> bool:
        return self.sessions_held > 0 and self.missed == 0

    @property
    def label(self) -> str:
        if self.sessions_held == 0:
            return "no sessions held yet"
        if self.missed == 0:
            return "attended every session"
        return f"missed {self.missed}"


@dataclass(frozen=True)
class AttendanceSummary:
    sessions: list[SessionSummary]
    organisations: list[OrganisationSummary]
    sessions_held: int  # counted sessions
    attended_every_session: int  # organisations
    sessions_without_register: list[ProgrammeSession] = field(default_factory=list)

    @property
    def organisation_count(self) -> int:
        return len(self.organisations)

    @property
    def sentence(self) -> str:
        """ "6 of 10 organisations attended every session" - reused by the
        programme report."""
        if self.organisation_count == 0:
            return "No organisations have been accepted into the cohort yet."
        if self.sessions_held == 0:
            return "No sessions have been held yet."
        noun = "organisation" if self.organisation_count == 1 else "organisations"
        return f"{self.attended_every_session} of {self.organisation_count} {noun} attended every session"


def attendance_summary(*, cohort, now: datetime.datetime | None = None) -> AttendanceSummary:
    """Per organisation of the cohort: counted sessions held, how many it
    attended and missed, and a label ("attended every session", "missed 1");
    per session: how many people attended, sent apologies or were absent; and
    the cohort's totals. Three queries whatever the size of the cohort."""
    now = now or timezone.now()
    sessions = list(ProgrammeSession.objects.filter(cohort_id=cohort.pk).order_by("starts_at", "pk"))
    memberships = list(
        Membership.objects.filter(cohort_id=cohort.pk, status=MembershipStatus.ACCEPTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    # One row per (session, membership, status) with how many people: enough
    # for the per-session totals and the per-organisation summary.
    grouped = (
        Attendance.objects.filter(session__cohort_id=cohort.pk)
        .values("session_id", "participant__membership_id", "status")
        .annotate(people=Count("pk"))
        .order_by()
    )
    people_by_session: dict[int, Counter] = defaultdict(Counter)
    statuses_by_membership: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in grouped:
        people_by_session[row["session_id"]][row["status"]] += row["people"]
        statuses_by_membership[row["participant__membership_id"]][row["session_id"]].add(row["status"])

    session_summaries = []
    for session in sessions:
        held = session_is_held(session, now=now)
        people = people_by_session[session.pk]
        session_summaries.append(
            SessionSummary(
                session=session,
                held=held,
                counted=held and session.kind in SUMMARY_SESSION_KINDS,
                attended=people[AttendanceStatus.ATTENDED],
                apologies=people[AttendanceStatus.APOLOGIES],
                absent=people[AttendanceStatus.ABSENT],
            )
        )
    counted_ids = [s.session.pk for s in session_summaries if s.counted]

    organisation_summaries = []
    for membership in memberships:
        by_session = statuses_by_membership[membership.pk]
        attended = sum(1 for pk in counted_ids if AttendanceStatus.ATTENDED in by_session[pk])
        apologies = sum(
            1 for pk in counted_ids
            if AttendanceStatus.ATTENDED not in by_session[pk] and AttendanceStatus.APOLOGIES in by_session[pk]
        )
        organisation_summaries.append(
            OrganisationSummary(
                organisation=membership.organisation,
                sessions_held=len(counted_ids),
                attended=attended,
                apologies=apologies,
            )
        )
    return AttendanceSummary(
        sessions=session_summaries,
        organisations=organisation_summaries,
        sessions_held=len(counted_ids),
        attended_every_session=sum(1 for o in organisation_summaries if o.attended_every_session),
        sessions_without_register=[s.session for s in session_summaries if s.counted and not s.register_taken],
    )

""""Run again" (issue 14): a new cohort of the same programme from an earlier
one's pattern, shifted to new dates.

What is copied: every session that was not cancelled (kind, number, title,
length, online or the place, agenda, whether a 1-1 is a slot to book), the
cohort's deadlines, dates and settings (reminder days, sharing, the smallest
public count). Everything moves by the same number of calendar days in UK
time, so a 9:30am workshop stays 9:30am on the clocks in London even when
the old date was in GMT and the new one falls in BST (a fixed timedelta in
UTC would move it to 8:30am or 10:30am), and a deadline at 11:59pm stays
11:59pm.

What is not: anyone or anything of theirs — memberships, participants,
submissions, registers, breakout groups, places at 1-1s, deadline
extensions, briefing contacts — nor the case-study presentations (the
presenters are people, lined up afresh) and join links (a new meeting has
a new address).

Shared already, so nothing to copy: the learning theme library (themes are
shared by every programme, programme/models/themes.py), the programme's
outcome measures, and the email texts (templates of the product, not of a
cohort)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.dateformat import format as format_date

from programme.dates import LONDON, london
from programme.enums import SessionKind, SessionStatus
from programme.models import Cohort, ProgrammeSession
from programme.pages import purge_public_pages

# The cohort's own fields copied as they are (the rest are dates, shifted, or people's).
COPIED_SETTINGS = ("reminder_days_before", "report_threshold", "sharing_enabled")
SHIFTED_DATES = ("starts_on", "ends_on", "outcomes_follow_up_on")
SHIFTED_MOMENTS = ("plan_deadline", "report_deadline")
COPIED_SESSION_FIELDS = ("kind", "number", "title", "online", "location", "agenda", "bookable")

FIRST_SESSION = "first"
BRIEFING = "briefing"
COHORT_START = "start"


class RunAgainRefused(ValueError):
    """The new cohort cannot be made as asked; `field` names the form field it is about."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.field = field


def shift_moment(moment: datetime.datetime | None, days: int) -> datetime.datetime | None:
    """The same UK wall-clock time `days` calendar days later (or earlier)."""
    if moment is None:
        return None
    local = london(moment)
    return datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time(), tzinfo=LONDON)


def shift_date(day: datetime.date | None, days: int) -> datetime.date | None:
    return None if day is None else day + datetime.timedelta(days=days)


def copied_sessions(cohort):
    """The sessions a new cohort copies, in order: all but the cancelled."""
    return list(
        ProgrammeSession.objects.filter(cohort_id=cohort.pk)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )


def anchors(cohort, sessions):
    """{key: (label, old date)} the facilitator may give the new date of: the
    first session, the briefing (when it is not the first already), or, with
    no sessions, the cohort's start date."""
    found = {}
    if sessions:
        first = sessions[0]
        found[FIRST_SESSION] = (f"The first session ({first.title})", london(first.starts_at).date())
        briefing = next((s for s in sessions if s.kind == SessionKind.BRIEFING), None)
        if briefing is not None and briefing.pk != first.pk:
            found[BRIEFING] = (f"The briefing ({briefing.title})", london(briefing.starts_at).date())
    elif cohort.starts_on:
        found[COHORT_START] = ("The cohort's start date", cohort.starts_on)
    return found


@dataclass(frozen=True)
class SessionMove:
    session: ProgrammeSession  # the old cohort's
    starts_at: datetime.datetime
    ends_at: datetime.datetime


@dataclass(frozen=True)
class RunAgainPlan:
    """What "run again" will make: shown as the preview, then created as it is."""

    source: Cohort
    name: str
    days: int  # calendar days every date moves by
    moves: list[SessionMove]
    cohort_fields: dict

    @property
    def deadlines(self):
        return [
            (Cohort._meta.get_field(name).verbose_name, getattr(self.source, name), self.cohort_fields[name])
            for name in SHIFTED_MOMENTS
        ]


def plan_run_again(*, source, name, anchor, new_date, sessions=None, not_before=None) -> RunAgainPlan:
    """The new cohort `name`, with `anchor` (a key of `anchors`) moved to
    `new_date`. Reads the old cohort's sessions (one query) unless given."""
    name = (name or "").strip()
    if not name:
        raise RunAgainRefused("Enter a name for the new cohort, for example “2023 cohort”.", field="name")
    if Cohort.objects.filter(programme_id=source.programme_id, name__iexact=name).exists():
        raise RunAgainRefused(
            f"{source.programme} already has a cohort called “{name}”. Choose another name.", field="name"
        )
    sessions = copied_sessions(source) if sessions is None else sessions
    found = anchors(source, sessions)
    if anchor not in found:
        raise RunAgainRefused("Choose which date you are giving.", field="anchor")
    days = (new_date - found[anchor][1]).days
    try:
        moves = [SessionMove(s, shift_moment(s.starts_at, days), shift_moment(s.ends_at, days)) for s in sessions]
        fields = {field: getattr(source, field) for field in COPIED_SETTINGS}
        fields.update({field: shift_date(getattr(source, field), days) for field in SHIFTED_DATES})
        fields.update({field: shift_moment(getattr(source, field), days) for field in SHIFTED_MOMENTS})
    except OverflowError:  # a date so far off that a later session would fall past the year 9999
        raise RunAgainRefused("Enter a date within the next few years.", field="new_date") from None
    # The date given may be a later session's (the briefing after a first
    # workshop): on the screen (`not_before` now), nothing copied may land in
    # the past, where no reminder goes and no register is asked for.
    passed = next((move for move in moves if not_before and move.starts_at < not_before), None)
    if passed is not None:
        raise RunAgainRefused(
            f"“{passed.session.title}” would then be on {format_date(london(passed.starts_at), 'j F Y')}, which has "
            "passed. Give a later date.", field="new_date")
    return RunAgainPlan(source=source, name=name, days=days, moves=moves, cohort_fields=fields)


def run_again(*, plan: RunAgainPlan) -> Cohort:
    """Create the planned cohort and its sessions, all or nothing. Three
    writes whatever the number of sessions (the cohort, its sessions in one
    bulk insert, the page cache)."""
    try:
        with transaction.atomic():
            cohort = Cohort.objects.create(programme_id=plan.source.programme_id, name=plan.name,
                                           **plan.cohort_fields)
            ProgrammeSession.objects.bulk_create([
                ProgrammeSession(
                    cohort=cohort, starts_at=move.starts_at, ends_at=move.ends_at, status=SessionStatus.SCHEDULED,
                    **{field: getattr(move.session, field) for field in COPIED_SESSION_FIELDS},
                )
                for move in plan.moves
            ])
    except IntegrityError:
        # Someone made a cohort of that name between the preview and now.
        raise RunAgainRefused(
            f"{plan.source.programme} already has a cohort called “{plan.name}”. Choose another name.", field="name"
        ) from None
    # bulk_create sends no signals: the public pages list a programme's cohorts and sessions.
    purge_public_pages()
    return cohort


run_again.alters_data = True

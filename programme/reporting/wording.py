"""The report's sentences and labels: "LA 3", "Five half-day online
workshops took place between February 2021 and November 2021", "10 local
authorities took part in the programme", "7 of 9 councils made good progress
towards their goal", the organisations grouped by type."""
from __future__ import annotations

from collections import defaultdict

from django.utils import dateformat, timezone

from programme.enums import GOOD_PROGRESS_OR_BETTER, LAType, OrganisationKind, SessionKind
from programme.reporting.data import OrganisationGroup
from programme.sessions.attendance import session_is_held

LA_TYPE_PLURALS = {
    LAType.COUNTY: "County councils",
    LAType.UNITARY: "Unitary authorities",
    LAType.METROPOLITAN: "Metropolitan boroughs",
    LAType.LONDON_BOROUGH: "London boroughs",
    LAType.DISTRICT: "District councils",
}


KIND_PLURALS = {
    OrganisationKind.VOLUNTARY: "Voluntary and community organisations",
    OrganisationKind.EMPLOYER: "Employers",
    OrganisationKind.GOVERNMENT: "Government bodies",
    OrganisationKind.OTHER: "Other organisations",
}


NUMBER_WORDS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]


def la_label(number: int) -> str:
    return f"LA {number}"


def plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def number_word(count: int) -> str:
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def month(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "F Y")


def organisation_groups(memberships) -> list[OrganisationGroup]:
    by_label: dict[tuple[int, str], list[str]] = defaultdict(list)
    la_types = list(LAType)
    kinds = list(OrganisationKind)
    for membership in memberships:
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.LOCAL_AUTHORITY:
            if organisation.la_type in LA_TYPE_PLURALS:
                key = (la_types.index(organisation.la_type), LA_TYPE_PLURALS[organisation.la_type])
            else:
                key = (len(la_types), "Other local authorities")
        else:
            kind = organisation.kind if organisation.kind in KIND_PLURALS else OrganisationKind.OTHER
            key = (len(la_types) + 1 + kinds.index(kind), KIND_PLURALS[kind])
        by_label[key].append(organisation.name)
    return [OrganisationGroup(label=label, names=sorted(names)) for (_, label), names in sorted(by_label.items())]


def participation_sentence(la_count: int, other_count: int) -> str:
    if la_count == 0 and other_count == 0:
        return "No organisations have been accepted into the cohort yet."
    parts = []
    if la_count:
        parts.append(plural(la_count, "local authority", "local authorities"))
    if other_count:
        parts.append(plural(other_count, "other organisation", "other organisations"))
    return f"{' and '.join(parts)} took part in the programme."


def approach(sessions, *, now, briefing_sentence: str = "") -> list[str]:
    """Seed 000 §1.3: "Five half-day online workshops took place between
    February 2021 and November 2021", the briefing (with "7 of 10 councils had
    a director at the briefing"), and the 1-1 conversations and action
    learning sets that organisations had a place at ("eight 1-1 conversations
    and two action learning sets"; an offered slot nobody booked is not
    counted). A session's `has_places` says whether any organisation had one."""
    by_kind: dict[str, list] = defaultdict(list)
    for session in sessions:
        by_kind[session.kind].append(session)
    lines = []
    workshops = by_kind[SessionKind.WORKSHOP]
    if workshops:
        online = " online" if all(s.online for s in workshops) else ""
        noun = "workshop" if len(workshops) == 1 else "workshops"
        verb = "took place" if all(session_is_held(s, now=now) for s in workshops) else "are planned"
        first, last = month(workshops[0].starts_at), month(workshops[-1].starts_at)
        when = f"in {first}" if first == last else f"between {first} and {last}"
        lines.append(f"{number_word(len(workshops))} half-day{online} {noun} {verb} {when}.")
    for session in by_kind[SessionKind.REVIEW]:
        verb = "was held" if session_is_held(session, now=now) else "is planned"
        lines.append(f"A review session {verb} in {month(session.starts_at)}.")
    for index, session in enumerate(by_kind[SessionKind.BRIEFING]):
        line = (
            f"Participating organisations were asked to join a briefing for directors and heads of "
            f"service ({month(session.starts_at)}), to encourage senior buy-in"
        )
        last = index == len(by_kind[SessionKind.BRIEFING]) - 1
        lines.append(f"{line}: {briefing_sentence}." if last and briefing_sentence else f"{line}.")
    offers = []
    for kind, singular, plural_noun in (
        (SessionKind.ONE_TO_ONE, "1-1 conversation", "1-1 conversations"),
        (SessionKind.ACTION_LEARNING, "action learning set", "action learning sets"),
    ):
        count = sum(1 for s in by_kind[kind] if getattr(s, "has_places", True))
        if count:
            offers.append(f"{number_word(count).lower()} {singular if count == 1 else plural_noun}")
    if offers:
        lines.append(f"Between the sessions the programme also offered {' and '.join(offers)}.")
    return lines


def goal_progress_counts(ratings) -> tuple[int, int]:
    """(good progress or better, rated) of the one-page reports' `ratings`;
    an empty rating is not counted at all."""
    rated = [rating for rating in ratings if rating]
    return sum(1 for rating in rated if rating in GOOD_PROGRESS_OR_BETTER), len(rated)


def _organisations(rated: int, councils: bool) -> str:
    noun = "councils" if councils else "organisations"
    return noun.removesuffix("s") if rated == 1 else noun


def goal_progress_sentence(good: int, rated: int, *, councils: bool) -> str:
    """ "7 of 9 councils made good progress towards their goal" (the report;
    "" when no submitted report carries a rating). `councils`: every
    organisation counted is a local authority."""
    if not rated:
        return ""
    goal = "its goal" if rated == 1 else "their goal"
    return f"{good} of {rated} {_organisations(rated, councils)} made good progress towards {goal}"


def goal_progress_rated_sentence(good: int, rated: int, *, councils: bool) -> str:
    """ "7 of 9 councils rated good progress or better" (the cohort overview,
    where the facilitator reads the ratings themselves)."""
    if not rated:
        return ""
    return f"{good} of {rated} {_organisations(rated, councils)} rated good progress or better"

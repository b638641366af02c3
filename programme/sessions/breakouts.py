"""Breakout groups of a session, saved in the database. The allocation itself
is pure (programme/breakouts.py); this module picks who is in the room, turns
them into `Person` values, remembers earlier groups of the cohort, and saves
the result in one transaction."""
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from programme.enums import AttendanceStatus, MembershipStatus, SessionStatus
from programme.models import Attendance, BreakoutGroup, Participant
from programme.sessions.allocator import (
    Person,
    allocate_groups,
    regenerate_keeping,
    repeat_pairings,
    same_organisation_pairs,
)

TAG_PREFIX = "tag:"


# Participants see their own group from this long before their session starts
# until it ends (groups are formed on the day, from who turned up).
GROUP_SHOWN_BEFORE = datetime.timedelta(minutes=30)


def _cohort_tags(cohort):
    from taggit.models import Tag

    return list(
        Tag.objects.filter(membership__cohort=cohort)
        .distinct().order_by("name").values_list("name", flat=True)
    )


def mixing_choices(*, cohort, tags=None):
    """What a facilitator may mix groups by: LA type, region, and each
    breakout tag used in the cohort."""
    tags = _cohort_tags(cohort) if tags is None else tags
    return [("", "No mixing"), ("la_type", "LA type"), ("region", "Region")] + [
        (f"{TAG_PREFIX}{name}", f"Tag: {name}") for name in tags
    ]


def together_choices(*, cohort, tags=None):
    """Who a facilitator may bring together: the organisations sharing a
    breakout tag (e.g. "large UASC cohort", as the 2021 report asks), or the
    same LA type or region."""
    tags = _cohort_tags(cohort) if tags is None else tags
    return [("", "Nobody in particular")] + [
        (f"{TAG_PREFIX}{name}", f"Organisations tagged “{name}”") for name in tags
    ] + [("la_type", "The same LA type"), ("region", "The same region")]


def people_in_the_room(*, session):
    """Participants of accepted organisations who are marked attended. Before
    the register is taken, everyone expected: all but those who sent apologies."""
    participants = (
        Participant.objects.filter(
            membership__cohort_id=session.cohort_id, membership__status=MembershipStatus.ACCEPTED
        )
        .select_related("membership__organisation")
        .prefetch_related("membership__group_tags")
        .order_by("membership__organisation__name", "name")
    )
    statuses = dict(
        Attendance.objects.filter(session=session).values_list("participant_id", "status")
    )
    if any(status == AttendanceStatus.ATTENDED for status in statuses.values()):
        return [p for p in participants if statuses.get(p.pk) == AttendanceStatus.ATTENDED]
    return [p for p in participants if statuses.get(p.pk) != AttendanceStatus.APOLOGIES]


def as_person(participant):
    """LA type, region, and a yes/no for every breakout tag of the cohort (so
    that mixing by a tag spreads the yeses across groups)."""
    organisation = participant.membership.organisation
    attributes = {"la_type": organisation.la_type or "-", "region": organisation.region or "-"}
    for tag in participant.membership.group_tags.all():
        attributes[f"{TAG_PREFIX}{tag.name}"] = "yes"
    return Person(id=participant.pk, organisation_id=organisation.pk, attributes=attributes)


def _fill_missing(people, attribute):
    return [
        person if attribute in person.attributes
        else Person(person.id, person.organisation_id, {**person.attributes, attribute: "no"})
        for person in people
    ]


def earlier_groups(*, session):
    """Member ids of every breakout group in earlier sessions of the cohort."""
    rows = BreakoutGroup.members.through.objects.filter(
        breakoutgroup__session__cohort_id=session.cohort_id,
        breakoutgroup__session__starts_at__lt=session.starts_at,
    ).values_list("breakoutgroup_id", "participant_id")
    groups = {}
    for group_id, participant_id in rows:
        groups.setdefault(group_id, []).append(participant_id)
    return list(groups.values())


def form_breakout_groups(*, session, group_count=None, group_size=None, mix_by="", together_by="",
                         keep_organisations_apart=True, seed=None):
    """Allocate the people in the room and replace the session's groups. The
    choices are kept on the session, so rebalancing later keeps to them."""
    present = people_in_the_room(session=session)
    people = [as_person(p) for p in present]
    if mix_by:
        people = _fill_missing(people, mix_by)
    # Bringing together a tag: only those with it share a value; the others
    # have none, so they are not drawn together.
    groups = allocate_groups(
        people=people, group_count=group_count, group_size=group_size, mix_by=mix_by or None,
        together_by=together_by or None,
        previous_groups=earlier_groups(session=session),
        keep_organisations_apart=keep_organisations_apart, seed=seed,
    )
    save_groups(session=session, groups=groups)
    session.breakout_settings = {
        "mix_by": mix_by or "", "together_by": together_by or "",
        "keep_organisations_apart": bool(keep_organisations_apart),
    }
    session.save(update_fields=["breakout_settings"])
    return groups


form_breakout_groups.alters_data = True


@dataclass(frozen=True)
class Move:
    """One person's change in a rebalance: `before`/`after` are group
    numbers (None: not in a group)."""

    participant: Participant
    before: int | None
    after: int | None

    @property
    def sentence(self):
        name = f"{self.participant.name} ({self.participant.membership.organisation.name})"
        if self.after is None:
            return f"{name} is not in the room: leaves group {self.before}"
        if self.before is None:
            return f"{name} has arrived: joins group {self.after}"
        return f"{name} moves from group {self.before} to group {self.after}"


@dataclass(frozen=True)
class Rebalance:
    """The groups rebalanced from who is in the room now, and who moves."""

    groups: list  # [(group number, [participant ids])]
    moves: list  # [Move]

    @property
    def fingerprint(self):
        """Names this exact proposal, so a confirmation applies what was shown."""
        return ";".join(f"{number}:{','.join(map(str, sorted(ids)))}" for number, ids in self.groups)


def propose_rebalance(*, session, groups=None):
    """Even out the session's groups from who is in the room now (the
    register), moving as few people as possible (`regenerate_keeping`), with
    the choices the groups were formed with. Groups keep their numbers, so
    people already told "group 3" stay in group 3 unless they move."""
    groups = current_groups(session=session) if groups is None else groups
    settings = session.breakout_settings or {}
    present = people_in_the_room(session=session)
    by_id = {p.pk: p for p in present}
    people = [as_person(p) for p in present]
    mix_by = settings.get("mix_by") or None
    together_by = settings.get("together_by") or None
    if mix_by:
        people = _fill_missing(people, mix_by)
    existing = [(group.number, [m.pk for m in group.members.all()]) for group in groups]
    new = regenerate_keeping(
        [ids for _, ids in existing], list(by_id), people=people, previous_groups=earlier_groups(session=session),
        mix_by=mix_by, together_by=together_by,
        keep_organisations_apart=settings.get("keep_organisations_apart", True),
    )
    # regenerate_keeping keeps the order of the planned groups that still
    # have someone in them: give each its old number.
    placed, numbers = set(), []
    for number, ids in existing:
        kept = [i for i in ids if i in by_id and i not in placed]
        placed.update(kept)
        if kept:
            numbers.append(number)
    if not numbers:
        numbers = list(range(1, len(new) + 1))
    proposed = list(zip(numbers, new, strict=True))
    before = {pid: number for number, ids in existing for pid in ids}
    after = {pid: number for number, ids in proposed for pid in ids}
    members = {m.pk: m for group in groups for m in group.members.all()} | by_id
    moves = [
        Move(participant=members[pid], before=before.get(pid), after=after.get(pid))
        for pid in sorted(set(before) | set(after), key=lambda pid: (members[pid].name, pid))
        if before.get(pid) != after.get(pid)
    ]
    return Rebalance(groups=proposed, moves=moves)


def apply_rebalance(*, session, rebalance):
    save_groups(session=session, groups=[ids for _, ids in rebalance.groups],
                numbers=[number for number, _ in rebalance.groups])


apply_rebalance.alters_data = True


@transaction.atomic
def save_groups(*, session, groups, numbers=None):
    """Replace the session's groups with these lists of participant ids
    (numbered 1, 2, 3… unless `numbers` are given)."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(groups) + 1))
    if len(numbers) != len(groups) or len(set(numbers)) != len(numbers):
        raise ValueError("Each group needs its own number.")
    allowed = set(
        Participant.objects.filter(membership__cohort_id=session.cohort_id).values_list("pk", flat=True)
    )
    for members in groups:
        if not set(members) <= allowed:
            raise ValueError("A group may only hold participants of this session's cohort.")
    BreakoutGroup.objects.filter(session=session).delete()
    through = BreakoutGroup.members.through
    links = []
    for number, members in zip(numbers, groups, strict=True):
        group = BreakoutGroup.objects.create(session=session, number=number)
        links += [through(breakoutgroup_id=group.pk, participant_id=pid) for pid in members]
    through.objects.bulk_create(links)


save_groups.alters_data = True


def current_groups(*, session):
    """The session's groups with their members, in a fixed number of queries."""
    return list(
        BreakoutGroup.objects.filter(session=session)
        .prefetch_related("members__membership__organisation")
        .order_by("number")
    )


def group_quality(*, session, groups):
    """How well the saved groups meet the goals: repeat pairings with earlier
    sessions and colleagues sharing a group."""
    as_ids = [[m.pk for m in group.members.all()] for group in groups]
    people = [
        Person(id=m.pk, organisation_id=m.membership.organisation_id)
        for group in groups for m in group.members.all()
    ]
    return {
        "repeats": repeat_pairings(as_ids, earlier_groups(session=session)),
        "same_organisation": same_organisation_pairs(as_ids, people),
        "sizes": sorted({len(g) for g in as_ids}),
    }



def my_breakout_group(*, session, participant, now=None):
    """The participant's own group in `session` with its members (name and
    organisation), while the session is on: from GROUP_SHOWN_BEFORE its start
    until it ends. None at other times, or if they are in no group. Two queries."""
    if session is None or participant is None or session.status == SessionStatus.CANCELLED:
        return None
    now = now or timezone.now()
    if not (session.starts_at - GROUP_SHOWN_BEFORE <= now < session.ends_at):
        return None
    return (
        BreakoutGroup.objects.filter(session=session, members=participant)
        .prefetch_related(Prefetch(
            "members", queryset=Participant.objects.select_related("membership__organisation").order_by("name", "pk")
        ))
        .first()
    )

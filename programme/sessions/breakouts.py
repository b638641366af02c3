"""Breakout groups of a session, saved in the database. The allocation itself
is pure (programme/breakouts.py); this module picks who is in the room, turns
them into `Person` values, remembers earlier groups of the cohort, and saves
the result in one transaction."""
from django.db import transaction

from programme.enums import AttendanceStatus, MembershipStatus
from programme.models import Attendance, BreakoutGroup, Participant
from programme.sessions.allocator import (
    Person,
    allocate_groups,
    repeat_pairings,
    same_organisation_pairs,
)

TAG_PREFIX = "tag:"


def mixing_choices(*, cohort):
    """What a facilitator may mix groups by: LA type, region, and each
    breakout tag used in the cohort."""
    from taggit.models import Tag

    tags = (
        Tag.objects.filter(membership__cohort=cohort)
        .distinct().order_by("name").values_list("name", flat=True)
    )
    return [("", "No mixing"), ("la_type", "LA type"), ("region", "Region")] + [
        (f"{TAG_PREFIX}{name}", f"Tag: {name}") for name in tags
    ]


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


def form_breakout_groups(*, session, group_count=None, group_size=None, mix_by="",
                         keep_organisations_apart=True, seed=None):
    """Allocate the people in the room and replace the session's groups."""
    present = people_in_the_room(session=session)
    people = [as_person(p) for p in present]
    if mix_by:
        people = _fill_missing(people, mix_by)
    groups = allocate_groups(
        people=people, group_count=group_count, group_size=group_size, mix_by=mix_by or None,
        previous_groups=earlier_groups(session=session),
        keep_organisations_apart=keep_organisations_apart, seed=seed,
    )
    save_groups(session=session, groups=groups)
    return groups


form_breakout_groups.alters_data = True


@transaction.atomic
def save_groups(*, session, groups):
    """Replace the session's groups with these lists of participant ids."""
    allowed = set(
        Participant.objects.filter(membership__cohort_id=session.cohort_id).values_list("pk", flat=True)
    )
    for members in groups:
        if not set(members) <= allowed:
            raise ValueError("A group may only hold participants of this session's cohort.")
    BreakoutGroup.objects.filter(session=session).delete()
    through = BreakoutGroup.members.through
    links = []
    for number, members in enumerate(groups, start=1):
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


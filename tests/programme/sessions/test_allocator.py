"""Breakout group allocation: the hard guarantees over many random cohorts, the
soft goals against a random baseline, and the edge cases. Plain functions: no
database, no Django."""

import random
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import pytest

from programme.sessions.allocator import (
    Person,
    allocate_groups,
    random_groups,
    regenerate_keeping,
    repeat_pairings,
    same_attribute_pairs,
    same_organisation_pairs,
)

COHORTS = 200
LA_TYPES = ["county", "unitary", "metropolitan", "london_borough", "district"]
REGIONS = ["north-west", "london", "south-east", "east-midlands", "yorkshire-humber"]


def make_cohort(rng, size):
    """`size` people from organisations of 1-4 staff. Attributes belong to the
    organisation, as an LA's type and region do."""
    people = []
    organisation_id = 0
    while len(people) < size:
        organisation_id += 1
        attributes = {
            "la_type": rng.choice(LA_TYPES),
            "region": rng.choice(REGIONS),
            "uasc": rng.choice(["large", "small"]),
        }
        for _ in range(min(rng.randint(1, 4), size - len(people))):
            people.append(Person(id=1000 + len(people), organisation_id=organisation_id,
                                 attributes=attributes))
    rng.shuffle(people)
    return people


@dataclass
class Case:
    people: list
    group_count: int
    previous: list  # groups from earlier sessions
    with_history: list  # allocate_groups(previous_groups=previous)
    mixed: list  # allocate_groups(mix_by="la_type")
    baseline: list  # random_groups


def _cases():
    rng = random.Random(20240611)
    cases = []
    for number in range(COHORTS):
        people = make_cohort(rng, rng.randint(5, 70))
        group_count = rng.randint(1, max(1, len(people) // 3))
        previous = []
        for _ in range(rng.randint(2, 5)):
            previous += random_groups(people, group_count, seed=rng.random())
        cases.append(Case(
            people=people,
            group_count=group_count,
            previous=previous,
            with_history=allocate_groups(people=people, group_count=group_count,
                                         previous_groups=previous, seed=number),
            mixed=allocate_groups(people=people, group_count=group_count, mix_by="la_type",
                                  seed=number),
            baseline=random_groups(people, group_count, seed=number),
        ))
    return cases


@pytest.fixture(scope="module")
def cases():
    return _cases()


def assert_valid(groups, people, group_count):
    ids = [i for group in groups for i in group]
    assert sorted(ids) == sorted(p.id for p in people), "everyone exactly once"
    assert len(groups) == min(group_count, len(people))
    sizes = [len(group) for group in groups]
    assert min(sizes) >= 1
    assert max(sizes) - min(sizes) <= 1


def person(id, organisation_id, **attributes):
    return Person(id=id, organisation_id=organisation_id, attributes=attributes)


# --------------------------------------------------------------------------- guarantees


def test_allocate_groups_random_cohorts_are_even_and_place_everyone_once(cases):
    for case in cases:
        assert_valid(case.with_history, case.people, case.group_count)
        assert_valid(case.mixed, case.people, case.group_count)
        assert_valid(case.baseline, case.people, case.group_count)


def test_allocate_groups_feasible_cohorts_have_no_colleagues_together(cases):
    feasible = 0
    for case in cases:
        largest_organisation = max(Counter(p.organisation_id for p in case.people).values())
        if largest_organisation <= case.group_count:
            feasible += 1
            assert same_organisation_pairs(case.with_history, case.people) == 0
            assert same_organisation_pairs(case.mixed, case.people) == 0
    assert feasible > COHORTS // 2


def test_allocate_groups_oversized_organisation_is_spread_evenly():
    people = [person(i, 1) for i in range(7)] + [person(10 + i, 2 + i) for i in range(5)]
    groups = allocate_groups(people=people, group_count=3, seed=1)
    per_group = sorted(sum(1 for i in group if i < 7) for group in groups)
    assert per_group == [2, 2, 3]
    assert same_organisation_pairs(groups, people) == 1 + 1 + 3


def test_allocate_groups_keep_organisations_apart_off_ignores_organisation():
    people = [person(i, 1) for i in range(6)]
    previous = [[0, 1, 2], [3, 4, 5]]
    groups = allocate_groups(people=people, group_count=2, previous_groups=previous,
                             keep_organisations_apart=False, seed=3)
    assert repeat_pairings(groups, previous) == 1 + 1  # the fewest possible


# --------------------------------------------------------------------------- repeat pairings


def test_allocate_groups_with_history_never_repeats_more_than_random(cases):
    for case in cases:
        ours = repeat_pairings(case.with_history, case.previous, weighted=True)
        theirs = repeat_pairings(case.baseline, case.previous, weighted=True)
        assert ours <= theirs


def test_allocate_groups_with_history_repeats_fewer_pairs_on_average(cases):
    ours = sum(repeat_pairings(c.with_history, c.previous) for c in cases)
    theirs = sum(repeat_pairings(c.baseline, c.previous) for c in cases)
    assert ours < theirs
    # Where there is room to avoid repeats (groups of 3-6 among 30+ people),
    # the gain is large.
    roomy = [c for c in cases if len(c.people) >= 30 and 3 <= len(c.people) / c.group_count <= 6]
    ours = sum(repeat_pairings(c.with_history, c.previous) for c in roomy)
    theirs = sum(repeat_pairings(c.baseline, c.previous) for c in roomy)
    assert roomy and ours < theirs / 2


def test_allocate_groups_chained_sessions_avoid_repeats():
    people = [person(org * 10 + i, org) for org in range(8) for i in range(3)]
    previous = []
    for session in range(3):
        groups = allocate_groups(people=people, group_size=4, previous_groups=previous,
                                 seed=session)
        assert repeat_pairings(groups, previous) == 0
        assert same_organisation_pairs(groups, people) == 0
        previous += groups


# --------------------------------------------------------------------------- mixing


def test_allocate_groups_mix_by_is_more_heterogeneous_than_random(cases):
    ours = sum(same_attribute_pairs(c.mixed, c.people, "la_type") for c in cases)
    theirs = sum(same_attribute_pairs(c.baseline, c.people, "la_type") for c in cases)
    assert ours < theirs * 0.9
    distinct_ours = sum(len({p.attributes["la_type"] for p in c.people if p.id in group})
                        for c in cases for group in c.mixed)
    distinct_theirs = sum(len({p.attributes["la_type"] for p in c.people if p.id in group})
                          for c in cases for group in c.baseline)
    assert distinct_ours > distinct_theirs


def test_allocate_groups_mix_by_spreads_each_value_evenly():
    people = [person(i, i, uasc="large" if i < 4 else "small") for i in range(12)]
    groups = allocate_groups(people=people, group_count=4, mix_by="uasc", seed=5)
    assert all(sum(1 for i in group if i < 4) == 1 for group in groups)


def test_allocate_groups_mix_by_missing_attribute_is_ignored():
    people = [person(i, i, region="london") for i in range(4)] + [person(10 + i, 10 + i)
                                                                  for i in range(4)]
    groups = allocate_groups(people=people, group_count=4, mix_by="region", seed=2)
    assert same_attribute_pairs(groups, people, "region") == 0


def test_allocate_groups_together_by_brings_alike_people_together():
    rng = random.Random(7)
    people = [person(i, i, uasc=rng.choice(["large", "small", "none"])) for i in range(24)]
    groups = allocate_groups(people=people, group_count=4, together_by="uasc", seed=7)
    baseline = random_groups(people, 4, seed=7)
    assert (same_attribute_pairs(groups, people, "uasc")
            > same_attribute_pairs(baseline, people, "uasc"))


def test_allocate_groups_organisations_outrank_history_and_mixing():
    # Two colleagues who never met anyone else still go to different groups.
    people = [person(1, 1, t="a"), person(2, 1, t="a"), person(3, 2, t="b"), person(4, 3, t="b")]
    groups = allocate_groups(people=people, group_count=2, mix_by="t",
                             previous_groups=[[1, 3], [2, 4]], seed=0)
    assert same_organisation_pairs(groups, people) == 0


# --------------------------------------------------------------------------- determinism


def test_allocate_groups_same_seed_gives_same_groups():
    people = make_cohort(random.Random(3), 40)
    previous = random_groups(people, 8, seed=1) + random_groups(people, 8, seed=2)
    kwargs = dict(people=people, group_count=8, previous_groups=previous, mix_by="region")
    first = allocate_groups(seed=42, **kwargs)
    assert allocate_groups(seed=42, **kwargs) == first
    assert allocate_groups(seed=42, **{**kwargs, "previous_groups": iter(previous)}) == first


def test_random_groups_same_seed_gives_same_groups():
    people = make_cohort(random.Random(4), 30)
    assert random_groups(people, 5, seed=9) == random_groups(people, 5, seed=9)


# --------------------------------------------------------------------------- edge cases


def test_allocate_groups_no_people_gives_no_groups():
    assert allocate_groups(people=[], group_count=3) == []
    assert allocate_groups(people=[], group_size=4) == []
    assert random_groups([], 3, seed=1) == []


def test_allocate_groups_fewer_people_than_groups_gives_one_each():
    people = [person(i, 1) for i in range(3)]
    assert allocate_groups(people=people, group_count=5, seed=1) == [[0], [1], [2]]


def test_allocate_groups_one_group_holds_everyone():
    people = [person(i, i % 2) for i in range(5)]
    assert allocate_groups(people=people, group_count=1) == [[0, 1, 2, 3, 4]]


@pytest.mark.parametrize("group_count", [0, -2])
def test_allocate_groups_group_count_below_one_is_rejected(group_count):
    with pytest.raises(ValueError, match="group_count must be at least 1"):
        allocate_groups(people=[person(1, 1)], group_count=group_count)
    with pytest.raises(ValueError, match="group_count must be at least 1"):
        random_groups([person(1, 1)], group_count, seed=1)


def test_allocate_groups_group_size_below_one_is_rejected():
    with pytest.raises(ValueError, match="group_size"):
        allocate_groups(people=[person(1, 1)], group_size=0)


@pytest.mark.parametrize("sizing", [{}, {"group_count": 2, "group_size": 3}])
def test_allocate_groups_both_or_neither_size_is_rejected(sizing):
    with pytest.raises(ValueError, match="exactly one of group_count and group_size"):
        allocate_groups(people=[person(1, 1)], **sizing)


def test_allocate_groups_repeated_person_is_rejected():
    with pytest.raises(ValueError, match="repeated ids: \\[1\\]"):
        allocate_groups(people=[person(1, 1), person(1, 2)], group_count=1)


@pytest.mark.parametrize(
    ("count", "size", "groups"),
    [(12, 4, 3), (10, 4, 3), (9, 4, 2), (14, 4, 4), (3, 5, 1), (25, 10, 3), (60, 6, 10)],
)
def test_allocate_groups_group_size_rounds_half_up(count, size, groups):
    people = [person(i, i) for i in range(count)]
    result = allocate_groups(people=people, group_size=size, seed=0)
    assert len(result) == groups
    assert_valid(result, people, groups)


def test_allocate_groups_previous_groups_of_absent_people_are_ignored():
    people = [person(i, i) for i in range(4)]
    groups = allocate_groups(people=people, group_count=2,
                             previous_groups=[[0, 1, 99], [2, 3, 98], [97, 96]], seed=0)
    assert repeat_pairings(groups, [[0, 1], [2, 3]]) == 0


def test_allocate_groups_zero_iterations_still_gives_valid_groups():
    people = make_cohort(random.Random(8), 30)
    groups = allocate_groups(people=people, group_count=6, iterations=0, seed=1)
    assert_valid(groups, people, 6)


# --------------------------------------------------------------------------- metrics


def test_repeat_pairings_counts_pairs_that_met():
    previous = [[1, 2, 3], [4, 5], [1, 2]]
    groups = [[1, 2, 4], [3, 5]]
    assert repeat_pairings(groups, previous) == 1
    assert repeat_pairings(groups, previous, weighted=True) == 2
    assert repeat_pairings([[1, 3, 2]], previous) == 3


def test_same_organisation_pairs_counts_colleagues_together():
    people = [person(1, 1), person(2, 1), person(3, 1), person(4, 2)]
    assert same_organisation_pairs([[1, 2, 3, 4]], people) == 3
    assert same_organisation_pairs([[1, 4], [2], [3]], people) == 0


# --------------------------------------------------------------------------- on the day


def test_regenerate_keeping_evens_out_with_fewest_moves():
    rng = random.Random(11)
    for _ in range(100):
        people = make_cohort(rng, rng.randint(6, 50))
        planned = allocate_groups(people=people, group_count=rng.randint(2, 6),
                                  seed=rng.randint(0, 99))
        present = [p.id for p in people if rng.random() < 0.8]
        groups = regenerate_keeping(planned, present, people=people)
        assert sorted(i for g in groups for i in g) == sorted(present)
        if not present:
            assert groups == []
            continue
        sizes = sorted((len(g) for g in groups), reverse=True)
        assert sizes[0] - sizes[-1] <= 1
        kept = [g for g in ([i for i in g if i in present] for g in planned) if g]
        sizes = sorted((len(g) for g in kept), reverse=True)
        q, r = divmod(len(present), len(kept))
        targets = [q + 1] * r + [q] * (len(kept) - r)
        fewest = sum(max(0, k - t) for k, t in zip(sizes, targets, strict=True))
        # Groups keep their order, so the n-th group is the n-th planned one
        # that still has someone in it.
        moved = sum(len(set(g) - set(k)) for g, k in zip(groups, kept, strict=True))
        assert moved <= fewest


def test_regenerate_keeping_moves_person_away_from_colleagues():
    people = [person(1, 1), person(2, 2), person(3, 3), person(4, 4), person(5, 5),
              person(6, 1), person(7, 7)]
    planned = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]  # 8, 9, 10 sent apologies
    groups = regenerate_keeping(planned, [1, 2, 3, 4, 5, 6, 7], people=people)
    assert sorted(map(len, groups)) == [3, 4]
    assert same_organisation_pairs(groups, people) == 0
    assert 1 in groups[0]  # the colleague of 6 stayed put; someone else moved


def test_regenerate_keeping_walk_in_joins_smallest_group():
    people = [person(i, i) for i in range(1, 8)]
    groups = regenerate_keeping([[1, 2, 3], [4, 5]], [1, 2, 3, 4, 5, 7], people=people)
    assert groups == [[1, 2, 3], [4, 5, 7]]


def test_regenerate_keeping_unknown_person_is_rejected():
    with pytest.raises(ValueError, match="No Person given"):
        regenerate_keeping([[1, 2]], [1, 2], people=[person(1, 1)])


def test_allocate_groups_pairs_helper_matches_definition():
    # same_attribute_pairs agrees with counting pairs directly.
    people = make_cohort(random.Random(12), 20)
    groups = random_groups(people, 4, seed=3)
    value = {p.id: p.attributes["region"] for p in people}
    direct = sum(1 for g in groups for a, b in combinations(g, 2) if value[a] == value[b])
    assert same_attribute_pairs(groups, people, "region") == direct

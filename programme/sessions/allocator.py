"""Allocating a session's participants to breakout groups.

Plain Python with no Django imports, so it is fast and can be tested without a
database. Views turn participants into `Person` values, call `allocate_groups`
with the people who turned up, and save the groups it returns.

Hard guarantees of `allocate_groups`: every person is in exactly one group, no
group is empty, group sizes differ by at most one, and the same seed gives the
same groups. Soft goals, in strict priority order:

1. people from the same organisation sit in different groups (when
   `keep_organisations_apart`; an organisation with more people than there are
   groups is spread as evenly as it can be);
2. as few repeat pairings as possible: pairs who already shared a group in
   `previous_groups` cost once for every time they met;
3. groups mixed by `mix_by` (each group's spread of that attribute's values as
   close as possible to the cohort's), or - the other way round - people who
   share a value of `together_by` put in the same group (the 2021 programme report's "bring
   together LAs with large numbers of young people who had been UASC").

The search starts from a greedy allocation, improves it by swapping pairs of
people between groups while that lowers the cost (taking cost-neutral swaps to
cross plateaus), then restarts a few times - alternately from a fresh greedy
start and from a perturbed copy of the best allocation so far - keeping the
best. Swaps keep group sizes fixed, so the hard guarantees hold throughout.

Regenerating on the day is calling `allocate_groups` again with the people
present; `regenerate_keeping` instead keeps the planned groups and moves as
few people as possible to even them out.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from types import MappingProxyType

__all__ = [
    "Person",
    "allocate_groups",
    "random_groups",
    "regenerate_keeping",
    "repeat_pairings",
    "same_attribute_pairs",
    "same_organisation_pairs",
]


@dataclass(frozen=True)
class Person:
    id: int  # participant id
    organisation_id: int
    # e.g. {"la_type": "county", "region": "south-east", "uasc": "large"}
    attributes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


# --------------------------------------------------------------------------- metrics


def repeat_pairings(
    groups: Iterable[Iterable[int]],
    previous_groups: Iterable[Iterable[int]],
    *,
    weighted: bool = False,
) -> int:
    """How many pairs of people within `groups` already shared a group in
    `previous_groups` (groups from earlier sessions, in any order). With
    `weighted`, a pair that met twice before counts twice."""
    met = _meetings(previous_groups)
    total = 0
    for group in groups:
        for pair in combinations(sorted(set(group)), 2):
            times = met.get(pair, 0)
            total += times if weighted else min(times, 1)
    return total


def same_organisation_pairs(groups: Iterable[Iterable[int]], people: Sequence[Person]) -> int:
    """How many pairs of people within `groups` come from the same organisation."""
    organisation = {person.id: person.organisation_id for person in people}
    return _same_value_pairs(groups, organisation)


def same_attribute_pairs(
    groups: Iterable[Iterable[int]], people: Sequence[Person], attribute: str
) -> int:
    """How many pairs of people within `groups` share a value of `attribute`
    (people without the attribute are not counted). Lower means more mixed."""
    value = {p.id: p.attributes[attribute] for p in people if attribute in p.attributes}
    return _same_value_pairs(groups, value)


def _same_value_pairs(groups: Iterable[Iterable[int]], value_of: Mapping[int, object]) -> int:
    total = 0
    for group in groups:
        counts = Counter(value_of[i] for i in set(group) if i in value_of)
        total += sum(c * (c - 1) // 2 for c in counts.values())
    return total


def _meetings(previous_groups: Iterable[Iterable[int]]) -> dict[tuple[int, int], int]:
    """Times each pair (smaller id first) shared a group."""
    met: dict[tuple[int, int], int] = defaultdict(int)
    for group in previous_groups:
        for pair in combinations(sorted(set(group)), 2):
            met[pair] += 1
    return met


# --------------------------------------------------------------------------- baseline


def random_groups(
    people: Sequence[Person], group_count: int, seed: int | None = None
) -> list[list[int]]:
    """The baseline: shuffle, then deal round-robin into `group_count` groups
    (fewer if there are fewer people)."""
    _check_group_count(group_count)
    ids = [person.id for person in people]
    if not ids:
        return []
    random.Random(seed).shuffle(ids)
    count = min(group_count, len(ids))
    return [ids[g::count] for g in range(count)]


# --------------------------------------------------------------------------- allocation


def allocate_groups(
    *,
    people: Sequence[Person],
    group_count: int | None = None,
    group_size: int | None = None,
    mix_by: str | None = None,
    previous_groups: Iterable[Iterable[int]] = (),
    keep_organisations_apart: bool = True,
    seed: int | None = None,
    iterations: int = 2000,
    together_by: str | None = None,
) -> list[list[int]]:
    """Split `people` into breakout groups; see the module docstring.

    Give exactly one of `group_count` and `group_size` (a target size: the
    number of groups is len(people) / group_size rounded half up, at least 1).
    With fewer people than groups, each person gets a group of their own.

    `iterations` bounds the local search: it is the number of swap moves tried,
    each move looking for the best swap partner of one person. The search
    stops sooner when no goal can be improved any further.

    Returns the groups as lists of person ids, members in the order given in
    `people`, groups in the order of their first member.
    """
    if (group_count is None) == (group_size is None):
        raise ValueError("Give exactly one of group_count and group_size.")
    if group_size is not None:
        if isinstance(group_size, bool) or not isinstance(group_size, int) or group_size < 1:
            raise ValueError(f"group_size must be a whole number of at least 1, not {group_size!r}.")
    else:
        _check_group_count(group_count)
    if mix_by is not None and mix_by == together_by:
        raise ValueError("mix_by and together_by cannot be the same attribute.")
    if iterations < 0:
        raise ValueError("iterations cannot be negative.")

    people = list(people)
    n = len(people)
    ids = [person.id for person in people]
    if len(set(ids)) != n:
        duplicates = sorted(i for i, c in Counter(ids).items() if c > 1)
        raise ValueError(f"Each person can appear only once; repeated ids: {duplicates}.")
    if n == 0:
        return []

    if group_size is not None:
        # Half up (not Python's round-half-to-even), so 10 people in groups of
        # 4 make 3 groups just as 14 people do 4.
        count = max(1, (2 * n + group_size) // (2 * group_size))
    else:
        count = group_count
    count = min(count, n)
    if count == 1:
        return [ids]
    if count == n:
        return [[i] for i in ids]

    rng = random.Random(seed)
    problem = _Problem(
        people, count, previous_groups, keep_organisations_apart, mix_by, together_by
    )
    assign = problem.search(rng, iterations)
    groups: list[list[int]] = [[] for _ in range(count)]
    for index, g in enumerate(assign):
        groups[g].append(ids[index])
    groups.sort(key=lambda group: ids.index(group[0]))
    return groups


def _check_group_count(group_count: object) -> None:
    if isinstance(group_count, bool) or not isinstance(group_count, int):
        raise ValueError(f"group_count must be a whole number, not {group_count!r}.")
    if group_count < 1:
        raise ValueError(f"group_count must be at least 1, not {group_count}.")


def _spread_pairs(total: int, count: int) -> int:
    """Fewest pairs sharing a group when `total` alike people are spread over
    `count` groups as evenly as possible."""
    q, r = divmod(total, count)
    return r * (q + 1) * q // 2 + (count - r) * q * (q - 1) // 2


# Search tuning, chosen on 60-person, 6-session cohorts (see bench/breakouts.py).
_FLAT_PASSES = 4  # passes over everyone without an improvement before a descent ends
_STALE_RESTARTS = 4  # restarts in a row without a better allocation before giving up
_KICK_DIVISOR = 8  # a restart swaps n // 8 random pairs (at least 2)


class _Problem:
    """The cost of an allocation is the sum, over every pair of people in the
    same group, of a pair cost; people are indexed 0..n-1 in input order.

    Cost weights: the three goals are strictly ordered, so the weights are
    worked out from the cohort rather than fixed. The mixing term of any
    allocation lies between -P and P, where P is the number of within-group
    pairs (fixed by the group sizes), so one repeat pairing is worth 2P + 1:
    more than any change in mixing. The repeat term is at most P times the
    most often any pair has met, so one same-organisation pair is worth one
    more than that, times the repeat weight: more than any change in repeats.
    Python integers do not overflow, so the ordering is exact.
    """

    def __init__(self, people, count, previous_groups, keep_apart, mix_by, together_by):
        n = len(people)
        self.n = n
        self.count = count
        q, r = divmod(n, count)
        self.sizes = [q + 1] * r + [q] * (count - r)
        self.organisation = [p.organisation_id for p in people]
        self.keep_apart = keep_apart

        index = {p.id: i for i, p in enumerate(people)}
        met: dict[tuple[int, int], int] = defaultdict(int)
        for group in previous_groups:
            present = sorted({index[i] for i in group if i in index})
            for pair in combinations(present, 2):
                met[pair] += 1
        most_met = max(met.values(), default=0)

        within_pairs = sum(s * (s - 1) // 2 for s in self.sizes)
        w_mix = 1
        w_repeat = 2 * within_pairs + 1
        w_org = (within_pairs * most_met + 1) * w_repeat if keep_apart else 0

        mix = [p.attributes.get(mix_by) if mix_by else None for p in people]
        together = [p.attributes.get(together_by) if together_by else None for p in people]
        pc = [[0] * n for _ in range(n)]
        for a in range(n):
            row = pc[a]
            for b in range(a + 1, n):
                c = 0
                if w_org and self.organisation[a] == self.organisation[b]:
                    c += w_org
                if mix[a] is not None and mix[a] == mix[b]:
                    c += w_mix
                if together[a] is not None and together[a] == together[b]:
                    c -= w_mix
                row[b] = c
        for (a, b), times in met.items():
            pc[a][b] += w_repeat * times
        for a in range(n):
            for b in range(a + 1, n):
                pc[b][a] = pc[a][b]
        self.pc = pc

        # A cost no allocation can beat: lets the search stop early (and skip
        # the search entirely when the greedy start already reaches it).
        if together_by is not None:
            self.lower_bound = None
        else:
            bound = 0
            if keep_apart:
                per_org = Counter(self.organisation)
                bound += w_org * sum(_spread_pairs(m, count) for m in per_org.values())
            if mix_by is not None:
                per_value = Counter(v for v in mix if v is not None)
                bound += w_mix * sum(_spread_pairs(m, count) for m in per_value.values())
            self.lower_bound = bound

    # -- state: assign[i] = group of person i; aff[i][g] = cost between i and
    # everyone else currently in group g. Swapping a (in A) with b (in B)
    # changes the cost by aff[b][A] + aff[a][B] - aff[a][A] - aff[b][B] - 2 pc[a][b].

    def _affinities(self, assign):
        n, pc = self.n, self.pc
        aff = [[0] * self.count for _ in range(n)]
        for a in range(n):
            row, pa = aff[a], pc[a]
            for b in range(n):
                if b != a:
                    row[assign[b]] += pa[b]
        return aff

    def _cost(self, assign, aff):
        return sum(aff[i][assign[i]] for i in range(self.n)) // 2

    def _greedy(self, rng):
        """Place organisations largest first, each member into a group with
        room and no colleague yet, preferring the group with most room left
        (which always succeeds when every organisation fits, as in the
        Gale-Ryser construction), then the lowest added cost, then at random."""
        n, pc = self.n, self.pc
        by_org: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            by_org[self.organisation[i]].append(i)
        orgs = list(by_org.values())
        rng.shuffle(orgs)
        if self.keep_apart:
            orgs.sort(key=len, reverse=True)
            order = [i for members in orgs for i in rng.sample(members, len(members))]
        else:
            order = list(range(n))
            rng.shuffle(order)

        room = list(self.sizes)
        members: list[list[int]] = [[] for _ in range(self.count)]
        colleagues = [Counter() for _ in range(self.count)]
        assign = [0] * n
        for i in order:
            org = self.organisation[i]
            best_key, best_g = None, -1
            for g in range(self.count):
                if not room[g]:
                    continue
                added = sum(pc[i][j] for j in members[g])
                key = (
                    colleagues[g][org] if self.keep_apart else 0,
                    -room[g],
                    added,
                    rng.random(),
                )
                if best_key is None or key < best_key:
                    best_key, best_g = key, g
            assign[i] = best_g
            room[best_g] -= 1
            members[best_g].append(i)
            colleagues[best_g][org] += 1
        return assign

    def _descend(self, assign, aff, cost, rng, budget):
        """Local search. Each move takes one person and makes their best
        improving swap; when there is none, a random swap that leaves the cost
        unchanged instead (plateaus are common: most swaps touch no repeat
        pair), which lets the search drift to where improvements are. Ends
        after _FLAT_PASSES passes over everyone without an improvement, at the
        lower bound, or when `budget` moves are used. Returns (cost, moves)."""
        n, pc = self.n, self.pc
        order = list(range(n))
        moves = 0
        bound = self.lower_bound
        flat_passes = 0
        while moves < budget:
            rng.shuffle(order)
            improved = False
            for a in order:
                if moves >= budget:
                    break
                moves += 1
                ga = assign[a]
                aff_a, pc_a = aff[a], pc[a]
                base = aff_a[ga]
                best, best_b = 0, -1
                level = []
                for b in range(n):
                    gb = assign[b]
                    if gb == ga:
                        continue
                    aff_b = aff[b]
                    d = aff_b[ga] + aff_a[gb] - base - aff_b[gb] - 2 * pc_a[b]
                    if d < best:
                        best, best_b = d, b
                    elif d == 0:
                        level.append(b)
                if best_b < 0:
                    if level:
                        self._swap(assign, aff, a, rng.choice(level))
                    continue
                self._swap(assign, aff, a, best_b)
                cost += best
                improved = True
                if bound is not None and cost <= bound:
                    return cost, moves
            if improved:
                flat_passes = 0
            else:
                flat_passes += 1
                if flat_passes >= _FLAT_PASSES:
                    break
        return cost, moves

    def _swap(self, assign, aff, a, b):
        ga, gb = assign[a], assign[b]
        pa, pb = self.pc[a], self.pc[b]
        for x in range(self.n):
            d = pa[x] - pb[x]
            row = aff[x]
            row[ga] -= d
            row[gb] += d
        assign[a], assign[b] = gb, ga

    def search(self, rng, iterations):
        assign = self._greedy(rng)
        aff = self._affinities(assign)
        cost = self._cost(assign, aff)
        bound = self.lower_bound
        if bound is not None and cost <= bound:
            return assign
        cost, used = self._descend(assign, aff, cost, rng, iterations)
        best_assign, best_cost = list(assign), cost

        # Restarts, alternately from a fresh greedy start (other random tie
        # breaks) and from the best allocation so far perturbed by a handful
        # of random swaps; descend again and keep the best. Stop after several
        # restarts in a row that find nothing better, or when the budget runs out.
        kick = max(2, self.n // _KICK_DIVISOR)
        stale = restarts = 0
        while used < iterations and stale < _STALE_RESTARTS:
            if bound is not None and best_cost <= bound:
                break
            restarts += 1
            if restarts % 2:
                assign = self._greedy(rng)
            else:
                assign = list(best_assign)
                for _ in range(kick):
                    a, b = rng.randrange(self.n), rng.randrange(self.n)
                    if assign[a] != assign[b]:
                        assign[a], assign[b] = assign[b], assign[a]
            aff = self._affinities(assign)
            cost = self._cost(assign, aff)
            cost, moves = self._descend(assign, aff, cost, rng, iterations - used)
            used += max(moves, 1)
            if cost < best_cost:
                best_assign, best_cost, stale = list(assign), cost, 0
            else:
                stale += 1
        return best_assign


# --------------------------------------------------------------------------- on the day


def regenerate_keeping(
    existing_groups: Iterable[Iterable[int]],
    present_ids: Iterable[int],
    *,
    people: Sequence[Person],
    previous_groups: Iterable[Iterable[int]] = (),
    mix_by: str | None = None,
    together_by: str | None = None,
    keep_organisations_apart: bool = True,
) -> list[list[int]]:
    """Even out planned groups from who actually turned up, moving as few
    people as possible.

    Absent people are dropped, groups left empty disappear, and people present
    but in no group join the smallest groups. Then, while the sizes differ by
    more than one, one person moves from a largest group to a smallest: the
    move that costs least by the same goals as `allocate_groups` (colleagues,
    then repeat pairings, then mixing - or, with `together_by`, keeping people
    who share its value together). `people` must include everyone present.
    """
    present = list(dict.fromkeys(present_ids))
    by_id = {p.id: p for p in people}
    missing = [i for i in present if i not in by_id]
    if missing:
        raise ValueError(f"No Person given for present ids: {missing}.")
    present_set = set(present)

    groups: list[list[int]] = []
    placed: set[int] = set()
    for group in existing_groups:
        kept = [i for i in dict.fromkeys(group) if i in present_set and i not in placed]
        placed.update(kept)
        if kept:
            groups.append(kept)
    if not groups:  # nobody planned turned up: allocate_groups is the better tool
        return [present] if present else []

    met = _meetings(previous_groups)

    def pair_cost(a: int, b: int) -> tuple[int, int, int]:
        pa, pb = by_id[a], by_id[b]
        return (
            int(keep_organisations_apart and pa.organisation_id == pb.organisation_id),
            met.get((min(a, b), max(a, b)), 0),
            int(mix_by is not None and mix_by in pa.attributes
                and pa.attributes.get(mix_by) == pb.attributes.get(mix_by))
            - int(together_by is not None and pa.attributes.get(together_by) is not None
                  and pa.attributes.get(together_by) == pb.attributes.get(together_by)),
        )

    def join_cost(i: int, group: list[int]) -> tuple[int, int, int]:
        costs = [pair_cost(i, j) for j in group if j != i]
        return tuple(sum(c[k] for c in costs) for k in range(3))  # type: ignore[return-value]

    for i in present:
        if i in placed:
            continue
        smallest = min(len(g) for g in groups)
        target = min(
            (g for g in groups if len(g) == smallest), key=lambda g: join_cost(i, g)
        )
        target.append(i)

    while max(len(g) for g in groups) - min(len(g) for g in groups) > 1:
        largest = max(len(g) for g in groups)
        smallest = min(len(g) for g in groups)
        best = None
        for source in (g for g in groups if len(g) == largest):
            for i in source:
                leave = join_cost(i, source)
                for target in (g for g in groups if len(g) == smallest):
                    enter = join_cost(i, target)
                    delta = tuple(e - out for e, out in zip(enter, leave, strict=True))
                    if best is None or delta < best[0]:
                        best = (delta, i, source, target)
        _, i, source, target = best
        source.remove(i)
        target.append(i)
    return groups

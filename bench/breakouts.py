"""Breakout group allocation against a random baseline, over a programme's sessions.

60 participants from 10 organisations (6 each) meet in 6 sessions, in groups
of 6. Each method's groups for a session feed its own `previous_groups` for the
next. For every session it prints the time one allocation takes, and for
allocate_groups and random_groups the repeat pairings (pairs who already shared
a group), the same-organisation pairs, and the same-LA-type pairs (groups are
mixed by LA type). No Django: run it with `python -m bench.breakouts`.
"""

from __future__ import annotations

import random
import statistics
import time

from programme.sessions.allocator import (
    Person,
    allocate_groups,
    random_groups,
    repeat_pairings,
    same_attribute_pairs,
    same_organisation_pairs,
)

ORGANISATIONS = 10
PER_ORGANISATION = 6
SESSIONS = 6
GROUP_SIZE = 6
TIMING_RUNS = 5
LA_TYPES = ["county", "unitary", "metropolitan", "london_borough"]


def make_people(seed: int = 1) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for organisation_id in range(1, ORGANISATIONS + 1):
        attributes = {"la_type": rng.choice(LA_TYPES), "uasc": rng.choice(["large", "small"])}
        for _ in range(PER_ORGANISATION):
            people.append(Person(id=len(people) + 1, organisation_id=organisation_id,
                                 attributes=attributes))
    return people


def main(argv: list[str] | None = None) -> dict:
    people = make_people()
    group_count = max(1, round(len(people) / GROUP_SIZE))
    history: list[list[int]] = []
    random_history: list[list[int]] = []
    rows = []

    print(f"Breakout groups: {len(people)} participants, {ORGANISATIONS} organisations "
          f"of {PER_ORGANISATION}, {SESSIONS} sessions, {group_count} groups of {GROUP_SIZE}, "
          "mixed by la_type")
    header = (f"{'session':>7} {'ms/alloc':>9} | {'repeats':>7} {'random':>6} | "
              f"{'same-org':>8} {'random':>6} | {'same-type':>9} {'random':>6}")
    print(header)
    print("-" * len(header))
    for session in range(1, SESSIONS + 1):
        timings = []
        for _ in range(TIMING_RUNS):
            started = time.perf_counter()
            groups = allocate_groups(people=people, group_size=GROUP_SIZE, mix_by="la_type",
                                     previous_groups=history, seed=session)
            timings.append((time.perf_counter() - started) * 1000)
        baseline = random_groups(people, group_count, seed=session)
        row = {
            "session": session,
            "ms": statistics.median(timings),
            "repeats": repeat_pairings(groups, history),
            "random_repeats": repeat_pairings(baseline, random_history),
            "same_org": same_organisation_pairs(groups, people),
            "random_same_org": same_organisation_pairs(baseline, people),
            "same_type": same_attribute_pairs(groups, people, "la_type"),
            "random_same_type": same_attribute_pairs(baseline, people, "la_type"),
        }
        rows.append(row)
        print(f"{session:>7} {row['ms']:>9.1f} | {row['repeats']:>7} {row['random_repeats']:>6} | "
              f"{row['same_org']:>8} {row['random_same_org']:>6} | "
              f"{row['same_type']:>9} {row['random_same_type']:>6}")
        history += groups
        random_history += baseline

    totals = {key: sum(row[key] for row in rows) for key in rows[0] if key != "session"}
    totals["ms"] = totals["ms"] / len(rows)
    print("-" * len(header))
    print(f"{'total':>7} {totals['ms']:>9.1f} | {totals['repeats']:>7} "
          f"{totals['random_repeats']:>6} | {totals['same_org']:>8} "
          f"{totals['random_same_org']:>6} | {totals['same_type']:>9} "
          f"{totals['random_same_type']:>6}")
    print("(ms/alloc: median of 5 runs; total row: mean ms, summed counts)")
    return {"sessions": rows, "totals": totals}


if __name__ == "__main__":
    main()

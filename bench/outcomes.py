"""Outcome measures at scale: the Impact aggregation in the database.

    .venv/bin/python -m bench.outcomes [--keep]

Builds a throw-away SQLite database (var/bench/outcomes.sqlite3, rebuilt each
run unless --keep finds one) with one programme of 10 measures and one cohort
of 150 accepted organisations, each sending five yearly figures per measure
(2021 to 2025): the baseline, the end, and the follow-up sent in three
successive years (the two earlier kept as history, as a correction is):
150 × 10 × 5 = 7,500 figure rows, of which 4,500 are current.
Then it times, as the median of several runs, with the number of queries:

- figures_rows: the one aggregate query (newest row per point, pivoted);
- impact_section, public and facilitator's copy (the report's Impact);
- cohort_tables: the facilitator's cohort screen;
- programme_outcomes: the learning screen's measures by cohort.
"""
from __future__ import annotations

import argparse
import datetime
import random
import time
from decimal import Decimal

from bench import measuring
from bench.environment import REPO, VAR
from bench.measuring import say, use_sqlite

DB_PATH = VAR / "outcomes.sqlite3"
ORGANISATIONS = 150
MEASURES = 10
YEARS = 5
RUNS = 5
SEED = 2021


def build(rng):
    from django.core.management import call_command
    from django.db import transaction
    from django.utils.text import slugify

    from programme.enums import MeasureDirection, MeasureUnit, MembershipStatus, ReturnPoint
    from programme.models import (
        Cohort,
        Membership,
        Organisation,
        OutcomeMeasure,
        OutcomeReturn,
        Programme,
    )

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        programme = Programme.objects.create(title="Outcomes bench programme", slug="outcomes-bench")
        cohort = Cohort.objects.create(programme=programme, name="Bench cohort", report_threshold=3,
                                       outcomes_follow_up_on=datetime.date(2023, 3, 31))
        measures = OutcomeMeasure.objects.bulk_create(
            OutcomeMeasure(programme=programme, name=f"Measure {n + 1}", position=n,
                           unit=MeasureUnit.PERCENT if n % 2 == 0 else MeasureUnit.COUNT,
                           direction=MeasureDirection.HIGHER if n % 3 else MeasureDirection.LOWER)
            for n in range(MEASURES)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Bench council {n:03}", slug=slugify(f"Bench council {n:03}"))
            for n in range(ORGANISATIONS)
        )
        memberships = Membership.objects.bulk_create(
            Membership(cohort=cohort, organisation=organisation, status=MembershipStatus.ACCEPTED,
                       consent_to_publish=n % 2 == 0, report_number=n + 1 if n % 2 == 0 else None)
            for n, organisation in enumerate(organisations)
        )
        points = [ReturnPoint.BASELINE, ReturnPoint.END, ReturnPoint.FOLLOW_UP, ReturnPoint.FOLLOW_UP,
                  ReturnPoint.FOLLOW_UP]
        rows = []
        for membership in memberships:
            for measure in measures:
                value = rng.uniform(30, 70) if measure.unit == MeasureUnit.PERCENT else rng.randint(0, 80)
                for year, point in zip(range(YEARS), points, strict=True):
                    value = min(100, max(0, value + rng.uniform(-5, 6)))
                    rows.append(OutcomeReturn(
                        membership=membership, measure=measure, point=point,
                        value=Decimal(f"{value:.1f}") if measure.unit == MeasureUnit.PERCENT else round(value),
                        refers_to=datetime.date(2021 + year, 3, 31),
                    ))
        OutcomeReturn.objects.bulk_create(rows, batch_size=2000)
    say(f"built {len(memberships)} organisations × {len(measures)} measures × {YEARS} years: {len(rows):,} figure "
        f"rows in {time.perf_counter() - began:.1f}s")


def timed(label, function):
    return measuring.timed(label, function, runs=RUNS)


def measure():
    from programme.enums import MembershipStatus
    from programme.models import Cohort, Membership, OutcomeReturn
    from programme.outcomes.cohort_screen import cohort_tables
    from programme.outcomes.figures import figures_rows
    from programme.outcomes.impact import impact_section, programme_outcomes
    from programme.reporting.wording import la_label

    cohort = Cohort.objects.select_related("programme").get()
    memberships = list(Membership.objects.filter(cohort=cohort, status=MembershipStatus.ACCEPTED)
                       .select_related("organisation"))
    labels = {m.pk: la_label(m.report_number) for m in memberships if m.report_number}
    say(f"{'database (SQLite), median of ' + str(RUNS):<62} {'time':>12} {'queries':>12}")
    rows = timed("figures_rows: current figures, one aggregate query",
                 lambda: figures_rows(OutcomeReturn.objects.filter(membership__cohort_id=cohort.pk)))
    say(f"  {len(rows):,} organisation × measure rows")
    impact = timed("impact_section, public report (Impact)", lambda: impact_section(
        cohort=cohort, memberships=memberships, labels=labels, public=True, threshold=cohort.report_threshold))
    say(f"  {len(impact.measures)} measures; {impact.measures[0].improved_phrase} improved the first")
    timed("impact_section, facilitator's copy", lambda: impact_section(
        cohort=cohort, memberships=memberships, labels=labels, public=False, threshold=cohort.report_threshold))
    timed("cohort_tables: the facilitator's cohort screen",
          lambda: [table.summary for table in cohort_tables(cohort=cohort)])
    timed("programme_outcomes: measures by cohort (learning screen)",
          lambda: programme_outcomes(programme=cohort.programme, cohorts=[cohort]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="reuse var/bench/outcomes.sqlite3 if it exists")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    reuse = args.keep and DB_PATH.exists()
    if not reuse:
        for path in (DB_PATH, DB_PATH.with_name(DB_PATH.name + "-wal"), DB_PATH.with_name(DB_PATH.name + "-shm")):
            path.unlink(missing_ok=True)
    use_sqlite(DB_PATH, fresh=False)
    say(f"Outcome measures bench: {DB_PATH.relative_to(REPO)}")
    if reuse:
        say("reusing the database (--keep)")
    else:
        build(random.Random(SEED))
    measure()
    say(f"\ntotal {time.perf_counter() - began:.0f}s")


if __name__ == "__main__":
    main()

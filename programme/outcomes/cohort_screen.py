"""A cohort's outcome figures for its facilitators: for each measure, each
organisation's baseline, latest and change, against the national and
statistical-neighbour figures, with a chart and a CSV of the same rows.

Queries: four, whatever the number of organisations or figures: the
measures, their comparator figures, the accepted memberships and the
figures (one aggregate query, programme/outcomes/figures.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from programme.enums import ComparatorKind, MembershipStatus
from programme.models import Membership, OutcomeReturn
from programme.outcomes.charts import outcome_chart
from programme.outcomes.figures import Figures, figures_rows, improved, number, signed, summarise
from programme.outcomes.measures import comparators_for, latest_on, measures_of
from programme.reporting.spreadsheets import to_csv


@dataclass
class OrganisationRow:
    name: str
    figures: Figures
    unit: str
    direction: str
    national: object = None
    neighbours: object = None

    @property
    def baseline(self):
        return number(self.figures.baseline, self.unit)

    @property
    def latest(self):
        return number(self.figures.latest, self.unit)

    @property
    def change(self):
        return signed(self.figures.change, self.unit)

    @property
    def improved(self):
        return improved(self.figures.change, self.direction)

    @property
    def worse(self):
        change = self.figures.change
        return change is not None and change != 0 and not self.improved

    def _against(self, comparator):
        if comparator is None or self.figures.latest is None:
            return ""
        return signed(self.figures.latest - comparator.value, self.unit)

    @property
    def against_national(self):
        return self._against(self.national)

    @property
    def against_neighbours(self):
        return self._against(self.neighbours)


@dataclass
class MeasureTable:
    measure: object
    national: object
    neighbours: object
    rows: list[OrganisationRow] = field(default_factory=list)

    @cached_property
    def summary(self):
        return summarise([row.figures for row in self.rows], direction=self.measure.direction)

    @property
    def median_change_display(self):
        return signed(self.summary.median_change, self.measure.unit)

    @cached_property
    def chart(self):
        return outcome_chart(
            chart_id=f"outcome-chart-{self.measure.pk}", measure=self.measure,
            rows=[(row.name, row.figures.baseline, row.figures.latest) for row in self.rows],
            national=self.national.value if self.national else None,
        )

    @property
    def sent(self):
        return sum(1 for row in self.rows if row.figures.baseline is not None or row.figures.latest is not None)



def cohort_tables(*, cohort) -> list[MeasureTable]:
    """A MeasureTable per measure of the cohort's programme, with a row per
    accepted organisation (by name), figures sent or not."""
    measures = list(measures_of(cohort.programme))
    memberships = list(
        Membership.objects.filter(cohort_id=cohort.pk, status=MembershipStatus.ACCEPTED)
        .select_related("organisation").order_by("organisation__name", "pk")
    )
    accepted = {m.pk for m in memberships}
    found = {
        (f.membership_id, f.measure_id): f
        for f in figures_rows(OutcomeReturn.objects.filter(membership__cohort_id=cohort.pk))
        if f.membership_id in accepted
    }
    comparators = comparators_for(measures=measures, as_at=latest_on(found.values()))
    tables = []
    for measure in measures:
        national = comparators.get((measure.pk, ComparatorKind.NATIONAL))
        neighbours = comparators.get((measure.pk, ComparatorKind.NEIGHBOURS))
        table = MeasureTable(measure=measure, national=national, neighbours=neighbours)
        for membership in memberships:
            figures = found.get((membership.pk, measure.pk)) or Figures(membership_id=membership.pk,
                                                                       measure_id=measure.pk)
            table.rows.append(OrganisationRow(
                name=membership.organisation.name, figures=figures, unit=measure.unit,
                direction=measure.direction, national=national, neighbours=neighbours,
            ))
        tables.append(table)
    return tables


CSV_HEADER = [
    "measure", "unit", "better", "organisation", "baseline", "baseline as at", "end", "end as at", "follow-up",
    "follow-up as at", "change", "improved", "national", "national as at", "national source", "neighbours",
    "neighbours as at", "neighbours source",
]


def _plain(value):
    return "" if value is None else float(value)


def outcomes_csv(*, cohort) -> bytes:
    """The screen's rows, one per measure and organisation; figures as
    numbers, dates as 2021-03-31, every cell formula-safe (to_csv)."""
    rows = []
    for table in cohort_tables(cohort=cohort):
        measure, national, neighbours = table.measure, table.national, table.neighbours
        for row in table.rows:
            f = row.figures
            rows.append([
                measure.name, measure.get_unit_display(), measure.get_direction_display(), row.name,
                _plain(f.baseline), f.baseline_on.isoformat() if f.baseline_on else "",
                _plain(f.end), f.end_on.isoformat() if f.end_on else "",
                _plain(f.follow_up), f.follow_up_on.isoformat() if f.follow_up_on else "",
                _plain(f.change), ("yes" if row.improved else "no") if f.change is not None else "",
                _plain(national.value) if national else "", national.refers_to.isoformat() if national else "",
                national.source if national else "",
                _plain(neighbours.value) if neighbours else "",
                neighbours.refers_to.isoformat() if neighbours else "", neighbours.source if neighbours else "",
            ])
    return to_csv(CSV_HEADER, rows)

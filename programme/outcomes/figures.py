"""Each organisation's figures for each measure: baseline, latest and change,
worked out in the database in one query (the newest row of each point, then
one row per organisation and measure with a column per point).

"Latest" is the follow-up figure when there is one, else the end figure; the
change is latest − baseline, and an organisation *improved* when the change
goes the measure's better way. The medians are of the per-organisation rows
the query returns (SQLite has no median aggregate)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Max, When

from programme.enums import MeasureDirection, ReturnPoint
from programme.outcomes.returns import current_returns

POINTS = [ReturnPoint.BASELINE, ReturnPoint.END, ReturnPoint.FOLLOW_UP]


@dataclass(frozen=True)
class Figures:
    """One organisation's figures for one measure."""

    membership_id: int
    measure_id: int
    baseline: Decimal | None = None
    baseline_on: date | None = None
    end: Decimal | None = None
    end_on: date | None = None
    follow_up: Decimal | None = None
    follow_up_on: date | None = None
    cohort_id: int | None = None

    @property
    def latest(self) -> Decimal | None:
        return self.follow_up if self.follow_up is not None else self.end

    @property
    def latest_on(self) -> date | None:
        return self.follow_up_on if self.follow_up is not None else self.end_on

    @property
    def latest_point(self) -> str:
        if self.follow_up is not None:
            return "Follow-up"
        return "End" if self.end is not None else ""

    @property
    def change(self) -> Decimal | None:
        if self.baseline is None or self.latest is None:
            return None
        return self.latest - self.baseline


def improved(change, direction) -> bool:
    if change is None:
        return False
    return change > 0 if direction == MeasureDirection.HIGHER else change < 0


def figures_rows(returns):
    """[Figures] of the current rows among `returns` (an OutcomeReturn
    queryset, already filtered to a cohort or a programme). One query."""
    columns = {}
    for point in POINTS:
        columns[point.value] = Max(Case(When(point=point.value, then="value")))
        columns[f"{point.value}_on"] = Max(Case(When(point=point.value, then="refers_to")))
    rows = (
        current_returns(returns)
        .values("membership_id", "measure_id", "membership__cohort_id")
        .annotate(**columns)
        .order_by()
    )
    return [
        Figures(
            membership_id=row["membership_id"], measure_id=row["measure_id"], cohort_id=row["membership__cohort_id"],
            **{point.value: _decimal(row[point.value]) for point in POINTS},
            **{f"{point.value}_on": _date(row[f"{point.value}_on"]) for point in POINTS},
        )
        for row in rows
    ]


def _decimal(value):
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.1")) if not isinstance(value, Decimal) else value.quantize(
        Decimal("0.1"))


def _date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Summary:
    """A measure across a group of organisations."""

    reporting: int  # organisations with a baseline and a later figure
    improved: int
    median_change: Decimal | None
    median_baseline: Decimal | None
    median_latest: Decimal | None


def summarise(figures, *, direction) -> Summary:
    complete = [f for f in figures if f.change is not None]
    return Summary(
        reporting=len(complete),
        improved=sum(1 for f in complete if improved(f.change, direction)),
        median_change=_median([f.change for f in complete]),
        median_baseline=_median([f.baseline for f in complete]),
        median_latest=_median([f.latest for f in complete]),
    )


def _median(values):
    if not values:
        return None
    return Decimal(statistics.median(values)).quantize(Decimal("0.1"))


def number(value, unit) -> str:
    """ "59.6%", "12", "" for nothing."""
    if value is None:
        return ""
    text = f"{value:.1f}" if unit == "percent" else (f"{value:.0f}" if value == value.to_integral_value()
                                                      else f"{value:.1f}")
    return f"{text}%" if unit == "percent" else text


def signed(value, unit) -> str:
    """ "+4.5 points", "−3", "no change"."""
    if value is None:
        return ""
    if value == 0:
        return "no change"
    sign = "+" if value > 0 else "−"
    text = number(abs(value), unit).rstrip("%")
    return f"{sign}{text} points" if unit == "percent" else f"{sign}{text}"

"""A small chart per measure for the facilitator's cohort screen: for each
organisation, its baseline bar and its latest bar, and the national figure
as a dashed line; drawn as SVG by the template, with the same figures in the
data table beside it (in the style of programme/reporting/charts.py)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from programme.outcomes.figures import number

WIDTH = 640
LABEL_WIDTH = 220
BAR_X = LABEL_WIDTH + 10
BAR_SPACE = 290
ROW_HEIGHT = 30
BAR_HEIGHT = 11
LABEL_CHARS = 30
TOP = 22  # room for the key


@dataclass(frozen=True)
class OutcomeChartRow:
    label: str
    short_label: str
    y: int
    baseline_width: float | None
    latest_width: float | None
    baseline_display: str
    latest_display: str

    @property
    def baseline_y(self) -> int:
        return self.y + 3

    @property
    def latest_y(self) -> int:
        return self.y + 3 + BAR_HEIGHT + 1

    @property
    def text_y(self) -> int:
        return self.y + ROW_HEIGHT // 2 + 4

    @property
    def value_x(self) -> float:
        """The figures sit in their own column right of the bars, where the
        national line never crosses them."""
        return BAR_X + BAR_SPACE + 10

    @property
    def values_text(self) -> str:
        return f"{self.baseline_display or '–'} → {self.latest_display or '–'}"


@dataclass(frozen=True)
class OutcomeChart:
    id: str
    title: str
    description: str
    rows: list[OutcomeChartRow]
    national_x: float | None
    national_display: str
    width: int = WIDTH
    label_x: int = LABEL_WIDTH
    bar_x: int = BAR_X
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return TOP + len(self.rows) * ROW_HEIGHT + 6

    @property
    def key_y(self) -> int:
        return 14


def _width(value, largest):
    if value is None:
        return None
    return round(BAR_SPACE * float(value) / float(largest), 1) if largest else 0.0


def outcome_chart(*, chart_id, measure, rows, national=None) -> OutcomeChart | None:
    """`rows`: [(organisation name, baseline, latest)]. None when no
    organisation has sent a figure."""
    rows = [row for row in rows if row[1] is not None or row[2] is not None]
    if not rows:
        return None
    values = [value for _, baseline, latest in rows for value in (baseline, latest) if value is not None]
    if national is not None:
        values.append(national)
    largest = Decimal(100) if measure.is_percent else max(values, default=0) or Decimal(1)
    chart_rows = []
    for index, (name, baseline, latest) in enumerate(rows):
        short = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        chart_rows.append(OutcomeChartRow(
            label=name, short_label=short, y=TOP + index * ROW_HEIGHT,
            baseline_width=_width(baseline, largest), latest_width=_width(latest, largest),
            baseline_display=number(baseline, measure.unit), latest_display=number(latest, measure.unit),
        ))
    national_display = number(national, measure.unit) if national is not None else ""
    description = (
        f"Bar chart: {measure.name}, each organisation's baseline and latest figure"
        + (f"; national figure {national_display}" if national_display else "") + ". "
        + "; ".join(f"{row.label}: {row.values_text}" for row in chart_rows) + "."
    )
    return OutcomeChart(
        id=chart_id, title=f"{measure.name}: baseline and latest", description=description, rows=chart_rows,
        national_x=BAR_X + _width(national, largest) if national is not None else None,
        national_display=national_display,
    )

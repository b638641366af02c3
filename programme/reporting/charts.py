"""The report's bar charts (organisations naming each theme), as data for an
SVG the templates draw and for the data table beside it. A theme below the
public threshold has no bar and reads "fewer than N", like its count."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # data.py imports this module: the name is for type checkers only
    from programme.reporting.data import ThemeItem

# Chart geometry (SVG user units; the SVG scales to its container).
CHART_WIDTH = 640


CHART_LABEL_WIDTH = 300


CHART_BAR_SPACE = 260


CHART_ROW_HEIGHT = 28


CHART_BAR_HEIGHT = 18


CHART_LABEL_CHARS = 40


@dataclass(frozen=True)
class ChartRow:
    label: str  # full theme name (for the table)
    short_label: str  # what fits beside the bar
    display: str
    bar_width: float  # 0 when hidden below the threshold
    y: int

    @property
    def bar_y(self) -> int:
        return self.y + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        return self.y + CHART_ROW_HEIGHT // 2 + 5

    @property
    def value_x(self) -> float:
        return CHART_LABEL_WIDTH + 10 + self.bar_width + 6


@dataclass(frozen=True)
class ThemeChart:
    id: str
    title: str
    description: str
    rows: list[ChartRow]
    themes: list[ThemeItem]  # for the data table
    width: int = CHART_WIDTH
    label_width: int = CHART_LABEL_WIDTH
    bar_x: int = CHART_LABEL_WIDTH + 10
    bar_height: int = CHART_BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.rows) * CHART_ROW_HEIGHT + 8

    @property
    def label_x(self) -> int:
        return self.label_width


def theme_chart(*, chart_id, title, groups) -> ThemeChart | None:
    themes = [theme for group in groups for theme in group.themes]
    if not themes:
        return None
    largest = max((theme.organisations or 0) for theme in themes) or 1
    rows = []
    for index, theme in enumerate(themes):
        short = theme.name if len(theme.name) <= CHART_LABEL_CHARS else theme.name[: CHART_LABEL_CHARS - 1] + "…"
        width = 0 if theme.masked else round(CHART_BAR_SPACE * theme.organisations / largest, 1)
        rows.append(
            ChartRow(label=theme.name, short_label=short, display=theme.organisations_display,
                     bar_width=width, y=4 + index * CHART_ROW_HEIGHT)
        )
    description = (
        "Bar chart: how many organisations named each theme. "
        + "; ".join(f"{theme.name}: {theme.organisations_display}" for theme in themes)
        + "."
    )
    return ThemeChart(id=chart_id, title=title, description=description, rows=rows, themes=themes)


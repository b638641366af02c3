"""The report's bar charts (organisations naming each theme), as data for an
SVG the templates draw, for the PNG the Word file holds (chart_png) and for
the data table beside each. A public report holds only the themes at or above
its threshold, so every row has a bar."""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:  # data.py imports this module: the name is for type checkers only
    from programme.reporting.data import ThemeItem

# Chart geometry (SVG user units; the SVG scales to its container).
CHART_WIDTH = 640


CHART_LABEL_WIDTH = 300


CHART_BAR_SPACE = 260


CHART_ROW_HEIGHT = 28


CHART_BAR_HEIGHT = 18


CHART_LABEL_CHARS = 40

# The same chart for a phone (the page swaps them at 40rem): each theme's name
# on a line of its own above its bar, in a drawing about as wide as the
# screen, so that its labels show at the body text's size (16px) rather than
# the 7px the wide chart shrinks them to at 360px.
NARROW_WIDTH = 320
NARROW_ROW_HEIGHT = 46
NARROW_BAR_HEIGHT = 14
NARROW_BAR_SPACE = 270
NARROW_LABEL_CHARS = 32


@dataclass(frozen=True)
class ChartRow:
    label: str  # full theme name (for the table)
    short_label: str  # what fits beside the bar
    display: str
    bar_width: float  # 0 when hidden below the threshold
    y: int
    narrow_label: str = ""
    narrow_bar_width: float = 0
    narrow_y: int = 0

    @property
    def bar_y(self) -> int:
        return self.y + (CHART_ROW_HEIGHT - CHART_BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        return self.y + CHART_ROW_HEIGHT // 2 + 5

    @property
    def value_x(self) -> float:
        return CHART_LABEL_WIDTH + 10 + self.bar_width + 6

    # In the narrow chart: the label's baseline, then the bar and its value below it.
    @property
    def narrow_text_y(self) -> int:
        return self.narrow_y + 16

    @property
    def narrow_bar_y(self) -> int:
        return self.narrow_y + 23

    @property
    def narrow_value_y(self) -> int:
        return self.narrow_bar_y + NARROW_BAR_HEIGHT - 1

    @property
    def narrow_value_x(self) -> float:
        return self.narrow_bar_width + 6


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

    narrow_width: int = NARROW_WIDTH
    narrow_bar_height: int = NARROW_BAR_HEIGHT

    @property
    def narrow_height(self) -> int:
        return len(self.rows) * NARROW_ROW_HEIGHT + 4


def _shortened(name, chars):
    return name if len(name) <= chars else name[: chars - 1] + "…"


def theme_chart(*, chart_id, title, themes) -> ThemeChart | None:
    if not themes:
        return None
    largest = max(theme.organisations for theme in themes) or 1
    rows = []
    for index, theme in enumerate(themes):
        rows.append(
            ChartRow(label=theme.name, short_label=_shortened(theme.name, CHART_LABEL_CHARS),
                     display=theme.organisations_display,
                     bar_width=round(CHART_BAR_SPACE * theme.organisations / largest, 1),
                     y=4 + index * CHART_ROW_HEIGHT,
                     narrow_label=_shortened(theme.name, NARROW_LABEL_CHARS),
                     narrow_bar_width=round(NARROW_BAR_SPACE * theme.organisations / largest, 1),
                     narrow_y=index * NARROW_ROW_HEIGHT)
        )
    description = (
        "Bar chart: how many organisations named each theme. "
        + "; ".join(f"{theme.name}: {theme.organisations_display}" for theme in themes)
        + "."
    )
    return ThemeChart(id=chart_id, title=title, description=description, rows=rows, themes=themes)



# --------------------------------------------------------------------------- the same chart as a picture

PNG_SCALE = 2  # pixels per SVG unit: sharp when printed at the width of an A4 text column
BAR_COLOUR = (12, 74, 110)
INK = (33, 37, 41)


def _font(size):
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Arial.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def chart_png(chart: ThemeChart) -> bytes:
    """The chart drawn with Pillow as a PNG, for the Word file (which has no
    SVG): the same rows, bars and figures as the SVG the pages draw."""
    scale = PNG_SCALE
    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(13 * scale)
    draw.line([(chart.bar_x * scale, 0), (chart.bar_x * scale, chart.height * scale)], fill=INK, width=scale)
    for row in chart.rows:
        middle = (row.bar_y + chart.bar_height / 2) * scale
        draw.text((chart.label_x * scale, middle), row.short_label, fill=INK, font=font, anchor="rm")
        if row.bar_width:
            draw.rectangle([chart.bar_x * scale, row.bar_y * scale, (chart.bar_x + row.bar_width) * scale,
                            (row.bar_y + chart.bar_height) * scale], fill=BAR_COLOUR)
        draw.text((row.value_x * scale, middle), row.display, fill=INK, font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

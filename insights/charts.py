"""Horizontal bar charts as inline SVG, drawn on the server in plain Python.

Each category gets its label on a line of its own and one bar per series beneath it, so long
names (events, sectors) fit a phone as well as a wide screen: the chart scales with its
viewBox. Colours are presentation attributes (the CSP forbids style attributes); the text
inherits the page's font. The figures themselves are also in a table next to the chart, so
the chart is one image with a name for screen readers.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360
PAD = 4
FONT_SIZE = 14
# A rough average glyph width, enough to truncate labels and to place the legend.
CHAR_WIDTH = FONT_SIZE * 0.56
LABEL_HEIGHT = 19
BAR_HEIGHT = 15
BAR_GAP = 3
GROUP_GAP = 12
VALUE_SPACE = 48
LEGEND_SWATCH = 11
LEGEND_ROW = 20
TEXT_COLOUR = "#1d2733"
AXIS_COLOUR = "#c9d3da"
# The site's blue, amber, green and a violet: each tells apart from the others in grey too.
PALETTE = ("#0b5a78", "#e5a21a", "#1f7a3f", "#7b4f9e", "#b3261e")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]  # None: no figure (drawn as a dash)


def format_value(value: float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)
    return number_format(int(value), use_l10n=True, force_grouping=True)


def _truncate(text: str, width: float) -> str:
    fits = max(int(width / CHAR_WIDTH), 4)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def _legend(series: Sequence[Series]) -> tuple[list[str], int]:
    """The legend's elements, wrapped onto as many rows as it needs, and its height."""
    if len(series) < 2:
        return [], 0
    parts: list[str] = []
    x: float = PAD
    y = 0
    for index, one in enumerate(series):
        label = _truncate(one.label, WIDTH - 2 * PAD - LEGEND_SWATCH - 6)
        item_width = LEGEND_SWATCH + 6 + len(label) * CHAR_WIDTH + 16
        if x > PAD and x + item_width > WIDTH - PAD:
            x, y = PAD, y + LEGEND_ROW
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}" '
            f'rx="2" fill="{colour}"/>'
            f'<text x="{x + LEGEND_SWATCH + 6:.1f}" y="{y + 13}">{escape(label)}</text>'
        )
        x += item_width
    return parts, y + LEGEND_ROW + 6


def bar_chart(*, title: str, categories: Sequence[str], series: Sequence[Series]) -> SafeString:
    """One group of bars per category, one bar per series, scaled to the largest value."""
    largest = max((value or 0 for one in series for value in one.values), default=0) or 1
    bar_room = WIDTH - 2 * PAD - VALUE_SPACE
    parts, legend_height = _legend(series)
    y = legend_height
    for index, category in enumerate(categories):
        y += LABEL_HEIGHT
        parts.append(
            f'<text x="{PAD}" y="{y - 5}" font-weight="600">'
            f"<title>{escape(category)}</title>{escape(_truncate(category, WIDTH - 2 * PAD))}"
            "</text>"
        )
        for number, one in enumerate(series):
            value = one.values[index]
            length = (value or 0) / largest * bar_room
            if value:
                length = max(length, 2)
            colour = PALETTE[number % len(PALETTE)]
            shown = format_value(value)
            parts.append(
                f'<rect x="{PAD}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" rx="2" '
                f'fill="{colour}"><title>{escape(one.label)}: {shown}</title></rect>'
                f'<text x="{PAD + length + 5:.1f}" y="{y + BAR_HEIGHT - 3}">{shown}</text>'
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP - BAR_GAP
    height = y + PAD
    axis = (
        f'<line x1="{PAD}" y1="{legend_height}" x2="{PAD}" y2="{height - PAD}" '
        f'stroke="{AXIS_COLOUR}"/>'
        if categories
        else ""
    )
    # Every text in it is escaped above; the rest are numbers and constant colours.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="insights-chart" role="img" aria-label="{escape(title)}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f"<title>{escape(title)}</title>{axis}{''.join(parts)}</svg>"
    )

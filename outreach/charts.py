"""Small server-side SVG charts: stacked bars and a line, readable without JavaScript.

Each chart is an inline ``<svg role="img">`` with a ``<title>`` and ``<desc>`` that screen readers
announce; the page shows the same numbers as a table next to it, which is the accessible source of
truth. Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies) and every series is also named in a legend. No inline styles (the site's CSP), only
SVG presentation attributes.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#CC79A7",  # pink
    "#56B4E9",  # sky
    "#D55E00",  # vermilion
    "#8C6D00",  # dark yellow
    "#000000",  # black
]
TEXT = "#1f2523"
GRID = "#c9d1cf"

WIDTH = 720
HEIGHT = 320
MARGIN_LEFT = 56
MARGIN_RIGHT = 16
MARGIN_TOP = 16
MARGIN_BOTTOM = 56
LEGEND_ROW = 22


@dataclass
class Series:
    label: str
    values: list[int]


def nice_ceiling(value: float) -> int:
    """The smallest 'round' number (1, 2, 2.5, 5 × 10^n) at or above ``value``; at least 1."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    base = 10**exponent
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * base:
            return max(1, math.ceil(step * base))
    return math.ceil(10 * base)  # pragma: no cover - the loop always returns


def ticks(maximum: int, count: int = 4) -> list[int]:
    top = nice_ceiling(maximum)
    step = top / count
    return sorted({round(step * i) for i in range(count + 1)})


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _legend(series, top):
    parts = []
    x = MARGIN_LEFT
    y = top
    for i, item in enumerate(series):
        label = escape(item.label)
        width = 24 + 7.5 * len(item.label) + 16
        if x + width > WIDTH - MARGIN_RIGHT and x > MARGIN_LEFT:
            x = MARGIN_LEFT
            y += LEGEND_ROW
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<rect x="{_fmt(x)}" y="{y - 11}" width="14" height="14" fill="{colour}"></rect>'
            f'<text x="{_fmt(x + 20)}" y="{y}" font-size="13" fill="{TEXT}">{label}</text>'
        )
        x += width
    return "".join(parts), y


def _legend_height(series):
    x = MARGIN_LEFT
    rows = 1
    for item in series:
        width = 24 + 7.5 * len(item.label) + 16
        if x + width > WIDTH - MARGIN_RIGHT and x > MARGIN_LEFT:
            x = MARGIN_LEFT
            rows += 1
        x += width
    return rows * LEGEND_ROW


def _frame(*, title, description, categories, maximum, body_fn, series, chart_id):
    legend_height = _legend_height(series) if len(series) > 1 else 0
    height = HEIGHT + legend_height
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top = nice_ceiling(maximum)

    def y_of(value):
        return MARGIN_TOP + plot_height - value / top * plot_height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="outreach-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for tick in ticks(maximum):
        y = _fmt(y_of(tick))
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y}" y2="{y}" '
            f'stroke="{GRID}" stroke-width="1"></line>'
            f'<text x="{MARGIN_LEFT - 8}" y="{y}" dy="4" text-anchor="end" font-size="12" '
            f'fill="{TEXT}">{tick}</text>'
        )
    slot = plot_width / max(1, len(categories))
    # Label every category while they fit; otherwise every second/third one.
    label_every = max(1, math.ceil(len(categories) * 60 / plot_width))
    for i, category in enumerate(categories):
        if i % label_every:
            continue
        x = _fmt(MARGIN_LEFT + slot * (i + 0.5))
        parts.append(
            f'<text x="{x}" y="{MARGIN_TOP + plot_height + 20}" text-anchor="middle" '
            f'font-size="12" fill="{TEXT}">{escape(category)}</text>'
        )
    parts.append(body_fn(y_of, slot, plot_height))
    parts.append(
        f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{MARGIN_TOP + plot_height}" '
        f'y2="{MARGIN_TOP + plot_height}" stroke="{TEXT}" stroke-width="1"></line>'
    )
    if legend_height:
        legend, _bottom = _legend(series, HEIGHT - 8)
        parts.append(legend)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def bar_chart(*, title, description, categories, series, chart_id="chart"):
    """Bars per category, stacked when there are several series. Returns safe SVG markup."""
    totals = [sum(item.values[i] for item in series) for i in range(len(categories))]
    maximum = max(totals, default=0)

    def body(y_of, slot, plot_height):
        bar_width = min(48, slot * 0.7)
        bottom = MARGIN_TOP + plot_height
        parts = []
        for i in range(len(categories)):
            x = MARGIN_LEFT + slot * i + (slot - bar_width) / 2
            base = 0
            for j, item in enumerate(series):
                value = item.values[i]
                if not value:
                    continue
                y_top = y_of(base + value)
                y_bottom = y_of(base) if base else bottom
                parts.append(
                    f'<rect x="{_fmt(x)}" y="{_fmt(y_top)}" width="{_fmt(bar_width)}" '
                    f'height="{_fmt(y_bottom - y_top)}" fill="{PALETTE[j % len(PALETTE)]}">'
                    f"<title>{escape(item.label)}, {escape(categories[i])}: {value}</title></rect>"
                )
                base += value
        return "".join(parts)

    return _frame(
        title=title,
        description=description,
        categories=categories,
        maximum=maximum,
        body_fn=body,
        series=series,
        chart_id=chart_id,
    )


def line_chart(*, title, description, categories, series, chart_id="chart"):
    """One line per series with a dot on each value. Returns safe SVG markup."""
    maximum = max((value for item in series for value in item.values), default=0)

    def body(y_of, slot, plot_height):
        parts = []
        for j, item in enumerate(series):
            colour = PALETTE[j % len(PALETTE)]
            points = [
                (MARGIN_LEFT + slot * (i + 0.5), y_of(value)) for i, value in enumerate(item.values)
            ]
            if len(points) > 1:
                path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"></polyline>'
                )
            for (x, y), value, category in zip(points, item.values, categories, strict=True):
                parts.append(
                    f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4" fill="{colour}">'
                    f"<title>{escape(category)}: {value}</title></circle>"
                )
        return "".join(parts)

    return _frame(
        title=title,
        description=description,
        categories=categories,
        maximum=maximum,
        body_fn=body,
        series=series,
        chart_id=chart_id,
    )


def horizontal_bar_chart(*, title, description, categories, values, chart_id="chart"):
    """One bar per category, longest first, for many categories (e.g. totals by district)."""
    row_height = 26
    label_width = 170
    value_room = 56
    height = MARGIN_TOP * 2 + row_height * max(1, len(categories))
    plot_width = WIDTH - label_width - value_room - MARGIN_RIGHT
    top = max(values, default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="outreach-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (category, value) in enumerate(zip(categories, values, strict=True)):
        y = MARGIN_TOP + row_height * i
        width = value / top * plot_width
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(category)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{_fmt(width)}" height="{row_height - 8}" '
            f'fill="{PALETTE[0]}"><title>{escape(category)}: {value}</title></rect>'
            f'<text x="{_fmt(label_width + width + 6)}" y="{y + 17}" font-size="13" '
            f'fill="{TEXT}">{value}</text>'
        )
    parts.append(
        f'<line x1="{label_width}" x2="{label_width}" y1="{MARGIN_TOP}" '
        f'y2="{height - MARGIN_TOP}" stroke="{TEXT}" stroke-width="1"></line>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _shorten(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def paired_bar_chart(*, title, description, categories, series, chart_id="chart", format_value=str):
    """Side-by-side horizontal bars per category, one per series (e.g. last year and this year).

    For comparisons, where stacking would add up what must be compared. Values may be ints or
    decimals; each series is named in the legend and every bar carries its value.
    """
    row_height = 14 * len(series) + 12
    # Room for the longest label (about 7 px a character at 13 px), within reason; longer ones
    # are shortened here and given in full in each bar's tooltip and in the table.
    longest = max((len(str(category)) for category in categories), default=0)
    label_width = min(340, max(120, 16 + 7 * longest))
    max_chars = (label_width - 16) // 7
    value_room = 64
    legend_height = _legend_height(series)
    height = MARGIN_TOP * 2 + row_height * max(1, len(categories)) + legend_height
    plot_width = WIDTH - label_width - value_room - MARGIN_RIGHT
    top = max((float(value) for item in series for value in item.values), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="outreach-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, category in enumerate(categories):
        y = MARGIN_TOP + row_height * i
        parts.append(
            f'<text x="{label_width - 8}" y="{_fmt(y + row_height / 2 + 4)}" text-anchor="end" '
            f'font-size="13" fill="{TEXT}">{escape(_shorten(str(category), max_chars))}</text>'
        )
        for j, item in enumerate(series):
            value = item.values[i]
            width = float(value) / top * plot_width
            bar_y = y + 6 + 14 * j
            parts.append(
                f'<rect x="{label_width}" y="{bar_y}" width="{_fmt(width)}" height="12" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(item.label)}, '
                f"{escape(category)}: {escape(format_value(value))}</title></rect>"
                f'<text x="{_fmt(label_width + width + 6)}" y="{bar_y + 10}" font-size="11" '
                f'fill="{TEXT}">{escape(format_value(value))}</text>'
            )
    bottom = MARGIN_TOP + row_height * max(1, len(categories))
    parts.append(
        f'<line x1="{label_width}" x2="{label_width}" y1="{MARGIN_TOP}" y2="{bottom}" '
        f'stroke="{TEXT}" stroke-width="1"></line>'
    )
    legend, _bottom = _legend(series, bottom + MARGIN_TOP + 6)
    parts.append(legend)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above

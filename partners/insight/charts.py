"""Server-rendered SVG charts: the geometry is computed here, ``includes/chart.html`` draws it.

No JavaScript and no chart library. Each chart is an ``<svg role="img">`` with a ``<title>`` and a
``<desc>`` that reads out every value, and the page puts the same numbers in a table next to it.
Series in a line chart differ in marker shape and dash pattern as well as colour, and the legend
is text, so nothing depends on colour alone.
"""

import itertools
import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 48
MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "8 4", "2 4", "12 4 2 4"]
_ids = itertools.count(1)


def nice_step(value: float) -> int:
    """The smallest whole 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude and (step * magnitude) == int(step * magnitude):
            return int(step * magnitude)
    return int(10 * magnitude)  # pragma: no cover - the loop always returns


def nice_axis(value: float) -> tuple[int, int]:
    """(top, intervals): the lowest round top of 4 or 5 equal whole steps that reaches
    ``value``, e.g. 460 → (500, 5), 26 → (40, 4)."""
    return min((nice_step(value / intervals) * intervals, intervals) for intervals in (4, 5))


def format_value(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    decimals = 1 if percent and value != int(value) else 0
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text}%" if percent else text


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Chart:
    kind: str  # "bar" or "line"
    title: str
    description: str
    ident: str = field(default_factory=lambda: f"chart-{next(_ids)}")
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    bars: list[dict] = field(default_factory=list)
    series: list[dict] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)  # what the chart rests on, in words
    key: str = ""  # names the chart in download URLs (``chartfiles``)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def _y_scale(maximum: float, percent: bool):
    top, intervals = (100, 4) if percent else nice_axis(maximum)
    plot = HEIGHT - BOTTOM - TOP

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - plot * (value / top), 1)

    ticks = [
        Tick(y=y(top * step / intervals), label=format_value(top * step / intervals, percent))
        for step in range(intervals + 1)
    ]
    return y, ticks


def _x_positions(count: int) -> list[float]:
    band = (WIDTH - LEFT - RIGHT) / max(count, 1)
    return [round(LEFT + band * (index + 0.5), 1) for index in range(count)]


def bar_chart(title: str, labels: list[str], values: list[float | None], *, unit: str = ""):
    """One bar per label (e.g. per period). ``None`` draws no bar and reads "no figure"."""
    known = [value for value in values if value is not None]
    y, ticks = _y_scale(max(known, default=0), percent=False)
    xs = _x_positions(len(labels))
    band = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar_width = round(min(band * 0.6, 72), 1)
    bars = []
    for x, value in zip(xs, values, strict=True):
        top = y(value) if value is not None else HEIGHT - BOTTOM
        bars.append(
            {
                "x": round(x - bar_width / 2, 1),
                "cx": x,
                "y": top,
                "width": bar_width,
                "height": round(HEIGHT - BOTTOM - top, 1),
                "value": value,
                "text": format_value(value),
                "label_y": round(top - 6, 1),
            }
        )
    return Chart(
        kind="bar",
        title=title,
        description=_describe(labels, [(unit, values, False)]),
        ticks=ticks,
        x_labels=list(zip(xs, labels, strict=True)),
        bars=bars,
    )


def line_chart(title: str, labels: list[str], series: list[tuple[str, list[float | None]]]):
    """Percentages (0-100) per label, one line per series; gaps where a value is missing."""
    y, ticks = _y_scale(100, percent=True)
    xs = _x_positions(len(labels))
    drawn = []
    for index, (name, values) in enumerate(series):
        marker = MARKERS[index % len(MARKERS)]
        points = [
            {"x": x, "y": y(value), "d": marker_path(marker, x, y(value))}
            for x, value in zip(xs, values, strict=True)
            if value is not None
        ]
        segments, current = [], []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(f"{x},{y(value)}")
        if current:
            segments.append(current)
        drawn.append(
            {
                "name": name,
                "number": index % len(MARKERS) + 1,
                "marker": marker,
                "legend_marker": marker_path(marker, 14, 8),
                "dash": DASHES[index % len(DASHES)],
                "paths": [" ".join(segment) for segment in segments if len(segment) > 1],
                "points": points,
            }
        )
    return Chart(
        kind="line",
        title=title,
        description=_describe(labels, [(name, values, True) for name, values in series]),
        ticks=ticks,
        x_labels=list(zip(xs, labels, strict=True)),
        series=drawn,
    )


def marker_path(shape: str, x: float, y: float, size: float = 5) -> str:
    """An SVG path for a marker centred on (x, y)."""

    def n(value: float) -> str:
        return f"{round(value, 1):g}"

    s, b = size, size + 1
    if shape == "square":
        return f"M{n(x - s)},{n(y - s)}h{n(2 * s)}v{n(2 * s)}h{n(-2 * s)}Z"
    if shape == "triangle":
        return f"M{n(x)},{n(y - b)}L{n(x + b)},{n(y + s)}L{n(x - b)},{n(y + s)}Z"
    if shape == "diamond":
        return f"M{n(x)},{n(y - b)}L{n(x + b)},{n(y)}L{n(x)},{n(y + b)}L{n(x - b)},{n(y)}Z"
    return f"M{n(x - s)},{n(y)}a{n(s)},{n(s)} 0 1,0 {n(2 * s)},0a{n(s)},{n(s)} 0 1,0 {n(-2 * s)},0Z"


def _describe(labels, series) -> str:
    parts = []
    for name, values, percent in series:
        readings = "; ".join(
            f"{label}: {format_value(value, percent) if value is not None else _('no figure')}"
            for label, value in zip(labels, values, strict=True)
        )
        parts.append(f"{name}: {readings}" if name else readings)
    return ". ".join(parts) + "."


def commitment_chart(trend, labels: list[str]) -> Chart | None:
    """The chart of one commitment (a ``stats.CommitmentTrend``): the shares of its parts in
    their wholes as lines when it has any (e.g. registered in the BRP out of all workers),
    otherwise the total of its first count as bars."""
    shares = trend.shares
    if shares:
        series = [
            (part.label, [figure.share for figure in part.figures])
            for part in shares
            if any(figure.share is not None for figure in part.figures)
        ]
        if not series:
            return None
        return line_chart(
            _("%(commitment)s: shares, per period") % {"commitment": trend.title},
            labels,
            series,
        )
    counts = trend.counts
    if not counts:
        return None
    first = counts[0]
    values = [figure.total for figure in first.figures]
    if all(value is None for value in values):
        return None
    return bar_chart(
        _("%(indicator)s, per period") % {"indicator": first.label}, labels, values, unit=""
    )


def comparison_chart(comparison, commitment) -> Chart | None:
    """The like-with-like chart of one commitment (a ``stats.CommitmentTrend``) from a
    ``comparable.Comparison``, with its caption, or None when there is nothing to draw."""
    same = comparison.commitment(commitment)
    if same is None or not comparison.periods:
        return None
    chart = commitment_chart(same, comparison.labels)
    if chart is not None:
        chart.caption = comparison.caption
        chart.key = f"commitment-{commitment.commitment.pk}"
    return chart

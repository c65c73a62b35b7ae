"""Charts as files to paste into a letter: a standalone SVG and a PNG drawn with Pillow.

Both files carry the chart's title, its caption (how many of the expected reports it rests on,
provisional periods, the like-with-like statement), a source line and the date they were made,
in the active language. They are drawn from the same ``charts.Chart`` geometry as the page, so
the file shows exactly what the page shows (and, on the public page, nothing that the page's
disclosure rule hides).

* SVG: a standalone document with ``<title>`` and ``<desc>``, every text as ``<text>``, colours
  as presentation attributes (no stylesheet needed) and a generic font family that exists
  everywhere offline.
* PNG: drawn at twice the size with the vendored DejaVu Sans (``partners/fonts``), with the title,
  source, description and creation time also as PNG text chunks (``tEXt``, or ``iTXt`` for text
  outside Latin-1).
"""

import io
import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .charts import Chart, marker_path

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

# Pillow's drawing, font and PNG modules are imported when a file is made, not with the page
# (tests/test_import_graph.py).

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
INK, GRID, BAR, BACKGROUND = "#1b1b1b", "#b1b4b6", "#00608f", "#ffffff"
SERIES = ["#00608f", "#a3400e", "#4b3a8f", "#1b1b1b"]
PAD = 20
TITLE_SIZE, TEXT_SIZE, SMALL_SIZE = 18, 13, 12
LINE_GAP = 1.35
PNG_SCALE = 2
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


@cache
def font(size: int, bold: bool = False) -> "FreeTypeFont":
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def wrap(text: str, size: int, width: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` in DejaVu Sans (a little narrower than most
    sans-serif fonts, so the SVG's lines fit too)."""
    measure = font(size, bold).getlength
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass
class Line:
    """One line of text in file coordinates (y is the baseline)."""

    x: float
    y: float
    text: str
    size: int
    bold: bool = False
    anchor: str = "start"  # "start", "middle" or "end"


@dataclass
class Layout:
    chart: Chart
    title: str
    description: str
    source: str
    created: str  # the creation date in words, in the active language
    width: int
    height: int
    top: int  # where the chart's own coordinates start
    lines: list[Line]  # title, legend names, caption, source, date
    legend: list[tuple[float, float, dict]]  # (x, y, series) of each legend marker


def source_line() -> str:
    return _("Source: City of Rotterdam, Good Employership Coalition, employers' self-reports")


def layout(chart: Chart, now=None) -> Layout:
    """Where everything goes, for both the SVG and the PNG."""
    now = timezone.localtime(now or timezone.now())
    width = chart.width + 2 * PAD
    text_width = chart.width
    lines: list[Line] = []
    y = PAD + TITLE_SIZE
    for text in wrap(chart.title, TITLE_SIZE, text_width, bold=True):
        lines.append(Line(PAD, y, text, TITLE_SIZE, bold=True))
        y += TITLE_SIZE * LINE_GAP
    top = round(y)
    y = top + chart.height
    legend = []
    for series in chart.series:
        y += TEXT_SIZE * LINE_GAP
        legend.append((PAD, y - TEXT_SIZE / 2 + 1, series))
        lines.append(Line(PAD + 36, y, series["name"], TEXT_SIZE))
    y += TEXT_SIZE * 0.5
    created = _("Made on %(date)s") % {"date": date_format(now.date(), "DATE_FORMAT")}
    for paragraph, size in [
        *((text, SMALL_SIZE) for text in chart.caption),
        (source_line(), SMALL_SIZE),
        (created, SMALL_SIZE),
    ]:
        for text in wrap(paragraph, size, text_width):
            y += size * LINE_GAP
            lines.append(Line(PAD, y, text, size))
        y += size * 0.4
    description = " ".join([chart.description, *chart.caption, source_line(), created])
    return Layout(
        chart=chart,
        title=chart.title,
        description=description,
        source=source_line(),
        created=now.isoformat(timespec="seconds"),
        width=width,
        height=round(y + PAD),
        top=top,
        lines=lines,
        legend=legend,
    )


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


# --- SVG -------------------------------------------------------------------------------------


def svg(chart: Chart, now=None) -> bytes:
    """The chart as a standalone SVG document (UTF-8)."""
    plan = layout(chart, now)
    ET.register_namespace("", SVG_NS)
    root = ET.Element(
        f"{{{SVG_NS}}}svg",
        {
            "width": str(plan.width),
            "height": str(plan.height),
            "viewBox": f"0 0 {plan.width} {plan.height}",
            "role": "img",
            "aria-labelledby": "title desc",
            "font-family": FONT_FAMILY,
        },
    )

    def add(parent, tag, text=None, **attributes):
        element = ET.SubElement(
            parent,
            f"{{{SVG_NS}}}{tag}",
            {k.replace("_", "-"): str(v) for k, v in attributes.items()},
        )
        if text is not None:
            element.text = text
        return element

    add(root, "title", plan.title, id="title")
    add(root, "desc", plan.description, id="desc")
    add(root, "rect", x=0, y=0, width=plan.width, height=plan.height, fill=BACKGROUND)
    body = add(root, "g", transform=f"translate({PAD},{plan.top})")
    for tick in chart.ticks:
        add(body, "line", x1=chart.left, x2=chart.right_edge, y1=tick.y, y2=tick.y, stroke=GRID)
        add(
            body,
            "text",
            tick.label,
            x=chart.left - 8,
            y=_n(tick.y + 4),
            text_anchor="end",
            font_size=TEXT_SIZE,
            fill=INK,
        )
    for x, label in chart.x_labels:
        add(
            body,
            "text",
            label,
            x=x,
            y=chart.baseline + 26,
            text_anchor="middle",
            font_size=TEXT_SIZE,
            fill=INK,
        )
    for bar in chart.bars:
        if bar["value"] is not None:
            add(
                body,
                "rect",
                x=bar["x"],
                y=bar["y"],
                width=bar["width"],
                height=bar["height"],
                fill=BAR,
            )
        add(
            body,
            "text",
            bar["text"],
            x=bar["cx"],
            y=bar["label_y"],
            text_anchor="middle",
            font_size=TEXT_SIZE,
            font_weight="bold",
            fill=INK,
        )
    for series in chart.series:
        colour = SERIES[(series["number"] - 1) % len(SERIES)]
        group = add(body, "g", fill="none", stroke=colour, stroke_width=3)
        for points in series["paths"]:
            extra = {"stroke_dasharray": series["dash"]} if series["dash"] else {}
            add(group, "polyline", points=points, **extra)
        for point in series["points"]:
            add(group, "path", d=point["d"], fill=colour, stroke=BACKGROUND, stroke_width=1)
    add(
        body,
        "line",
        x1=chart.left,
        x2=chart.right_edge,
        y1=chart.baseline,
        y2=chart.baseline,
        stroke=INK,
        stroke_width=2,
    )
    for x, y, series in plan.legend:
        colour = SERIES[(series["number"] - 1) % len(SERIES)]
        extra = {"stroke_dasharray": series["dash"]} if series["dash"] else {}
        add(
            root,
            "line",
            x1=x,
            x2=x + 28,
            y1=_n(y),
            y2=_n(y),
            stroke=colour,
            stroke_width=3,
            **extra,
        )
        add(
            root, "path", d=marker_path(series["marker"], x + 14, y), fill=colour, stroke=BACKGROUND
        )
    for line in plan.lines:
        extra = {"font_weight": "bold"} if line.bold else {}
        add(
            root,
            "text",
            line.text,
            x=_n(line.x),
            y=_n(line.y),
            font_size=line.size,
            fill=INK,
            text_anchor=line.anchor,
            **extra,
        )
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


# --- PNG -------------------------------------------------------------------------------------


def _dashed(draw, points, pattern: str, fill, width: int) -> None:
    """A polyline with the SVG dash pattern (Pillow draws only solid lines)."""
    dashes = [float(part) * PNG_SCALE for part in pattern.split()] if pattern else []
    if not dashes:
        draw.line(points, fill=fill, width=width, joint="curve")
        return
    index, left, on = 0, dashes[0], True
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if on:
                a, b = done / length, (done + step) / length
                draw.line(
                    [
                        (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                        (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                    ],
                    fill=fill,
                    width=width,
                )
            done += step
            left -= step
            if left <= 0:
                index = (index + 1) % len(dashes)
                left, on = dashes[index], not on


def _draw_marker(draw, shape: str, x: float, y: float, fill) -> None:
    s = 5 * PNG_SCALE
    b = s + PNG_SCALE
    if shape == "square":
        draw.rectangle([x - s, y - s, x + s, y + s], fill=fill, outline=BACKGROUND)
    elif shape == "triangle":
        draw.polygon([(x, y - b), (x + b, y + s), (x - b, y + s)], fill=fill, outline=BACKGROUND)
    elif shape == "diamond":
        draw.polygon(
            [(x, y - b), (x + b, y), (x, y + b), (x - b, y)], fill=fill, outline=BACKGROUND
        )
    else:
        draw.ellipse([x - s, y - s, x + s, y + s], fill=fill, outline=BACKGROUND)


ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def png(chart: Chart, now=None) -> bytes:
    """The chart as a PNG image, with its title, source and description as text chunks."""
    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    plan = layout(chart, now)
    k = PNG_SCALE
    image = Image.new("RGB", (plan.width * k, plan.height * k), BACKGROUND)
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float, top: float = plan.top) -> tuple[float, float]:
        return ((x + PAD) * k, (y + top) * k)

    for tick in chart.ticks:
        draw.line([at(chart.left, tick.y), at(chart.right_edge, tick.y)], fill=GRID, width=k)
        draw.text(
            at(chart.left - 8, tick.y), tick.label, fill=INK, font=font(TEXT_SIZE * k), anchor="rm"
        )
    for x, label in chart.x_labels:
        draw.text(
            at(x, chart.baseline + 26), label, fill=INK, font=font(TEXT_SIZE * k), anchor="ms"
        )
    for bar in chart.bars:
        if bar["value"] is not None and bar["height"] > 0:
            draw.rectangle(
                [at(bar["x"], bar["y"]), at(bar["x"] + bar["width"], bar["y"] + bar["height"])],
                fill=BAR,
            )
        draw.text(
            at(bar["cx"], bar["label_y"]),
            bar["text"],
            fill=INK,
            font=font(TEXT_SIZE * k, bold=True),
            anchor="ms",
        )
    for series in chart.series:
        colour = SERIES[(series["number"] - 1) % len(SERIES)]
        for path in series["paths"]:
            points = [at(*map(float, pair.split(","))) for pair in path.split()]
            _dashed(draw, points, series["dash"], colour, 3 * k)
        for point in series["points"]:
            _draw_marker(draw, series["marker"], *at(point["x"], point["y"]), colour)
    draw.line(
        [at(chart.left, chart.baseline), at(chart.right_edge, chart.baseline)],
        fill=INK,
        width=2 * k,
    )
    for x, y, series in plan.legend:
        colour = SERIES[(series["number"] - 1) % len(SERIES)]
        _dashed(draw, [(x * k, y * k), ((x + 28) * k, y * k)], series["dash"], colour, 3 * k)
        _draw_marker(draw, series["marker"], (x + 14) * k, y * k, colour)
    for line in plan.lines:
        draw.text(
            (line.x * k, line.y * k),
            line.text,
            fill=INK,
            font=font(line.size * k, bold=line.bold),
            anchor=ANCHORS[line.anchor],
        )

    info = PngInfo()
    info.add_text("Title", plan.title)
    info.add_text("Description", plan.description)
    info.add_text("Source", plan.source)
    info.add_text("Creation Time", plan.created)
    info.add_text("Software", "goedwerk")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, optimize=True, dpi=(144, 144))
    return buffer.getvalue()


def render(chart: Chart, fmt: str, now=None) -> bytes:
    return svg(chart, now) if fmt == "svg" else png(chart, now)


def filename(chart: Chart, fmt: str, prefix: str = "goedwerk", now=None) -> str:
    """E.g. ``goedwerk-brp-registration-shares-per-period-2026-12-01.png``."""
    day = timezone.localtime(now or timezone.now()).date().isoformat()
    stem = slugify(chart.title)[:80].strip("-") or chart.key or "chart"
    return f"{prefix}-{stem}-{day}.{fmt}"


def response(chart: Chart, fmt: str, prefix: str = "goedwerk") -> HttpResponse:
    """The chart as an SVG or PNG attachment with a telling file name."""
    now = timezone.now()
    result = HttpResponse(render(chart, fmt, now), content_type=FORMATS[fmt])
    result["Content-Disposition"] = content_disposition_header(
        True, filename(chart, fmt, prefix, now)
    )
    result["X-Content-Type-Options"] = "nosniff"
    return result

"""The SVG charts: round axes, gaps for missing values, a description that reads every value,
and coordinates that stay machine-readable in languages with a decimal comma."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from partners.insight import charts
from tests.i18n import t


@pytest.mark.parametrize(
    ("value", "axis"), [(0, (4, 4)), (26, (40, 4)), (50, (50, 5)), (460, (500, 5))]
)
def test_round_axes(value, axis):
    assert charts.nice_axis(value) == axis


def test_bar_chart_geometry_and_description():
    chart = charts.bar_chart("Werknemers", ["2025 H1", "2025 H2"], [40, None])
    first, missing = chart.bars
    assert first["height"] == chart.baseline - charts.TOP  # 40 is the top of the axis
    assert missing["height"] == 0
    assert chart.description == f"2025 H1: 40; 2025 H2: {t('no figure', html=False)}."


def test_line_chart_leaves_gaps_and_distinguishes_series_without_colour():
    chart = charts.line_chart(
        "Aandelen", ["a", "b", "c", "d"], [("BRP", [50, None, 60, 70]), ("RNI", [10, 20, 30, 40])]
    )
    brp, rni = chart.series
    assert len(brp["paths"]) == 1  # "a" stands alone, "c"-"d" is one line
    assert len(brp["points"]) == 3
    assert brp["marker"] != rni["marker"] and brp["dash"] != rni["dash"]
    assert f"BRP: a: 50%; b: {t('no figure', html=False)}; c: 60%; d: 70%" in chart.description


def test_svg_coordinates_are_not_localized():
    chart = charts.line_chart("Aandelen", ["a", "b", "c"], [("BRP", [12.5, 33.3, 66.7])])
    with translation.override("nl"):
        html = render_to_string("partners_insight/includes/chart.html", {"chart": chart})
    assert 'role="img"' in html
    assert f'aria-labelledby="{chart.ident}-title {chart.ident}-desc"' in html
    points = re.findall(r'points="([^"]+)"', html)
    assert points and "," in points[0] and re.fullmatch(r"[\d., ]+", points[0])
    assert "33,3%" in html  # the description does use the Dutch format

"""Figures you can publish: like-with-like trends (the same organisations in every period), and
every chart as a real SVG and PNG file with its title, caption, source line and date."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from wagtail.users.models import UserProfile

from partners.factories import MembershipFactory
from partners.insight import chartfiles, charts, comparable, stats
from partners.insight.factories import PartnerFactory, make_report, reviewer
from partners.insight.models import CoalitionProgressPage
from partners.insight.stats import Figure
from partners.models import ReportStatus

from .test_admin import client_for, staff_with
from .test_pages import pages  # noqa: F401 - the public pages, for request.getfixturevalue

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def chart_url(key, fmt):
    return reverse("partners_insight:chart", args=[key, fmt])


@pytest.fixture
def one_of_six(covenant, ind, h1, h2):
    """Six organisations with 100 workers each (80 in the BRP) approved in H1; in H2 only the
    first one (110 workers, 99 in the BRP) is approved yet, the others wait for review."""
    staff = reviewer()
    organisations = [PartnerFactory(name=f"Partner {n}") for n in range(6)]
    for organisation in organisations:
        answers = {ind["workers_employed"]: 100, ind["registered_brp_address"]: 80}
        make_report(organisation, h1, answers, staff=staff)
    make_report(
        organisations[0],
        h2,
        {ind["workers_employed"]: 110, ind["registered_brp_address"]: 99},
        staff=staff,
    )
    for organisation in organisations[1:]:
        answers = {ind["workers_employed"]: 100, ind["registered_brp_address"]: 80}
        make_report(organisation, h2, answers, status=ReportStatus.SUBMITTED)
    return organisations


def _totals(trends, code):
    for commitment in trends.commitments:
        for trend in commitment.indicators:
            if trend.code == code:
                return [figure.total for figure in trend.figures], [
                    figure.share for figure in trend.figures
                ]
    raise AssertionError(code)


def test_a_period_with_one_of_six_reports_does_not_collapse_like_with_like(
    covenant, one_of_six, h1, h2
):
    trends = stats.commitment_trends(covenant, [h1, h2])
    assert _totals(trends, "workers_employed")[0] == [600, 110]  # the raw totals collapse
    comparison = comparable.same_organisation_trends(trends)
    assert comparison.organisations == 1
    assert comparison.periods == [h1, h2]
    totals, _shares = _totals(comparison, "workers_employed")
    assert totals == [100, 110]  # the same organisation in both periods: no collapse
    assert _totals(comparison, "registered_brp_address")[1] == [80.0, 90.0]
    with translation.override("en"):
        caption = comparison.caption
    assert caption[0].startswith("Same 1 organisation in every period")
    expected = trends.expected
    assert caption[1] == (
        f"Approved reports: 2025 H1{' (provisional)' if expected[0] > 6 else ''}: 6 of "
        f"{expected[0]}; 2025 H2 (provisional): 1 of {expected[1]}."
    )


def test_like_with_like_needs_a_report_in_every_period(covenant, ind, h1, h2):
    staff = reviewer()
    first, second = PartnerFactory(), PartnerFactory()
    make_report(first, h1, {ind["workers_employed"]: 10}, staff=staff)
    make_report(second, h2, {ind["workers_employed"]: 20}, staff=staff)
    comparison = comparable.same_organisation_trends(stats.commitment_trends(covenant, [h1, h2]))
    assert comparison.organisations == 0
    assert _totals(comparison, "workers_employed")[0] == [None, None]
    with translation.override("en"):
        assert comparison.statement.startswith("No organisation has an approved report")


def test_periods_without_approved_reports_are_left_out_of_the_comparison(covenant, ind, h1, h2):
    make_report(PartnerFactory(), h1, {ind["workers_employed"]: 10}, staff=reviewer())
    comparison = comparable.same_organisation_trends(stats.commitment_trends(covenant, [h1, h2]))
    assert comparison.periods == [h1]
    assert comparison.organisations == 1


def _f(contributors, hidden):
    return Figure(total=10 * contributors, contributors=contributors, hidden=hidden)


@pytest.mark.parametrize(
    ("same", "full", "published"),
    [
        (_f(3, 3), _f(4, 4), False),  # 4 - 3: one organisation left out
        (_f(3, 3), _f(3, 3), True),
        (_f(3, 3), _f(6, 6), True),
        (_f(3, 3), Figure(suppressed=True), True),
        (_f(3, 3), _f(4, 3), True),  # the one left out has a public profile
        (_f(2, 2), _f(6, 6), False),
    ],
)
def test_public_like_with_like_never_reveals_the_organisations_left_out(same, full, published):
    """The table shows the total of all reports, the chart that of the same organisations: the
    difference is the organisations left out, so it must be publishable too."""
    assert comparable.publishable_beside(same, full) is published


def test_public_comparison_hides_a_single_organisation_left_out(covenant, ind, h1, h2):
    staff = reviewer()
    for _n in range(3):
        organisation = PartnerFactory()
        for period in (h1, h2):
            make_report(organisation, period, {ind["workers_employed"]: 10}, staff=staff)
    make_report(PartnerFactory(), h1, {ind["workers_employed"]: 7}, staff=staff)  # H1 only
    progress = stats.public_progress(covenant)
    assert _totals(progress, "workers_employed")[0] == [37, 30]
    comparison = comparable.same_organisation_trends(progress, public=True)
    figures = comparison.commitments[0].indicators[0].figures
    assert [figure.total for figure in figures] == [None, 30]  # 37 - 30 would reveal the 7
    assert figures[0].suppressed


# --- Files -----------------------------------------------------------------------------------


def _svg_texts(root) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_svg_download_is_a_standalone_svg_with_title_caption_source_and_date(
    staff_client, covenant, one_of_six, h1
):
    commitment = one_of_six and stats.commitment_trends(covenant).commitments[0]
    key = f"commitment-{commitment.commitment.pk}"
    with translation.override("en"):
        response = staff_client.get(chart_url(key, "svg"))
        title = f"{commitment.title}: shares, per period"
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert re.search(r'filename="goedwerk-[\w-]+-\d{4}-\d{2}-\d{2}\.svg"', disposition)
    assert response["Cache-Control"].count("no-store") == 1
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == title
    description = root.find(f"{SVG}desc").text
    assert "Same 1 organisation in every period" in description
    texts = " ".join(_svg_texts(root))
    assert title in texts  # the title is drawn as text, not only in <title>
    assert "Same 1 organisation" in texts and "1 of " in texts
    assert "(provisional)" in texts
    assert "Source: City of Rotterdam, Good Employership Coalition" in texts
    assert re.search(r"Made on \w+\.? \d+, \d{4}", texts)
    assert "sans-serif" in root.get("font-family")
    assert b"<script" not in response.content and b"href" not in response.content


def test_png_download_is_a_real_png_with_the_title_in_the_image_and_its_metadata(
    staff_client, covenant, one_of_six
):
    with translation.override("en"):
        response = staff_client.get(chart_url("approved", "png"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.png"')
    image = Image.open(io.BytesIO(response.content))
    image.load()
    assert image.format == "PNG"
    assert image.width == (charts.WIDTH + 2 * chartfiles.PAD) * chartfiles.PNG_SCALE
    assert image.height > charts.HEIGHT * chartfiles.PNG_SCALE
    assert image.text["Title"] == "Approved reports per period"
    assert image.text["Source"].startswith("Source: City of Rotterdam")
    assert "Creation Time" in image.text
    assert "Approved reports: 2025 H1" in image.text["Description"]
    assert ": 6 of " in image.text["Description"]
    # Not a blank canvas: the bars are drawn in the bar colour, the text in ink.
    colours = {colour for _count, colour in image.getcolors(maxcolors=100_000)}
    assert (0x00, 0x60, 0x8F) in colours and (0x1B, 0x1B, 0x1B) in colours


def test_files_speak_the_users_language(staff, staff_client, covenant, one_of_six):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "nl"
    profile.save()
    with translation.override("nl"):
        source, title = chartfiles.source_line(), gettext("Approved reports per period")
    image = Image.open(io.BytesIO(staff_client.get(chart_url("approved", "png")).content))
    assert (image.text["Source"], image.text["Title"]) == (source, title)


def test_png_text_outside_latin_1_is_kept(covenant):
    chart = charts.bar_chart("Работници, по период", ["2025 H1"], [5])
    image = Image.open(io.BytesIO(chartfiles.png(chart)))
    assert image.text["Title"] == "Работници, по период"


def test_dashboard_links_to_the_downloads(staff_client, covenant, one_of_six):
    with translation.override("en"):
        html = staff_client.get(reverse("partners_insight:dashboard")).content.decode()
    assert chart_url("approved", "svg") in html and chart_url("approved", "png") in html
    assert "Download SVG" in html and "Download PNG" in html
    assert "Same 1 organisation in every period" in html


def test_unknown_chart_or_format_is_404(staff_client, covenant, one_of_six):
    # (Django's LocaleMiddleware first redirects a 404 to the language-prefixed path.)
    for url in ("/admin/insight/chart/approved/gif/", chart_url("commitment-999999", "svg")):
        assert staff_client.get(url, follow=True).status_code == 404


def test_downloads_are_refused_to_partners_and_staff_without_permission(covenant, one_of_six):
    partner = MembershipFactory(organisation=one_of_six[0]).user
    for user in (partner, staff_with()):
        response = client_for(user).get(chart_url("approved", "svg"))
        assert response.status_code in (302, 403)
        assert b"<svg" not in response.content
    assert Client().get(chart_url("approved", "png")).status_code == 302
    viewer = client_for(staff_with("partners_insight.view_insight"))
    assert viewer.get(chart_url("approved", "png")).status_code == 200


def test_download_queries_do_not_grow_with_organisations(
    staff_client, covenant, ind, h1, h2, django_assert_max_num_queries, monkeypatch
):
    # The uncached path (the figures' cache is tested on its own, in test_stats.py).
    monkeypatch.setattr(stats, "FIGURES_CACHE_SECONDS", 0)
    staff = reviewer()

    def add(count):
        for _n in range(count):
            organisation = PartnerFactory()
            for period in (h1, h2):
                answers = {ind["workers_employed"]: 10, ind["registered_brp_address"]: 7}
                make_report(organisation, period, answers, staff=staff)

    add(3)
    commitment = stats.commitment_trends(covenant).commitments[0]
    url = chart_url(f"commitment-{commitment.commitment.pk}", "png")
    staff_client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    add(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff_client.get(url).status_code == 200


# --- Public progress page --------------------------------------------------------------------


def _public_data(ind, h1, h2):
    """Four organisations without a public profile in both periods, a fifth in H1 only."""
    staff = reviewer()
    for n in range(4):
        organisation = PartnerFactory()
        for period in (h1, h2):
            answers = {ind["workers_employed"]: 100, ind["registered_brp_address"]: 50 + n}
            make_report(organisation, period, answers, staff=staff)
    for _extra in range(3):
        answers = {ind["workers_employed"]: 10, ind["registered_brp_address"]: 5}
        make_report(PartnerFactory(), h1, answers, staff=staff)


def test_progress_page_states_the_like_with_like_rule_and_links_to_files(
    client, request, covenant, ind, h1, h2
):
    _public_data(ind, h1, h2)
    page = request.getfixturevalue("pages")["progress"]
    with translation.override("en"):
        html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("en"):  # the request above activated the page's language
        statement = comparable.Comparison(None, [h1], 4, [], public=True).statement
    assert html.count("insight-chart__caption") >= 2
    links = re.findall(r'href="([^"]+/chart/commitment-\d+/(?:svg|png)/)"', html)
    assert links, html
    response = client.get(links[0])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    texts = " ".join(_svg_texts(root))
    assert root.find(f"{SVG}title").text in texts
    assert "4" in statement and "employers" in statement


def test_public_chart_files_obey_the_disclosure_rule(client, request, covenant, ind, h1, h2):
    staff = reviewer()
    for _n in range(2):  # two organisations: nothing may be published
        organisation = PartnerFactory()
        for period in (h1, h2):
            make_report(organisation, period, {ind["workers_employed"]: 10}, staff=staff)
    page = request.getfixturevalue("pages")["progress"]
    html = client.get(page.url).content.decode()
    assert "/chart/" not in html
    commitment = stats.commitment_trends(covenant).commitments[0]
    url = page.url + page.reverse_subpage(
        "chart", args=[f"commitment-{commitment.commitment.pk}", "svg"]
    ).lstrip("/")
    assert client.get(url).status_code == 404
    assert client.get(page.url + "chart/approved/svg/").status_code == 404  # staff only
    assert isinstance(page.specific, CoalitionProgressPage)

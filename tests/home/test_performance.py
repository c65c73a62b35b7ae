"""A fixed number of queries per public page, and a page weight budget."""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import CampaignPageFactory, InfoPointFactory, WalkInHoursFactory, all_blocks

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024


def _campaign(home, slug, copies, with_page=None):
    body = []
    for number in range(copies):
        point = InfoPointFactory()
        WalkInHoursFactory(info_point=point)
        WalkInHoursFactory(info_point=point, weekday=3)
        image = wagtail_factories.ImageFactory(title=f"Foto {number}")
        body.extend(all_blocks(info_point=point, image=image, page=with_page))
    page = CampaignPageFactory(parent=home, slug=slug, body=body)
    page.save_revision().publish()
    return page


def _queries(client, url):
    client.get(url)  # warm up: renditions are generated on the first visit
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_query_count_does_not_grow_with_the_number_of_blocks(client, home_nl):
    target = CampaignPageFactory(parent=home_nl, slug="doel")
    target.save_revision().publish()
    small = _campaign(home_nl, "klein", 1, with_page=target)  # 8 blocks
    large = _campaign(home_nl, "groot", 10, with_page=target)  # 80 blocks
    few = _queries(client, small.url)
    many = _queries(client, large.url)
    assert many == few, (few, many)
    assert few <= 30


def test_home_page_query_count_is_bounded(client, small_site, django_assert_max_num_queries):
    client.get(small_site["home_pl"].url)
    with django_assert_max_num_queries(30):
        client.get(small_site["home_pl"].url)


def _weight(client, url):
    html = client.get(url).content
    total = len(html)
    for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
        total += (
            (Path(settings.PROJECT_DIR) / "static" / href.decode().removeprefix("/static/"))
            .stat()
            .st_size
        )
    for src in re.findall(rb'<script[^>]+src="([^"]+)"', html):
        total += (
            (Path(settings.PROJECT_DIR) / "static" / src.decode().removeprefix("/static/"))
            .stat()
            .st_size
        )
    return total


def test_pages_stay_within_the_weight_budget(client, small_site, home_nl):
    big = _campaign(home_nl, "zwaar", 3)
    for url in [small_site["home"].url, small_site["campaign_pl"].url, big.url, "/nl/zoeken/?q=x"]:
        weight = _weight(client, url)
        assert weight <= BUDGET, (url, weight)

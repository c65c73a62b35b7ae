"""A fixed number of queries per public page, and a page weight budget."""

import gzip
import re
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.staticfiles import finders
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


def _static_file(url: bytes) -> Path:
    return Path(finders.find(url.decode().removeprefix(settings.STATIC_URL)))


def _weight(client, url):
    """Bytes a browser downloads for a page: the HTML as sent (the site does not compress it)
    plus each stylesheet and script as WhiteNoise serves it in production (gzip, see
    CompressedManifestStaticFilesStorage); the raw size is reported beside it."""
    html = client.get(url).content
    served = raw = len(html)
    assets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    for href in assets:
        data = _static_file(href).read_bytes()
        raw += len(data)
        served += len(gzip.compress(data, compresslevel=9))
    return served, raw


def test_pages_stay_within_the_weight_budget(client, small_site, home_nl):
    big = _campaign(home_nl, "zwaar", 3)
    for url in [small_site["home"].url, small_site["campaign_pl"].url, big.url, "/nl/zoeken/?q=x"]:
        served, raw = _weight(client, url)
        print(f"page weight {url}: {served} bytes served, {raw} bytes uncompressed")
        assert served <= BUDGET, (url, served, raw)

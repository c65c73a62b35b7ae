"""/sitemap.xml with hreflang alternates, /robots.txt and the favicon (home/findable.py)."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import PageViewRestriction

from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_language_with_hreflang_alternates(client, small_site):
    urls = _sitemap(client)
    campaign = small_site["campaign"].get_full_url()
    campaign_pl = small_site["campaign_pl"].get_full_url()
    assert campaign.startswith("http") and "/nl/" in campaign and "/pl/" in campaign_pl
    expected = {"nl": campaign, "pl": campaign_pl, "x-default": campaign}
    assert urls[campaign] == expected
    assert urls[campaign_pl] == expected
    for key in ("home", "home_pl", "privacy", "privacy_pl"):
        assert small_site[key].get_full_url() in urls


def test_sitemap_leaves_out_drafts_private_pages_and_alternates_of_single_pages(client, small_site):
    draft = ContentPageFactory(parent=small_site["home"], title="Concept", slug="concept")
    draft.unpublish()
    secret = ContentPageFactory(parent=small_site["home"], title="Intern", slug="intern")
    secret.save_revision().publish()
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    lonely = ContentPageFactory(parent=small_site["home"], title="Alleen NL", slug="alleen-nl")
    lonely.save_revision().publish()
    urls = _sitemap(client)
    assert not [url for url in urls if "/concept/" in url or "/intern/" in url]
    # A page without translations has no alternates (and no x-default).
    assert urls[lonely.get_full_url()] == {}


def test_sitemap_query_count_does_not_grow_with_pages(
    client, small_site, django_assert_max_num_queries
):
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(6) as few:
        client.get("/sitemap.xml")
    for number in range(5):
        ContentPageFactory(
            parent=small_site["home"], slug=f"extra-{number}"
        ).save_revision().publish()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out(client, small_site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/nl/portaal/", "/pl/portaal/", "/nl/account/", "/ro/zoeken/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not [line for line in lines if line in ("Disallow: /", "Disallow: /nl/")]


def test_favicon(client, small_site):
    for name in ("favicon.ico", "favicon.svg", "favicon.png", "apple-touch-icon.png"):
        assert finders.find(name), name
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    html = client.get(small_site["home"].url).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in html

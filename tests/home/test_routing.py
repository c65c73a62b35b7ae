"""goedwerk.routing finds the same page as Wagtail's routing, and view restrictions still apply
(also when they come with the route, see goedwerk.pages)."""

import pytest
from wagtail.models import PageViewRestriction

from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from home.factories import CampaignPageFactory, ContentPageFactory
from partners.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_nl):
    campaign = CampaignPageFactory(parent=home_nl, slug="werk")
    campaign.save_revision().publish()
    child = ContentPageFactory(parent=campaign, slug="loon")
    child.save_revision().publish()
    index = JobFairIndexPageFactory(parent=home_nl)
    index.save_revision().publish()
    fair = JobFairPageFactory(parent=index, slug="zuid")
    fair.save_revision().publish()
    return {"campaign": campaign, "child": child, "index": index, "fair": fair}


def test_pages_at_every_depth_and_routable_subpages(client, home_nl, pages):
    assert client.get("/nl/").status_code == 200
    assert client.get("/nl/werk/loon/").status_code == 200
    assert client.get("/nl/banenmarkten/zuid/").status_code == 200
    ical = client.get("/nl/banenmarkten/ical/")
    assert ical.status_code == 200 and ical["Content-Type"].startswith("text/calendar")
    assert client.get("/nl/banenmarkten/zuid/ical/").status_code == 200
    assert client.get("/nl/werk/bestaat-niet/").status_code == 404
    assert client.get("/nl/bestaat-niet/loon/").status_code == 404


def test_a_draft_page_is_not_found(client, pages):
    pages["child"].unpublish()
    assert client.get("/nl/werk/loon/").status_code == 404


def test_a_restriction_on_an_ancestor_still_applies(client, pages):
    PageViewRestriction.objects.create(
        page=pages["campaign"], restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/nl/werk/loon/")
    assert response.status_code == 302
    client.force_login(UserFactory())
    assert client.get("/nl/werk/loon/").status_code == 200


def test_a_password_restriction_on_the_page_itself(client, pages):
    PageViewRestriction.objects.create(
        page=pages["child"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get("/nl/werk/loon/")
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_the_site_of_a_host_is_cached_and_dropped_when_sites_or_root_pages_change(
    client, home_nl, pages
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    client.get("/nl/werk/")  # caches the site of "localhost"
    with CaptureQueriesContext(connection) as context:
        assert client.get("/nl/werk/").status_code == 200
    assert not any('FROM "wagtailcore_site"' in query["sql"] for query in context)
    # Another root page for the site: the next request routes below it.
    other = home_nl.get_parent().add_child(instance=home_nl.__class__(title="Ander", slug="ander"))
    other.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert client.get("/nl/werk/").status_code == 404
    site.root_page = home_nl
    site.save()
    assert client.get("/nl/werk/").status_code == 200
    # Saving a site's root page drops the cached copy; saving another page does not.
    from django.core.cache import cache

    from goedwerk.routing import SITES_CACHE_KEY

    pages["campaign"].save()
    assert cache.get(SITES_CACHE_KEY)
    home_nl.refresh_from_db()
    home_nl.save()
    assert cache.get(SITES_CACHE_KEY) is None

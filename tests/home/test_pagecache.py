"""The full-page cache for anonymous visitors (goedwerk.pagecache; README, "Caching")."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction

from events.factories import JobFairIndexPageFactory, JobFairPageFactory
from goedwerk.pagecache import store
from partners.factories import UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.GOEDWERK_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _stored_lifetime(response) -> int:
    control = dict(
        part.strip().split("=") for part in response["Cache-Control"].split(",") if "=" in part
    )
    return int(control["s-maxage"])


def test_second_anonymous_request_is_a_hit_without_queries(
    client, small_site, django_assert_num_queries
):
    url = small_site["home"].url

    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    assert "max-age=60" in second["Cache-Control"]
    assert _stored_lifetime(second) <= 600
    # Headers added outside the cache are fresh on a hit.
    assert "Content-Security-Policy" in second


def test_a_new_release_never_serves_a_page_cached_by_the_one_before(client, settings, small_site):
    url = small_site["home"].url
    settings.GOEDWERK_RELEASE = "release-1"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    settings.GOEDWERK_RELEASE = "release-2"  # the deploy
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_the_release_comes_from_the_environment_or_the_image(tmp_path):
    from goedwerk.settings.base import read_release

    assert read_release({}, tmp_path) == "dev"
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "release").write_text("from-the-image\n")
    assert read_release({}, tmp_path) == "from-the-image"
    assert read_release({"GOEDWERK_RELEASE": " abc123 "}, tmp_path) == "abc123"


def test_if_none_match_gets_304_on_a_hit_and_on_a_miss(client, small_site):
    url = small_site["campaign"].url
    etag = client.get(url)["ETag"]

    hit = client.get(url, HTTP_IF_NONE_MATCH=etag)
    cache.clear()
    miss = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert hit.status_code == 304
    assert miss.status_code == 304
    assert hit.content == miss.content == b""


def test_head_is_answered_from_the_stored_get(client, small_site):
    url = small_site["home"].url
    client.get(url)

    response = client.head(url)

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"
    assert response.content == b""


def test_query_strings_and_posts_are_not_cached(client, small_site):
    url = small_site["home"].url
    client.get(url + "?utm=1")

    assert "X-Cache" not in client.get(url + "?utm=1")
    assert client.get(url)["X-Cache"] == "miss"
    assert "X-Cache" not in client.post(url)


def test_signed_in_users_are_never_served_or_stored(client, small_site):
    url = small_site["home"].url
    user = UserFactory(first_name="Jolanta", last_name="Kowalska")
    signed_in = Client()
    signed_in.force_login(user)

    own = signed_in.get(url)  # nothing stored for them
    assert "X-Cache" not in own
    assert "private" in own["Cache-Control"]
    anonymous = client.get(url)
    assert anonymous["X-Cache"] == "miss"

    again = signed_in.get(url)  # a stored page is not handed to them either
    assert "X-Cache" not in again
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    html = hit.content.decode()
    assert "Kowalska" not in html
    assert user.email not in html


@pytest.mark.parametrize(
    "path", ["/nl/portaal/", "/nl/account/login/", "/admin/", "/pl/account/login/"]
)
def test_portal_accounts_and_admin_are_never_cached(client, small_site, path):
    first = client.get(path)
    second = client.get(path)

    assert "X-Cache" not in first
    assert "X-Cache" not in second
    assert "public" not in second.get("Cache-Control", "")


def test_a_cached_page_holds_no_csrf_token_and_sets_no_cookie(client, small_site):
    with translation.override("nl"):
        client.get("/nl/zoeken/")
        response = client.get("/nl/zoeken/")

    html = response.content.decode()
    assert response["X-Cache"] == "hit"
    assert "<form" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_a_page_with_a_posting_form_is_not_cached(client, small_site):
    """A password-protected page shows a form with a CSRF token and sets the CSRF cookie."""
    privacy = small_site["privacy"]
    PageViewRestriction.objects.create(
        page=privacy, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    first = client.get(privacy.url)
    second = client.get(privacy.url)

    assert "csrfmiddlewaretoken" in second.content.decode()
    assert "X-Cache" not in first
    assert "X-Cache" not in second


def test_publishing_purges_in_dutch_and_polish(
    client, small_site, django_capture_on_commit_callbacks
):
    campaign, campaign_pl = small_site["campaign"], small_site["campaign_pl"]
    client.get(campaign.url)
    client.get(campaign_pl.url)

    with django_capture_on_commit_callbacks(execute=True):
        campaign.title = "Inschrijven: nieuwe regels"
        campaign.save_revision().publish()
    nl = client.get(campaign.url)
    pl = client.get(campaign_pl.url)  # the whole site is purged, in every language
    assert nl["X-Cache"] == "miss"
    assert "Inschrijven: nieuwe regels" in nl.content.decode()
    assert pl["X-Cache"] == "miss"

    client.get(campaign_pl.url)
    with django_capture_on_commit_callbacks(execute=True):
        campaign_pl.title = "Meldunek: nowe zasady"
        campaign_pl.save_revision().publish()
    pl = client.get(campaign_pl.url)
    assert pl["X-Cache"] == "miss"
    assert "Meldunek: nowe zasady" in pl.content.decode()


def test_unpublishing_and_a_new_slug_purge_the_old_address(
    client, small_site, django_capture_on_commit_callbacks
):
    campaign, privacy = small_site["campaign"], small_site["privacy"]
    old_url = campaign.url
    client.get(old_url)
    client.get(privacy.url)

    with django_capture_on_commit_callbacks(execute=True):
        campaign.slug = "inschrijven-bij-de-gemeente"
        campaign.save_revision().publish()
    old = client.get(old_url)  # Wagtail redirects the old address now; never the cached page
    assert old.status_code in (301, 302, 404)
    assert "X-Cache" not in old or old["X-Cache"] == "miss"

    with django_capture_on_commit_callbacks(execute=True):
        privacy.unpublish()
    assert client.get(privacy.url).status_code == 404


def test_an_info_point_change_purges(
    client, small_site, info_point, django_capture_on_commit_callbacks
):
    url = small_site["campaign"].url
    assert "WIN-punt Zuid" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        info_point.name = "WIN-punt Charlois"
        info_point.save()

    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "WIN-punt Charlois" in response.content.decode()


def test_an_organisation_change_purges_the_partner_list(
    client, small_site, django_capture_on_commit_callbacks
):
    """A partner renamed, or withdrawing its consent to a public profile, is gone from the
    public pages at once, not after the cache's lifetime."""
    from partners.insight.models import CoalitionPartnersPage
    from partners.models import Organisation

    organisation = Organisation.objects.create(
        name="Uitzendbureau Maas", slug="maas", joined_covenant_on="2024-06-27"
    )
    page = small_site["home"].add_child(
        instance=CoalitionPartnersPage(title="Partners", slug="partners")
    )
    assert "Uitzendbureau Maas" in client.get(page.url).content.decode()
    assert client.get(page.url)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "Uitzendbureau Rijnmond"
        organisation.save()

    response = client.get(page.url)
    assert response["X-Cache"] == "miss"
    assert "Uitzendbureau Rijnmond" in response.content.decode()


def test_a_page_showing_a_fair_expires_when_the_fair_starts_and_ends(client, home_nl, settings):
    settings.GOEDWERK_PAGE_CACHE_SECONDS = 24 * 3600
    now = datetime(2026, 3, 2, 10, 0, tzinfo=AMS)
    index = JobFairIndexPageFactory(parent=home_nl)
    fair = JobFairPageFactory(
        parent=index,
        title="Banenmarkt Hillesluis",
        start=now + timedelta(hours=2),
        end=now + timedelta(hours=7),
    )
    home_nl.body = [("next_job_fair", {"heading": ""})]
    home_nl.save_revision().publish()

    with time_machine.travel(now, tick=False):
        assert store.lifetime() == 2 * 3600
        response = client.get(home_nl.url)
        assert response["X-Cache"] == "miss"
        assert _stored_lifetime(response) == 2 * 3600
        assert "Banenmarkt Hillesluis" in response.content.decode()

    with time_machine.travel(fair.start + timedelta(minutes=30), tick=False):
        response = client.get(home_nl.url)
        assert response["X-Cache"] == "miss"  # expired at the start
        assert _stored_lifetime(response) == int(4.5 * 3600)  # until the end

    with time_machine.travel(fair.end + timedelta(seconds=1), tick=False):
        response = client.get(home_nl.url)
        assert response["X-Cache"] == "miss"
        assert "Banenmarkt Hillesluis" not in response.content.decode()  # no stale "upcoming"
        assert _stored_lifetime(response) == 24 * 3600


def test_root_varies_by_accept_language_and_only_there(client, small_site):
    pl_first = client.get("/", HTTP_ACCEPT_LANGUAGE="pl")
    pl_again = client.get("/", HTTP_ACCEPT_LANGUAGE="pl")
    nl = client.get("/", HTTP_ACCEPT_LANGUAGE="nl")

    assert (pl_first["X-Cache"], pl_again["X-Cache"], nl["X-Cache"]) == ("miss", "hit", "miss")
    assert pl_again["Location"] == "/pl/"
    assert nl["Location"] == "/nl/"

    client.get("/nl/", HTTP_ACCEPT_LANGUAGE="nl")
    other = client.get("/nl/", HTTP_ACCEPT_LANGUAGE="pl")
    assert other["X-Cache"] == "hit"


def test_turned_off_nothing_is_cached(client, small_site, settings):
    settings.GOEDWERK_PAGE_CACHE = False
    url = small_site["home"].url
    client.get(url)

    assert "X-Cache" not in client.get(url)


def test_wagtails_purge_api_reaches_the_page_cache(client, small_site):
    """The backend in WAGTAILFRONTENDCACHE is what purges: any code (or a proxy backend beside
    it) goes through Wagtail's own API."""
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

    url = small_site["campaign"].url
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"

    purge_url_from_cache(small_site["campaign"].full_url)

    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(small_site["home"].url)["X-Cache"] == "miss"  # never stored: no harm


def test_nothing_is_purged_while_the_cache_is_off(
    small_site, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from goedwerk.pagecache import purge

    settings.GOEDWERK_PAGE_CACHE = False
    calls = []
    monkeypatch.setattr(purge, "_purge", calls.append)

    campaign = small_site["campaign"]
    with django_capture_on_commit_callbacks(execute=True):
        campaign.title = "Anders"
        campaign.save_revision().publish()
        purge.purge_site()
    assert calls == []

    settings.GOEDWERK_PAGE_CACHE = True  # the same steps purge once it is on
    with django_capture_on_commit_callbacks(execute=True):
        purge.purge_site()
    assert len(calls) == 1

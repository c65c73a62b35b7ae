"""Page links outside the HTML (iCalendar URL:, Atom feed links) use the site's
configured address: `set_site_address` puts the default Site on WAGTAILADMIN_BASE_URL."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import Site

pytestmark = pytest.mark.django_db

ADDRESS = "https://goedwerk.test"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def configured(settings, home):
    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    call_command("set_site_address", verbosity=0)
    Site.clear_site_root_paths_cache()


def test_set_site_address_follows_the_setting(settings, home):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:18160"
    call_command("set_site_address", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 18160)
    assert site.root_url == "http://127.0.0.1:18160"
    settings.WAGTAILADMIN_BASE_URL = ADDRESS + "/"
    call_command("set_site_address", verbosity=0)
    site.refresh_from_db()
    assert site.root_url == ADDRESS


def test_ical_url_uses_the_configured_address(client, configured, make_fair):
    fair = make_fair(title="Banenmarkt Zuid")
    calendar = Calendar.from_ical(client.get(fair.ical_url, HTTP_HOST="127.0.0.1").content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["URL"]) == ADDRESS + fair.url
    feed = Calendar.from_ical(client.get(fair.get_parent().specific.ical_url).content)
    assert [str(e["URL"]) for e in feed.walk("VEVENT")] == [ADDRESS + fair.url]


def test_feed_links_use_the_configured_address(client, configured, index, make_fair):
    fair = make_fair(title="Banenmarkt Noord")
    response = client.get(index.feed_url, HTTP_HOST="127.0.0.1")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert ADDRESS + fair.url in hrefs
    assert hrefs and all(href.startswith(ADDRESS + "/") for href in hrefs), hrefs

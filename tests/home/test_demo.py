"""The demo loader builds a translated site, and running it twice duplicates nothing."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail_localize.models import Translation

from home import demo
from home.models import (
    AccessibilityStatementPage,
    CampaignPage,
    HomePage,
    InfoPoint,
    InfoPointIndexPage,
    PrivacyStatementPage,
)

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "logs": PageLogEntry.objects.count(),
        "info_points": InfoPoint.objects.count(),
        "translations": Translation.objects.count(),
        "users": get_user_model().objects.count(),
        "emails": EmailAddress.objects.count(),
        "locales": Locale.objects.count(),
    }


def test_home_demo_is_idempotent():
    demo.load(stdout=io.StringIO(), password="demo-password-1")
    first = _counts()
    demo.load(stdout=io.StringIO(), password="demo-password-1")
    assert _counts() == first


def test_home_demo_builds_the_translated_site(client):
    demo.load(stdout=io.StringIO(), password="demo-password-1")

    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage) and home.locale.language_code == "nl"
    assert not Page.objects.filter(depth=2, content_type__app_label="wagtailcore").exists()
    assert set(Locale.objects.values_list("language_code", flat=True)) == {
        "nl",
        "en",
        "pl",
        "ro",
        "bg",
        "hu",
    }
    for code in ["nl", "en", "pl", "ro", "bg", "hu"]:
        assert HomePage.objects.live().filter(locale__language_code=code).exists(), code
    assert CampaignPage.objects.live().filter(locale__language_code="nl").count() == 5
    for code in ["en", "pl"]:
        assert CampaignPage.objects.live().filter(locale__language_code=code).count() == 5
        assert PrivacyStatementPage.objects.live().filter(locale__language_code=code).exists()
        assert AccessibilityStatementPage.objects.live().filter(locale__language_code=code).exists()
        assert InfoPoint.objects.filter(locale__language_code=code).count() == 2
    assert client.get("/nl/toegankelijkheid/").status_code == 200
    response = client.get("/pl/meldunek/")
    assert response.status_code == 200
    assert "Meldunek w gminie (BRP lub RNI)" in response.content.decode()
    assert "Punkt WIN Rotterdam-Południe" in response.content.decode()
    assert client.get("/en/work-and-rights/").status_code == 200


def test_home_demo_users_can_log_in_with_email(client):
    demo.load(stdout=io.StringIO(), password="demo-password-1")
    for _description, email in demo.logins():
        user = get_user_model().objects.get(username=email)
        assert user.check_password("demo-password-1")
        assert EmailAddress.objects.get(user=user, email=email).verified
    assert get_user_model().objects.get(username="beheer@goedwerk.example").is_superuser
    redactie = get_user_model().objects.get(username="redactie@goedwerk.example")
    assert list(redactie.groups.values_list("name", flat=True)) == ["Redactie"]
    assert client.login(username="eindredactie@goedwerk.example", password="demo-password-1")


def test_load_demo_command_runs_twice(settings, mailoutbox, django_capture_on_commit_callbacks):
    """The whole project's loader (all apps), twice, with the same result."""
    settings.WAGTAILADMIN_BASE_URL = "https://demo.goedwerk.test"
    out = io.StringIO()
    # The demo's e-mails go out when its transaction commits (here: when the capture ends).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=out)
    first = _counts()
    # Quiet, and every link in the demo's e-mails (and the default Site) uses the configured
    # address.
    assert "demo e-mails were kept back" in out.getvalue()
    assert len(out.getvalue().splitlines()) < 15
    assert mailoutbox
    links = [
        link for message in mailoutbox for link in re.findall(r"https?://[^\s\"'<>]+", message.body)
    ]
    assert links and all(link.startswith("https://demo.goedwerk.test/") for link in links)
    assert Site.objects.get(is_default_site=True).root_url == "https://demo.goedwerk.test"
    call_command("load_demo", stdout=out)
    assert _counts() == first


def test_home_demo_has_the_info_point_overview_in_every_language_and_in_the_menu(client):
    from events import demo as events_demo

    demo.load(stdout=io.StringIO(), password="demo-password-1")
    events_demo.load(stdout=io.StringIO(), password="demo-password-1")
    for code in ["nl", "en", "pl", "ro", "bg", "hu"]:
        overview = InfoPointIndexPage.objects.live().get(locale__language_code=code)
        assert overview.show_in_menus, code
    assert 'href="/ro/puncte-de-informare/"' in _main_menu(client, "/ro/")
    # The job fairs are in the menu too, in every language they are translated into.
    assert 'href="/nl/banenmarkten/"' in _main_menu(client, "/nl/")
    assert 'href="/en/job-fairs/"' in _main_menu(client, "/en/")
    response = client.get("/ro/puncte-de-informare/")
    assert response.status_code == 200
    page = response.content.decode()
    # The points keep their Dutch names (WIN-punt is what the sign says); their notes are Romanian.
    assert "WIN-punt Rotterdam-Zuid" in page and "WIN-punt Rotterdam-West" in page
    assert "Program de seară" in page
    assert 'href="https://www.openstreetmap.org/directions?to=51.88680%2C4.48580"' in page


def _main_menu(client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('class="main-nav"')
    return html[start : html.index("</nav>", start)]

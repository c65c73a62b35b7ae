"""The public progress page and partner list in a real browser, checked by axe-core (WCAG 2.1
A/AA), in Dutch and Polish."""

from datetime import date

import pytest
from wagtail.models import Locale, Page, Site

from goedwerk.localization.translate import translate_page
from home.models import HomePage
from partners.insight import demo
from partners.insight.factories import (
    PartnerFactory,
    PeriodFactory,
    indicators,
    make_report,
    reviewer,
    rotterdam_covenant,
)
from partners.insight.models import CoalitionPartnersPage, CoalitionProgressPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["nl", "pl"]


@pytest.fixture
def site(transactional_db):
    """A Dutch home page with a Polish translation, the demo's insight pages, two periods with
    approved reports (one organisation with a public profile and a logo-less website)."""
    locale = Locale.objects.get_or_create(language_code="nl")[0]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(
        instance=HomePage(title="Welkom in Rotterdam", slug="home-nl", locale=locale)
    )
    home.save_revision().publish()
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    translate_page(
        home, "pl", {"Welkom in Rotterdam": "Witamy w Rotterdamie", "home-nl": "home-pl"}
    )
    demo.load(stdout=open("/dev/null", "w"), password="x")  # noqa: SIM115

    covenant = rotterdam_covenant()
    ind = indicators(covenant)
    staff = reviewer()
    periods = [
        PeriodFactory(
            covenant=covenant,
            name=f"2025 H{half}",
            starts_on=date(2025, 6 * half - 5, 1),
            ends_on=date(2025, 6 * half, 28),
            opens_on=date(2025, 6 * half, 28),
            deadline=date(2025, 6 * half, 28),
        )
        for half in (1, 2)
    ]
    for index in range(4):
        organisation = PartnerFactory(
            name=f"Partner {index} B.V.",
            public_profile_consent=index == 0,
            website=f"https://partner{index}.example" if index == 0 else "",
        )
        for offset, period in enumerate(periods):
            make_report(
                organisation,
                period,
                {
                    ind["workers_employed"]: 100 + 10 * index,
                    ind["registered_brp_address"]: 70 + 10 * offset + index,
                    ind["registered_rni_only"]: 10,
                    ind["language_started"]: 5 + index,
                    ind["workers_housed"]: 40,
                    ind["housed_snf_registered"]: 30 + 5 * offset,
                },
                staff=staff,
            )


def _url(model, language):
    return model.objects.get(locale__language_code=language).url


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_page(live_server, page, assert_accessible, site, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + _url(CoalitionProgressPage, language))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("svg[role=img]").count() >= 2
    assert page.locator("table caption").count() >= 2
    assert page.locator(".insight-chart__caption").count() >= 2  # like-with-like, N of M
    links = page.locator(".insight-chart__downloads a[download]")
    assert links.count() >= 4  # SVG and PNG per chart
    for index in (0, 1):
        response = page.request.get(live_server.url + links.nth(index).get_attribute("href"))
        assert response.ok
        assert response.headers["content-type"] in ("image/svg+xml", "image/png")
        assert response.headers["content-disposition"].startswith("attachment")
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_insight_dashboard_with_chart_downloads(live_server, page, assert_accessible, site, width):
    """The staff dashboard (Dutch admin) with its like-with-like charts and download links."""
    from django.contrib.auth.models import Group, Permission
    from django.test import Client
    from wagtail.users.models import UserProfile

    from partners.factories import StaffUserFactory
    from tests.signin import activate_totp

    user = StaffUserFactory(email="beleid@rotterdam.example")
    group = Group.objects.create(name="Beleid")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "view_insight"]))
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    activate_totp(user)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/admin/insight/")
    assert page.locator("html").get_attribute("lang") == "nl"
    links = page.locator(".insight-chart__downloads a[download]")
    assert links.count() >= 4
    response = page.request.get(live_server.url + links.nth(1).get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "image/png"
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_list(live_server, page, assert_accessible, site, language):
    page.goto(live_server.url + _url(CoalitionPartnersPage, language))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".partner-list > li").count() == 4
    page.locator(".partner-list summary").first.click()  # open the public profile's figures
    assert page.locator(".partner-list details[open] table").count() == 1
    assert_accessible(page)

"""The portal's own layout in a real browser: its pages reflow at 390 px (WCAG 1.4.10: no
horizontal scrolling, the tables become stacked rows) and pass axe-core, with the header's menus
closed and open, on a desktop and on a phone, in Dutch and in Polish."""

import pytest
from django.test import Client
from wagtail.log_actions import log
from wagtail.models import Locale

from partners.factories import (
    CommitmentFactory,
    CovenantFactory,
    IndicatorFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StaffUserFactory,
    UserFactory,
)
from partners.models import Membership, ReportStatus
from partners.privacy.access_log import REPORT_VIEWED
from tests.signin import activate_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def setup(transactional_db):
    Locale.objects.get_or_create(language_code="nl")
    covenant = CovenantFactory(title="Coalitie Goed Werkgeverschap")
    brp = CommitmentFactory(covenant=covenant, title="Inschrijving in de BRP", code="brp", order=1)
    IndicatorFactory(commitment=brp, code="workers", label="Arbeidsmigranten in dienst", order=1)
    period = ReportingPeriodFactory(covenant=covenant, name="2026 H2")
    organisation = OrganisationFactory(name="Uitzendbureau Maasvlakte Personeelsdiensten B.V.")
    other = OrganisationFactory(name="Tempo-Team Rotterdam")
    admin = UserFactory(
        email="personeelszaken.administratie@uitzendbureau-maasvlakte.example",
        first_name="Magdalena",
        last_name="Wiśniewska-Kowalczyk",
    )
    MembershipFactory(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    MembershipFactory(organisation=other, user=admin)
    activate_totp(admin)
    MembershipFactory(organisation=organisation)
    InvitationFactory(
        organisation=organisation, email="nieuwe.collega.planning@uitzendbureau-maasvlakte.example"
    )
    earlier = ReportingPeriodFactory(covenant=covenant, name="2026 H1")
    report = ReportFactory(organisation=organisation, period=earlier)
    report.transition_to(ReportStatus.SUBMITTED, by=admin)
    log(report, REPORT_VIEWED, user=StaffUserFactory(first_name="Rita", last_name="Reviewer"))
    return {"period": period, "organisation": organisation, "admin": admin}


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def portal_urls(live_server, setup, language):
    base = f"{live_server.url}/{language}/portaal/{setup['organisation'].slug}"
    return {
        "dashboard": f"{base}/",
        "members": f"{base}/leden/",
        "report": f"{base}/rapportages/{setup['period'].pk}/",
        "access log": f"{base}/inzage/",
    }


def assert_no_horizontal_scrolling(page):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url}: {widths[0]} px wide in a {widths[1]} px window"


def open_header_menus(page):
    for summary in page.locator(".portal-header details > summary").all():
        summary.click()


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_portal_pages_reflow_on_a_phone(live_server, page, setup, language):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, setup["admin"])
    for name, url in portal_urls(live_server, setup, language).items():
        page.goto(url)
        assert page.locator(".portal-header").count() == 1, name
        assert_no_horizontal_scrolling(page)
        open_header_menus(page)
        assert_no_horizontal_scrolling(page)
        assert page.locator(".portal-logout button").is_visible()
        if name in ("dashboard", "members", "access log"):
            # Stacked rows: the action links and buttons are on screen, not off to the right.
            for element in page.locator("main table a, main table button").all():
                box = element.bounding_box()
                assert box and box["x"] + box["width"] <= PHONE["width"], name


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", ["nl", "pl"])
def test_portal_layout_is_accessible(
    live_server, page, assert_accessible, setup, language, viewport
):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, setup["admin"])
    urls = portal_urls(live_server, setup, language)
    urls["sessions"] = f"{live_server.url}/{language}/account/sessions/"
    for url in urls.values():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        open_header_menus(page)
        assert_accessible(page)


def test_menus_work_without_javascript(browser, live_server, setup):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server, setup["admin"])
        page.goto(portal_urls(live_server, setup, "nl")["dashboard"])
        page.locator(".portal-user summary").click()
        page.locator(".portal-logout button").click()
        page.wait_for_load_state()
        page.goto(portal_urls(live_server, setup, "nl")["dashboard"])
        assert "/account/login/" in page.url
    finally:
        context.close()

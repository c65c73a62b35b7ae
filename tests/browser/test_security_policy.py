"""The Content-Security-Policy in a real browser: it is enforced (an injected inline script does
not run), and it breaks nothing: the public site with an editor's Wagtail userbar, and the
Wagtail admin's main screens (page editor with its preview, listings, the review screen) log no
policy violation. The ``page`` fixture fails a test on any such console message."""

import pytest
import wagtail_factories
from django.test import Client
from wagtail.models import Locale

from partners.factories import ReportFactory, ReportingPeriodFactory, UserFactory
from tests.browser.conftest import policy_problems
from tests.home.conftest import build_home, build_info_point, build_small_site
from tests.signin import activate_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_site(transactional_db):
    locale_nl = Locale.objects.get_or_create(language_code="nl")[0]
    return build_small_site(
        build_home(locale_nl),
        build_info_point(locale_nl),
        wagtail_factories.ImageFactory(title="Informatiepunt"),
    )


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def superuser(transactional_db):
    user = UserFactory(is_staff=True, is_superuser=True, first_name="Beheer")
    activate_totp(user)
    return user


def test_an_injected_inline_script_is_refused(live_server, browser, small_site):
    context = browser.new_context()
    tab = context.new_page()
    console = []
    tab.on("console", lambda message: console.append(message.text))
    tab.goto(live_server.url + small_site["campaign"].url)
    # What an HTML injection would do: an inline script and an inline event handler.
    tab.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.appendChild(script);
            const img = document.createElement('img');
            img.setAttribute('onerror', 'window.handler = true');
            img.src = 'data:,broken';
            document.body.appendChild(img);
        }"""
    )
    tab.wait_for_timeout(300)
    assert tab.evaluate("() => window.injected") is None
    assert tab.evaluate("() => window.handler") is None
    assert len(policy_problems(console)) >= 2, console
    context.close()


def test_public_page_with_the_editors_userbar(live_server, page, small_site, superuser):
    sign_in(page.context, live_server, superuser)
    page.goto(live_server.url + small_site["campaign"].url)
    assert page.locator("wagtail-userbar").count() == 1
    page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger").click()
    page.wait_for_timeout(500)


def test_admin_screens_log_no_policy_violation(live_server, page, small_site, superuser):
    sign_in(page.context, live_server, superuser)
    campaign = small_site["campaign"]
    report = ReportFactory(period=ReportingPeriodFactory())
    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{campaign.pk}/edit/",
        "/admin/images/",
        "/admin/snippets/",
        "/admin/reports/site-history/",
        "/admin/partners/reports/",
        f"/admin/partners/reports/review/{report.pk}/",
        "/admin/partners/overview/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    # The preview panel of the page editor (an iframe on the same origin).
    page.goto(f"{live_server.url}/admin/pages/{campaign.pk}/edit/")
    page.locator("button[data-side-panel-toggle=preview]").click()
    page.frame_locator("iframe#w-preview-iframe").locator("h1").wait_for()

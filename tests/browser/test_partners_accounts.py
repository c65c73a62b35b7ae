"""Accounts pages in a real browser, checked by axe-core (WCAG 2.1 A/AA), in Dutch and Polish."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from partners.factories import (
    DEFAULT_PASSWORD,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from partners.models import Membership
from tests.signin import activate_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["nl", "pl"]


@pytest.fixture(autouse=True)
def _clean_state(transactional_db):
    cache.clear()
    Locale.objects.get_or_create(language_code="nl")


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_page(live_server, page, assert_accessible, language):
    page.goto(f"{live_server.url}/{language}/account/login/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_label("E-mail").count() or page.locator("#id_login").count()
    assert_accessible(page)
    # A failed attempt shows an error summary and keeps the typed address.
    page.fill("#id_login", "nobody@example.org")
    page.fill("#id_password", "wrong-password")
    page.locator("form.form button[type=submit]").first.click()
    page.wait_for_selector(".error-summary")
    assert page.input_value("#id_login") == "nobody@example.org"
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_page(live_server, page, assert_accessible, language):
    page.goto(f"{live_server.url}/{language}/account/password/reset/")
    assert page.locator("#id_email").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_by_invitation_page(live_server, page, assert_accessible, language):
    invitation = InvitationFactory(
        organisation=OrganisationFactory(name="Tempo-Team", slug="tempo-team"),
        email="nieuw@tempo-team.example",
        role=Membership.Role.REPORTER,
    )
    page.goto(f"{live_server.url}/{language}/portaal/uitnodiging/{invitation.token}/")
    assert page.input_value("#id_email") == "nieuw@tempo-team.example"
    assert_accessible(page)
    # Mismatched passwords: errors tied to the fields, nothing lost.
    page.fill("#id_password1", "Rotterdam-Haven-2026!")
    page.fill("#id_password2", "something-else-2026!")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_mfa_setup_page(live_server, page, assert_accessible, language):
    organisation = OrganisationFactory(name="Vebego Zorg", slug="vebego-zorg")
    admin = UserFactory(email="admin@vebego-zorg.example")
    MembershipFactory(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    page.goto(f"{live_server.url}/{language}/account/login/")
    page.fill("#id_login", admin.email)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.locator("form.form button[type=submit]").first.click()
    page.goto(f"{live_server.url}/{language}/portaal/vebego-zorg/leden/")
    # allauth asks for the password again before MFA changes.
    if "reauthenticate" in page.url:
        page.fill("#id_password", DEFAULT_PASSWORD)
        page.locator("form.form button[type=submit]").first.click()
    page.wait_for_url("**/account/2fa/totp/activate/")
    assert page.locator("img.img--qr").count() == 1
    assert page.locator("#id_code").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_members_page_with_management_is_accessible_and_stacks_on_phones(
    live_server, page, assert_accessible, language
):
    """The organisation admin's member page (role forms, remove links, resend and withdraw) and
    the removal confirmation pass axe-core; under 600px the table's rows become stacked cards."""
    from django.test import Client

    organisation = OrganisationFactory(name="Tempo-Team", slug="tempo-team")
    admin = UserFactory(email="admin@tempo-team.example")
    MembershipFactory(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    activate_totp(admin)
    reporter = MembershipFactory(
        organisation=organisation, user=UserFactory(email="rapporteur@tempo-team.example")
    )
    InvitationFactory(organisation=organisation, email="nieuw@tempo-team.example")
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/{language}/portaal/tempo-team/leden/")
    assert page.locator(f"#role-{reporter.pk}").count() == 1
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})
    row = page.locator("table.table--stack tbody tr").first
    assert row.evaluate("element => getComputedStyle(element).display") == "block"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    assert_accessible(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/portaal/tempo-team/leden/{reporter.pk}/verwijderen/")
    assert page.locator("button[name=confirm]").count() == 1
    assert_accessible(page)
    page.locator("button[name=confirm]").click()
    page.wait_for_url("**/leden/")
    assert not Membership.objects.filter(pk=reporter.pk).exists()
    assert_accessible(page)

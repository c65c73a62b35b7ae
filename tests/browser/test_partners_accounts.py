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

"""Every allauth page renders inside the site's base template (skip link, language switcher,
one h1), for anonymous visitors and signed-in partners alike."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.signin import activate_totp

pytestmark = pytest.mark.django_db


def assert_site_look(response, language="nl"):
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="skip-link"' in html
    assert 'id="main"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1, "exactly one h1"
    return html


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("account_login", {}),
        ("account_signup", {}),
        ("account_reset_password", {}),
        ("account_reset_password_done", {}),
        ("account_reset_password_from_key", {"uidb36": "x", "key": "bad-key"}),
        ("account_inactive", {}),
        ("account_email_verification_sent", {}),
        ("account_confirm_email", {"key": "bad-key"}),
    ],
)
@pytest.mark.parametrize("language", ["nl", "pl"])
def test_anonymous_pages(client, name, kwargs, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url, follow=True)
    assert_site_look(response, language)


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "usersessions_list",
    ],
)
def test_signed_in_pages(client, reporter, name):
    client.force_login(reporter)
    with translation.override("nl"):
        url = reverse(name)
    html = assert_site_look(client.get(url))
    if name != "account_reauthenticate":  # an "entrance" page: no account menu
        assert 'class="account-nav' in html


def test_second_factor_page_at_login(client, org_admin, password):
    with translation.override("nl"):
        url = reverse("account_login")
    response = client.post(url, {"login": org_admin.email, "password": password}, follow=True)
    html = assert_site_look(response)
    assert response.redirect_chain[-1][0].endswith("/account/2fa/authenticate/")
    assert 'id="id_code"' in html
    assert "_auth_user_id" not in client.session  # not signed in before the second factor


def test_mfa_pages_offer_the_way_back_to_the_portal(client, reporter):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    activate_totp(reporter)
    RecoveryCodes.activate(reporter)
    client.force_login(reporter)
    session = client.session
    session["partners_mfa_next"] = "/nl/portaal/tempo-team/"
    session.save()
    response = client.get(reverse("mfa_index"))
    html = assert_site_look(response)
    assert 'href="/nl/portaal/tempo-team/"' in html


def test_django_admin_is_not_mounted(client, db):
    response = client.get("/django-admin/login/", follow=True)
    assert response.status_code == 404

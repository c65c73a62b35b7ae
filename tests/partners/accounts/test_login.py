"""Signing in: the site look, no enumeration, rate limits, the eHerkenning door."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.i18n import t_page

pytestmark = pytest.mark.django_db


def login_url(language="nl"):
    with translation.override(language):
        return reverse("account_login")


@pytest.mark.parametrize("language", ["nl", "en", "pl", "ro", "bg", "hu"])
def test_login_page_renders_in_the_site_look(client, language):
    response = client.get(login_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="skip-link"' in html
    assert 'for="id_login"' in html and 'for="id_password"' in html
    assert reverse("account_signup") not in html  # no open sign-up link


def _error_of(response) -> list[str]:
    return response.context["form"].non_field_errors()


def test_failure_message_is_the_same_for_known_and_unknown_addresses(client, reporter, password):
    known = client.post(login_url(), {"login": reporter.email, "password": "wrong-password"})
    unknown = client.post(
        login_url(), {"login": "nobody@nowhere.example", "password": "wrong-password"}
    )
    assert known.status_code == unknown.status_code == 200
    assert _error_of(known) == _error_of(unknown)
    assert _error_of(known)


def test_correct_password_signs_in_and_goes_to_the_portal(client, reporter, password, organisation):
    response = client.post(login_url(), {"login": reporter.email, "password": password})
    assert response.status_code == 302
    assert "/portaal/tempo-team/" in response["Location"]


def test_failed_logins_are_rate_limited_per_address_and_answer_429(client, reporter, password):
    url = login_url("en")
    for _ in range(5):
        response = client.post(url, {"login": reporter.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(url, {"login": reporter.email, "password": "wrong-password"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # locked out from this machine: even the right password waits
    response = client.post(url, {"login": reporter.email, "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS={"login": "3/m/ip"})
def test_login_rate_limit_answers_429_in_the_site_look(client, db):
    for _ in range(3):
        client.post(login_url(), {"login": "a@example.org", "password": "x"})
    response = client.post(login_url(), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 429
    html = response.content.decode()
    assert t_page(response, "Too many attempts") in html
    assert 'class="skip-link"' in html


def test_eherkenning_button_is_absent_by_default(client):
    html = client.get(login_url()).content.decode()
    assert "eHerkenning" not in html


@override_settings(
    SOCIALACCOUNT_PROVIDERS={
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "eherkenning",
                    "name": "eHerkenning",
                    "client_id": "goedwerk",
                    "secret": "s3cret",
                    "settings": {"server_url": "https://broker.example/oidc"},
                }
            ]
        }
    }
)
def test_eherkenning_button_is_present_when_configured(client):
    html = client.get(login_url()).content.decode()
    assert "eHerkenning" in html
    assert "/account/oidc/eherkenning/login/" in html


def test_oidc_signup_needs_an_invitation(rf, organisation):
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount, SocialLogin
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from partners.accounts import invitations
    from partners.accounts.adapter import SocialAccountAdapter
    from partners.factories import InvitationFactory

    request = rf.get("/")
    request.session = SessionStore()
    sociallogin = SocialLogin(
        user=get_user_model()(email="new@tempo-team.example"),
        account=SocialAccount(provider="eherkenning", uid="1"),
        email_addresses=[EmailAddress(email="new@tempo-team.example", verified=True)],
    )
    adapter = SocialAccountAdapter(request)
    assert adapter.is_open_for_signup(request, sociallogin) is False

    invitation = InvitationFactory(organisation=organisation, email="other@tempo-team.example")
    invitations.remember(request, invitation)
    assert adapter.is_open_for_signup(request, sociallogin) is False

    invitation = InvitationFactory(organisation=organisation, email="new@tempo-team.example")
    invitations.remember(request, invitation)
    assert adapter.is_open_for_signup(request, sociallogin) is True


def test_password_reset_for_unknown_address_does_not_offer_sign_up(client, db):
    from django.core import mail

    response = client.post(
        reverse("account_reset_password"), {"email": "nobody@nowhere.example"}, follow=True
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert (
        t_page(
            response,
            "Accounts are made by invitation only. If you work for an organisation of the "
            "Coalition for Good Employership, ask your organisation's admin or the municipality's "
            "programme team to invite you.",
            html=False,
        )
        in body
    )
    assert "/account/signup/" not in body

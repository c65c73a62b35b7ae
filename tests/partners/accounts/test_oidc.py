"""eHerkenning (OpenID Connect) through allauth's real login and callback views, with the broker
mocked at the HTTP level (discovery, token, userinfo): an address the broker does not verify
(`email_verified: "false"`, the string) never signs in or connects to an existing account; a
verified one signs in, but only past the second factor."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from django.utils import translation

from goedwerk.settings.base import eherkenning_provider
from partners.accounts import invitations
from partners.factories import InvitationFactory

pytestmark = pytest.mark.django_db

BROKER = "https://broker.example/oidc"


@pytest.fixture(autouse=True)
def _eherkenning(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": eherkenning_provider("goedwerk", "s3cret", BROKER)
    }


class _Response:
    def __init__(self, data):
        self._data = data
        self.status_code = 200
        self.headers = {"content-type": "application/json"}
        self.text = json.dumps(data)
        self.content = self.text.encode()

    def json(self):
        return self._data

    def raise_for_status(self):
        pass


class FakeBroker:
    """Stands in for requests.Session: answers discovery, the token exchange (no id_token, so
    allauth asks the userinfo endpoint) and userinfo with the claims given."""

    def __init__(self, claims):
        self.claims = claims

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def get(self, url, headers=None, **kwargs):
        if "/.well-known/openid-configuration" in url:
            return _Response(
                {
                    "issuer": BROKER,
                    "authorization_endpoint": f"{BROKER}/authorize",
                    "token_endpoint": f"{BROKER}/token",
                    "userinfo_endpoint": f"{BROKER}/userinfo",
                    "jwks_uri": f"{BROKER}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                }
            )
        assert url == f"{BROKER}/userinfo", url
        return _Response(self.claims)

    def request(self, method, url, **kwargs):
        assert url == f"{BROKER}/token", url
        return _Response({"access_token": "at-1", "token_type": "Bearer", "expires_in": 300})


def sign_in_with_broker(client, monkeypatch, claims):
    from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

    monkeypatch.setattr(
        DefaultSocialAccountAdapter, "get_requests_session", lambda self: FakeBroker(claims)
    )
    with translation.override("nl"):
        login = reverse("openid_connect_login", kwargs={"provider_id": "eherkenning"})
        callback = reverse("openid_connect_callback", kwargs={"provider_id": "eherkenning"})
    response = client.post(login)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{BROKER}/authorize")
    state = parse_qs(urlparse(response["Location"]).query)["state"][0]
    return client.get(callback, {"code": "code-1", "state": state})


def claims_for(email, verified):
    return {"sub": "kvk-12345678-1", "email": email, "email_verified": verified}


@pytest.mark.parametrize("verified", ["false", "False", "0", "", None, "no"])
def test_unverified_address_never_signs_into_the_existing_account(
    client, monkeypatch, reporter, verified
):
    response = sign_in_with_broker(client, monkeypatch, claims_for(reporter.email, verified))
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=reporter).exists()
    assert not SocialAccount.objects.exists()
    # and what it shows is the "accounts by invitation only" page, not someone's portal
    assert response.status_code in (200, 302)
    assert "/portaal/" not in response.get("Location", "")


def test_unverified_address_cannot_use_an_invitation_for_it_either(
    client, monkeypatch, organisation
):
    invitation = InvitationFactory(organisation=organisation, email="nieuw@tempo-team.example")
    session = client.session
    session[invitations.SESSION_KEY] = invitation.pk
    session.save()
    sign_in_with_broker(client, monkeypatch, claims_for(invitation.email, "false"))
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_verified_address_signs_the_reporter_in_and_connects(
    client, monkeypatch, reporter, organisation
):
    """The control: the same flow with a verified address does sign in."""
    response = sign_in_with_broker(client, monkeypatch, claims_for(reporter.email, True))
    assert client.session["_auth_user_id"] == str(reporter.pk)
    assert SocialAccount.objects.filter(user=reporter, provider="eherkenning").exists()
    assert "/portaal/tempo-team/" in response["Location"]


def test_verified_address_of_an_admin_still_needs_the_second_factor(
    client, monkeypatch, org_admin, organisation
):
    response = sign_in_with_broker(client, monkeypatch, claims_for(org_admin.email, True))
    with translation.override("nl"):
        assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    members = f"/nl/portaal/{organisation.slug}/leden/"
    assert client.get(members)["Location"].startswith("/nl/account/login/")

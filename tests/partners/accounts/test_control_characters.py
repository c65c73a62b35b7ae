"""Hostile text in allauth's forms (ACCOUNT_FORMS / MFA_FORMS): NUL and other control characters
never give a 5xx; the field shows the translated error, nothing is stored with them and nothing
changes. A password with a control character is refused, never shortened and tried: signing in
with the real password plus a BEL does not sign in. Run on PostgreSQL too."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE, has_control_characters
from partners.factories import InvitationFactory
from partners.models import Membership
from tests.signin import force_login_without_second_factor

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Rotterdam-Haven-2026!"


def nl(name, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs or None)


def _message(response) -> str:
    """The rule's message in the language the page was served in."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return escape(str(CONTROL_CHARACTERS_MESSAGE))


def _assert_refused(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert _message(response) in html
    assert "\x00" not in html and "\x07" not in html
    return html


def _assert_nothing_stored():
    for values in get_user_model().objects.values_list("username", "email", "password"):
        assert not any(has_control_characters(value) for value in values)
    for (email,) in EmailAddress.objects.values_list("email"):
        assert not has_control_characters(email)


@pytest.mark.parametrize(
    "field,value",
    [("login", "rapporteur\x00@tempo-team.example"), ("password", "{password}\x07")],
)
def test_login(client, reporter, password, field, value):
    data = {"login": reporter.email, "password": password}
    data[field] = value.format(password=password)
    html = _assert_refused(client.post(nl("account_login"), data))
    assert password not in html  # a password is never echoed back
    assert "_auth_user_id" not in client.session  # not signed in with a changed password
    _assert_nothing_stored()


@pytest.mark.parametrize("typed", ["Geheim\x00-Wachtwoord-2026", f"{NEW_PASSWORD}\x07"])
def test_signup_through_an_invitation(client, organisation, typed):
    invitation = InvitationFactory(organisation=organisation, role=Membership.Role.REPORTER)
    link = reverse("partners:invitation", kwargs={"token": invitation.token})
    users = get_user_model().objects.count()
    html = _assert_refused(client.post(link, {"password1": typed, "password2": typed}))
    assert NEW_PASSWORD not in html
    assert get_user_model().objects.count() == users
    assert not Membership.objects.filter(organisation=organisation).exists()
    _assert_nothing_stored()


def test_add_email(client, reporter):
    client.force_login(reporter)
    addresses = EmailAddress.objects.count()
    response = client.post(
        nl("account_email"), {"email": "nieuw\x00@tempo-team.example", "action_add": ""}
    )
    html = _assert_refused(response)
    assert 'value="nieuw@tempo-team.example"' in html  # the cleaned text, to check
    assert EmailAddress.objects.count() == addresses
    _assert_nothing_stored()


@pytest.mark.parametrize("field", ["oldpassword", "password1"])
def test_change_password(client, reporter, password, field):
    client.force_login(reporter)
    data = {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    data[field] = data[field] + "\x07"
    if field == "password1":
        data["password2"] = data["password1"]
    html = _assert_refused(client.post(nl("account_change_password"), data))
    assert password not in html and NEW_PASSWORD not in html
    reporter.refresh_from_db()
    assert reporter.check_password(password)  # unchanged
    _assert_nothing_stored()


def test_set_password(client, reporter):
    reporter.set_unusable_password()
    reporter.save()
    client.force_login(reporter)
    typed = f"{NEW_PASSWORD}\x00"
    _assert_refused(
        client.post(nl("account_set_password"), {"password1": typed, "password2": typed})
    )
    reporter.refresh_from_db()
    assert not reporter.has_usable_password()
    _assert_nothing_stored()


def test_reset_password(client, reporter, mailoutbox):
    _assert_refused(client.post(nl("account_reset_password"), {"email": "rapporteur\x00@x.org"}))
    assert not mailoutbox


def test_reset_password_from_key(client, reporter, password):
    key = default_token_generator.make_token(reporter)
    url = nl("account_reset_password_from_key", uidb36=user_pk_to_url_str(reporter), key=key)
    response = client.get(url)
    if response.status_code == 302:  # allauth moves the key into the session first
        url = response["Location"]
    typed = f"{NEW_PASSWORD}\x07"
    html = _assert_refused(client.post(url, {"password1": typed, "password2": typed}))
    assert NEW_PASSWORD not in html
    reporter.refresh_from_db()
    assert reporter.check_password(password)
    _assert_nothing_stored()


def test_second_factor_code(client, org_admin, password):
    response = client.post(nl("account_login"), {"login": org_admin.email, "password": password})
    assert response["Location"] == nl("mfa_authenticate")
    _assert_refused(client.post(nl("mfa_authenticate"), {"code": "123\x00456"}))
    assert "_auth_user_id" not in client.session


def test_activate_totp_code(client, reporter, password):
    force_login_without_second_factor(client, reporter)
    response = client.post(nl("account_reauthenticate"), {"password": password})
    assert response.status_code == 302
    _assert_refused(client.post(nl("mfa_activate_totp"), {"code": "123\x07456"}))
    assert not Authenticator.objects.filter(user=reporter).exists()

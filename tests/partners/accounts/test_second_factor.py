"""Attacker's view: with the right password (or a reset link, a confirmation link, a code) but
without the second factor, no door of the site yields a session that reaches the admin, the
review area, the insight dashboard or the portal."""

import re
import time
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import PageViewRestriction, Site

from partners.accounts.crypto import decrypt
from partners.accounts.policy import session_passed_second_factor
from partners.factories import MembershipFactory, StaffUserFactory, UserFactory
from partners.models import Membership
from tests.signin import activate_totp, force_login_without_second_factor

pytestmark = pytest.mark.django_db

#: The middle of a TOTP time step, close to the real time (so sessions do not expire).
NOW = datetime.fromtimestamp(time.time() // 30 * 30 + 15, tz=UTC)


def nl(name, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs or None)


def totp_code(user, at=NOW):
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(at.timestamp()) // 30))


def protected_urls(organisation):
    return [
        "/admin/",
        "/admin/pages/",
        reverse("partners_review_reports:index"),
        reverse("partners_insight:dashboard"),
        nl("partners:dashboard", organisation_slug=organisation.slug),
        nl("partners:members", organisation_slug=organisation.slug),
    ]


def assert_refused_everywhere(client, organisation):
    """No protected page answers; each sends to allauth's login (or 403/404), and the client
    holds no signed-in session afterwards."""
    for url in protected_urls(organisation):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/account/login/" in response["Location"], (url, response["Location"])
    assert "_auth_user_id" not in client.session


@pytest.fixture
def superuser(organisation):
    """Programme staff and organisation admin at once, with an authenticator app."""
    user = StaffUserFactory(email="beheer@goedwerk.example", is_superuser=True)
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.ADMIN)
    activate_totp(user)
    return user


# --- The control: the proper way in works ------------------------------------------------


def test_allauth_login_with_the_second_factor_reaches_everything(
    client, superuser, password, organisation
):
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            nl("account_login"), {"login": superuser.email, "password": password}
        )
        assert response["Location"] == nl("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        assert_refused_everywhere(client, organisation)
        # the refusals above did not end the pending login: the second factor completes it
        response = client.post(nl("mfa_authenticate"), {"code": totp_code(superuser)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)
    for url in protected_urls(organisation):
        assert client.get(url).status_code == 200, url


# --- Sessions without the second factor are refused, however they were made ---------------


@pytest.mark.parametrize("who", ["superuser", "org_admin", "staff"])
def test_session_without_second_factor_is_signed_out_everywhere(client, request, who):
    user = request.getfixturevalue(who)
    organisation = Membership.objects.filter(user=user).first()
    organisation = (
        organisation.organisation if organisation else request.getfixturevalue("organisation")
    )
    for url in protected_urls(organisation):
        force_login_without_second_factor(client, user)
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(nl("account_login")), url
        assert "_auth_user_id" not in client.session, url


def test_reporter_who_chose_mfa_is_held_to_it_too(client, reporter, organisation):
    activate_totp(reporter)
    force_login_without_second_factor(client, reporter)
    response = client.get(nl("partners:dashboard", organisation_slug=organisation.slug))
    assert response["Location"].startswith(nl("account_login"))
    assert "_auth_user_id" not in client.session


def test_reporter_without_mfa_keeps_a_password_session(client, reporter, organisation):
    force_login_without_second_factor(client, reporter)
    url = nl("partners:members", organisation_slug=organisation.slug)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "record,counts",
    [
        ({"method": "mfa", "type": "totp"}, True),
        ({"method": "mfa", "type": "recovery_codes"}, True),
        ({"method": "mfa", "type": "webauthn", "passwordless": True}, True),  # passkey login
        ({"method": "password"}, False),
        ({"method": "password_reset"}, False),
        ({"method": "code"}, False),
        ({"method": "socialaccount", "provider": "eherkenning"}, False),
    ],
)
def test_which_authentication_records_count_as_second_factor(rf, staff, record, counts):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.session = SessionStore()
    request.user = staff
    request.session["account_authentication_methods"] = [{"method": "password"}, record]
    request.session["account_authentication_methods_user"] = str(staff.pk)
    assert session_passed_second_factor(request) is counts
    # records of another user never count
    request.session["account_authentication_methods_user"] = str(staff.pk + 1)
    assert session_passed_second_factor(request) is False


# --- Each door, tried with the right password -------------------------------------------


def test_wagtail_private_page_login_is_allauths_login(client, superuser, password, organisation):
    url = "/nl/_util/login/?next=/nl/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(nl("account_login"))
    assert "next=/nl/" in response["Location"]
    response = client.post(url, {"username": superuser.username, "password": password})
    assert response.status_code == 302
    assert response["Location"].startswith(nl("account_login"))
    assert "_auth_user_id" not in client.session
    assert_refused_everywhere(client, organisation)


def test_login_restricted_page_sends_to_allauth(client):
    root = Site.objects.get(is_default_site=True).root_page
    PageViewRestriction.objects.create(page=root, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(root.url, follow=True)
    assert response.redirect_chain[-1][0].startswith(nl("account_login"))
    assert 'id="id_login"' in response.content.decode()


def test_signed_in_visitor_without_access_to_a_private_page_gets_403_not_a_loop(client, reporter):
    from django.contrib.auth.models import Group

    root = Site.objects.get(is_default_site=True).root_page
    restriction = PageViewRestriction.objects.create(
        page=root, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Alleen intern"))
    client.force_login(reporter)
    response = client.get(root.url, follow=True)
    assert response.status_code == 403


def test_password_protected_page_keeps_its_form_and_signs_nobody_in(client, superuser):
    root = Site.objects.get(is_default_site=True).root_page
    restriction = PageViewRestriction.objects.create(
        page=root, restriction_type=PageViewRestriction.PASSWORD, password="zomer2026"
    )
    response = client.get(root.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    action = nl(
        "wagtailcore_authenticate_with_password",
        page_view_restriction_id=restriction.pk,
        page_id=root.pk,
    )
    response = client.post(action, {"password": "zomer2026", "return_url": root.url})
    assert response.status_code == 302
    assert client.get(root.url).status_code == 200
    assert "_auth_user_id" not in client.session
    # the page password is not an account password either
    response = client.post(action, {"password": superuser.username, "return_url": root.url})
    assert "_auth_user_id" not in client.session


def test_admin_login_form_cannot_be_posted_to(client, superuser, password, organisation):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.username, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(nl("account_login"))
    assert "_auth_user_id" not in client.session
    assert_refused_everywhere(client, organisation)


def test_admin_password_reset_is_allauths_rate_limited_reset(client, superuser, organisation):
    response = client.post("/admin/password_reset/", {"email": superuser.email})
    assert response.status_code == 302
    assert response["Location"] == nl("account_reset_password")
    assert mail.outbox == []
    # a Django reset token (as the admin's form would have mailed) changes nothing
    uid = urlsafe_base64_encode(force_bytes(superuser.pk))
    token = default_token_generator.make_token(superuser)
    confirm = f"/admin/password_reset/confirm/{uid}/{token}/"
    response = client.post(
        confirm, {"new_password1": "N1euw-wachtwoord!", "new_password2": "N1euw-wachtwoord!"}
    )
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert not superuser.check_password("N1euw-wachtwoord!")
    assert_refused_everywhere(client, organisation)


def test_admin_account_page_does_not_manage_passwords_or_addresses(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/account/").content.decode()
    assert 'name="password_new_password1"' not in html
    assert 'name="email-email"' not in html


def test_django_admin_is_not_mounted(client, superuser, password, organisation):
    response = client.post(
        "/django-admin/login/", {"username": superuser.username, "password": password}, follow=True
    )
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session
    assert_refused_everywhere(client, organisation)


def test_login_by_code_is_off(client, superuser, organisation):
    with pytest.raises(NoReverseMatch):
        nl("account_request_login_code")
    response = client.post(nl("account_confirm_login_code"), {"code": "ABC123"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert_refused_everywhere(client, organisation)


def _reset_link(client, email):
    client.post(nl("account_reset_password"), {"email": email})
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/\S*/password/reset/key/\S+/)", body).group(1)


def test_password_reset_link_sets_the_password_but_signs_nobody_in(client, superuser, organisation):
    link = _reset_link(client, superuser.email)
    response = client.get(link, follow=True)
    set_password_url = response.redirect_chain[-1][0]
    new = "Zonnebloem-2026!"
    response = client.post(set_password_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert superuser.check_password(new)
    assert "_auth_user_id" not in client.session
    assert_refused_everywhere(client, organisation)


def test_password_reset_login_if_turned_on_still_asks_for_the_second_factor(
    client, settings, superuser, organisation
):
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
    link = _reset_link(client, superuser.email)
    response = client.get(link, follow=True)
    new = "Zonnebloem-2026!"
    response = client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert response["Location"] == nl("mfa_authenticate")
    assert_refused_everywhere(client, organisation)


def test_email_confirmation_link_signs_nobody_in(client, superuser, password, organisation):
    EmailAddress.objects.filter(user=superuser).update(verified=False)
    response = client.post(nl("account_login"), {"login": superuser.email, "password": password})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^/\s]+(/\S*/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=superuser).verified
    assert "_auth_user_id" not in client.session
    assert_refused_everywhere(client, organisation)


def test_email_confirmation_login_if_turned_on_still_asks_for_the_second_factor(
    client, settings, superuser, password, organisation
):
    settings.ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
    EmailAddress.objects.filter(user=superuser).update(verified=False)
    client.post(nl("account_login"), {"login": superuser.email, "password": password})
    link = re.search(r"https?://[^/\s]+(/\S*/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response["Location"] == nl("mfa_authenticate")
    assert_refused_everywhere(client, organisation)


def test_wrong_totp_code_leaves_no_session(client, superuser, password, organisation):
    client.post(nl("account_login"), {"login": superuser.email, "password": password})
    response = client.post(nl("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert_refused_everywhere(client, organisation)


# --- Setting up the second factor --------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_new_admin_sets_up_totp_and_the_session_then_counts(client, organisation, password):
    """An organisation admin without an authenticator signs in with the password, is sent to
    the setup, and the code they type there makes the session one with a second factor.
    (Transactional: allauth announces the new authenticator after the commit.)"""
    admin = UserFactory()
    MembershipFactory(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    dashboard = nl("partners:members", organisation_slug=organisation.slug)
    client.post(nl("account_login"), {"login": admin.email, "password": password})
    client.post(nl("account_reauthenticate"), {"password": password})
    # everything but the account pages sends to the setup, the public site too
    for url in (dashboard, "/nl/"):
        response = client.get(url)
        assert response["Location"] == nl("mfa_activate_totp"), url
    with time_machine.travel(NOW, tick=False):
        client.get(nl("mfa_activate_totp"))
        from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

        secret = client.session[SECRET_SESSION_KEY]
        code = format_hotp_value(hotp_value(secret, int(NOW.timestamp()) // 30))
        response = client.post(nl("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()
    assert client.get(dashboard).status_code == 200


def test_staff_without_authenticator_cannot_skip_the_setup(client, db):
    user = StaffUserFactory(is_superuser=True)
    force_login_without_second_factor(client, user)
    for url in ("/admin/", reverse("partners_insight:dashboard"), "/nl/"):
        assert client.get(url)["Location"] == nl("mfa_activate_totp"), url
    # the account pages stay reachable, and so does signing out
    assert client.get(nl("mfa_index")).status_code == 200
    assert client.post(nl("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_second_client_with_the_same_password_is_not_let_in_by_the_first(superuser, password):
    """Signing in with the second factor on one device does nothing for another session."""
    first, second = Client(), Client()
    with time_machine.travel(NOW, tick=False):
        first.post(nl("account_login"), {"login": superuser.email, "password": password})
        first.post(nl("mfa_authenticate"), {"code": totp_code(superuser)})
        second.post(nl("account_login"), {"login": superuser.email, "password": password})
    assert first.get("/admin/").status_code == 200
    assert second.get("/admin/").status_code == 302

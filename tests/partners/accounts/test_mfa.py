"""MFA policy: required for organisation admins and staff, optional for reporters."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from partners.factories import MembershipFactory, StaffUserFactory, UserFactory
from partners.models import Membership
from tests.i18n import t_page
from tests.signin import activate_totp, force_login_without_second_factor

pytestmark = pytest.mark.django_db


def members_url(organisation):
    with translation.override("nl"):
        return reverse("partners:members", kwargs={"organisation_slug": organisation.slug})


def test_org_admin_is_sent_to_mfa_setup_until_totp_is_active(client, organisation):
    admin = UserFactory()
    MembershipFactory(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    client.force_login(admin)
    url = members_url(organisation)

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.session["partners_mfa_next"] == url

    activate_totp(admin)
    # an authenticator made elsewhere does not vouch for this password-only session
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(admin)  # signed in again, now with the second factor
    assert client.get(url).status_code == 200


def sign_in(client, user, password):
    """A real sign-in (allauth then knows the user authenticated recently, which the MFA
    setup pages require)."""
    with translation.override("nl"):
        url = reverse("account_login")
    response = client.post(url, {"login": user.email, "password": password})
    assert response.status_code == 302, response.content
    with translation.override("nl"):
        url = reverse("account_reauthenticate")
    response = client.post(url, {"password": password})
    assert response.status_code == 302, response.content


def test_mfa_setup_page_renders_for_the_redirected_admin(client, organisation, password):
    admin = UserFactory()
    MembershipFactory(organisation=organisation, user=admin, role=Membership.Role.ADMIN)
    sign_in(client, admin, password)
    response = client.get(members_url(organisation), follow=True)
    assert response.redirect_chain[-1][0] == "/nl/account/2fa/totp/activate/"
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_code"' in html
    assert (
        t_page(
            response,
            "Your role requires two-factor authentication. "
            "Set up an authenticator app to continue.",
        )
        in html
    )


def test_reporter_does_not_need_mfa(client, reporter, organisation):
    client.force_login(reporter)
    assert client.get(members_url(organisation)).status_code == 200


def test_staff_without_mfa_are_sent_to_setup_in_admin(client, db):
    staff = StaffUserFactory(is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/account/2fa/totp/activate/"
    activate_totp(staff)
    assert client.get("/admin/partners/organisations/")["Location"].startswith("/nl/account/login/")
    client.force_login(staff)
    assert client.get("/admin/partners/organisations/").status_code == 200


def test_editors_of_the_admin_need_mfa_even_without_staff_flag(client, db):
    """The communication team's groups give Wagtail admin access without is_staff."""
    from django.contrib.auth.models import Group

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Redactie"))
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/account/2fa/totp/activate/"
    activate_totp(editor)
    force_login_without_second_factor(client, editor)
    assert client.get("/admin/pages/")["Location"].startswith("/nl/account/login/")
    client.force_login(editor)
    assert client.get("/admin/pages/").status_code == 200


def test_signed_in_partner_gets_403_from_admin_login_instead_of_a_redirect_loop(client, reporter):
    client.force_login(reporter)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403


def test_staff_need_mfa_in_the_portal_too(client, organisation):
    staff = StaffUserFactory()
    MembershipFactory(organisation=organisation, user=staff, role=Membership.Role.REPORTER)
    client.force_login(staff)
    assert client.get(members_url(organisation)).status_code == 302


def test_admin_login_form_is_replaced_by_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert "next=/admin/pages/" in response["Location"]
    # and the unauthenticated admin sends people to allauth's login, not its own form
    response = client.get("/admin/")
    assert "/account/login/" in response["Location"]


def test_admin_cannot_deactivate_their_only_authenticator(client, org_admin):
    client.force_login(org_admin)
    totp = Authenticator.objects.get(user=org_admin, type=Authenticator.Type.TOTP)
    from partners.accounts.adapter import MFAAdapter

    assert MFAAdapter().can_delete_authenticator(totp) is False


def test_reporter_may_deactivate_their_authenticator(reporter):
    activate_totp(reporter)
    totp = Authenticator.objects.get(user=reporter, type=Authenticator.Type.TOTP)
    from partners.accounts.adapter import MFAAdapter

    assert MFAAdapter().can_delete_authenticator(totp) is True


@pytest.mark.parametrize(
    "name",
    ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "usersessions_list"],
)
def test_mfa_and_session_pages_render_in_site_look(client, reporter, name, password):
    sign_in(client, reporter, password)
    with translation.override("pl"):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert 'class="skip-link"' in html
    assert 'aria-label="' in html and "account-nav" in html

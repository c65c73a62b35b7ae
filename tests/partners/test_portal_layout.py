"""The portal's own layout: every portal page and every account page of a signed-in partner has
the portal header (sign-out form, account, password, two-factor and sessions links, portal
navigation) and not the public website's topic menu and search. The organisation switcher shows
only the user's own organisations, and only to people in two or more."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from partners.factories import MembershipFactory, OrganisationFactory
from partners.models import Membership
from tests.signin import activate_totp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ACCOUNT_LINKS = ("account_email", "account_change_password", "mfa_index", "usersessions_list")


def assert_portal_layout(response, status=200):
    assert response.status_code == status, response
    html = response.content.decode()
    logout = reverse("account_logout")
    assert re.search(rf'<form class="portal-logout" method="post" action="{logout}">', html), (
        "sign-out form"
    )
    assert 'name="csrfmiddlewaretoken"' in html
    for name in ACCOUNT_LINKS:
        assert f'href="{reverse(name)}"' in html, name
    # The public website's header is not there: no topic menu, no site search.
    assert 'role="search"' not in html
    assert 'class="search-form"' not in html
    assert 'aria-label="Main menu"' not in html
    # Skip link and landmarks.
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert 'aria-label="Account menu"' in html
    assert 'class="language-switcher"' in html
    return html


@pytest.fixture
def admin_a(org_a):
    user = MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user
    activate_totp(user)
    return user


@pytest.fixture
def admin_client(admin_a):
    client = Client()
    client.force_login(admin_a)
    return client


PORTAL_PAGES = [
    ("partners:dashboard", {}),
    ("partners:report", {"period": True}),
    ("partners:evidence_upload", {"period": True}),
    ("partners:extension_request", {"period": True}),
    ("partners:members", {}),
    ("partners:access_log", {}),
]


@pytest.mark.parametrize("name,options", PORTAL_PAGES)
def test_logout_and_account_links_on_every_portal_page(admin_client, org_a, period, name, options):
    kwargs = {"organisation_slug": org_a.slug}
    if options.get("period"):
        kwargs["period_id"] = period.pk
    html = assert_portal_layout(admin_client.get(reverse(name, kwargs=kwargs)))
    assert org_a.name in html
    # The portal navigation, with the members and access log of an organisation admin.
    nav = re.search(r'<nav class="main-nav portal-nav".*?</nav>', html, re.S).group(0)
    dashboard = reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    assert f'href="{dashboard}"' in nav
    assert f'href="{dashboard}#periods-title"' in nav
    assert f'href="{reverse("partners:members", kwargs={"organisation_slug": org_a.slug})}"' in nav
    assert "Access log" in nav


def test_invite_form_with_errors_has_the_portal_layout(admin_client, org_a):
    url = reverse("partners:invite_member", kwargs={"organisation_slug": org_a.slug})
    # The form comes back with its errors (400 Bad Request), in the portal layout.
    assert_portal_layout(admin_client.post(url, {"email": "not-an-address"}), status=400)


def test_organisation_list_has_the_portal_layout(admin_client, admin_a, org_b):
    MembershipFactory(organisation=org_b, user=admin_a)
    assert_portal_layout(admin_client.get(reverse("partners:index")))


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "mfa_index", "usersessions_list"]
)
def test_account_pages_of_a_signed_in_partner_have_the_portal_layout(admin_client, org_a, name):
    html = assert_portal_layout(admin_client.get(reverse(name)))
    assert org_a.name in html  # the only organisation is shown, with its portal navigation
    assert 'class="main-nav portal-nav"' in html


def test_active_navigation_item(admin_client, org_a, period):
    dashboard = reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    html = admin_client.get(dashboard).content.decode()
    assert f'<a href="{dashboard}" aria-current="page">Dashboard</a>' in html
    members = reverse("partners:members", kwargs={"organisation_slug": org_a.slug})
    html = admin_client.get(members).content.decode()
    assert f'<a href="{members}" aria-current="page">Members</a>' in html
    report = reverse(
        "partners:report", kwargs={"organisation_slug": org_a.slug, "period_id": period.pk}
    )
    html = admin_client.get(report).content.decode()
    assert f'<a href="{dashboard}#periods-title" aria-current="true">Reports</a>' in html


def test_reporters_see_no_admin_navigation(client_a, org_a):
    html = assert_portal_layout(
        client_a.get(reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug}))
    )
    nav = re.search(r'<nav class="main-nav portal-nav".*?</nav>', html, re.S).group(0)
    assert "Dashboard" in nav and "Reports" in nav
    assert "Members" not in nav and "Access log" not in nav


def test_anonymous_sign_in_page_keeps_the_public_look(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="portal-logout"' not in html
    assert 'role="search"' in html


# -- Organisation switcher ---------------------------------------------------------------------


def switcher(html: str) -> str | None:
    pattern = r'<details class="portal-menu portal-org__switcher">.*?</details>'
    match = re.search(pattern, html, re.S)
    return match.group(0) if match else None


def test_no_switcher_with_one_organisation(client_a, org_a, org_b):
    html = client_a.get(
        reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    ).content.decode()
    assert switcher(html) is None
    assert org_b.name not in html


def test_switcher_lists_only_the_users_other_organisations(client_a, member_a, org_a, org_b):
    org_c = OrganisationFactory(name="Charlie Personeel B.V.", slug="charlie")
    OrganisationFactory(name="Delta Flex B.V.", slug="delta")  # not a member
    MembershipFactory(organisation=org_b, user=member_a)
    MembershipFactory(organisation=org_c, user=member_a)
    html = client_a.get(
        reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    ).content.decode()
    menu = switcher(html)
    assert menu is not None
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', menu)
    assert links == [
        (reverse("partners:dashboard", kwargs={"organisation_slug": "bravo"}), org_b.name),
        (reverse("partners:dashboard", kwargs={"organisation_slug": "charlie"}), org_c.name),
    ]
    assert "Delta Flex" not in html
    assert '<p class="portal-org__current">' in html and org_a.name in html


def test_switcher_on_account_pages_lists_all_the_users_organisations(client_a, member_a, org_b):
    MembershipFactory(organisation=org_b, user=member_a)
    menu = switcher(client_a.get(reverse("account_email")).content.decode())
    assert menu is not None
    assert "Alfa Uitzend" in menu and "Bravo Werk" in menu


# -- Before the second factor ------------------------------------------------------------------


@pytest.mark.parametrize("role", [Membership.Role.REPORTER, Membership.Role.ADMIN])
@pytest.mark.parametrize("name", (*ACCOUNT_LINKS, "account_logout"))
def test_account_pages_work_without_a_second_factor(org_a, role, name):
    """A reporter without an authenticator (optional for them), and an organisation admin who
    still has to set one up, both reach the account, password, two-factor, sessions and
    sign-out pages, and those pages show the way to all of them."""
    user = MembershipFactory(organisation=org_a, role=role).user
    client = Client()
    client.force_login(user)
    assert_portal_layout(client.get(reverse(name)))


@pytest.mark.parametrize("role", [Membership.Role.REPORTER, Membership.Role.ADMIN])
def test_two_factor_setup_is_reachable_without_a_second_factor(org_a, role):
    user = MembershipFactory(organisation=org_a, role=role).user
    client = Client()
    client.force_login(user)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    final = response.redirect_chain[-1][0] if response.redirect_chain else ""
    # allauth may ask for the password again first; never the portal or the login page.
    assert final == "" or final.startswith(reverse("account_reauthenticate")), final
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Membership.Role.REPORTER, Membership.Role.ADMIN])
def test_sign_out_without_a_second_factor(org_a, role):
    user = MembershipFactory(organisation=org_a, role=role).user
    client = Client()
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_admin_without_second_factor_is_still_sent_to_set_it_up(org_a):
    user = MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user
    client = Client()
    client.force_login(user)
    response = client.get(reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

"""Invitations: staff invite from the admin, the invitee signs up through the link, the link
works once; expired and withdrawn links are refused; organisation admins invite colleagues from
the portal, reporters cannot; other organisations answer 404."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from partners.factories import InvitationFactory, MembershipFactory, UserFactory
from partners.models import Invitation, Membership
from tests.i18n import t_page
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Rotterdam-Haven-2026!"


def invitation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/[a-z]{2}/portaal/uitnodiging/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def sign_up(client, link, password=NEW_PASSWORD):
    return client.post(link, {"password1": password, "password2": password})


def members_url(organisation):
    with translation.override("nl"):
        return reverse("partners:members", kwargs={"organisation_slug": organisation.slug})


def test_staff_invite_from_admin_then_signup_through_link(client, staff, organisation):
    client.force_login(staff)
    admin_url = reverse("partners_organisations:members", args=[organisation.pk])
    response = client.get(admin_url)
    assert response.status_code == 200
    assert t_page(response, "Send invitation") in response.content.decode()

    response = client.post(
        admin_url, {"email": "New.Person@Tempo-Team.example", "role": "admin", "language": "pl"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.email == "new.person@tempo-team.example"
    assert invitation.invited_by == staff
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@tempo-team.example"]
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    link = invitation_link(message)
    assert link.startswith("/pl/portaal/uitnodiging/")
    assert link in message.alternatives[0][0]

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.fields["email"].disabled
    assert form["email"].value() == "new.person@tempo-team.example"

    # Trying to sign up under another address changes nothing: the address is fixed.
    response = client.post(
        link,
        {"email": "someone@else.example", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.person@tempo-team.example")
    assert not get_user_model().objects.filter(email="someone@else.example").exists()
    assert EmailAddress.objects.get(user=user).verified  # the link proved the address
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.role == Membership.Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at
    # An admin must set up MFA before anything else.
    assert response["Location"] == reverse("mfa_activate_totp")
    assert int(client.session["_auth_user_id"]) == user.pk
    setup = client.get(response["Location"])
    assert setup.status_code == 200  # no second password prompt right after sign-up
    assert 'id="id_code"' in setup.content.decode()

    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert t_page(again, "This invitation link cannot be used") in again.content.decode()
    assert sign_up(client, link).status_code == 410


def test_reporter_signup_goes_to_dashboard_not_mfa(client, organisation):
    invitation = InvitationFactory(organisation=organisation, role=Membership.Role.REPORTER)
    link = reverse("partners:invitation", kwargs={"token": invitation.token})
    response = sign_up(client, link)
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_activate_totp")
    assert Membership.objects.get(organisation=organisation).role == Membership.Role.REPORTER


def test_expired_link_is_refused(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    link = reverse("partners:invitation", kwargs={"token": invitation.token})
    with time_machine.travel(timezone.now() + Invitation.VALIDITY + timedelta(minutes=1)):
        response = client.get(link)
        assert response.status_code == 410
        assert sign_up(client, link).status_code == 410
    assert not Membership.objects.exists()


def test_revoked_link_is_refused(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    invitation.revoke()
    link = reverse("partners:invitation", kwargs={"token": invitation.token})
    assert client.get(link).status_code == 410
    assert sign_up(client, link).status_code == 410
    assert not get_user_model().objects.filter(email=invitation.email).exists()


def test_unknown_token_gets_the_same_page(client, db):
    response = client.get(reverse("partners:invitation", kwargs={"token": "not-a-token"}))
    assert response.status_code == 410


def test_existing_user_accepts_after_login(client, organisation, other_organisation):
    user = UserFactory(email="planner@example.org")
    MembershipFactory(user=user, organisation=other_organisation)
    invitation = InvitationFactory(organisation=organisation, email="planner@example.org")
    link = reverse("partners:invitation", kwargs={"token": invitation.token})
    client.force_login(user)
    page = client.get(link)
    assert page.status_code == 200
    assert not Membership.objects.filter(user=user, organisation=organisation).exists()
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, organisation=organisation).exists()
    assert client.post(link).status_code == 410


def test_logged_in_with_another_address_cannot_accept(client, organisation, reporter):
    invitation = InvitationFactory(organisation=organisation, email="someone@else.example")
    link = reverse("partners:invitation", kwargs={"token": invitation.token})
    client.force_login(reporter)
    assert client.post(link).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_open_signup_is_closed(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert t_page(response, "Accounts by invitation only") in response.content.decode()
    client.post(
        reverse("account_signup"),
        {"email": "walk-in@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert not get_user_model().objects.filter(email="walk-in@example.org").exists()


def test_visiting_an_invitation_does_not_open_the_general_signup(client, organisation):
    invitation = InvitationFactory(organisation=organisation)
    client.get(reverse("partners:invitation", kwargs={"token": invitation.token}))
    client.post(
        reverse("account_signup"),
        {"email": "walk-in@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert not get_user_model().objects.filter(email="walk-in@example.org").exists()


def test_org_admin_invites_colleague_from_portal(client, org_admin, organisation):
    client.force_login(org_admin)
    page = client.get(members_url(organisation))
    assert page.status_code == 200
    assert t_page(page, "Invite a colleague") in page.content.decode()
    with translation.override("nl"):
        url = reverse("partners:invite_member", kwargs={"organisation_slug": organisation.slug})
    response = client.post(
        url, {"email": "collega@tempo-team.example", "role": "reporter", "language": "nl"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="collega@tempo-team.example")
    assert invitation.organisation == organisation and invitation.invited_by == org_admin
    assert invitation_link(mail.outbox[0]).startswith("/nl/portaal/uitnodiging/")

    # Withdraw it again: the link stops working.
    with translation.override("nl"):
        revoke = reverse(
            "partners:revoke_invitation",
            kwargs={"organisation_slug": organisation.slug, "pk": invitation.pk},
        )
    assert client.post(revoke).status_code == 302
    invitation.refresh_from_db()
    assert not invitation.is_usable


def test_invalid_invite_keeps_input_and_explains(client, org_admin, organisation):
    client.force_login(org_admin)
    with translation.override("nl"):
        url = reverse("partners:invite_member", kwargs={"organisation_slug": organisation.slug})
    response = client.post(url, {"email": "not-an-address", "role": "admin", "language": "nl"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'class="utrecht-alert utrecht-alert--error error-summary"' in html
    assert not Invitation.objects.exists()


def test_reporter_sees_members_but_cannot_invite(client, reporter, org_admin, organisation):
    client.force_login(reporter)
    page = client.get(members_url(organisation))
    assert page.status_code == 200
    html = page.content.decode()
    assert org_admin.email in html
    assert "Invite a colleague" not in html
    with translation.override("nl"):
        url = reverse("partners:invite_member", kwargs={"organisation_slug": organisation.slug})
    response = client.post(url, {"email": "x@example.org", "role": "admin", "language": "nl"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_other_organisations_members_and_invites_are_404(
    client, org_admin, organisation, other_organisation
):
    invitation = InvitationFactory(organisation=other_organisation)
    client.force_login(org_admin)
    assert client.get(members_url(other_organisation)).status_code == 404
    with translation.override("nl"):
        invite = reverse(
            "partners:invite_member", kwargs={"organisation_slug": other_organisation.slug}
        )
        revoke_other = reverse(
            "partners:revoke_invitation",
            kwargs={"organisation_slug": organisation.slug, "pk": invitation.pk},
        )
    response = client.post(invite, {"email": "x@example.org", "role": "admin", "language": "nl"})
    assert response.status_code == 404
    # Another organisation's invitation under one's own slug: also 404, and it stays usable.
    assert client.post(revoke_other).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_members_page_queries_do_not_grow(
    client, org_admin, organisation, django_assert_max_num_queries
):
    client.force_login(org_admin)
    url = members_url(organisation)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(15):
        MembershipFactory(organisation=organisation)
        InvitationFactory(organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_staff_without_permission_cannot_invite(client, organisation):
    from django.contrib.auth.models import Group, Permission

    editor = UserFactory(email="editor@gemeente-rotterdam.example", is_staff=True)
    activate_totp(editor)
    group = Group.objects.create(name="Editors only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    url = reverse("partners_organisations:members", args=[organisation.pk])
    response = client.post(url, {"email": "x@example.org", "role": "admin", "language": "nl"})
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()

"""Member management: organisation admins (portal) and staff (Wagtail admin) change roles, remove
members (who lose access at once), resend and withdraw invitations; the last admin is protected;
everything is audited; other organisations, reporters and staff without the permission get
nothing."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from partners import audit
from partners.accounts import members as member_service
from partners.factories import (
    InvitationFactory,
    MembershipFactory,
    ReportFactory,
    UserFactory,
)
from partners.models import Invitation, Membership
from tests.signin import activate_totp

pytestmark = pytest.mark.django_db


def portal(name, organisation, **kwargs):
    with translation.override("nl"):
        return reverse(
            f"partners:{name}", kwargs={"organisation_slug": organisation.slug, **kwargs}
        )


def admin_url(name, organisation, *args):
    return reverse(f"partners_organisations:{name}", args=[organisation.pk, *args])


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


@pytest.fixture
def reporter_membership(reporter, organisation):
    return Membership.objects.get(user=reporter, organisation=organisation)


@pytest.fixture
def admin_membership(org_admin, organisation):
    return Membership.objects.get(user=org_admin, organisation=organisation)


# --- Portal: roles -----------------------------------------------------------------------------


def test_admin_promotes_and_demotes_a_member_audited(
    client, org_admin, organisation, reporter_membership
):
    client.force_login(org_admin)
    url = portal("change_member_role", organisation, pk=reporter_membership.pk)
    page = client.get(portal("members", organisation)).content.decode()
    assert url in page and f'id="role-{reporter_membership.pk}"' in page
    assert client.get(url).status_code == 405  # changes are POST only
    response = client.post(url, {"role": "admin"})
    assert response.status_code == 302
    reporter_membership.refresh_from_db()
    assert reporter_membership.role == Membership.Role.ADMIN
    entry = entries(audit.MEMBERSHIP_ROLE_CHANGE).get()
    assert entry.user == org_admin
    assert entry.data == {
        "organisation": organisation.pk,
        "member": reporter_membership.user_id,
        "from": "reporter",
        "to": "admin",
    }
    # Now there are two admins: the first may step down.
    admin = Membership.objects.get(user=org_admin)
    client.post(portal("change_member_role", organisation, pk=admin.pk), {"role": "reporter"})
    admin.refresh_from_db()
    assert admin.role == Membership.Role.REPORTER
    assert entries(audit.MEMBERSHIP_ROLE_CHANGE).count() == 2


def test_unknown_role_and_control_characters_are_refused(
    client, org_admin, organisation, reporter_membership
):
    client.force_login(org_admin)
    url = portal("change_member_role", organisation, pk=reporter_membership.pk)
    for role in ("owner", "admin\x07", ""):
        response = client.post(url, {"role": role})
        assert response.status_code == 302
        with translation.override("nl"):  # the portal page's language
            assert flashed(response)[-1] == translation.gettext("Choose one of the roles offered.")
        assert flashed(response)[-1] == "Kies een van de aangeboden rollen."
    reporter_membership.refresh_from_db()
    assert reporter_membership.role == Membership.Role.REPORTER
    assert not entries(audit.MEMBERSHIP_ROLE_CHANGE).exists()


def test_the_last_admin_cannot_be_demoted_or_removed(client, org_admin, organisation, reporter):
    admin = Membership.objects.get(user=org_admin)
    client.force_login(org_admin)
    html = client.get(portal("members", organisation)).content.decode()
    assert portal("remove_member", organisation, pk=admin.pk) not in html  # no button offered
    response = client.post(
        portal("change_member_role", organisation, pk=admin.pk), {"role": "reporter"}
    )
    assert str(member_service.LastAdmin.message) in flashed(response)
    confirm = client.get(portal("remove_member", organisation, pk=admin.pk))
    assert confirm.status_code == 200 and 'name="confirm"' not in confirm.content.decode()
    response = client.post(portal("remove_member", organisation, pk=admin.pk), {"confirm": "yes"})
    assert str(member_service.LastAdmin.message) in flashed(response)
    admin.refresh_from_db()
    assert admin.role == Membership.Role.ADMIN
    assert not entries(audit.MEMBERSHIP_REMOVE).exists()
    assert not entries(audit.MEMBERSHIP_ROLE_CHANGE).exists()


def test_the_service_refuses_the_last_admin_whatever_the_caller(organisation, org_admin, staff):
    admin = Membership.objects.get(user=org_admin)
    with pytest.raises(member_service.LastAdmin):
        member_service.change_role(organisation, admin.pk, "reporter", by=staff, as_staff=True)
    with pytest.raises(member_service.LastAdmin):
        member_service.remove(organisation, admin.pk, by=org_admin)


# --- Portal: removal ---------------------------------------------------------------------------


def test_removal_asks_first_then_access_is_lost_at_once(
    client, org_admin, organisation, reporter, reporter_membership
):
    report = ReportFactory(organisation=organisation)
    report.updated_by = reporter
    report.save(update_fields=["updated_by"])
    log(report, audit.REPORT_SAVE_DRAFT, user=reporter)
    theirs = Client()
    theirs.force_login(reporter)
    assert theirs.get(portal("members", organisation)).status_code == 200

    client.force_login(org_admin)
    url = portal("remove_member", organisation, pk=reporter_membership.pk)
    confirm = client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert reporter.email in html and 'name="confirm" value="yes"' in html
    # A POST without the confirmation only shows the question again.
    assert client.post(url).status_code == 200
    assert Membership.objects.filter(pk=reporter_membership.pk).exists()

    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == portal("members", organisation)
    assert not Membership.objects.filter(pk=reporter_membership.pk).exists()

    # Their very next request: 404, with the session they already had.
    assert theirs.get(portal("members", organisation)).status_code == 404
    # What they did stays theirs.
    report.refresh_from_db()
    assert report.updated_by == reporter
    assert ModelLogEntry.objects.filter(action=audit.REPORT_SAVE_DRAFT, user=reporter).exists()
    entry = entries(audit.MEMBERSHIP_REMOVE).get()
    assert entry.user == org_admin
    assert entry.data["member"] == reporter.pk and entry.data["role"] == "reporter"


def test_an_admin_may_leave_when_another_admin_remains(client, org_admin, organisation):
    MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)
    own = Membership.objects.get(user=org_admin)
    client.force_login(org_admin)
    response = client.post(portal("remove_member", organisation, pk=own.pk), {"confirm": "yes"})
    assert response.status_code == 302
    assert portal("members", organisation) != response["Location"]
    assert client.get(portal("members", organisation)).status_code == 404


# --- Portal: invitations -----------------------------------------------------------------------


def test_resend_gives_a_new_link_and_validity_audited(
    client, org_admin, organisation, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organisation=organisation, invited_by=org_admin)
    old_token = invitation.token
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(org_admin)
    html = client.get(portal("members", organisation)).content.decode()
    url = portal("resend_invitation", organisation, pk=invitation.pk)
    assert url in html  # an expired invitation can be sent again
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.is_usable and invitation.expires_at > timezone.now() + timedelta(days=6)
    assert Invitation.find(old_token) is None  # the old link stops working
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [invitation.email]
    new_link = mail.outbox[0].body
    assert "/portaal/uitnodiging/" in new_link and old_token not in new_link
    entry = entries(audit.INVITATION_RESEND).get()
    assert entry.user == org_admin and entry.data["organisation"] == organisation.pk


def test_used_or_withdrawn_invitations_are_not_resent(client, org_admin, organisation):
    invitation = InvitationFactory(organisation=organisation)
    invitation.revoke()
    client.force_login(org_admin)
    response = client.post(portal("resend_invitation", organisation, pk=invitation.pk))
    assert flashed(response) == [str(member_service.NotPending.message)]
    assert mail.outbox == []


def test_resend_shares_the_invitation_rate_limit(
    client, org_admin, organisation, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "invite_member": "2/h/user"}
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(org_admin)
    url = portal("resend_invitation", organisation, pk=invitation.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert [client.post(url).status_code for _ in range(3)] == [302, 302, 429]
    assert len(mail.outbox) == 2


def test_withdraw_is_audited_with_who_did_it(client, org_admin, organisation):
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(org_admin)
    response = client.post(portal("revoke_invitation", organisation, pk=invitation.pk))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert not invitation.is_usable
    assert entries(audit.INVITATION_REVOKE).get().user == org_admin


# --- Portal: who may not -----------------------------------------------------------------------


def _every_change(organisation, membership_pk, invitation_pk):
    return [
        ("post", portal("change_member_role", organisation, pk=membership_pk), {"role": "admin"}),
        ("get", portal("remove_member", organisation, pk=membership_pk), {}),
        ("post", portal("remove_member", organisation, pk=membership_pk), {"confirm": "yes"}),
        ("post", portal("resend_invitation", organisation, pk=invitation_pk), {}),
        ("post", portal("revoke_invitation", organisation, pk=invitation_pk), {}),
    ]


def _assert_nothing_changed(membership, invitation):
    membership.refresh_from_db()
    invitation.refresh_from_db()
    assert membership.role == Membership.Role.REPORTER
    assert invitation.is_usable
    assert mail.outbox == []
    assert not ModelLogEntry.objects.filter(
        action__in=[
            audit.MEMBERSHIP_ROLE_CHANGE,
            audit.MEMBERSHIP_REMOVE,
            audit.INVITATION_RESEND,
            audit.INVITATION_REVOKE,
        ]
    ).exists()


def test_reporters_get_404_for_every_change(client, reporter, organisation, reporter_membership):
    colleague = MembershipFactory(organisation=organisation)
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(reporter)
    html = client.get(portal("members", organisation)).content.decode()
    assert "change_role" not in html and "verwijderen" not in html
    for method, url, data in _every_change(organisation, colleague.pk, invitation.pk):
        assert getattr(client, method)(url, data).status_code == 404, url
    _assert_nothing_changed(colleague, invitation)


def test_admins_of_another_organisation_get_404(client, organisation, other_organisation):
    outsider = UserFactory(email="admin@vebego-zorg.example")
    MembershipFactory(organisation=other_organisation, user=outsider, role=Membership.Role.ADMIN)
    activate_totp(outsider)
    member = MembershipFactory(organisation=organisation)
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(outsider)
    # Under the other organisation's slug: not a member there.
    for method, url, data in _every_change(organisation, member.pk, invitation.pk):
        assert getattr(client, method)(url, data).status_code == 404, url
    # Under their own slug, with the ids of this organisation's member and invitation.
    for method, url, data in _every_change(other_organisation, member.pk, invitation.pk):
        assert getattr(client, method)(url, data).status_code == 404, url
    _assert_nothing_changed(member, invitation)


def test_members_page_with_management_does_not_grow_queries(
    client, org_admin, organisation, django_assert_max_num_queries
):
    client.force_login(org_admin)
    url = portal("members", organisation)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for number in range(15):
        role = Membership.Role.ADMIN if number % 3 else Membership.Role.REPORTER
        MembershipFactory(organisation=organisation, role=role)
        InvitationFactory(organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count('name="role"') >= 16


# --- Wagtail admin -----------------------------------------------------------------------------


def test_staff_change_roles_remove_resend_and_withdraw(
    client, staff, organisation, org_admin, reporter_membership, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(staff)
    url = admin_url("members", organisation)
    html = client.get(url).content.decode()
    remove = admin_url("remove_member", organisation, reporter_membership.pk)
    assert remove in html and 'name="change_role"' in html and 'name="resend"' in html

    response = client.post(url, {"change_role": reporter_membership.pk, "role": "admin"})
    assert response.status_code == 302
    reporter_membership.refresh_from_db()
    assert reporter_membership.is_admin
    assert entries(audit.MEMBERSHIP_ROLE_CHANGE).get().user == staff

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"resend": invitation.pk}).status_code == 302
    assert len(mail.outbox) == 1 and entries(audit.INVITATION_RESEND).get().user == staff
    assert client.post(url, {"revoke": invitation.pk}).status_code == 302
    assert entries(audit.INVITATION_REVOKE).get().user == staff

    confirm = client.get(remove)
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.content.decode()
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not Membership.objects.filter(pk=reporter_membership.pk).exists()
    assert entries(audit.MEMBERSHIP_REMOVE).get().user == staff

    # Now org_admin is the only admin again: staff cannot take them out either.
    admin = Membership.objects.get(user=org_admin)
    response = client.post(url, {"change_role": admin.pk, "role": "reporter"})
    assert str(member_service.LastAdmin.message) in flashed(response)
    response = client.post(admin_url("remove_member", organisation, admin.pk), {"confirm": "yes"})
    assert str(member_service.LastAdmin.message) in flashed(response)
    assert Membership.objects.get(pk=admin.pk).is_admin


def test_staff_cannot_touch_another_organisations_member(
    client, staff, organisation, other_organisation, reporter_membership
):
    client.force_login(staff)
    url = admin_url("members", other_organisation)
    response = client.post(url, {"change_role": reporter_membership.pk, "role": "admin"})
    assert response.status_code in (302, 403)
    remove = admin_url("remove_member", other_organisation, reporter_membership.pk)
    assert client.post(remove, {"confirm": "yes"}).status_code in (302, 403)
    reporter_membership.refresh_from_db()
    assert reporter_membership.role == Membership.Role.REPORTER


def test_staff_without_the_member_permissions_are_refused(
    client, organisation, reporter_membership
):
    """ "Change organisation" shows the page; changing and removing members need more."""
    editor = UserFactory(email="editor@gemeente-rotterdam.example", is_staff=True)
    activate_totp(editor)
    group = Group.objects.create(name="Organisations only")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_organisation"),
    )
    editor.groups.add(group)
    invitation = InvitationFactory(organisation=organisation)
    client.force_login(editor)
    url = admin_url("members", organisation)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="change_role"' not in html and 'name="resend"' not in html
    remove = admin_url("remove_member", organisation, reporter_membership.pk)
    for response in (
        client.post(url, {"change_role": reporter_membership.pk, "role": "admin"}),
        client.post(url, {"resend": invitation.pk}),
        client.post(url, {"revoke": invitation.pk}),
        client.get(remove),
        client.post(remove, {"confirm": "yes"}),
    ):
        assert response.status_code in (302, 403)
        assert not flashed(response) or not any("now" in m for m in flashed(response))
    _assert_nothing_changed(reporter_membership, invitation)


def test_admin_members_view_does_not_grow_queries(
    client, staff, organisation, django_assert_max_num_queries
):
    client.force_login(staff)
    url = admin_url("members", organisation)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(12):
        MembershipFactory(organisation=organisation)
        InvitationFactory(organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- Two admins at once ------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite serialises whole transactions",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin(organisation):
    for round_number in range(8):
        first = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)
        second = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)
        barrier = threading.Barrier(2)
        outcomes = [None, None]

        def demote(index, actor, target, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                member_service.change_role(organisation, target.pk, "reporter", by=actor.user)
            except Exception as error:
                outcomes[index] = error
            finally:
                connection.close()

        threads = [
            threading.Thread(target=demote, args=(0, first, second)),
            threading.Thread(target=demote, args=(1, second, first)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        admins = Membership.objects.filter(organisation=organisation, role="admin").count()
        assert admins == 1, (round_number, outcomes)
        assert sum(o is None for o in outcomes) == 1, outcomes
        assert all(
            o is None or isinstance(o, member_service.LastAdmin | member_service.NotAllowed)
            for o in outcomes
        ), outcomes
        Membership.objects.filter(organisation=organisation).delete()

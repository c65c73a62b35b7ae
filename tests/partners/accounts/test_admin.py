"""The Organisation viewset in the Wagtail admin."""

import pytest
from django.urls import reverse

from partners.factories import MembershipFactory, OrganisationFactory
from tests.i18n import t_page

pytestmark = pytest.mark.django_db


def test_index_lists_search_and_filter(client, staff, organisation, other_organisation):
    MembershipFactory(organisation=organisation)
    client.force_login(staff)
    url = reverse("partners_organisations:index")
    html = client.get(url).content.decode()
    assert "Tempo-Team" in html and "Vebego Zorg" in html
    html = client.get(url, {"q": "Vebego"}).content.decode()
    assert "Vebego Zorg" in html and "Tempo-Team" not in html
    OrganisationFactory(name="Gemeente Schiedam", kind="municipality")
    html = client.get(url, {"kind": "municipality"}).content.decode()
    assert "Gemeente Schiedam" in html and "Tempo-Team" not in html


def test_index_queries_do_not_grow(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    OrganisationFactory()
    url = reverse("partners_organisations:index")
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(12):
        MembershipFactory(organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_edit_validates_kvk_number(client, staff, organisation):
    client.force_login(staff)
    url = reverse("partners_organisations:edit", args=[organisation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("partners_organisations:members", args=[organisation.pk]) in (
        page.content.decode()
    )
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "kvk_number": "1234",
        "website": "",
        "joined_covenant_on": "2024-06-27",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert t_page(response, "A KvK number has exactly 8 digits.") in response.content.decode()
    data["kvk_number"] = "12345678"
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.kvk_number == "12345678"


def test_members_view_withdraws_invitations(client, staff, organisation):
    from partners.factories import InvitationFactory

    invitation = InvitationFactory(organisation=organisation)
    client.force_login(staff)
    url = reverse("partners_organisations:members", args=[organisation.pk])
    assert invitation.email in client.get(url).content.decode()
    assert client.post(url, {"revoke": invitation.pk}).status_code == 302
    invitation.refresh_from_db()
    assert not invitation.is_usable


def test_admin_invitations_are_limited_per_staff_member(client, staff, organisation, settings):
    """Each invitation sends an e-mail, so the admin's form has the portal's per-user limit."""
    from django.core import mail

    from partners.models import Invitation

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "invite_member": "2/h/user"}
    client.force_login(staff)
    url = reverse("partners_organisations:members", args=[organisation.pk])
    for number in range(2):
        data = {"email": f"hr{number}@tempo-team.example", "role": "reporter", "language": "nl"}
        assert client.post(url, data).status_code == 302
    data = {"email": "hr9@tempo-team.example", "role": "reporter", "language": "nl"}
    assert client.post(url, data).status_code == 429
    assert len(mail.outbox) == 2
    assert not Invitation.objects.filter(email="hr9@tempo-team.example").exists()

"""The demo accounts: idempotent, verified, usable with the given password."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from partners import demo_accounts
from partners.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_idempotent_and_can_sign_in(client):
    demo_accounts.load(stdout=io.StringIO(), password="first-pass-123")
    demo_accounts.load(stdout=io.StringIO(), password="demo-pass-456")
    demo_slugs = [slug for slug, *_rest in demo_accounts.ORGANISATIONS]
    assert Organisation.objects.filter(slug__in=demo_slugs).count() == 6
    assert Membership.objects.filter(organisation__slug__in=demo_slugs).count() == 12
    assert get_user_model().objects.count() == 13
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 13
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert {"tempo-team", "vebego-zorg", "network-people", "people-21"} <= slugs
    tempo = Organisation.objects.get(slug="tempo-team")
    assert len(tempo.kvk_number) == 8 and str(tempo.joined_covenant_on) == "2024-06-27"
    staff = get_user_model().objects.get(email=demo_accounts.STAFF_EMAIL)
    assert staff.is_staff

    response = client.post(
        "/nl/account/login/", {"login": "rapporteur@people-21.example", "password": "demo-pass-456"}
    )
    assert response.status_code == 302
    emails = [email for _description, email in demo_accounts.logins()]
    assert "admin@gemeente-rotterdam.example" in emails

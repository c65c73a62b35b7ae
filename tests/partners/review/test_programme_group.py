"""The "Programmateam" group made by a migration gives programme staff what they need."""

import pytest
from django.contrib.auth.models import Group

from partners.factories import StaffUserFactory
from tests.signin import activate_totp

from .conftest import review_url

pytestmark = pytest.mark.django_db


def test_programme_team_member_reviews_reports_and_reads_the_insight(client, submitted):
    user = StaffUserFactory(email="programma@rotterdam.example")
    user.groups.add(Group.objects.get(name="Programmateam"))
    activate_totp(user)
    client.force_login(user)

    assert client.get("/admin/partners/reports/").status_code == 200
    assert client.get(review_url(submitted)).status_code == 200
    assert client.get("/admin/insight/").status_code == 200
    assert client.get("/admin/partners/organisations/").status_code == 200


def test_staff_outside_the_group_cannot_review(client, submitted):
    user = StaffUserFactory(email="iemand@rotterdam.example")
    activate_totp(user)
    client.force_login(user)

    assert client.get(review_url(submitted)).status_code in (302, 403)

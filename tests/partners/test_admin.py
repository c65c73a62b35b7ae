"""Staff edit the covenant in the Wagtail admin: the snippet screens load and validate."""

import pytest
from django.test import Client
from django.urls import reverse

from partners.factories import StaffUserFactory
from partners.models import ReportingPeriod
from tests.i18n import t_page
from tests.signin import activate_totp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MODELS = ["covenant", "commitment", "indicator", "reportingperiod"]


@pytest.fixture
def admin_client(db):
    user = StaffUserFactory(is_superuser=True)
    activate_totp(user)  # staff reach the admin only with MFA
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_listing_and_add_screens_load(admin_client, covenant, period, model):
    for view in ("list", "add"):
        url = reverse(f"wagtailsnippets_partners_{model}:{view}")
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_indicator_edit_screen_shows_the_rules(admin_client, covenant):
    url = reverse("wagtailsnippets_partners_indicator:edit", args=[covenant.registered.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="part_of"' in html
    assert 'name="choice_codes"' in html


def test_period_with_end_before_start_is_refused(admin_client, covenant):
    url = reverse("wagtailsnippets_partners_reportingperiod:add")
    response = admin_client.post(
        url,
        {
            "covenant": covenant.covenant.pk,
            "name": "2027 H1",
            "starts_on": "2027-06-30",
            "ends_on": "2027-01-01",
            "opens_on": "2027-06-01",
            "deadline": "2027-08-15",
        },
    )
    assert response.status_code == 200
    assert t_page(response, "The period cannot end before it starts.") in response.content.decode()
    assert not ReportingPeriod.objects.filter(name="2027 H1").exists()

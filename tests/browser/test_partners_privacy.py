"""The portal page "Who viewed our reports" passes axe-core (and logs no policy violation)."""

import pytest
from django.test import Client
from wagtail.log_actions import log
from wagtail.models import Locale

from partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
    StaffUserFactory,
)
from partners.models import Membership
from partners.privacy.access_log import REPORT_VIEWED
from tests.signin import activate_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_who_viewed_our_reports_is_accessible(live_server, page, assert_accessible, language):
    Locale.objects.get_or_create(language_code="nl")
    organisation = OrganisationFactory(name="Tempo-Team", slug="tempo-team")
    admin = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN).user
    activate_totp(admin)
    staff = StaffUserFactory(first_name="Rita", last_name="Reviewer")
    report = ReportFactory(organisation=organisation, period=ReportingPeriodFactory(name="2026 H1"))
    log(report, REPORT_VIEWED, user=staff)
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/{language}/portaal/tempo-team/inzage/")
    assert page.locator("html").get_attribute("lang") == language
    assert "Rita Reviewer" in page.locator("table").inner_text()
    assert_accessible(page)

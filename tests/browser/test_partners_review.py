"""The partner's deadline-extension page in a real browser, checked by axe-core, in Dutch and
Polish: the empty form, the error state (input kept) and the request sent with the keyboard."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale

from partners.factories import (
    CommitmentFactory,
    CovenantFactory,
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ReportingPeriodFactory,
)
from partners.reporting.models import DeadlineExtension, SentReminder
from tests.signin import activate_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(transactional_db):
    cache.clear()
    Locale.objects.get_or_create(language_code="nl")
    covenant = CovenantFactory(title="Coalitie Goed Werkgeverschap")
    brp = CommitmentFactory(covenant=covenant, title="Inschrijving in de BRP", code="brp")
    IndicatorFactory(commitment=brp, code="workers", label="Arbeidsmigranten in dienst")
    period = ReportingPeriodFactory(covenant=covenant, name="2026 H2")
    organisation = OrganisationFactory(name="Tempo-Team", slug="tempo-team")
    user = MembershipFactory(organisation=organisation).user
    return {"period": period, "user": user}


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("language", ["nl", "pl"])
def test_extension_request_page(live_server, page, assert_accessible, setup, language):
    period = setup["period"]
    sign_in(page, live_server, setup["user"])
    url = f"{live_server.url}/{language}/portaal/tempo-team/rapportages/{period.pk}/uitstel/"
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    # A date before the current deadline and no reason: errors tied to the fields.
    page.fill("#id_requested_until", "2001-01-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true"
    assert page.input_value("#id_requested_until") == "2001-01-01"
    assert_accessible(page)

    # Fixed with the keyboard only and sent.
    page.locator(".error-summary a").first.focus()
    page.keyboard.press("Enter")
    until = period.deadline + timedelta(days=21)
    page.fill("#id_requested_until", until.isoformat())
    page.locator("#id_reason").focus()
    page.keyboard.type("Onze salarisadministratie is overgestapt.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/portaal/tempo-team/rapportages/{period.pk}/")
    extension = DeadlineExtension.objects.get()
    assert extension.requested_until == until
    assert extension.reason == "Onze salarisadministratie is overgestapt."


@pytest.fixture
def reviewer(transactional_db):
    from django.contrib.auth.models import Group, Permission
    from wagtail.users.models import UserProfile

    from partners.factories import StaffUserFactory

    user = StaffUserFactory(email="reviewer@rotterdam.example", first_name="Rita")
    group = Group.objects.create(name="Reviewers")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "review_report"]))
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    activate_totp(user)
    return user


def test_period_overview_in_the_admin(live_server, page, assert_accessible, setup, reviewer):
    """The staff period overview (Dutch admin): filters, the table with a not-started and a
    waiting extension, and the reminder sent with the keyboard."""
    period = setup["period"]
    DeadlineExtension.objects.create(
        report=ReportFactory(organisation=OrganisationFactory(name="Vebego Zorg"), period=period),
        current_deadline=period.deadline,
        requested_until=period.deadline + timedelta(days=14),
        reason="Drukte",
    )
    sign_in(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/partners/overview/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert page.locator("table.listing tbody tr").count() >= 2
    assert_accessible(page)

    page.locator("#remind-" + str(setup["user"].memberships.first().organisation_id)).check()
    page.locator("main form[method=post] button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert SentReminder.objects.filter(organisation__name="Tempo-Team").count() == 1
    assert "Tempo-Team" in page.locator(".messages").inner_text()
    assert_accessible(page)

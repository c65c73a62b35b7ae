"""The partner's deadline-extension page in a real browser, checked by axe-core, in Dutch and
Polish: the empty form, the error state (input kept) and the request sent with the keyboard."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
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


def test_review_screen_in_one_form(live_server, page, assert_accessible, setup, reviewer):
    """The review screen (Dutch admin): the figures, a verdict beside the commitment and one
    decision; a needs-changes verdict with "approve" is refused with an error summary (input
    kept), then changes are requested with the keyboard."""
    from partners.models import IndicatorValue, ReportStatus

    period = setup["period"]
    report = ReportFactory(
        organisation=setup["user"].memberships.first().organisation, period=period
    )
    indicator = period.covenant.commitments.get().indicators.get()
    value = IndicatorValue(report=report, indicator=indicator, raw="40")
    value.set_value("count", 40)
    value.save()
    report.transition_to(ReportStatus.SUBMITTED, by=setup["user"])
    commitment = indicator.commitment_id
    sign_in(page, live_server, reviewer)
    page.goto(live_server.url + reverse("partners_review_reports:review", args=[report.pk]))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert page.locator("#review-form fieldset legend", has_text="Inschrijving in de BRP").count()
    assert_accessible(page)

    # A note in the commitment's thread: its own form, although it sits inside the review form.
    page.locator(f"#id_comment{commitment}-text").fill("Even navragen bij de partner.")
    page.locator(f"#id_comment{commitment}-internal").check()
    page.locator(f"button[form=thread-c{commitment}-form]").click()
    page.wait_for_url(f"**#thread-c{commitment}")
    note = report.review_comments.get()
    assert note.internal and note.commitment_id == commitment
    assert page.locator(f"#thread-c{commitment}").get_by_text("Even navragen").count() == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not report.verdicts.exists()
    assert_accessible(page)

    page.locator(f"#id_c{commitment}-verdict_1").check()  # needs changes
    page.locator(f"#id_c{commitment}-comment").fill("Aantal ontbreekt")
    page.locator("#id_decision-decision_0").check()  # approve
    page.locator("#review-form button[type=submit]:not([form])").click()
    page.wait_for_selector(".error-summary")
    assert page.input_value(f"#id_c{commitment}-comment") == "Aantal ontbreekt"
    assert_accessible(page)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    page.locator(".error-summary a").first.focus()
    page.keyboard.press("Enter")
    page.locator("#id_decision-decision_1").check()  # request changes
    page.locator("#id_decision-comment").focus()
    page.keyboard.type("Graag het aantal aanvullen.")
    page.locator("#review-form button[type=submit]:not([form])").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    report.refresh_from_db()
    assert report.status == ReportStatus.CHANGES_REQUESTED
    assert report.verdicts.get().comment == "Aantal ontbreekt"


def test_certificates_in_the_admin(live_server, page, assert_accessible, setup, reviewer):
    from django.utils import timezone

    from partners.models import Evidence

    organisation = setup["user"].memberships.first().organisation
    report = ReportFactory(organisation=organisation, period=setup["period"])
    for kind, days in (("snf_registration", -3), ("sna_registration", 30)):
        Evidence.objects.create(
            report=report,
            kind=kind,
            valid_until=timezone.localdate() + timedelta(days=days),
            stored_name=f"evidence/{kind}.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=10,
        )
    sign_in(page, live_server, reviewer)
    page.goto(live_server.url + reverse("partners_review_certificates:index"))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert page.locator("table.listing tbody tr").count() == 2
    assert_accessible(page)

"""The dashboard: what is due next, the history, certificate warnings, and a query count that
does not grow with the number of periods."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.factories import ReportFactory, ReportingPeriodFactory
from partners.models import Evidence, ReportStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def dashboard_url(org):
    return reverse("partners:dashboard", kwargs={"organisation_slug": org.slug})


def past_period(covenant, year, half):
    start = date(year, 1 if half == 1 else 7, 1)
    end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    return ReportingPeriodFactory(
        covenant=covenant,
        name=f"{year} H{half}",
        starts_on=start,
        ends_on=end,
        opens_on=end - timedelta(days=14),
        deadline=end + timedelta(days=45),
    )


def make_history(covenant, org, user, count, first=0):
    for n in range(first, first + count):
        period = past_period(covenant, 2010 + n // 2, 1 + n % 2)
        report = ReportFactory(organisation=org, period=period)
        report.transition_to(ReportStatus.SUBMITTED, by=user)
        Evidence.objects.create(
            report=report,
            kind="sna_registration",
            valid_until=date(2011 + n, 1, 1),
            stored_name=f"evidence/x{n}.pdf",
            original_name="sna.pdf",
            content_type="application/pdf",
            size=10,
        )


def test_due_next_and_history(client_a, member_a, org_a, period, covenant):
    make_history(covenant.covenant, org_a, member_a, 2)
    html = client_a.get(dashboard_url(org_a)).content.decode()
    assert "Due next" in html
    assert "Start report 2025 H2" in html
    assert "2010 H1" in html and "2010 H2" in html
    assert html.count("Submitted") >= 2
    report = ReportFactory(organisation=org_a, period=period)
    assert "Continue report 2025 H2" in client_a.get(dashboard_url(org_a)).content.decode()
    report.transition_to(ReportStatus.SUBMITTED, by=member_a)
    html = client_a.get(dashboard_url(org_a)).content.decode()
    assert "Nothing to do right now" in html


def test_upcoming_period_is_announced_without_a_link(client_a, org_a, covenant):
    today = timezone.localdate()
    ReportingPeriodFactory(
        covenant=covenant.covenant, name="2031 H1", opens_on=today + timedelta(days=20)
    )
    html = client_a.get(dashboard_url(org_a)).content.decode()
    assert "Report 2031 H1 opens on" in html
    assert "Fill in<span" not in html


def test_certificate_warnings(client_a, member_a, org_a, period):
    today = timezone.localdate()
    report = ReportFactory(organisation=org_a, period=period)

    def certificate(kind, days):
        return Evidence.objects.create(
            report=report,
            kind=kind,
            valid_until=today + timedelta(days=days),
            stored_name=f"evidence/{kind}{days}.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=10,
        )

    certificate("snf_registration", 30)
    certificate("sna_registration", -3)
    certificate("branch_membership", -30)
    certificate("branch_membership", 400)  # renewed: no warning for this kind
    html = client_a.get(dashboard_url(org_a)).content.decode()
    assert "Expires soon:" in html and "SNF registration" in html
    assert "Expired:" in html and "SNA registration" in html
    assert "ABU or NBBU membership" not in html


def test_query_count_does_not_grow_with_periods(
    client_a, member_a, org_a, covenant, django_assert_max_num_queries
):
    make_history(covenant.covenant, org_a, member_a, 2)
    url = dashboard_url(org_a)
    client_a.get(url)
    with CaptureQueriesContext(connection) as two:
        client_a.get(url)
    make_history(covenant.covenant, org_a, member_a, 8, first=2)  # ten periods in all
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = client_a.get(url)
    assert response.content.decode().count('<th scope="row">') >= 10


def test_dashboard_lists_the_job_fairs_the_organisation_took_part_in(client_a, org_a, org_b):
    from wagtail.models import Page

    from events.factories import (
        JobFairExhibitorFactory,
        JobFairIndexPageFactory,
        JobFairPageFactory,
    )

    index = JobFairIndexPageFactory(parent=Page.get_first_root_node())
    held = JobFairPageFactory(
        parent=index, title="Banenmarkt Oud-Mathenesse", start=timezone.now() - timedelta(days=60)
    )
    other = JobFairPageFactory(
        parent=index, title="Banenmarkt Werkstation", start=timezone.now() - timedelta(days=30)
    )
    JobFairExhibitorFactory(page=held, organisation=org_a, name="", kind="employer")
    JobFairExhibitorFactory(page=other, organisation=org_b, name="", kind="employer")

    html = client_a.get(dashboard_url(org_a)).content.decode()

    assert "Banenmarkt Oud-Mathenesse" in html
    assert "Banenmarkt Werkstation" not in html

"""Issue #14 / #11: the staff screens run the same number of queries for 3 organisations as for
12 (review listing, filtered listing, period overview and its CSV), and the period overview is
paginated so that a page costs the same at 10,000 organisations (see bench/review_scale.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.factories import MembershipFactory, OrganisationFactory, ReportFactory
from partners.models import ReportStatus
from partners.reporting import decisions
from partners.review import overview_views

from .conftest import fill

LISTING = "partners_review_reports:index"
OVERVIEW = "partners_review_overview:index"
OVERVIEW_CSV = "partners_review_overview:export"


def _add(count, period, covenant, reviewer):
    """``count`` organisations with a submitted report (with a verdict) and ``count`` that have
    not started."""
    for _ in range(count):
        organisation = OrganisationFactory()
        member = MembershipFactory(organisation=organisation).user
        report = ReportFactory(organisation=organisation, period=period)
        fill(report, covenant)
        report.transition_to(ReportStatus.SUBMITTED, by=member)
        decisions.set_verdict(report, covenant.brp, by=reviewer, verdict="accepted", comment="")
        OrganisationFactory()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_staff_screens_run_the_same_queries_for_3_and_12_organisations(
    reviewer, reviewer_client, period, covenant
):
    urls = [
        reverse(LISTING),
        reverse(LISTING) + "?status=submitted",
        reverse(LISTING) + f"?period={period.pk}",
        reverse(OVERVIEW) + f"?period={period.pk}",
        reverse(OVERVIEW) + f"?period={period.pk}&status=submitted&status=not_started",
        reverse(OVERVIEW_CSV) + f"?period={period.pk}",
    ]
    _add(3, period, covenant, reviewer)
    for url in urls:
        reviewer_client.get(url)  # warm caches (content types, permissions, site)
    three = {url: _queries(reviewer_client, url) for url in urls}
    _add(9, period, covenant, reviewer)
    twelve = {url: _queries(reviewer_client, url) for url in urls}
    assert twelve == three


@pytest.mark.django_db
def test_period_overview_is_paginated_and_the_csv_has_every_row(
    reviewer, reviewer_client, period, covenant, monkeypatch
):
    monkeypatch.setattr(overview_views, "PER_PAGE", 5)
    _add(6, period, covenant, reviewer)  # 12 organisations in the period (and the fixtures')
    url = reverse(OVERVIEW) + f"?period={period.pk}"
    first = reviewer_client.get(url)
    total = first.context["total"]
    assert total >= 12
    pages = -(-total // 5)
    names = []
    for number in range(1, pages + 1):
        rows = reviewer_client.get(f"{url}&p={number}").context["rows"]
        assert len(rows) == (5 if number < pages else total - 5 * (pages - 1))
        names += [row.organisation.name for row in rows]
    assert len(set(names)) == total  # every organisation on exactly one page
    html = first.content.decode()
    assert f"{total} organisations for" in html  # the caption counts every page (admin in English)
    assert 'class="pagination"' in html
    monkeypatch.setattr(overview_views, "CSV_CHUNK", 5)  # streamed in chunks: none is lost
    export = reviewer_client.get(reverse(OVERVIEW_CSV) + f"?period={period.pk}")
    assert export.streaming
    lines = b"".join(export.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == total + 1  # the header and every organisation
    assert [line.split(";")[0] for line in lines[1:]] == names  # in the overview's order


@pytest.mark.django_db
def test_listing_does_not_list_every_organisation_and_the_chooser_searches(
    reviewer_client, submitted, other_organisation
):
    html = reviewer_client.get(reverse(LISTING)).content.decode()
    assert f">{other_organisation.name}</option>" not in html  # a chooser, not a <select>
    assert reverse("partners_organisation_chooser:choose") in html
    chosen = reviewer_client.get(reverse(LISTING), {"organisation": submitted.organisation.pk})
    assert submitted.organisation.name in chosen.content.decode()

    results = reverse("partners_organisation_chooser:choose_results")
    found = reviewer_client.get(results, {"q": other_organisation.name[:5]}).content.decode()
    assert other_organisation.name in found
    assert submitted.organisation.name not in found
    for text in ("\x00", "Vebego\x1f"):  # control characters: no error, every organisation
        response = reviewer_client.get(results, {"q": text})
        assert response.status_code == 200
        assert other_organisation.name in response.content.decode()


@pytest.mark.django_db
def test_the_organisation_chooser_is_only_for_reviewers(
    client, staff_without_permission, other_organisation
):
    """Admin access alone does not list the coalition's organisations."""
    client.force_login(staff_without_permission)
    for name in ("choose", "choose_results"):
        response = client.get(reverse(f"partners_organisation_chooser:{name}"))
        assert response.status_code in (302, 403)
        assert other_organisation.name not in response.content.decode()

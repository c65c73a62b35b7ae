"""The certificates overview in the admin: every organisation's current certificates, expired
first, then expiring soon, then the rest; reviewers only; a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.factories import OrganisationFactory, ReportFactory
from partners.models import Evidence
from partners.models.reports import EvidenceKind

from .conftest import review_url
from .test_admin import _client, assert_denied

pytestmark = pytest.mark.django_db
URL = reverse("partners_review_certificates:index")


def certificate(report, kind, days, **extra):
    return Evidence.objects.create(
        report=report,
        kind=kind,
        valid_until=timezone.localdate() + timedelta(days=days),
        stored_name=f"evidence/{report.pk}-{kind}-{days}-{Evidence.objects.count()}.pdf",
        original_name=f"{kind}-{days}.pdf",
        content_type="application/pdf",
        size=10,
        **extra,
    )


@pytest.fixture
def certificates(period, organisation, other_organisation):
    tempo = ReportFactory(organisation=organisation, period=period)
    vebego = ReportFactory(organisation=other_organisation, period=period)
    third = ReportFactory(organisation=OrganisationFactory(name="Randstad"), period=period)
    return {
        "fine": certificate(tempo, EvidenceKind.SNF_REGISTRATION, 300),
        "expiring": certificate(vebego, EvidenceKind.SNA_REGISTRATION, 20),
        "expired": certificate(third, EvidenceKind.BRANCH_MEMBERSHIP, -5),
        # Renewed: only the one valid the longest counts.
        "renewed_old": certificate(vebego, EvidenceKind.SNF_REGISTRATION, -40),
        "renewed_new": certificate(vebego, EvidenceKind.SNF_REGISTRATION, 200),
        # Deleted by the partner, file removed, or not a certificate: never listed.
        "withdrawn": certificate(
            tempo, EvidenceKind.BRANCH_MEMBERSHIP, -1, withdrawn_at=timezone.now()
        ),
        "removed": certificate(
            tempo, EvidenceKind.SNA_REGISTRATION, -2, file_removed_at=timezone.now()
        ),
        "general": certificate(tempo, EvidenceKind.GENERAL, -3),
        "reports": (tempo, vebego, third),
    }


def test_certificates_in_order_with_links(reviewer_client, certificates, organisation):
    response = reviewer_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    names = [
        certificates[key].original_name for key in ("expired", "expiring", "renewed_new", "fine")
    ]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    for key in ("renewed_old", "withdrawn", "removed", "general"):
        assert certificates[key].original_name not in html
    assert "expired" in html and "expires soon" in html
    expired = certificates["expired"].valid_until
    assert f'<time datetime="{expired:%Y-%m-%d}">' in html
    assert reverse("partners_organisations:edit", args=[organisation.pk]) in html
    assert reverse("partners_organisations:members", args=[organisation.pk]) in html
    for report in certificates["reports"]:
        assert review_url(report) in html
    assert "1 certificate has expired." in html
    assert "1 certificate expires soon." in html


def test_certificates_menu_item_for_reviewers_only(reviewer_client, staff_without_permission):
    assert URL in reviewer_client.get(reverse("wagtailadmin_home")).content.decode()
    client = _client(staff_without_permission)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_staff_without_permission_and_partners_are_refused(
    staff_without_permission, partner_client, certificates
):
    response = _client(staff_without_permission).get(URL)
    assert_denied(response)
    assert certificates["fine"].original_name not in response.content.decode()
    response = partner_client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_certificates_queries_do_not_grow(reviewer_client, certificates, period):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(URL).status_code == 200
        return len(queries)

    reviewer_client.get(URL)
    before = count()
    for n in range(4):
        report = ReportFactory(organisation=OrganisationFactory(name=f"Org {n}"), period=period)
        certificate(report, EvidenceKind.SNF_REGISTRATION, n * 30 - 10)
        certificate(report, EvidenceKind.SNA_REGISTRATION, 100 + n)
    assert count() == before

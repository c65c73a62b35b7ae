"""Scoping: a member of organisation A sees nothing of organisation B (404, also by guessing ids);
anonymous visitors are sent to the login page."""

import pytest
from django.test import Client
from django.urls import reverse

from partners.factories import MembershipFactory, OrganisationFactory, ReportFactory
from partners.models import Evidence

from . import helpers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def evidence_b(client_b, org_b, period):
    client_b.post(
        reverse(
            "partners:evidence_upload",
            kwargs={"organisation_slug": org_b.slug, "period_id": period.pk},
        ),
        {"kind": "general", "file": helpers.pdf_file()},
    )
    return Evidence.objects.get(report__organisation=org_b)


def urls_of(org, period, evidence):
    slug = org.slug
    return [
        reverse("partners:dashboard", kwargs={"organisation_slug": slug}),
        reverse("partners:report", kwargs={"organisation_slug": slug, "period_id": period.pk}),
        reverse(
            "partners:evidence_upload", kwargs={"organisation_slug": slug, "period_id": period.pk}
        ),
        reverse(
            "partners:evidence_download",
            kwargs={"organisation_slug": slug, "evidence_id": evidence.pk},
        ),
    ]


def test_member_of_a_gets_404_for_everything_of_b(client_a, org_b, period, evidence_b):
    for url in urls_of(org_b, period, evidence_b):
        assert client_a.get(url).status_code == 404, url
        assert client_a.post(url, {"version": "0", "save": "draft"}).status_code in {404, 405}, url


def test_guessing_the_evidence_id_under_ones_own_organisation_gives_404(
    client_a, org_a, period, evidence_b
):
    url = reverse(
        "partners:evidence_download",
        kwargs={"organisation_slug": org_a.slug, "evidence_id": evidence_b.pk},
    )
    assert client_a.get(url).status_code == 404


def test_a_post_of_a_cannot_create_a_report_for_b(client_a, org_b, period, covenant):
    url = reverse(
        "partners:report", kwargs={"organisation_slug": org_b.slug, "period_id": period.pk}
    )
    client_a.post(url, {"version": "0", "save": "draft", f"i{covenant.workers.pk}": "1"})
    assert not org_b.reports.exists()


def test_unknown_period_gives_404(client_a, org_a, period):
    url = reverse(
        "partners:report", kwargs={"organisation_slug": org_a.slug, "period_id": period.pk + 999}
    )
    assert client_a.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_login(org_b, period, evidence_b):
    client = Client()
    for url in [reverse("partners:index"), *urls_of(org_b, period, evidence_b)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response.url, url
    assert not client.get(urls_of(org_b, period, evidence_b)[3]).has_header("Content-Disposition")


def test_member_of_b_can_use_everything_of_b(client_b, org_b, period, evidence_b):
    for url in urls_of(org_b, period, evidence_b):
        assert client_b.get(url).status_code == 200, url


def test_portal_index_lists_only_own_organisations_and_redirects_for_one(
    client_a, member_a, org_a, org_b
):
    response = client_a.get(reverse("partners:index"))
    assert response.status_code == 302
    assert response.url == reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    second = OrganisationFactory(name="Charlie Zorg", slug="charlie")
    MembershipFactory(organisation=second, user=member_a)
    html = client_a.get(reverse("partners:index")).content.decode()
    assert "Charlie Zorg" in html and "Alfa Uitzend" in html
    assert "Bravo Werk" not in html


def test_reports_of_b_never_show_on_the_dashboard_of_a(client_a, org_a, org_b, period):
    ReportFactory(organisation=org_b, period=period)
    html = client_a.get(
        reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    ).content.decode()
    assert "Not started" in html  # A has no report of its own for the period

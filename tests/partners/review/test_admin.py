"""The "Covenant reports" admin area: who may reach it, the listing (filters, search, order,
query counts) and the review screen's content."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from partners.factories import OrganisationFactory, ReportFactory
from partners.models import CommitmentResponse, Evidence, ReportStatus

from .conftest import fill, review_url

INDEX = "partners_review_reports:index"


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_partner_user_cannot_reach_the_admin(partner_client, submitted):
    for url in (reverse("wagtailadmin_home"), reverse(INDEX), review_url(submitted)):
        response = partner_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert "Tempo-Team" not in response.content.decode()
    response = partner_client.post(review_url(submitted), {"action": "approve", "version": 1})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_reach_the_review(staff_without_permission, submitted):
    client = _client(staff_without_permission)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert_denied(client.get(reverse(INDEX)))
    assert_denied(client.get(review_url(submitted)))
    assert_denied(client.get(reverse("partners_review_reports:history", args=[submitted.pk])))
    assert_denied(client.post(review_url(submitted), {"action": "approve", "version": 1}))
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) not in home  # no menu item either


@pytest.mark.django_db
def test_reviewer_sees_menu_item_and_listing(reviewer_client, submitted):
    home = reviewer_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in home
    html = reviewer_client.get(reverse(INDEX)).content.decode()
    assert "Tempo-Team" in html and review_url(submitted) in html


@pytest.mark.django_db
def test_no_add_edit_or_delete_views_exist(reviewer_client, submitted):
    for name in ("add", "edit", "delete", "copy", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"partners_review_reports:{name}", args=[submitted.pk])
    for path in ("new/", f"edit/{submitted.pk}/", f"delete/{submitted.pk}/"):
        assert reviewer_client.get(reverse(INDEX) + path, follow=True).status_code == 404


@pytest.mark.django_db
def test_listing_filters_search_and_order(
    reviewer_client, submitted, partner, covenant, period, other_organisation, previous_period
):
    late = ReportFactory(organisation=other_organisation, period=period)
    fill(late, covenant)
    from partners.factories import MembershipFactory

    other_member = MembershipFactory(organisation=other_organisation).user
    late.transition_to(ReportStatus.SUBMITTED, by=other_member)
    draft = ReportFactory(organisation=OrganisationFactory(name="Zeta Werk"), period=period)
    old = ReportFactory(organisation=other_organisation, period=previous_period)
    CommitmentResponse.objects.create(report=old, commitment=covenant.language, notes="Lessen")

    html = reviewer_client.get(reverse(INDEX)).content.decode()
    # Oldest submission first, reports that were never submitted last.
    assert html.index(review_url(submitted)) < html.index(review_url(late))
    assert html.index(review_url(late)) < html.index(review_url(draft))

    def listed(params):
        html = reviewer_client.get(reverse(INDEX), params).content.decode()
        return {r.pk for r in (submitted, late, draft, old) if review_url(r) in html}

    assert listed({"status": "draft"}) == {draft.pk, old.pk}
    assert listed({"status": ["submitted"]}) == {submitted.pk, late.pk}
    assert listed({"period": previous_period.pk}) == {old.pk}
    assert listed({"organisation": other_organisation.pk}) == {late.pk, old.pk}
    assert listed({"commitment": covenant.language.pk}) == {submitted.pk, late.pk, old.pk}
    assert listed({"q": "Vebego"}) == {late.pk, old.pk}
    assert listed({"q": "2025 H1"}) == {old.pk}


@pytest.mark.django_db
def test_listing_queries_do_not_grow(
    reviewer_client, period, covenant, partner, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            report = ReportFactory(organisation=OrganisationFactory(), period=period)
            fill(report, covenant)

    make(3)
    reviewer_client.get(reverse(INDEX))  # warm caches (content types, permissions)
    with django_assert_max_num_queries(100) as three:
        reviewer_client.get(reverse(INDEX))
    make(27)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = reviewer_client.get(reverse(INDEX))
    assert response.content.decode().count("/admin/partners/reports/review/") >= 30


@pytest.mark.django_db
def test_review_screen_shows_answers_previous_period_notes_and_evidence(
    reviewer_client, submitted, covenant, previous_period, partner, organisation, tmp_path
):
    old = ReportFactory(organisation=organisation, period=previous_period)
    fill(old, covenant, workers=80, registered=61)
    old.transition_to(ReportStatus.SUBMITTED, by=partner)
    CommitmentResponse.objects.create(
        report=submitted, commitment=covenant.language, notes="Lessen op de werkvloer."
    )
    evidence = Evidence.objects.create(
        report=submitted,
        commitment=covenant.brp,
        stored_name="evidence/abc.pdf",
        original_name="brp-overzicht.pdf",
        content_type="application/pdf",
        size=1234,
        uploaded_by=partner,
    )
    html = reviewer_client.get(review_url(submitted)).content.decode()
    for text in ("Werknemers", "Ingeschreven", "Gestart", "120", "100", "80", "61"):
        assert text in html
    assert "2025 H1" in html  # the previous period's column
    assert "Lessen op de werkvloer." in html
    assert "brp-overzicht.pdf" in html
    assert reverse("partners_review_reports:evidence", args=[evidence.pk]) in html
    # One form: the verdicts beside the commitments and one decision at the end.
    assert html.count('name="action" value="review"') == 1
    assert 'name="decision-decision" value="approve"' in html
    assert 'name="decision-decision" value="request_changes"' in html
    assert 'name="action" value="reopen"' not in html
    assert 'name="status"' not in html  # no way to send a status


@pytest.mark.django_db
def test_review_screen_queries_do_not_grow_with_evidence_or_history(
    reviewer_client, submitted, covenant, partner, django_assert_max_num_queries
):
    def add_evidence(n):
        for i in range(n):
            Evidence.objects.create(
                report=submitted,
                commitment=covenant.brp,
                stored_name=f"evidence/{submitted.pk}-{Evidence.objects.count()}-{i}.pdf",
                original_name="x.pdf",
                content_type="application/pdf",
                size=1,
                uploaded_by=partner,
            )

    add_evidence(1)
    reviewer_client.get(review_url(submitted))
    with django_assert_max_num_queries(100) as few:
        reviewer_client.get(review_url(submitted))
    add_evidence(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        reviewer_client.get(review_url(submitted))


@pytest.mark.django_db
def test_listing_shows_absolute_deadlines_overdue_and_waiting_extension_requests(
    reviewer_client, period, partner, draft
):
    from datetime import timedelta

    from django.utils import formats, timezone, translation

    from partners.reporting import writing

    late = ReportFactory(period=period, organisation=OrganisationFactory(name="Laat B.V."))
    period.deadline = timezone.localdate() - timedelta(days=3)
    period.save()
    writing.request_extension(
        organisation=draft.organisation,
        period=period,
        by=partner,
        until=period.deadline + timedelta(days=30),
        reason="Drukte",
    )
    html = reviewer_client.get(reverse(INDEX)).content.decode()
    with translation.override("en"):  # the reviewer's admin language
        shown = formats.date_format(period.deadline, "DATE_FORMAT")
    assert f'<time datetime="{period.deadline:%Y-%m-%d}">{shown}</time>' in html
    assert "ago" not in html and "geleden" not in html  # never "3 days ago"
    rows = {row.split("</tr>")[0] for row in html.split("<tr")[1:]}
    late_row = next(row for row in rows if "Laat B.V." in row)
    asked_row = next(row for row in rows if draft.organisation.name in row)
    assert "Overdue" in late_row and "More time asked for" not in late_row
    assert "More time asked for" in asked_row and "Overdue" in asked_row  # asked, not granted
    assert late.status == ReportStatus.DRAFT

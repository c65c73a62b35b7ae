"""The printable summary of a handed-in report and its PDF: who may see them, what they show (in
the active language, diacritics and Cyrillic included), the links to them and query counts."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Locale

from partners.factories import (
    CommitmentFactory,
    IndicatorFactory,
    ReportFactory,
    StaffUserFactory,
)
from partners.models import CommitmentResponse, Evidence, Report, ReportStatus

from .conftest import complete_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def summary_url(org, period, pdf=False, language=None):
    name = "partners:report_summary_pdf" if pdf else "partners:report_summary"
    kwargs = {"organisation_slug": org.slug, "period_id": period.pk}
    if language:
        with translation.override(language):
            return reverse(name, kwargs=kwargs)
    return reverse(name, kwargs=kwargs)


def submit(client, org, period, covenant, **overrides):
    url = reverse("partners:report", kwargs={"organisation_slug": org.slug, "period_id": period.pk})
    response = client.post(url, {**complete_answers(covenant, **overrides), "submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.get(organisation=org, period=period)


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def reviewer_user(db):
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def submitted_a(client_a, org_a, period, covenant, member_a):
    report = submit(client_a, org_a, period, covenant)
    CommitmentResponse.objects.update_or_create(
        report=report, commitment=covenant.brp, defaults={"notes": "Peildatum 31 december."}
    )
    Evidence.objects.create(
        report=report,
        kind="general",
        stored_name="evidence/summary-current.pdf",
        original_name="brp-overzicht.pdf",
        content_type="application/pdf",
        size=10,
    )
    Evidence.objects.create(
        report=report,
        kind="general",
        stored_name="evidence/summary-old.pdf",
        original_name="oude-versie.pdf",
        content_type="application/pdf",
        size=10,
        withdrawn_at="2025-01-01T00:00:00Z",
    )
    return report


def test_summary_shows_figures_status_submission_and_current_evidence(
    client_a, org_a, period, covenant, submitted_a, member_a
):
    response = client_a.get(summary_url(org_a, period))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alfa Uitzend B.V." in html
    assert "Inschrijving BRP" in html and "Brancheorganisatie" in html
    assert "Banenmarkten" not in html  # the municipality's commitment
    assert "<dt>Werknemers</dt><dd>120</dd>" in html
    assert "<dt>Ingeschreven in de BRP</dt><dd>100</dd>" in html
    assert "<dt>Lid van</dt><dd>ABU</dd>" in html
    assert "<dt>SNA</dt><dd>Yes</dd>" in html
    assert "Peildatum 31 december." in html
    assert '<span class="status status--submitted">Submitted</span>' in html
    assert "the municipality is reviewing it" in html
    assert (member_a.get_full_name() or member_a.email) in html
    assert "brp-overzicht.pdf" in html
    assert "oude-versie.pdf" not in html  # replaced or deleted: not current
    assert summary_url(org_a, period, pdf=True) in html
    assert "media print" not in html  # the print rules live in the stylesheet
    assert "partners/css/summary" in html


def test_not_applicable_explanation_is_shown(client_a, org_a, period, covenant):
    report = submit(
        client_a,
        org_a,
        period,
        covenant,
        **{
            f"c{covenant.branch.pk}_na": "on",
            f"c{covenant.branch.pk}_explanation": "Wij zijn geen uitzendbureau.",
            f"i{covenant.member_of.pk}": None,
            f"i{covenant.sna.pk}": None,
        },
    )
    assert report.status == ReportStatus.SUBMITTED
    html = client_a.get(summary_url(org_a, period)).content.decode()
    assert "Not applicable." in html
    assert "Wij zijn geen uitzendbureau." in html
    assert "<dt>Lid van</dt>" not in html
    text = pdf_text(client_a.get(summary_url(org_a, period, pdf=True)))
    assert "Wij zijn geen uitzendbureau." in text


def test_report_back_with_the_partner_states_the_answers_may_differ(
    client_a, org_a, period, covenant, submitted_a, reviewer_user
):
    submitted_a.transition_to(ReportStatus.CHANGES_REQUESTED, by=reviewer_user)
    html = client_a.get(summary_url(org_a, period)).content.decode()
    assert "Changes requested" in html
    assert "which may differ from what was submitted" in html
    assert "Last saved" in html


def test_approved_report(client_a, org_a, period, submitted_a, reviewer_user):
    submitted_a.transition_to(ReportStatus.APPROVED, by=reviewer_user)
    html = client_a.get(summary_url(org_a, period)).content.decode()
    assert '<span class="status status--approved">Approved</span>' in html
    assert "approved by the municipality" in html


def test_other_organisation_gets_404(client_b, org_a, period, submitted_a):
    assert client_b.get(summary_url(org_a, period)).status_code == 404
    assert client_b.get(summary_url(org_a, period, pdf=True)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, org_a, period, submitted_a):
    response = client.get(summary_url(org_a, period, pdf=True))
    assert response.status_code == 302
    assert "login" in response["Location"] or "inloggen" in response["Location"]


def test_draft_that_was_never_submitted_has_no_summary(client_a, org_a, period):
    ReportFactory(organisation=org_a, period=period)
    assert client_a.get(summary_url(org_a, period)).status_code == 404
    assert client_a.get(summary_url(org_a, period, pdf=True)).status_code == 404


def test_no_report_at_all_is_404(client_a, org_a, period):
    assert client_a.get(summary_url(org_a, period)).status_code == 404


def test_pdf_is_a_real_pdf_with_the_figures(client_a, org_a, period, submitted_a, member_a):
    response = client_a.get(summary_url(org_a, period, pdf=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="alfa-2025-h2.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response)
    assert "Alfa Uitzend B.V." in text
    assert "Inschrijving BRP" in text
    assert "Werknemers" in text and "120" in text
    assert "Submitted" in text
    assert (member_a.get_full_name() or member_a.email) in text
    assert "Peildatum 31 december." in text
    assert "brp-overzicht.pdf" in text
    assert "oude-versie.pdf" not in text


def test_polish_summary_and_pdf_keep_diacritics_and_cyrillic(
    client_a, org_a, period, covenant, submitted_a
):
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    translated = covenant.brp.copy_for_translation(polish)
    translated.title = "Rejestracja w BRP: zażółć gęślą jaźń"
    translated.save()
    org_a.name = "Łódź Praca Sp. z o.o."
    org_a.save()
    CommitmentResponse.objects.filter(report=submitted_a, commitment=covenant.brp).update(
        notes="Бележка на български; Ștefan și Ágnes"
    )
    html = client_a.get(summary_url(org_a, period, language="pl")).content.decode()
    assert 'lang="pl"' in html
    assert "Rejestracja w BRP: zażółć gęślą jaźń" in html
    response = client_a.get(summary_url(org_a, period, pdf=True, language="pl"))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Łódź Praca Sp. z o.o." in text
    assert "zażółć gęślą jaźń" in text
    assert "Бележка на български" in text
    assert "Ștefan și Ágnes" in text
    assert "120" in text
    assert PdfReader(io.BytesIO(response.content)).metadata.title.endswith("Łódź Praca Sp. z o.o.")


def test_dashboard_links_the_summary_of_handed_in_reports_only(
    client_a, org_a, period, covenant, submitted_a
):
    dashboard = reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    html = client_a.get(dashboard).content.decode()
    assert summary_url(org_a, period) in html
    assert summary_url(org_a, period, pdf=True) in html


def test_dashboard_has_no_summary_link_for_a_draft(client_a, org_a, period):
    ReportFactory(organisation=org_a, period=period)
    dashboard = reverse("partners:dashboard", kwargs={"organisation_slug": org_a.slug})
    assert summary_url(org_a, period) not in client_a.get(dashboard).content.decode()


def test_report_page_links_the_summary_once_submitted(client_a, org_a, period, submitted_a):
    kwargs = {"organisation_slug": org_a.slug, "period_id": period.pk}
    url = reverse("partners:report", kwargs=kwargs)
    assert summary_url(org_a, period) in client_a.get(url).content.decode()


def test_submission_email_links_the_summary(
    client_a, org_a, period, covenant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client_a, org_a, period, covenant)
    received = [m for m in mail.outbox if "alfa" in m.body and "samenvatting" in m.body]
    assert received, [m.body for m in mail.outbox]
    message = received[0]
    assert "/samenvatting/" in message.body
    html = message.alternatives[0][0]
    assert "/samenvatting/" in html


def test_summary_query_count_does_not_grow_with_the_answers(
    client_a, org_a, period, covenant, submitted_a, django_assert_max_num_queries
):
    url, pdf = summary_url(org_a, period), summary_url(org_a, period, pdf=True)
    with django_assert_max_num_queries(40) as few:
        client_a.get(url)
    baseline = len(few.captured_queries)
    for n in range(3):
        commitment = CommitmentFactory(
            covenant=covenant.covenant, code=f"extra{n}", title=f"Extra {n}", order=10 + n
        )
        for m in range(3):
            IndicatorFactory(commitment=commitment, code=f"x{n}{m}", label=f"X {n}{m}")
        CommitmentResponse.objects.create(report=submitted_a, commitment=commitment, notes="n")
        Evidence.objects.create(
            report=submitted_a,
            commitment=commitment,
            kind="general",
            stored_name=f"evidence/extra-{n}.pdf",
            original_name=f"extra-{n}.pdf",
            content_type="application/pdf",
            size=10,
        )
    with django_assert_max_num_queries(baseline):
        html = client_a.get(url).content.decode()
    assert "Extra 2" in html and "extra-2.pdf" in html
    with django_assert_max_num_queries(baseline):
        assert client_a.get(pdf).status_code == 200

"""The partner's extension request page in the portal, and the feedback include."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import Report, ReportStatus
from partners.reporting import decisions as services
from partners.reporting import writing
from partners.reporting.feedback import feedback_for
from partners.reporting.models import DeadlineExtension


def url_for(organisation, period, language="en"):
    with translation.override(language):
        return reverse(
            "partners:extension_request",
            kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
        )


@pytest.mark.django_db
def test_partner_asks_for_more_time_before_starting_the_report(
    partner_client, partner, organisation, period
):
    url = url_for(organisation, period)
    response = partner_client.get(url)
    assert response.status_code == 200
    assert "The current deadline for this report is" in response.content.decode()
    until = (period.deadline + timedelta(days=14)).isoformat()
    response = partner_client.post(url, {"requested_until": until, "reason": "Ziekte op kantoor"})
    assert response.status_code == 302
    report = Report.objects.get(organisation=organisation, period=period)
    assert report.status == ReportStatus.DRAFT
    extension = DeadlineExtension.objects.get(report=report)
    assert extension.requested_by == partner and extension.status == "pending"
    # A second request waits for the first to be decided.
    html = partner_client.get(url).content.decode()
    assert "waiting for a decision" in html and "<form" not in html.split("<main")[1]
    response = partner_client.post(url, {"requested_until": until, "reason": "Nog eens"})
    assert response.status_code == 400
    assert DeadlineExtension.objects.count() == 1


@pytest.mark.django_db
def test_errors_are_clear_and_keep_input(partner_client, organisation, period):
    url = url_for(organisation, period)
    response = partner_client.post(url, {"requested_until": "2001-01-01", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose a date after the current deadline" in html
    assert "Explain why you need more time." in html
    assert 'value="2001-01-01"' in html
    assert 'aria-invalid="true"' in html
    too_late = (period.deadline + timedelta(days=400)).isoformat()
    response = partner_client.post(url, {"requested_until": too_late, "reason": "Lang verhaal"})
    assert "at most 180 days" in response.content.decode()
    assert "Lang verhaal" in response.content.decode()
    assert not DeadlineExtension.objects.exists()


@pytest.mark.django_db
def test_other_organisations_and_handed_in_reports(
    partner_client, other_organisation, organisation, period, submitted
):
    assert partner_client.get(url_for(other_organisation, period)).status_code == 404
    response = partner_client.get(url_for(organisation, period))
    assert response.status_code == 302  # nothing to extend: back to the report
    assert not DeadlineExtension.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client, organisation, period):
    response = client.get(url_for(organisation, period))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.django_db
def test_feedback_for_a_report_that_does_not_exist_yet(organisation, period):
    with translation.override("en"):
        feedback = feedback_for(None, organisation=organisation, period=period)
        html = render_to_string(
            "partners/reporting/includes/report_feedback.html", {"feedback": feedback}
        )
    assert feedback.deadline == period.deadline
    assert feedback.can_ask_extension
    assert url_for(organisation, period) in html
    assert "Not started" in html


@pytest.mark.django_db
def test_feedback_shows_extensions_and_hides_internal_comments(
    reviewer, partner, draft, django_assert_max_num_queries
):
    extension = writing.request_extension(
        organisation=draft.organisation,
        period=draft.period,
        by=partner,
        until=draft.period.deadline + timedelta(days=10),
        reason="Ziekte",
    )
    new_deadline = timezone.localdate() + timedelta(days=120)
    services.grant_extension(extension, by=reviewer, until=new_deadline, comment="Akkoord")
    services.add_comment(draft, by=reviewer, text="Alleen voor ons", internal=True)
    services.add_comment(draft, by=reviewer, text="Voor de partner")
    with translation.override("en"), django_assert_max_num_queries(8):
        feedback = feedback_for(draft)
    assert feedback.deadline == new_deadline
    assert [c.text for c in feedback.comments] == ["Voor de partner"]
    with translation.override("en"):
        html = render_to_string(
            "partners/reporting/includes/report_feedback.html", {"feedback": feedback}
        )
        # The comments are shown in the report's thread (partners.reporting.thread).
        html += render_to_string(
            "partners/portal/includes/thread.html",
            {"anchor": "thread-report", "heading": "h2", "comments": feedback.threads.report},
        )
    assert "Voor de partner" in html and "Alleen voor ons" not in html
    assert "Granted" in html and "Akkoord" in html
    assert reviewer.email not in html  # staff names are not shown to partners
    assert "Extension granted" in html and "More time asked for" in html

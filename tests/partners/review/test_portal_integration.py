"""The review as it reaches the partner's portal pages: the deadline that counts, the feedback
section on the report page, and the audit entry of a staff download through the portal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from partners import audit
from partners.models import Evidence
from partners.reporting import decisions as services
from tests.partners.helpers import pdf_file


def _portal(name, organisation, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs={"organisation_slug": organisation.slug, **kwargs})


@pytest.mark.django_db
def test_dashboard_and_report_show_the_new_deadline_after_changes_are_requested(
    partner_client, submitted, reviewer, organisation, period
):
    new_deadline = period.deadline + timedelta(days=15)  # an earlier date would not count
    services.request_changes(
        submitted,
        by=reviewer,
        comment="Graag het aantal ingeschreven werknemers controleren.",
        resubmit_by=new_deadline,
    )

    dashboard = partner_client.get(_portal("partners:dashboard", organisation))
    report_page = partner_client.get(_portal("partners:report", organisation, period_id=period.pk))

    assert dashboard.context["rows"][0]["deadline"] == new_deadline
    assert dashboard.context["due_next"]["deadline"] == new_deadline
    assert report_page.context["deadline"] == new_deadline
    html = report_page.content.decode()
    assert 'class="review-feedback"' in html
    assert "Graag het aantal ingeschreven werknemers controleren." in html


@pytest.mark.django_db
def test_report_page_of_a_new_report_has_feedback_without_steps(
    partner_client, organisation, period
):
    response = partner_client.get(_portal("partners:report", organisation, period_id=period.pk))

    assert response.status_code == 200
    assert response.context["feedback"].report is None
    assert response.context["deadline"] == period.deadline


@pytest.mark.django_db
def test_staff_download_through_the_portal_is_logged(
    partner_client, client, reviewer, draft, organisation, period
):
    upload = _portal("partners:evidence_upload", organisation, period_id=period.pk)
    assert partner_client.post(upload, {"kind": "general", "file": pdf_file()}).status_code == 302
    evidence = Evidence.objects.get(report=draft)
    client.force_login(reviewer)

    response = client.get(
        _portal("partners:evidence_download", organisation, evidence_id=evidence.pk)
    )

    assert response.status_code == 200
    entry = ModelLogEntry.objects.for_instance(evidence).get(action=audit.EVIDENCE_STAFF_DOWNLOAD)
    assert entry.user == reviewer

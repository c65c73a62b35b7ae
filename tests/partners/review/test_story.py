"""The whole story through the admin and the portal: submit → request changes → the partner
resubmits → approve, with the partner's feedback (helper and include) at every step."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from partners.models import ReportStatus
from partners.reporting.feedback import feedback_for
from partners.reporting.models import CommitmentVerdict, Verdict

from .conftest import review_url


def _feedback_html(report):
    with translation.override("en"):
        return render_to_string(
            "partners/reporting/includes/report_feedback.html", {"feedback": feedback_for(report)}
        )


@pytest.mark.django_db
def test_full_story(
    reviewer_client, reviewer, partner, submitted, covenant, django_capture_on_commit_callbacks
):
    report = submitted
    url = review_url(report)
    with translation.override("en"):
        feedback = feedback_for(report)
    assert feedback.status == ReportStatus.SUBMITTED
    assert [step.label for step in feedback.steps] == ["Submitted"]
    assert feedback.decision is None

    # Staff judge one commitment and send the report back with a deadline.
    response = reviewer_client.post(
        url,
        {
            "action": "verdict",
            "commitment": covenant.brp.pk,
            f"c{covenant.brp.pk}-verdict": Verdict.NEEDS_CHANGES,
            f"c{covenant.brp.pk}-comment": "BRP-aantal klopt niet met vorige periode.",
        },
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            url,
            {
                "action": "request_changes",
                "changes-version": report.version,
                "changes-comment": "Graag het aantal inschrijvingen controleren.",
                "changes-resubmit_by": "2099-01-31",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.status == ReportStatus.CHANGES_REQUESTED
    assert [m.to for m in mail.outbox] == [[partner.email]]

    html = _feedback_html(report)
    assert "Changes requested" in html
    assert "Graag het aantal inschrijvingen controleren." in html
    assert "BRP-aantal klopt niet met vorige periode." in html
    assert "Needs changes" in html
    assert "31" in html and "2099" in html  # the resubmission deadline

    # The partner resubmits; a new round of review starts.
    report.transition_to(ReportStatus.SUBMITTED, by=partner)
    with translation.override("en"):
        feedback = feedback_for(report)
    assert [s.label for s in feedback.steps] == ["Submitted", "Changes requested", "Submitted"]
    assert feedback.decision is None and feedback.verdicts == []

    response = reviewer_client.post(
        url,
        {
            "action": "verdict",
            "commitment": covenant.brp.pk,
            f"c{covenant.brp.pk}-verdict": Verdict.ACCEPTED,
        },
    )
    assert response.status_code == 302
    assert CommitmentVerdict.objects.filter(report=report).count() == 2  # one per round
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            url, {"action": "approve", "version": report.version, "comment": "Dank!"}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert len(mail.outbox) == 1

    with translation.override("en"):
        feedback = feedback_for(report)
    assert [s.label for s in feedback.steps] == [
        "Submitted",
        "Changes requested",
        "Submitted",
        "Approved",
    ]
    assert feedback.decision.comment == "Dank!"
    assert [v["verdict"] for v in feedback.verdicts] == [Verdict.ACCEPTED]
    html = _feedback_html(report)
    assert "Approved" in html and "Dank!" in html
    assert "Needs changes" not in html  # the earlier round's verdict is not shown any more

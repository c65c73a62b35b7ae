"""Whole-report actions from the review screen: each allowed move works, every other one is
refused without changing anything, and nothing lets staff set a status directly."""

import inspect
import re

import pytest
from django import forms as django_forms

from partners.models import ReportStatus
from partners.reporting.models import ReportDeadline
from partners.review import forms as review_forms

from .conftest import review_url

S = ReportStatus
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.CHANGES_REQUESTED: [S.SUBMITTED, S.CHANGES_REQUESTED],
    S.APPROVED: [S.SUBMITTED, S.APPROVED],
    S.REOPENED: [S.SUBMITTED, S.APPROVED, S.REOPENED],
}
ALLOWED = {
    (S.SUBMITTED, "approve"): S.APPROVED,
    (S.SUBMITTED, "request_changes"): S.CHANGES_REQUESTED,
    (S.APPROVED, "reopen"): S.REOPENED,
}


def bring_to(report, status, partner, reviewer):
    for step in PATHS[status]:
        actor = partner if step == S.SUBMITTED else reviewer
        report.transition_to(step, by=actor, comment="test")
    return report


def action_data(action, version):
    if action == "approve":
        return {"action": "approve", "version": version, "comment": ""}
    prefix = "changes" if action == "request_changes" else "reopen"
    return {
        "action": action,
        f"{prefix}-version": version,
        f"{prefix}-comment": "Please check the BRP figures.",
        f"{prefix}-resubmit_by": "2099-03-31",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", ["approve", "request_changes", "reopen"])
def test_every_admin_action_from_every_status(
    status, action, reviewer_client, reviewer, partner, draft
):
    report = bring_to(draft, status, partner, reviewer)
    response = reviewer_client.post(review_url(report), action_data(action, report.version))
    report.refresh_from_db()
    expected = ALLOWED.get((status, action))
    if expected:
        assert response.status_code == 302
        assert report.status == expected
    else:
        assert response.status_code == 400
        assert report.status == status
        assert "not possible in the report" in response.content.decode()


@pytest.mark.django_db
def test_request_changes_needs_comment_and_future_date_and_keeps_input(reviewer_client, submitted):
    url = review_url(submitted)
    response = reviewer_client.post(
        url,
        {
            "action": "request_changes",
            "changes-version": submitted.version,
            "changes-comment": "",
            "changes-resubmit_by": "2001-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Explain what the partner must change." in html
    assert "Choose a date after today." in html
    assert 'value="2001-01-01"' in html  # input kept
    response = reviewer_client.post(
        url,
        {
            "action": "request_changes",
            "changes-version": submitted.version,
            "changes-comment": "Controleer de cijfers.",
            "changes-resubmit_by": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give a date by which the partner must resubmit." in html
    assert "Controleer de cijfers." in html
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    assert not ReportDeadline.objects.exists()


@pytest.mark.django_db
def test_reopen_needs_a_reason(reviewer_client, reviewer, partner, submitted):
    bring_to_approved = submitted
    bring_to_approved.transition_to(S.APPROVED, by=reviewer)
    response = reviewer_client.post(
        review_url(submitted),
        {
            "action": "reopen",
            "reopen-version": submitted.version,
            "reopen-comment": " ",
            "reopen-resubmit_by": "2099-01-01",
        },
    )
    assert response.status_code == 400
    assert "Give the reason for reopening the report." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED


@pytest.mark.django_db
def test_outdated_screen_is_refused(reviewer_client, submitted):
    response = reviewer_client.post(
        review_url(submitted), action_data("approve", submitted.version - 1)
    )
    assert response.status_code == 400
    assert "Someone changed this report" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


@pytest.mark.django_db
def test_approve_is_refused_while_a_commitment_needs_changes(reviewer_client, submitted, covenant):
    reviewer_client.post(
        review_url(submitted),
        {
            "action": "verdict",
            "commitment": covenant.language.pk,
            f"c{covenant.language.pk}-verdict": "needs_changes",
            f"c{covenant.language.pk}-comment": "Geen cursus gegeven?",
        },
    )
    response = reviewer_client.post(review_url(submitted), action_data("approve", 2))
    submitted.refresh_from_db()
    assert response.status_code == 400
    assert "Taallessen" in response.content.decode()
    assert submitted.status == S.SUBMITTED


@pytest.mark.django_db
def test_verdicts_only_on_a_submitted_report(reviewer_client, draft, covenant):
    response = reviewer_client.post(
        review_url(draft),
        {
            "action": "verdict",
            "commitment": covenant.brp.pk,
            f"c{covenant.brp.pk}-verdict": "accepted",
        },
    )
    assert response.status_code == 400
    assert not draft.verdicts.exists()


@pytest.mark.django_db
def test_needs_changes_verdict_needs_a_comment(reviewer_client, submitted, covenant):
    response = reviewer_client.post(
        review_url(submitted),
        {
            "action": "verdict",
            "commitment": covenant.brp.pk,
            f"c{covenant.brp.pk}-verdict": "needs_changes",
        },
    )
    assert response.status_code == 400
    assert "Say what needs to change." in response.content.decode()
    assert not submitted.verdicts.exists()


@pytest.mark.django_db
def test_a_status_in_the_post_data_is_ignored(reviewer_client, submitted):
    for data in (
        {"status": "approved"},
        {"action": "status", "status": "approved"},
        {"action": "comment", "comment-text": "Hallo", "status": "approved"},
    ):
        reviewer_client.post(review_url(submitted), data)
        submitted.refresh_from_db()
        assert submitted.status == S.SUBMITTED


def test_no_review_form_has_a_status_or_figure_field():
    form_classes = [
        obj
        for _, obj in inspect.getmembers(review_forms, inspect.isclass)
        if issubclass(obj, django_forms.BaseForm) and obj.__module__ == review_forms.__name__
    ]
    assert len(form_classes) >= 7
    for form_class in form_classes:
        fields = set(form_class.base_fields)
        assert "status" not in fields, form_class
        assert not any(re.fullmatch(r"i\d+|number|value|raw", name) for name in fields)

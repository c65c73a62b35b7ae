"""The review in one form: the figures with their change against the previous period and since
the last submission, a verdict beside each commitment and one decision at the end, all saved at
once by ``decisions.review`` (or not at all)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partners import audit
from partners.models import IndicatorValue, ReportStatus
from partners.reporting import decisions, writing
from partners.reporting.models import (
    CommitmentVerdict,
    ReportDeadline,
    SubmissionSnapshot,
    Verdict,
)

from .conftest import fill, review_url

pytestmark = pytest.mark.django_db


def _later(days=20):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def one_form(report, covenant, decision, **extra):
    data = {
        "action": "review",
        "decision-version": str(report.version),
        "decision-decision": decision,
        "decision-comment": "",
        "decision-resubmit_by": "",
        f"c{covenant.brp.pk}-verdict": Verdict.ACCEPTED,
        f"c{covenant.brp.pk}-comment": "Klopt.",
        f"c{covenant.language.pk}-verdict": Verdict.ACCEPTED,
        f"c{covenant.language.pk}-comment": "",
    }
    data.update(extra)
    return data


def test_one_post_saves_every_verdict_and_approves(
    reviewer_client, submitted, covenant, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            review_url(submitted),
            one_form(submitted, covenant, "approve", **{"decision-comment": "Dank!"}),
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED
    verdicts = {v.commitment_id: (v.verdict, v.comment) for v in submitted.verdicts.all()}
    assert verdicts == {
        covenant.brp.pk: (Verdict.ACCEPTED, "Klopt."),
        covenant.language.pk: (Verdict.ACCEPTED, ""),
    }
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [partner.email]


def test_needs_changes_and_approve_is_refused_and_nothing_is_saved(
    reviewer_client, submitted, covenant
):
    data = one_form(
        submitted,
        covenant,
        "approve",
        **{
            f"c{covenant.language.pk}-verdict": Verdict.NEEDS_CHANGES,
            f"c{covenant.language.pk}-comment": "Geen cursus gegeven?",
        },
    )
    entries = ModelLogEntry.objects.filter(action=audit.REPORT_VERDICT).count()
    response = reviewer_client.post(review_url(submitted), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "You marked “Taallessen” as needing changes" in html
    assert 'class="help-block help-critical error-summary"' in html
    assert 'href="#id_decision-decision_0"' in html  # the summary links to the field
    assert "Geen cursus gegeven?</textarea>" in html  # what was typed is kept
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert not CommitmentVerdict.objects.exists()
    assert ModelLogEntry.objects.filter(action=audit.REPORT_VERDICT).count() == entries


def test_the_service_refuses_all_or_nothing(submitted, covenant, reviewer):
    with pytest.raises(decisions.ReviewError):
        decisions.review(
            submitted,
            by=reviewer,
            verdicts={
                covenant.brp.pk: (Verdict.ACCEPTED, ""),
                covenant.language.pk: (Verdict.NEEDS_CHANGES, "Graag aanvullen"),
            },
            decision=decisions.APPROVE,
            expected_version=submitted.version,
        )
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert not CommitmentVerdict.objects.exists()


def test_request_changes_with_verdicts(
    reviewer_client, submitted, covenant, partner, django_capture_on_commit_callbacks
):
    until = _later(21)
    data = one_form(
        submitted,
        covenant,
        "request_changes",
        **{
            f"c{covenant.brp.pk}-verdict": Verdict.NEEDS_CHANGES,
            f"c{covenant.brp.pk}-comment": "Aantal klopt niet.",
            "decision-comment": "Graag de BRP-cijfers controleren.",
            "decision-resubmit_by": until,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(review_url(submitted), data)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.CHANGES_REQUESTED
    assert ReportDeadline.objects.get(report=submitted).due_on.isoformat() == until
    assert submitted.verdicts.get(commitment=covenant.brp).verdict == Verdict.NEEDS_CHANGES
    assert submitted.verdicts.get(commitment=covenant.language).verdict == Verdict.ACCEPTED
    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_request_changes_needs_comment_and_date_keeps_verdicts_typed(
    reviewer_client, submitted, covenant
):
    data = one_form(
        submitted,
        covenant,
        "request_changes",
        **{
            f"c{covenant.brp.pk}-comment": "Eerste indruk goed",
            "decision-resubmit_by": "2001-01-01",
        },
    )
    response = reviewer_client.post(review_url(submitted), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Explain what the partner must change." in html
    assert "Choose a date after today." in html
    assert 'value="2001-01-01"' in html
    assert "Eerste indruk goed</textarea>" in html
    assert not CommitmentVerdict.objects.exists()


def test_save_verdicts_only(reviewer_client, submitted, covenant):
    response = reviewer_client.post(review_url(submitted), one_form(submitted, covenant, "save"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert submitted.verdicts.count() == 2
    # Saving the same verdicts again writes (and logs) nothing new.
    entries = ModelLogEntry.objects.filter(action=audit.REPORT_VERDICT).count()
    reviewer_client.post(review_url(submitted), one_form(submitted, covenant, "save"))
    assert ModelLogEntry.objects.filter(action=audit.REPORT_VERDICT).count() == entries


def test_stale_version_is_refused_and_input_kept(reviewer_client, submitted, covenant):
    data = one_form(
        submitted,
        covenant,
        "approve",
        **{"decision-version": str(submitted.version - 1), "decision-comment": "Prima werk"},
    )
    response = reviewer_client.post(review_url(submitted), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone changed this report" in html
    assert "Prima werk</textarea>" in html
    assert f'name="decision-version" value="{submitted.version}"' in html  # retry possible
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert not CommitmentVerdict.objects.exists()


def test_the_service_refuses_a_stale_version_and_an_illegal_move(submitted, reviewer, covenant):
    from partners.models.reports import StaleReport

    with pytest.raises(StaleReport):
        decisions.review(
            submitted,
            by=reviewer,
            verdicts={covenant.brp.pk: (Verdict.ACCEPTED, "")},
            decision=decisions.SAVE_VERDICTS,
            expected_version=submitted.version - 1,
        )
    decisions.review(submitted, by=reviewer, verdicts={}, decision=decisions.APPROVE)
    with pytest.raises(decisions.ReviewError):  # approved: nothing to judge any more
        decisions.review(submitted, by=reviewer, verdicts={}, decision=decisions.APPROVE)
    assert not CommitmentVerdict.objects.exists()


def test_sharp_changes_against_the_previous_period_are_marked(
    reviewer_client, submitted, covenant, organisation, previous_period, partner, settings
):
    from partners.factories import ReportFactory

    settings.REVIEW_CHANGE_THRESHOLD_PERCENT = 25
    old = ReportFactory(organisation=organisation, period=previous_period)
    # workers 120 (was 100: +20 %), registered 100 (was 50: +100 %), started 12 (was 0).
    fill(old, covenant, workers=100, registered=50, started=0)
    old.transition_to(ReportStatus.SUBMITTED, by=partner)
    html = reviewer_client.get(review_url(submitted)).content.decode()
    assert "+20 (+20.0 %)" in html
    assert "+50 (+100.0 %)" in html
    assert "+12" in html
    assert html.count("Sharp change: more than 25 %") == 2  # 100 % and away from 0; not 20 %
    settings.REVIEW_CHANGE_THRESHOLD_PERCENT = 10
    html = reviewer_client.get(review_url(submitted)).content.decode()
    assert html.count("Sharp change: more than 10 %") == 3


def test_answers_changed_since_the_last_submission_are_marked(
    reviewer_client, reviewer, draft, covenant, partner
):
    writing.hand_in(draft, by=partner)
    assert SubmissionSnapshot.objects.get(report=draft).answers["values"] == {
        str(covenant.workers.pk): "120",
        str(covenant.registered.pk): "100",
        str(covenant.started.pk): "12",
    }
    html = reviewer_client.get(review_url(draft)).content.decode()
    assert "Changed since the last submission" not in html  # first submission
    decisions.request_changes(
        draft, by=reviewer, comment="Graag controleren", resubmit_by=timezone.localdate()
    )
    value = IndicatorValue.objects.get(report=draft, indicator=covenant.workers)
    value.raw, value.number = "130", 130
    value.save()
    draft.refresh_from_db()
    writing.hand_in(draft, by=partner)
    assert SubmissionSnapshot.objects.filter(report=draft).count() == 2
    html = reviewer_client.get(review_url(draft)).content.decode()
    assert html.count("<strong>Changed since the last submission</strong>") == 1
    assert "was: 120" in html
    assert "1 answer changed since the last submission." in html


def test_review_screen_queries_do_not_grow_with_commitments(
    reviewer_client,
    submitted,
    covenant,
    previous_period,
    organisation,
    partner,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partners.factories import CommitmentFactory, IndicatorFactory, ReportFactory

    old = ReportFactory(organisation=organisation, period=previous_period)
    fill(old, covenant, workers=100, registered=50, started=3)
    old.transition_to(ReportStatus.SUBMITTED, by=partner)

    def count():
        reviewer_client.get(review_url(submitted))
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(review_url(submitted)).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        extra = CommitmentFactory(covenant=covenant.covenant, code=f"x{n}", order=10 + n)
        IndicatorFactory(commitment=extra, code=f"x{n}", order=1)
        CommitmentVerdict.objects.create(
            report=submitted,
            commitment=extra,
            submitted_at=submitted.submitted_at,
            verdict=Verdict.ACCEPTED,
        )
    assert count() == before

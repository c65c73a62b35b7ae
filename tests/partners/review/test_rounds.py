"""Review rounds: verdicts belong to the submission they judged, so a resubmission starts with a
clean slate; and "last saved" is the partner's last save, never a staff decision."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from partners.models import ReportStatus
from partners.reporting import decisions as services
from partners.reporting.feedback import feedback_for
from partners.reporting.models import CommitmentVerdict, Verdict

pytestmark = pytest.mark.django_db


def _portal(client, report):
    return client.get(
        reverse(
            "partners:report",
            kwargs={"organisation_slug": report.organisation.slug, "period_id": report.period_id},
        )
    ).content.decode()


def test_verdicts_reset_on_resubmission(submitted, partner, partner_client, reviewer, covenant):
    services.set_verdict(
        submitted, covenant.brp, by=reviewer, verdict=Verdict.NEEDS_CHANGES, comment="Te laag"
    )
    services.request_changes(
        submitted,
        by=reviewer,
        comment="Zie BRP",
        resubmit_by=timezone.localdate() + timedelta(days=14),
    )
    first_round = feedback_for(submitted).verdicts
    assert [(v["verdict"], v["comment"]) for v in first_round] == [("needs_changes", "Te laag")]

    submitted.transition_to(ReportStatus.SUBMITTED, by=partner)  # a new round
    assert feedback_for(submitted).verdicts == []  # in review: nothing shown yet
    services.approve(submitted, by=reviewer)  # no new verdict needed to approve round two
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED
    assert feedback_for(submitted).verdicts == []  # the first round's verdict is not current
    assert "Te laag" not in _portal(partner_client, submitted)
    # The earlier round stays in the history.
    assert CommitmentVerdict.objects.filter(report=submitted).count() == 1


def test_a_verdict_of_the_current_round_is_shown(submitted, partner_client, reviewer, covenant):
    services.set_verdict(
        submitted, covenant.language, by=reviewer, verdict=Verdict.ACCEPTED, comment="Prima"
    )
    services.approve(submitted, by=reviewer)
    assert [v["comment"] for v in feedback_for(submitted).verdicts] == ["Prima"]


def test_last_saved_is_the_partners_save_not_a_staff_decision(
    organisation, period, covenant, partner, partner_client, reviewer
):
    saved_at = (timezone.now() - timedelta(hours=3)).replace(second=0, microsecond=0)
    data = {
        "version": "0",
        "save": "draft",
        f"i{covenant.workers.pk}": "120",
        f"i{covenant.registered.pk}": "100",
        f"i{covenant.started.pk}": "12",
    }
    url = reverse(
        "partners:report",
        kwargs={"organisation_slug": organisation.slug, "period_id": period.pk},
    )
    with time_machine.travel(saved_at, tick=False):
        assert partner_client.post(url, data).status_code == 302
    from partners.models import Report

    report = Report.objects.get(organisation=organisation, period=period)
    with time_machine.travel(saved_at + timedelta(minutes=30), tick=False):
        report.transition_to(ReportStatus.SUBMITTED, by=partner)
    with time_machine.travel(saved_at + timedelta(hours=2), tick=False):
        services.request_changes(
            report,
            by=reviewer,
            comment="Aanvullen",
            resubmit_by=period.deadline + timedelta(days=1),
        )
    report.refresh_from_db()
    assert report.updated_by == partner  # the submission was the partner's last move
    assert report.updated_at == saved_at + timedelta(minutes=30)
    html = _portal(partner_client, report)
    with translation.override("nl"):
        label = gettext("Last saved")
        submitted_at = formats.date_format(
            timezone.localtime(saved_at + timedelta(minutes=30)), "DATETIME_FORMAT"
        )
    shown = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", html).group(1)
    assert submitted_at in shown and "Piotr" in shown

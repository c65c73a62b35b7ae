"""Hostile text in every field of the review screen's forms: never a 5xx, the error is shown,
the typed text comes back without the control characters and nothing changes."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from goedwerk.forms import CONTROL_CHARACTERS_MESSAGE
from partners.models import ReportStatus
from partners.privacy.access_log import REPORT_VIEWED
from partners.reporting import decisions as services
from partners.reporting import writing
from partners.reporting.models import CommitmentVerdict, DeadlineExtension, ReviewComment

from .conftest import review_url

pytestmark = pytest.mark.django_db

HOSTILE = [("12\x0034", "1234"), ("a\x01b\x08\x1b[31m\x1f", "ab[31m")]
with translation.override("en"):  # the pages under test are in English
    MESSAGE = str(CONTROL_CHARACTERS_MESSAGE)


def _later(days=20):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _cases(report, covenant, extension):
    version = str(report.version)
    brp = covenant.brp.pk
    return {
        "approve": {"action": "approve", "version": version, "comment": "Prima"},
        "request_changes": {
            "action": "request_changes",
            "changes-version": version,
            "changes-comment": "Graag aanvullen",
            "changes-resubmit_by": _later(),
        },
        "verdict": {
            "action": "verdict",
            "commitment": str(brp),
            f"c{brp}-verdict": "needs_changes",
            f"c{brp}-comment": "Klopt niet",
        },
        "comment": {"action": "comment", "comment-text": "Notitie", "comment-internal": "on"},
        "grant": {
            "action": "grant_extension",
            "extension": str(extension.pk),
            f"grant{extension.pk}-until": _later(40),
            f"grant{extension.pk}-comment": "Akkoord",
        },
        "refuse": {
            "action": "refuse_extension",
            "extension": str(extension.pk),
            f"refuse{extension.pk}-comment": "Nee",
        },
    }


FIELDS = [
    ("approve", "comment"),
    ("approve", "version"),
    ("request_changes", "changes-comment"),
    ("request_changes", "changes-resubmit_by"),
    ("request_changes", "changes-version"),
    ("verdict", "verdict"),
    ("verdict", "comment"),
    ("comment", "comment-text"),
    ("comment", "comment-internal"),
    ("grant", "until"),
    ("grant", "comment"),
    ("refuse", "comment"),
]


@pytest.fixture
def pending_extension(draft, partner):
    extension = writing.request_extension(
        organisation=draft.organisation,
        period=draft.period,
        by=partner,
        until=draft.period.deadline + timedelta(days=30),
        reason="Drukte",
    )
    return extension


def _key(data, field):
    return next(key for key in data if key == field or key.endswith(f"-{field}"))


@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize("case,field", FIELDS)
def test_review_form_field(
    reviewer_client, draft, partner, covenant, pending_extension, case, field, typed, kept
):
    draft.transition_to(ReportStatus.SUBMITTED, by=partner)
    data = _cases(draft, covenant, pending_extension)[case]
    key = _key(data, field)
    data[key] += typed
    # Redisplaying the review screen logs that staff viewed the report (partners.privacy);
    # nothing else may be written.
    decisions = ModelLogEntry.objects.exclude(action=REPORT_VIEWED)
    entries = decisions.count()
    response = reviewer_client.post(review_url(draft), data)
    assert response.status_code == 400
    html = response.content.decode()
    if not key.endswith("version"):  # a hidden field has no place to show its error
        assert MESSAGE in html
    if key.endswith("comment") or key.endswith("text"):
        assert f"{data[key].replace(typed, kept)}</textarea>" in html
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED
    assert decisions.count() == entries
    assert not CommitmentVerdict.objects.exists()
    assert not ReviewComment.objects.exists()
    assert DeadlineExtension.objects.get().status == "pending"


@pytest.mark.parametrize("typed,kept", HOSTILE)
@pytest.mark.parametrize("field", ["reopen-comment", "reopen-resubmit_by", "reopen-version"])
def test_reopen_form_field(reviewer_client, submitted, reviewer, field, typed, kept):
    services.approve(submitted, by=reviewer)
    data = {
        "action": "reopen",
        "reopen-version": str(submitted.version),
        "reopen-comment": "Fout gevonden",
        "reopen-resubmit_by": _later(),
    }
    data[field] += typed
    response = reviewer_client.post(review_url(submitted), data)
    assert response.status_code == 400
    if field != "reopen-version":
        assert MESSAGE in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED


@pytest.mark.parametrize("param", ["commitment", "extension", "action"])
def test_hostile_action_parameters_are_not_found(reviewer_client, submitted, param):
    data = {"action": "verdict", "commitment": "1", "extension": "1"}
    data[param] += "\x00"
    response = reviewer_client.post(review_url(submitted), data, follow=True)
    assert response.status_code in (400, 404)  # (a 404 in the admin may be redirected first)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert not CommitmentVerdict.objects.exists()

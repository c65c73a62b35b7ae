"""The reporting core's own records and registries: the approval on the report, the data
migrations that fill it and rename old audit actions, and the one registry of audit actions."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone
from wagtail.log_actions import log, registry
from wagtail.models import ModelLogEntry

from partners import audit
from partners.models import Report, ReportStatus
from partners.reporting import decisions, writing

pytestmark = pytest.mark.django_db


def _migration(app, name):
    return importlib.import_module(f"{app}.migrations.{name}")


def test_approval_is_recorded_on_the_report_and_kept_when_reopened(submitted, reviewer):
    decisions.approve(submitted, by=reviewer)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED
    assert submitted.approved_by == reviewer
    approved_at = submitted.approved_at
    assert approved_at is not None and abs(timezone.now() - approved_at).total_seconds() < 60
    decisions.reopen(
        submitted,
        by=reviewer,
        reason="Cijfers kloppen niet",
        resubmit_by=timezone.localdate() + timezone.timedelta(days=20),
    )
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.REOPENED and submitted.approved_at == approved_at


def test_the_migration_takes_the_latest_approval_from_the_log(submitted, reviewer, partner):
    decisions.approve(submitted, by=reviewer)
    Report.objects.filter(pk=submitted.pk).update(approved_at=None, approved_by=None)
    earlier = ModelLogEntry.objects.get(action=audit.REPORT_APPROVE)
    second = log(submitted, audit.REPORT_APPROVE, user=partner)  # a later approval wins
    _migration("partners", "0007_report_approved_at").from_audit_log(apps, None)
    submitted.refresh_from_db()
    assert submitted.approved_at == second.timestamp > earlier.timestamp
    assert submitted.approved_by == partner


def test_old_audit_action_names_are_renamed_and_back(submitted, reviewer):
    migration = _migration("partners.reporting", "0003_audit_action_names")
    [old] = ModelLogEntry.objects.bulk_create(  # save() refuses names no longer registered
        [
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(Report),
                object_id=str(submitted.pk),
                label=str(submitted),
                action="partners_review.verdict",
                timestamp=timezone.now(),
                user=reviewer,
            )
        ]
    )
    migration.forwards(apps, None)
    old.refresh_from_db()
    assert old.action == audit.REPORT_VERDICT
    migration.backwards(apps, None)
    old.refresh_from_db()
    assert old.action == "partners_review.verdict"


def test_every_action_is_registered_once_and_named_alike():
    names = [
        value for key, value in vars(audit).items() if key.isupper() and isinstance(value, str)
    ]
    assert len(names) == len(set(names)) == len(audit.ACTIONS)
    for name in names:
        assert re.fullmatch(r"partners\.[a-z]+\.[a-z_]+", name), name
        assert registry.get_action_label(name) == audit.ACTIONS[name][0]


def test_a_bare_transition_sends_no_mail_the_services_do(
    draft, partner, reviewer, django_capture_on_commit_callbacks
):
    """E-mails are the services' job, sent after the commit, not a side effect of a log entry."""
    with django_capture_on_commit_callbacks(execute=True):
        draft.transition_to(ReportStatus.SUBMITTED, by=partner)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(draft, by=reviewer)
    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_a_rolled_back_submission_sends_nothing(
    draft, partner, reviewer, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        writing.hand_in(draft, by=partner)
        raise RuntimeError
    assert mail.outbox == []
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT

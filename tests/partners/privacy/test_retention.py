"""The retention job (``apply_retention``), each rule with a frozen clock, and idempotent."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page
from wagtail.users.utils import get_deleted_user_display_name

from partners import audit
from partners.factories import InvitationFactory, ReportFactory, StaffUserFactory, UserFactory
from partners.models import Evidence, Invitation
from partners.models.reports import private_storage
from partners.privacy import retention
from partners.privacy.retention import REMOVED_USER_ID, apply_retention

from .conftest import make_evidence, period_ending, signed_in

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=AMS)


def run() -> str:
    out = StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue()


# --- sessions ---------------------------------------------------------------------------------


def test_expired_sessions_and_their_allauth_records_are_removed(settings):
    settings.SESSION_COOKIE_AGE = 60 * 60  # one hour
    with time_machine.travel(T0, tick=False):
        old = signed_in(UserFactory())
        old_key = old.cookies["sessionid"].value
        UserSession.objects.create(
            user=get_user_model().objects.last(), ip="192.0.2.1", session_key=old_key
        )
    with time_machine.travel(T0 + timedelta(minutes=50), tick=False):
        fresh = signed_in(UserFactory())
        fresh_key = fresh.cookies["sessionid"].value
        UserSession.objects.create(
            user=get_user_model().objects.last(), ip="192.0.2.2", session_key=fresh_key
        )
    with time_machine.travel(T0 + timedelta(minutes=61), tick=False):
        output = run()
        assert set(Session.objects.values_list("session_key", flat=True)) == {fresh_key}
        assert list(UserSession.objects.values_list("ip", flat=True)) == ["192.0.2.2"]
        assert "sessions: 1" in output
        assert "sessions: 0" in run()  # idempotent


# --- invitations -------------------------------------------------------------------------------


def test_used_withdrawn_and_expired_invitations_go_after_30_days():
    with time_machine.travel(T0, tick=False):
        accepted = InvitationFactory(email="accepted@example.org")
        accepted.accepted_at = T0
        accepted.save()
        withdrawn = InvitationFactory(email="withdrawn@example.org")
        withdrawn.revoke()
        InvitationFactory(email="expired@example.org")  # expires T0 + 7 days
        pending_later = None
    with time_machine.travel(T0 + timedelta(days=30), tick=False):
        pending_later = InvitationFactory(email="pending@example.org")
        log(accepted, audit.INVITATION_SEND)
        run()
        # 30 days after acceptance / withdrawal is not yet "more than 30 days".
        assert Invitation.objects.count() == 4
    with time_machine.travel(T0 + timedelta(days=31), tick=False):
        run()
        assert set(Invitation.objects.values_list("email", flat=True)) == {
            "expired@example.org",  # expired on day 7: 24 days ago
            "pending@example.org",
        }
    with time_machine.travel(T0 + timedelta(days=38), tick=False):
        run()
        assert list(Invitation.objects.values_list("email", flat=True)) == ["pending@example.org"]
        assert pending_later.is_usable is False  # expired by now, but only for 24 days
        # The audit entries about a deleted invitation keep the fact, not the address.
        labels = ModelLogEntry.objects.filter(object_id=str(accepted.pk)).values_list(
            "label", flat=True
        )
        assert labels and not any("@" in label for label in labels)
        assert "invitations: 0" in run()


def test_the_invitation_grace_period_is_configurable(settings):
    settings.GOEDWERK_INVITATION_RETENTION_DAYS = 0
    with time_machine.travel(T0, tick=False):
        withdrawn = InvitationFactory()
        withdrawn.revoke()
        pending = InvitationFactory()
    with time_machine.travel(T0 + timedelta(seconds=1), tick=False):
        run()
        assert list(Invitation.objects.all()) == [pending]


# --- evidence -------------------------------------------------------------------------------


@pytest.fixture
def old_and_new(org):
    old = ReportFactory(organisation=org, period=period_ending(date(2018, 12, 31), "2018 H2"))
    new = ReportFactory(organisation=org, period=period_ending(date(2019, 6, 30), "2019 H1"))
    return make_evidence(old, "oud.pdf"), make_evidence(new, "nieuw.pdf")


def test_evidence_files_go_seven_years_after_the_period_ended(old_and_new):
    old, new = old_and_new
    storage = private_storage()
    # 2018-12-31 + 2555 days = 2025-12-29: the day after that, the old file is due.
    with time_machine.travel(datetime(2025, 12, 29, 12, tzinfo=AMS), tick=False):
        run()
        assert storage.exists(old.stored_name)
    with time_machine.travel(datetime(2025, 12, 30, 12, tzinfo=AMS), tick=False):
        output = run()
        assert "evidence files: 1" in output
        assert not storage.exists(old.stored_name)
        assert storage.exists(new.stored_name)
        old.refresh_from_db()
        # The record keeps the fact; only the file is gone.
        assert old.file_removed_at is not None
        assert old.original_name == "oud.pdf" and old.size > 0
        assert Evidence.objects.count() == 2
        entry = ModelLogEntry.objects.get(action=retention.EVIDENCE_FILE_REMOVED)
        assert entry.object_id == str(old.pk) and entry.user_id is None
        assert "evidence files: 0" in run()  # idempotent
        assert ModelLogEntry.objects.filter(action=retention.EVIDENCE_FILE_REMOVED).count() == 1


def test_a_removed_file_answers_404_not_500(old_and_new, org_admin, reviewer, org):
    old, _new = old_and_new
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=AMS), tick=False):
        run()
    response = signed_in(org_admin).get(f"/nl/portaal/alfa/bewijs/{old.pk}/")
    assert response.status_code == 404
    url = reverse("partners_review_reports:evidence", args=[old.pk])
    response = signed_in(reviewer).get(url, follow=True)
    # (The admin's 404 goes through LocaleMiddleware's redirect to /nl/…, which is a 404 too.)
    assert response.status_code == 404


def test_the_evidence_period_is_configurable_and_0_keeps_everything(settings, old_and_new):
    old, _new = old_and_new
    settings.GOEDWERK_EVIDENCE_RETENTION_DAYS = 0
    with time_machine.travel(datetime(2040, 1, 1, tzinfo=AMS), tick=False):
        run()
        assert not Evidence.objects.filter(file_removed_at__isnull=False).exists()
        settings.GOEDWERK_EVIDENCE_RETENTION_DAYS = 365 * 21  # until 2039-12-27 for "old"
        run()
        assert list(Evidence.objects.filter(file_removed_at__isnull=False)) == [old]


def test_a_file_already_missing_is_still_marked(old_and_new):
    old, _new = old_and_new
    private_storage().delete(old.stored_name)
    with time_machine.travel(datetime(2026, 1, 1, tzinfo=AMS), tick=False):
        run()
    old.refresh_from_db()
    assert old.file_removed_at is not None


# --- audit entries of removed users ----------------------------------------------------------


def test_audit_entries_of_removed_users_are_anonymised(report):
    leaver = StaffUserFactory(email="leaver@rotterdam.example", first_name="Lea", last_name="Ver")
    stayer = StaffUserFactory(email="stayer@rotterdam.example")
    log(report, audit.REPORT_STAFF_VIEW, user=leaver)
    log(report, audit.REPORT_STAFF_VIEW, user=stayer)
    log(report, "partners.report.save_draft")  # by the system
    log(leaver, "wagtail.edit", user=stayer)  # an entry about the leaver's account
    root = Page.get_first_root_node()
    page_entry = log(root, "wagtail.edit", user=leaver)
    leaver_id = leaver.pk
    assert ModelLogEntry.objects.filter(label__contains="leaver").exists()
    leaver.delete()

    output = run()
    assert "audit entries anonymised: 3" in output
    assert not ModelLogEntry.objects.filter(user_id=leaver_id).exists()
    assert not ModelLogEntry.objects.filter(object_id=str(leaver_id), label__contains="@").exists()
    assert ModelLogEntry.objects.filter(user_id=stayer.pk).count() == 2
    assert ModelLogEntry.objects.filter(user_id=REMOVED_USER_ID).count() == 1
    assert ModelLogEntry.objects.filter(user_id__isnull=True).count() == 1  # system stays system
    page_entry.refresh_from_db()
    assert page_entry.user_id == REMOVED_USER_ID
    # Wagtail still says a (deleted) person did it, not the system, but not who.
    pk = ModelLogEntry.objects.get(user_id=REMOVED_USER_ID).pk
    entry = ModelLogEntry.objects.select_related("user").get(pk=pk)  # as Wagtail's listings
    assert entry.user_display_name == get_deleted_user_display_name(REMOVED_USER_ID)
    assert "Lea" not in entry.user_display_name
    assert "audit entries anonymised: 0" in run()  # idempotent


def test_the_scheduler_runs_the_job_daily():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[3] / "bin" / "scheduler.sh").read_text()
    assert "python manage.py apply_retention" in script
    assert "RETENTION_EVERY=${SCHEDULER_RETENTION_EVERY:-1440}" in script  # 1440 minutes


def test_the_job_works_on_an_empty_database():
    assert str(apply_retention()).startswith("sessions: 0")
    Client()  # nothing else needed


# --- orphaned files ---------------------------------------------------------------------------


def test_files_no_evidence_holds_go_after_a_day(old_and_new):
    from django.core.files.base import ContentFile

    held, _new = old_and_new
    storage = private_storage()
    orphan = storage.save("evidence/verweesd.pdf", ContentFile(b"%PDF-1.4 left behind"))
    withdrawn = make_evidence(held.report, "ingetrokken.pdf")
    # A delete whose file removal failed after the commit: the record says the file is gone.
    Evidence.objects.filter(pk=withdrawn.pk).update(file_removed_at=T0)
    outside = storage.save("elsewhere/keep.pdf", ContentFile(b"not evidence"))

    # Younger than a day: it may be an upload that is still being saved.
    assert retention.remove_orphaned_files(storage.get_modified_time(orphan)) == 0
    assert storage.exists(orphan)

    later = storage.get_modified_time(orphan) + retention.ORPHAN_GRACE + timedelta(minutes=1)
    assert retention.remove_orphaned_files(later) == 2
    assert not storage.exists(orphan)
    assert not storage.exists(withdrawn.stored_name)
    # Files that current evidence holds, and files outside evidence/, stay.
    assert storage.exists(held.stored_name)
    assert storage.exists(outside)
    assert retention.remove_orphaned_files(later) == 0  # idempotent
    storage.delete(outside)


def test_the_orphan_sweep_needs_no_evidence_folder(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "empty")},
        },
    }
    assert retention.remove_orphaned_files() == 0

"""The retention rules (AVG: storage limitation). ``apply_retention`` runs them all; each rule is
idempotent, so the job may run as often as anyone likes (the scheduler runs it daily).

1. Expired sessions are deleted (Django's ``clearsessions``), and with them allauth's record of
   the session (IP address and browser) on the "sessions" page.
2. Invitations that were used, withdrawn or expired more than ``GOEDWERK_INVITATION_RETENTION_DAYS``
   ago are deleted; the audit entries about them keep what happened but no longer the invited
   e-mail address.
3. Evidence files of reports whose reporting period ended more than
   ``GOEDWERK_EVIDENCE_RETENTION_DAYS`` ago are deleted from the private storage. The evidence
   record stays (file name, kind, size, who uploaded it when) with the date of removal, and an
   audit entry says so. 0 switches this rule off.
4. Audit entries (Wagtail's log) of users that were removed lose the link to that person: the
   acting user becomes the one anonymous ``REMOVED_USER_ID`` (Wagtail shows "user -1 (deleted)"),
   and entries about the removed account lose its name.
5. Files in the private storage's ``evidence/`` folder that no current evidence record holds
   (a delete that failed after its commit, an upload whose request died between storing the
   file and its rollback) are deleted once they are ``ORPHAN_GRACE`` old: younger ones may
   belong to an upload that is still being saved.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from partners import audit
from partners.models import Evidence, Invitation
from partners.models.reports import private_storage

# Every removed user becomes this one id in the audit log. No account ever has it: primary keys
# start at 1 and are never reused. (Not 0: Wagtail would show an id of 0 as "system".)
REMOVED_USER_ID = -1
EVIDENCE_FILE_REMOVED = audit.EVIDENCE_FILE_REMOVED


@dataclass
class Outcome:
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return ", ".join(f"{name}: {count}" for name, count in self.counts.items())


def _days(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def clear_sessions() -> int:
    """Expired sessions (``clearsessions``, whatever the session engine) and allauth's records
    of sessions that are gone. Returns how many of allauth's records were deleted."""
    from allauth.usersessions.models import UserSession

    call_command("clearsessions")
    return sum(1 for session in UserSession.objects.all() if session.purge())


def delete_old_invitations(now=None) -> int:
    now = now or timezone.now()
    cutoff = now - timedelta(days=_days("GOEDWERK_INVITATION_RETENTION_DAYS", 30))
    old = Invitation.objects.filter(accepted_at__lt=cutoff) | Invitation.objects.filter(
        revoked_at__lt=cutoff, accepted_at__isnull=True
    )
    old = old | Invitation.objects.filter(
        expires_at__lt=cutoff, accepted_at__isnull=True, revoked_at__isnull=True
    )
    with transaction.atomic():
        pks = [str(pk) for pk in old.values_list("pk", flat=True)]
        if not pks:
            return 0
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Invitation), object_id__in=pks
        ).update(label=str(Invitation._meta.verbose_name))
        deleted, _ = Invitation.objects.filter(pk__in=pks).delete()
    return deleted


def remove_old_evidence_files(now=None) -> int:
    days = _days("GOEDWERK_EVIDENCE_RETENTION_DAYS", 7 * 365)
    if days <= 0:
        return 0
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - timedelta(days=days)
    storage = private_storage()
    removed = 0
    expired = Evidence.objects.filter(
        file_removed_at__isnull=True, report__period__ends_on__lt=cutoff
    ).select_related("report")
    for evidence in expired.iterator():
        storage.delete(evidence.stored_name)  # no error when the file is already gone
        evidence.file_removed_at = now
        evidence.save(update_fields=["file_removed_at"])
        log(
            evidence,
            EVIDENCE_FILE_REMOVED,
            user=None,
            data={"report": evidence.report_id, "retention_days": days},
        )
        removed += 1
    return removed


# An upload stores its file before the record commits; a file this old without a record is an
# orphan, not an upload in progress.
ORPHAN_GRACE = timedelta(hours=24)
EVIDENCE_FOLDER = "evidence"


def remove_orphaned_files(now=None) -> int:
    """Delete files under ``evidence/`` of the private storage that no evidence record with a
    file (``file_removed_at`` empty) names, and that are older than ``ORPHAN_GRACE``."""
    now = now or timezone.now()
    storage = private_storage()
    try:
        _folders, names = storage.listdir(EVIDENCE_FOLDER)
    except FileNotFoundError:
        return 0
    held = set(
        Evidence.objects.filter(file_removed_at__isnull=True).values_list("stored_name", flat=True)
    )
    removed = 0
    for name in names:
        stored_name = f"{EVIDENCE_FOLDER}/{name}"
        if stored_name in held:
            continue
        if storage.get_modified_time(stored_name) > now - ORPHAN_GRACE:
            continue
        storage.delete(stored_name)
        removed += 1
    return removed


def anonymise_removed_users() -> int:
    User = get_user_model()
    user_type = ContentType.objects.get_for_model(User)
    changed = 0
    with transaction.atomic():
        for model in (ModelLogEntry, PageLogEntry):
            changed += (
                model.objects.exclude(user_id__isnull=True)
                .exclude(user_id=REMOVED_USER_ID)
                .exclude(user_id__in=User.objects.values("pk"))
                .update(user_id=REMOVED_USER_ID)
            )
        about_users = ModelLogEntry.objects.filter(content_type=user_type).exclude(
            object_id=str(REMOVED_USER_ID)
        )
        existing = {str(pk) for pk in User.objects.values_list("pk", flat=True)}
        gone = set(about_users.values_list("object_id", flat=True)) - existing
        if gone:
            changed += about_users.filter(object_id__in=gone).update(
                object_id=str(REMOVED_USER_ID), label=str(User._meta.verbose_name)
            )
    return changed


def apply_retention(now=None) -> Outcome:
    outcome = Outcome()
    outcome.counts["sessions"] = clear_sessions()
    outcome.counts["invitations"] = delete_old_invitations(now)
    outcome.counts["evidence files"] = remove_old_evidence_files(now)
    outcome.counts["orphaned files"] = remove_orphaned_files(now)
    outcome.counts["audit entries anonymised"] = anonymise_removed_users()
    return outcome

"""Notifications hang on the audit log: every report transition and extension decision writes a
Wagtail ``ModelLogEntry`` (``Report.transition_to`` emits no signal of its own), so a
``post_save`` receiver on that model sees the partner's submission in the portal as well as the
decisions taken in the admin, without touching either view. E-mails go out only once the
transaction commits, so a rolled-back action never sends anything.

The same receiver records the language a partner acts in (``NotificationPreference``), and
invitations are added to the audit log from the Invitation model's own saves.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import get_language, trans_real
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from partners.audit import EVIDENCE_UPLOAD, REPORT_SAVE_DRAFT
from partners.models import Invitation, Report, ReportStatus
from partners.models.reports import TRANSITION_LOG_ACTIONS

from . import audit, emails
from .notifications import remember_language

SUBMIT = TRANSITION_LOG_ACTIONS[ReportStatus.SUBMITTED]
PARTNER_ACTIONS = {SUBMIT, REPORT_SAVE_DRAFT, EVIDENCE_UPLOAD, audit.EXTENSION_REQUEST}
NOTIFY = {
    SUBMIT: emails.report_submitted,
    TRANSITION_LOG_ACTIONS[ReportStatus.CHANGES_REQUESTED]: emails.changes_requested,
    TRANSITION_LOG_ACTIONS[ReportStatus.APPROVED]: emails.report_approved,
    TRANSITION_LOG_ACTIONS[ReportStatus.REOPENED]: emails.report_reopened,
    audit.EXTENSION_REQUEST: emails.extension_requested,
    audit.EXTENSION_GRANT: emails.extension_decided,
    audit.EXTENSION_REFUSE: emails.extension_decided,
}


def _active_language() -> str | None:
    """The language activated for the current request (LocaleMiddleware activates the URL's
    language), or None outside a request, where ``get_language()`` would only return the
    default and overwrite what the partner chose."""
    if getattr(trans_real._active, "value", None) is None:
        return None
    return get_language()


@receiver(post_save, sender=ModelLogEntry, dispatch_uid="partners_review_log_entry")
def on_log_entry(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.action in PARTNER_ACTIONS:
        remember_language(instance.user_id, _active_language())
    notify = NOTIFY.get(instance.action)
    if notify is None:
        return
    report_id, data = int(instance.object_id), dict(instance.data or {})

    def send():
        report = (
            Report.objects.select_related("organisation", "period", "submitted_by")
            .filter(pk=report_id)
            .first()
        )
        if report is not None:
            notify(report, data)

    transaction.on_commit(send)


@receiver(post_save, sender=Invitation, dispatch_uid="partners_review_invitation")
def on_invitation_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """Invitations are written by the accounts side; their audit entries are added here."""
    if raw:
        return
    data = {"organisation": instance.organisation_id, "role": instance.role}
    if created:
        log(instance, audit.INVITATION_SEND, user=instance.invited_by, data=data)
        return
    for action, flag, user in (
        (audit.INVITATION_ACCEPT, instance.accepted_at, instance.accepted_by),
        (audit.INVITATION_REVOKE, instance.revoked_at, None),
    ):
        if flag and not ModelLogEntry.objects.for_instance(instance).filter(action=action).exists():
            log(instance, action, user=user, data=data)

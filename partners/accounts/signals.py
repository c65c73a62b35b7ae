"""Signal receivers of the accounts side: allauth's, and the audit entries of invitations."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.db.models.signals import post_save
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from partners import audit
from partners.models import Invitation

from .policy import SECOND_FACTOR_TYPES


def record_new_second_factor(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator app or security key means typing a fresh code from it (or
    touching the key) in this session: allauth does not record that as an authentication, so
    the session would count as one without the second factor and be signed out. Record it.

    Only sessions that are allowed to add an authenticator get here: one that already passed
    the second factor, or one of someone who had none (see the middleware)."""
    if request is None or authenticator.type not in SECOND_FACTOR_TYPES:
        return
    if not request.user.is_authenticated or request.user.pk != user.pk:
        return
    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
    )


def log_invitation(sender, instance, created, raw=False, **kwargs):
    """Every invitation sent, accepted or withdrawn (from the portal or the admin) gets its
    audit entry, once."""
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


def connect():
    authenticator_added.connect(record_new_second_factor, dispatch_uid="partners_accounts_mfa")
    post_save.connect(log_invitation, sender=Invitation, dispatch_uid="partners_invitation_log")

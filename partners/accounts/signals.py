"""allauth signal receivers."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added

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


def connect():
    authenticator_added.connect(record_new_second_factor, dispatch_uid="partners_accounts_mfa")

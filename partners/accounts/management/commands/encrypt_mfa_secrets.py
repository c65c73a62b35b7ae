"""Re-encrypt every TOTP secret and recovery-code seed with the current key (the first of
MFA_ENCRYPTION_KEY), after adding a new key in front; then the old key can be removed."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand

from partners.accounts.crypto import encrypt_stored_secrets


class Command(BaseCommand):
    help = "Encrypt the second factor's secrets with the current MFA_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        changed = encrypt_stored_secrets(Authenticator, rotate=True)
        self.stdout.write(f"{changed} authenticator(s) re-encrypted.")

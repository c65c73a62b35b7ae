"""Encrypt the TOTP secrets and recovery-code seeds stored in plain text before the MFA adapter
encrypted them. Values already encrypted are recognised by their prefix (and re-encrypted with
the current key), so running it again changes nothing that matters."""

from django.db import migrations


def encrypt_secrets(apps, schema_editor):
    from partners.accounts.crypto import encrypt_stored_secrets

    encrypt_stored_secrets(apps.get_model("mfa", "Authenticator"))


def decrypt_secrets(apps, schema_editor):
    from partners.accounts.crypto import decrypt_stored_secrets

    decrypt_stored_secrets(apps.get_model("mfa", "Authenticator"))


class Migration(migrations.Migration):
    dependencies = [
        ("mfa", "0003_authenticator_type_uniq"),
        ("partners_accounts", "0001_used_totp_codes"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]

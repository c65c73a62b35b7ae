"""Deletes or anonymises personal data whose retention period is over (see
partners.privacy.retention). Idempotent; bin/scheduler.sh runs it daily."""

from django.core.management.base import BaseCommand

from partners.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Apply the retention rules: expired sessions, old invitations, evidence files of old "
        "reports, files no evidence holds, audit entries of removed users."
    )

    def handle(self, *args, **options):
        outcome = apply_retention()
        self.stdout.write(f"Retention applied ({outcome}).")

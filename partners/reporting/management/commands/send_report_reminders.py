"""Send the covenant-report deadline reminders that are due. Safe to run as often as you like:
every reminder is sent once (see partners/reporting/reminders.py)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from partners.reporting.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send deadline reminders for covenant reports (14 and 3 days before, and overdue)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the reminders without sending them."
        )

    def handle(self, *args, dry_run=False, **options):
        done = send_due_reminders(timezone.localdate(), dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for item in done:
            self.stdout.write(
                f"{verb} {item.kind} reminder: {item.organisation} / {item.period} "
                f"(deadline {item.due_on:%Y-%m-%d})"
            )
        self.stdout.write(f"{verb} {len(done)} reminder(s).")

"""Print the demo accounts that `load_demo` creates (used by `make run`)."""

from django.core.management.base import BaseCommand

from .load_demo import LOADERS


class Command(BaseCommand):
    help = "List the demo accounts created by load_demo."

    def handle(self, *args, **options):
        for loader in LOADERS:
            for description, email in loader.logins():
                self.stdout.write(f"    {email:<40} {description}")

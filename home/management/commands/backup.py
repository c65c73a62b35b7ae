"""`manage.py backup [--output DIR]`: the database, media and private evidence in one folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goedwerk.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's backup API), public media and "
        "private evidence (local folders or S3, through the storage API) into one timestamped "
        "folder with a manifest of SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="var/backups", help="parent folder of the backup")

    def handle(self, *args, **options):
        try:
            target = backup(Path(options["output"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(str(target))

"""`manage.py restore DIR`: a backup back into an empty database and empty storage."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goedwerk.backups import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an EMPTY database and EMPTY media and "
        "evidence storage, after checking every file against the manifest's checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder (goedwerk-backup-<time>)")
        parser.add_argument(
            "--check", action="store_true", help="only verify the checksums, restore nothing"
        )

    def handle(self, *args, **options):
        source = Path(options["backup"])
        try:
            manifest = verify(source) if options["check"] else restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            counts = ", ".join(f"{n} {folder} files" for folder, n in manifest["counts"].items())
            verb = "verified" if options["check"] else "restored"
            self.stdout.write(f"{source}: {verb} ({manifest['database']['vendor']}, {counts}).")

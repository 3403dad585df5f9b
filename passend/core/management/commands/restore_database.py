"""Restore an archive made by backup_database: the database and the attachment files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from passend.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database and MEDIA_ROOT from a backup_database archive."

    def add_arguments(self, parser):
        parser.add_argument("file", help="archive written by backup_database")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a target that already holds data (everything in it is overwritten)",
        )

    def handle(self, *args, **options):
        try:
            manifest, warnings = restore(Path(options["file"]), force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        for warning in warnings:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.write(
            f"Restored the {manifest['vendor']} database of {manifest['created']} and "
            f"{manifest['media_files']} attachment files. Check it: "
            "python manage.py verify_access_log"
        )

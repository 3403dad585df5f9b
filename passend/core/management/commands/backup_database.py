"""Back up the database and the attachment files into one archive (see passend/core/backup.py).

The archive holds no keys and is unreadable without them: keep DJANGO_SECRET_KEY,
PASSEND_FIELD_SALT_KEYS, PASSEND_PSEUDONYM_KEY and PASSEND_AUDIT_KEY in a separate, safe place,
never next to the backup.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from passend.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup / pg_dump -Fc) and MEDIA_ROOT to a file."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="archive to write (tar.gz), e.g. passend-2026-12-02.tar.gz"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = (
            f"{manifest['media_files']} attachment files ({manifest['media_bytes']} bytes)"
            if manifest["media"]
            else "no attachment files (the file storage is not the file system: back it up "
            "with its own tools)"
        )
        self.stdout.write(
            f"Backup written to {path} ({path.stat().st_size} bytes): {manifest['vendor']} "
            f"database ({manifest['database_bytes']} bytes), {media}.\n"
            "It holds no keys: without DJANGO_SECRET_KEY, PASSEND_FIELD_SALT_KEYS, "
            "PASSEND_PSEUDONYM_KEY and PASSEND_AUDIT_KEY it cannot be read. Keep those "
            "separately, not next to this file."
        )

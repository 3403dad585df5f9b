"""compilemessages for machines without GNU gettext: the same .po -> .mo, compiled by polib."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's .po files to .mo without GNU gettext (uses polib)."

    def add_arguments(self, parser):
        parser.add_argument("--ignore", action="append", default=[])

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).rglob("*.po")):
                po = polib.pofile(str(po_path))
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"processing file {po_path.name} in {po_path.parent}")

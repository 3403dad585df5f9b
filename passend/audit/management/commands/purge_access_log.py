"""The access log's retention: delete entries older than five years, keep the chain verifiable.

    manage.py purge_access_log [--dry-run]

Writes a checkpoint entry (the hash of the last entry removed and how many went) from which
verify_access_log checks the remaining chain. For cron, e.g. monthly.
"""

from django.core.management.base import BaseCommand

from passend.audit.purge import purge_access_log, purge_cutoff


class Command(BaseCommand):
    help = "Verwijder toegangslogregels ouder dan vijf jaar (de hash-keten blijft controleerbaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Verander niets; toon hoeveel zou verdwijnen."
        )

    def handle(self, *args, **options):
        before = purge_cutoff()
        result = purge_access_log(before=before, dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(
                f"Proefdraai: {result['deleted']} regel(s) van vóór {before:%Y-%m-%d} "
                "zou(den) verdwijnen."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result['deleted']} regel(s) van vóór {before:%Y-%m-%d} verwijderd."
                )
            )

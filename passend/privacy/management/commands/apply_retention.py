"""Daily: apply the retention periods (spec §2.13).

    manage.py apply_retention [--dry-run] [--enqueue]

Anonymises every case closed (or rejected / redirected by the screening) longer ago than its
team's retention period and deletes drafts untouched for 30 days; prints the counts. With
--dry-run nothing changes: the counts say what would go. With --enqueue the run is put on the
job queue for the worker (the cron line); it then runs as the background job.
"""

from django.core.management.base import BaseCommand

from passend.jobs.queue import enqueue
from passend.privacy.retention import apply_retention, apply_retention_job


class Command(BaseCommand):
    help = "Pas de bewaartermijnen toe: anonimiseer verlopen casussen, verwijder oude concepten."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Verander niets; toon wat zou verdwijnen."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Zet de run klaar voor de worker."
        )

    def handle(self, *args, **options):
        if options["enqueue"] and not options["dry_run"]:
            enqueue(apply_retention_job)
            self.stdout.write(self.style.SUCCESS("Bewaartermijnrun klaargezet voor de worker."))
            return
        run = apply_retention(dry_run=options["dry_run"], trigger="command")
        counts = run.counts
        what = "zou(den) verdwijnen" if run.dry_run else "verwerkt"
        for slug, team in sorted(counts["teams"].items()):
            self.stdout.write(
                f"{slug}: {team['casussen']} casus(sen), {team['concepten']} concept(en)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Proefdraai: ' if run.dry_run else ''}{counts['casussen']} casus(sen) en "
                f"{counts['concepten']} concept(en) {what} (run {run.pk})."
            )
        )

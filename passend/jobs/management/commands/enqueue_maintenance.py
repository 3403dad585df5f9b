"""Periodic upkeep of the job queue, for cron or a systemd timer (daily):

    manage.py enqueue_maintenance [--succeeded-days 7] [--failed-days 30]

Enqueues two jobs: one retries attempts whose worker vanished mid-task (still "running"
after --abandoned-minutes, default 60), one removes finished queue results and finished jobs
older than the given ages (failures stay longer, for the beheerder to see). Hourly is fine.
"""

from django.core.management.base import BaseCommand

from passend.jobs.maintenance import (
    KEEP_FAILED_DAYS,
    KEEP_SUCCEEDED_DAYS,
    prune_finished,
    recover_abandoned,
)
from passend.jobs.queue import enqueue


class Command(BaseCommand):
    help = "Zet het onderhoud van de takenwachtrij klaar (opruimen van afgeronde taken)."

    def add_arguments(self, parser):
        parser.add_argument("--succeeded-days", type=int, default=KEEP_SUCCEEDED_DAYS)
        parser.add_argument("--failed-days", type=int, default=KEEP_FAILED_DAYS)
        parser.add_argument("--abandoned-minutes", type=int, default=60)

    def handle(self, *args, **options):
        enqueue(recover_abandoned, older_than_minutes=options["abandoned_minutes"])
        enqueue(
            prune_finished,
            succeeded_days=options["succeeded_days"],
            failed_days=options["failed_days"],
        )
        self.stdout.write(self.style.SUCCESS("Onderhoud van de takenwachtrij klaargezet."))

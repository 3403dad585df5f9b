"""Run a job worker (django-tasks-db's `db_worker` plus a heartbeat for /readyz).

    manage.py worker [--interval 1] [--batch] [--max-tasks N] [--queue-name default]
                     [--heartbeat-every 10] [--worker-id ID] [--no-startup-delay] [--reload]

--interval          seconds between looks at an empty queue (default 1)
--batch             run what is due now, then stop (tests, one-off catch-up)
--max-tasks N       stop after N tasks (let systemd restart a fresh process)
--queue-name        queues to serve, comma-separated, or '*' for all (default 'default')
--exclude-queues    with --queue-name='*': queues to leave alone
--heartbeat-every   seconds between heartbeats in the shared cache (default 10; /readyz
                    calls a worker older than 60 s absent)
--worker-id         unique per worker (default: random)
--no-startup-delay  start at once (by default a random delay under 1 s spreads N workers)
--reload            restart on code changes (default: on with DEBUG; not for production)

Stop with SIGTERM/SIGINT: the running task finishes first (a second signal ends it).
Several workers may run side by side (PostgreSQL: SKIP LOCKED; SQLite: an exclusive claim).
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from passend.jobs.worker import HEARTBEAT_EVERY, HeartbeatWorker

WORKER_OPTIONS = ("interval", "batch", "backend_name", "startup_delay", "max_tasks", "worker_id")


def _positive(value: str) -> float:
    number = db_worker.valid_interval(value)
    if number <= 0:
        raise db_worker.ArgumentTypeError("Must be greater than zero")
    return number


class Command(db_worker.Command):
    help = "Voert achtergrondtaken uit (e-mail, herinneringen, onderhoud) en meldt zich levend."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat-every",
            type=_positive,
            default=HEARTBEAT_EVERY,
            help="Seconds between heartbeats in the shared cache (default: %(default)r).",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, heartbeat_every, **options):
        self.configure_logging(verbosity)
        if reload and options["batch"]:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = HeartbeatWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            heartbeat_every=heartbeat_every,
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            try:
                worker.run()
            finally:
                worker.reset_signals()

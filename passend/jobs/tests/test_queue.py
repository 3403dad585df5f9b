"""The job queue: retry with exponential backoff, failure after the last attempt, the
beheerder's page of failed jobs (own team only, no personal data), mail only by the worker
and only after the transaction commits, the worker's heartbeat. On SQLite and PostgreSQL."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from passend.accounts.roles import Role
from passend.jobs import health
from passend.jobs.models import Job
from passend.jobs.queue import JobAttemptFailed, backoff, enqueue
from passend.jobs.testing import commit_pending, run_jobs
from passend.jobs.worker import HeartbeatWorker

from . import sample_jobs
from .sample_jobs import flaky, hopeless

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    sample_jobs.CALLS.clear()
    yield
    sample_jobs.CALLS.clear()


def page_url(team) -> str:
    return f"/teams/{team.slug}/beheer/taken/"


def test_backoff_doubles_from_one_minute_and_is_capped():
    assert [backoff(n) for n in (1, 2, 3, 4, 5)] == [
        dt.timedelta(minutes=m) for m in (1, 2, 4, 8, 16)
    ]
    assert backoff(7) == dt.timedelta(hours=1) and backoff(30) == dt.timedelta(hours=1)


def test_a_failing_job_is_retried_with_backoff_and_succeeds_later(tenancy):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        enqueue(flaky, team=tenancy.a.team, fail_times=2, marker="m")
        assert run_jobs() == 1
        record = Job.objects.get()
        assert (record.status, record.attempts) == (Job.Status.RETRYING, 1)
        assert record.next_attempt_at == start + dt.timedelta(minutes=1)
        assert record.last_error_class == "ConnectionRefusedError"

        clock.shift(dt.timedelta(seconds=59))
        assert run_jobs() == 0, "not before the backoff has passed"
        clock.shift(dt.timedelta(seconds=1))
        assert run_jobs() == 1
        record.refresh_from_db()
        assert (record.status, record.attempts) == (Job.Status.RETRYING, 2)
        assert record.next_attempt_at == timezone.now() + dt.timedelta(minutes=2)

        clock.shift(dt.timedelta(minutes=2))
        assert run_jobs() == 1
    record.refresh_from_db()
    assert (record.status, record.attempts, record.next_attempt_at) == (
        Job.Status.SUCCEEDED,
        3,
        None,
    )
    assert sample_jobs.CALLS == ["m", "m", "m"]
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "FAILED", "SUCCESSFUL"]


def _exhaust(job_task, team, **kwargs):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        enqueue(job_task, team=team, **kwargs)
        for _ in range(10):
            run_jobs()
            clock.shift(dt.timedelta(hours=1))
    return Job.objects.get(team=team)


def test_a_job_that_keeps_failing_ends_failed_and_shows_on_its_teams_page(tenancy, as_user):
    record = _exhaust(hopeless, tenancy.a.team, marker="Jansen-0612345678")
    assert (record.status, record.attempts, record.max_attempts) == (Job.Status.FAILED, 3, 3)
    assert record.next_attempt_at is None
    assert len(sample_jobs.CALLS) == 3, "no attempt after the last"
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    # The queue records the class of the error, not its message (which names the argument).
    last = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).first()
    assert last.exception_class_path == "passend.jobs.queue.JobAttemptFailed"
    assert "Jansen" not in last.traceback and "ConnectionRefusedError" in last.traceback

    page = as_user(tenancy.a.users[Role.BEHEERDER]).get(page_url(tenancy.a.team))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<title>Achtergrondtaken – Expertteam alfa – Passend</title>" in body
    assert "Testtaak: lukt nooit" in body and "Mislukt" in body and "3 van 3" in body
    assert "ConnectionRefusedError" in body
    assert "Jansen" not in body and "Traceback" not in body and "marker" not in body


def test_other_teams_do_not_see_the_failure(tenancy, as_user):
    _exhaust(hopeless, tenancy.a.team, marker="x")
    other = as_user(tenancy.b.users[Role.BEHEERDER])
    assert other.get(page_url(tenancy.a.team)).status_code == 404
    own = other.get(page_url(tenancy.b.team)).content.decode()
    assert "Testtaak: lukt nooit" not in own and "Er zijn geen mislukte taken" in own
    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    assert teamlid.get(page_url(tenancy.a.team)).status_code in (403, 404)


def test_a_retrying_job_shows_its_next_attempt(tenancy, as_user):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        enqueue(flaky, team=tenancy.a.team, fail_times=5, marker="x")
        run_jobs()
        body = as_user(tenancy.a.users[Role.BEHEERDER]).get(page_url(tenancy.a.team))
    text = body.content.decode()
    assert "Wordt opnieuw geprobeerd" in text and "1 van 5" in text
    assert "02-03-2026 10:01" in text  # 09:01 UTC in Amsterdam


def test_nothing_is_enqueued_when_the_transaction_rolls_back(tenancy):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(flaky, team=tenancy.a.team, fail_times=0, marker="x")
        raise RuntimeError
    assert run_jobs() == 0 and not Job.objects.exists()


# --- mail through the worker --------------------------------------------------------------


def _invite(tenancy):
    from passend.accounts.services import beheer

    return beheer.invite(
        tenancy.a.team,
        actor=tenancy.a.users[Role.BEHEERDER],
        email="nieuw.lid@test.example.org",
        first_name="Nieuw",
        last_name="Lid",
        role=Role.SCREENER,
    )


def test_invitation_mail_is_sent_by_the_worker_after_commit_without_data_in_the_queue(tenancy):
    _invite(tenancy)
    assert mail.outbox == [] and not DBTaskResult.objects.exists(), "not before commit"
    commit_pending()
    queued = DBTaskResult.objects.get()
    assert "nieuw.lid" not in str(queued.args_kwargs) and "Nieuw" not in str(queued.args_kwargs)
    assert mail.outbox == [], "not before the worker runs"
    run_jobs()
    assert [m.to for m in mail.outbox] == [["nieuw.lid@test.example.org"]]
    assert re.search(r"/uitnodiging/\S+/", mail.outbox[0].body)
    assert Job.objects.get().status == Job.Status.SUCCEEDED


def test_a_refused_mail_is_retried_and_shown_without_the_address(tenancy, as_user, settings):
    settings.EMAIL_BACKEND = "passend.jobs.tests.sample_jobs.RefusingBackend"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _invite(tenancy)
        run_jobs()
        record = Job.objects.get(team=tenancy.a.team)
        assert (record.status, record.last_error_class) == (
            Job.Status.RETRYING,
            "SMTPRecipientsRefused",
        )
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(dt.timedelta(minutes=1))
        run_jobs()
    assert [m.to for m in mail.outbox] == [["nieuw.lid@test.example.org"]]
    record.refresh_from_db()
    assert (record.status, record.attempts) == (Job.Status.SUCCEEDED, 2)
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "nieuw.lid" not in failed.traceback


def test_reminder_command_enqueues_one_job_per_team(tenancy):
    call_command("remind_waiting_times", stdout=StringIO())
    commit_pending()
    teams = set(Job.objects.values_list("team", flat=True))
    assert teams >= {tenancy.a.team.pk, tenancy.b.team.pk}
    assert set(Job.objects.values_list("status", flat=True)) == {Job.Status.QUEUED}
    run_jobs()
    assert set(Job.objects.values_list("status", flat=True)) == {Job.Status.SUCCEEDED}


# --- the worker ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_the_queue_and_writes_the_heartbeat():
    """The real command, committed data, as in production (each job commits by itself)."""
    cache.delete(health.HEARTBEAT_KEY)
    enqueue(flaky, fail_times=0, marker="x")  # outside a transaction: enqueued at once
    call_command("worker", "--batch", "--no-startup-delay", "--verbosity", "0")
    assert Job.objects.get().status == Job.Status.SUCCEEDED
    assert health.worker_seen_recently()


def test_the_worker_beats_while_it_waits():
    worker = HeartbeatWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0.25,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="idle",
        heartbeat_every=0.1,
    )
    worker.beat(force=True)
    cache.delete(health.HEARTBEAT_KEY)
    worker._idle()
    assert health.worker_seen_recently()


def test_maintenance_prunes_old_finished_jobs_and_keeps_recent_failures(tenancy):
    with time_machine.travel(timezone.now() - dt.timedelta(days=10), tick=False):
        enqueue(flaky, team=tenancy.a.team, fail_times=0, marker="old")
        run_jobs()
    _exhaust(hopeless, tenancy.b.team, marker="recent")
    call_command("enqueue_maintenance", stdout=StringIO())
    run_jobs()
    left = Job.objects.exclude(kind__startswith="passend.jobs.maintenance.")
    left = left.values_list("team", "status")
    assert list(left) == [(tenancy.b.team.pk, Job.Status.FAILED)]
    assert not DBTaskResult.objects.filter(args_kwargs__kwargs__marker="old").exists()
    assert (
        JobAttemptFailed.__name__
        in DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
        .values_list("exception_class_path", flat=True)
        .first()
    )


def test_an_attempt_whose_worker_vanished_is_retried_by_maintenance(tenancy):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        enqueue(flaky, team=tenancy.a.team, fail_times=0, marker="x")
        commit_pending()
        # A worker claims the attempt, starts it and is killed (kill -9) before it finishes.
        DBTaskResult.objects.get().claim("killed-worker")
        Job.objects.update(status=Job.Status.RUNNING, attempts=1)
        clock.shift(dt.timedelta(minutes=30))
        call_command("enqueue_maintenance", stdout=StringIO())
        run_jobs()
        assert Job.objects.get(kind__endswith="flaky").status == Job.Status.RUNNING, "not yet"
        clock.shift(dt.timedelta(minutes=31))
        call_command("enqueue_maintenance", stdout=StringIO())
        run_jobs()
        record = Job.objects.get(kind__endswith="flaky")
        assert (record.status, record.last_error_class) == (Job.Status.RETRYING, "WorkerLost")
        clock.shift(dt.timedelta(minutes=1))
        run_jobs()
    record.refresh_from_db()
    assert (record.status, record.attempts) == (Job.Status.SUCCEEDED, 2)
    assert sample_jobs.CALLS == ["x"]

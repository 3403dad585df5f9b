"""/healthz (the process answers) and /readyz (database, cache, migrations, a job worker):
JSON, 200 or 503 naming what failed, never a 500, never cached, open without login."""

import datetime as dt

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from passend.accounts.roles import Role
from passend.core import health
from passend.jobs.health import STALE_AFTER, record_heartbeat

pytestmark = pytest.mark.django_db

CHECKS = ["database", "cache", "migrations", "worker"]


def refuse(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.fixture
def worker_alive():
    record_heartbeat()


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_when_every_check_passes(client, worker_alive):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "status": "ok",
        "checks": dict.fromkeys(CHECKS, "ok"),
        "failed": [],
    }
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_a_stale_worker_heartbeat_is_not_ready(client):
    record_heartbeat(now=timezone.now() - STALE_AFTER - dt.timedelta(seconds=1))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["checks"]["database"] == "ok"


def test_a_heartbeat_just_inside_the_limit_is_ready(client):
    record_heartbeat(now=timezone.now() - STALE_AFTER + dt.timedelta(seconds=5))
    assert client.get("/readyz").status_code == 200


def test_no_worker_ever_seen_is_not_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]


def test_an_unapplied_migration_is_not_ready(client, worker_alive):
    # The last migration of an app as if it were not applied yet (a deploy before `migrate`).
    executor = health.MigrationExecutor(connection)
    leaf = next(node for node in executor.loader.graph.leaf_nodes() if node[0] == "cases")
    recorder = executor.recorder
    recorder.record_unapplied(*leaf)
    try:
        assert health.unapplied_migrations()
        response = client.get("/readyz")
    finally:
        recorder.record_applied(*leaf)
    assert response.status_code == 503
    assert response.json()["failed"] == ["migrations"]


def test_a_cache_that_loses_writes_is_not_ready(client, worker_alive, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    # The heartbeat lives in the same cache: with it gone, the worker is not seen either.
    assert response.json()["failed"] == ["cache", "worker"]


def test_a_database_that_is_down_is_503_not_500(client, worker_alive, monkeypatch):
    # Connecting fails, as when the database server went away (the test database stays).
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    client.raise_request_exception = False
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert "database" in body["failed"] and "migrations" in body["failed"]
    # Alive still: the process answers.
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_any_host_over_plain_http_without_login(client, path, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(path, HTTP_HOST="10.0.0.7:8000")
    assert response.status_code in (200, 503)
    assert set(response.json()) >= {"status"}


def test_a_probe_with_a_session_cookie_answers_while_the_session_store_is_down(
    tenancy, as_user, worker_alive, monkeypatch
):
    client = as_user(tenancy.a.users[Role.VOORZITTER])

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    client.raise_request_exception = False
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503

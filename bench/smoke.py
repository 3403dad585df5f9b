"""`--smoke` for the bench scripts: a throw-away SQLite database in a temporary directory,
migrated, so each script runs end to end on tiny data in CI
(passend/core/tests/test_bench_smoke.py).
The numbers of a smoke run mean nothing; it only proves the script still works."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchkit import serving
from benchkit.serving import migrate  # the one way (a migrated copy when there is one)

__all__ = ["database_url", "migrate"]


def database_url() -> str:
    folder = Path(tempfile.mkdtemp(prefix="passend-bench-smoke-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return f"sqlite:///{folder / 'smoke.sqlite3'}"


def make_migrated_sqlite(path: Path) -> None:
    """A migrated SQLite database at `path` (``serving.MIGRATED_SQLITE`` points the smoke
    runs at it)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = serving.SETTINGS
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.pop(serving.MIGRATED_SQLITE, None)
    serving.setup_django(os.environ["DATABASE_URL"])
    migrate()


if __name__ == "__main__":
    # python bench/smoke.py PATH: make the migrated SQLite for the smoke runs of a test run.
    make_migrated_sqlite(Path(sys.argv[1]))

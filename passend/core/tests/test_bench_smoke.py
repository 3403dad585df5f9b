"""Every bench script still runs: each in its --smoke mode (tiny data, a temporary SQLite)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

BENCH = settings.BASE_DIR / "bench"
SCRIPTS = sorted(p.name for p in BENCH.glob("*.py") if p.name != "smoke.py")


def test_every_bench_script_is_covered():
    # the glob finds the scripts (a new script joins the parametrisation below by itself)
    assert {"case_pages.py", "load_cases.py", "socialmap_search.py"} <= set(SCRIPTS)


def _env() -> dict:
    # A temporary SQLite of their own, and the settings the scripts choose themselves.
    return {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """One migrated SQLite for all smoke runs of this worker: each script's fresh database
    starts as a copy (``benchkit.serving.migrate``) instead of running every migration."""
    path = tmp_path_factory.mktemp("bench") / "migrated.sqlite3"
    subprocess.run(
        [sys.executable, str(BENCH / "smoke.py"), str(path)],
        cwd=settings.BASE_DIR,
        env=_env(),
        check=True,
        timeout=300,
    )
    return path


# The smoke runs use a temporary SQLite of their own whatever the suite runs on: once, in the
# SQLite run of CI.
@pytest.mark.vendor("sqlite")
@pytest.mark.parametrize("script", SCRIPTS)
def test_bench_script_runs_in_smoke_mode(script, migrated_sqlite):
    env = _env() | {"PASSEND_BENCH_MIGRATED_SQLITE": str(migrated_sqlite)}
    result = subprocess.run(
        [sys.executable, str(BENCH / script), "--smoke"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]

"""The CI rule on the test run itself: under PASSEND_CI a skipped or xfailed test fails."""

import subprocess
from pathlib import Path

import pytest
from _pytest.reports import TestReport

from passend.conftest import fail_skips_in_ci

pytest_plugins = ["pytester"]


def _report(outcome: str, longrepr=None) -> TestReport:
    return TestReport("t.py::test_x", ("t.py", 1, "test_x"), {}, outcome, longrepr, "call")


def test_a_skip_fails_under_passend_ci():
    report = fail_skips_in_ci(
        _report("skipped", ("t.py", 1, "Skipped: no tool")), {"PASSEND_CI": "1"}
    )
    assert report.outcome == "failed"
    assert "no tool" in report.longrepr and "PASSEND_CI" in report.longrepr


@pytest.mark.parametrize("outcome", ["passed", "failed"])
def test_other_outcomes_are_left_alone_under_passend_ci(outcome):
    assert fail_skips_in_ci(_report(outcome), {"PASSEND_CI": "1"}).outcome == outcome


def test_a_skip_stays_a_skip_outside_ci():
    assert fail_skips_in_ci(_report("skipped", ("t.py", 1, "Skipped")), {}).outcome == "skipped"


def test_the_hook_turns_skips_and_xfails_into_failures(pytester, monkeypatch):
    """End to end through pytest's own hooks, with the project's hook as a plugin."""
    pytester.makeconftest(
        "import pytest\n"
        "from passend.conftest import fail_skips_in_ci\n"
        "@pytest.hookimpl(wrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    return fail_skips_in_ci((yield))\n"
    )
    pytester.makepyfile(
        "import pytest\n"
        "def test_ok(): pass\n"
        "@pytest.mark.skip(reason='geen chromium')\n"
        "def test_skipped(): pass\n"
        "@pytest.mark.xfail(reason='bekend')\n"
        "def test_xfailed(): assert False\n"
    )
    monkeypatch.setenv("PASSEND_CI", "1")
    result = pytester.runpytest_inprocess("-p", "no:django", "-p", "no:xdist")
    result.assert_outcomes(passed=1, failed=1, errors=1)  # a skip mark acts in setup: error
    monkeypatch.delenv("PASSEND_CI")
    result = pytester.runpytest_inprocess("-p", "no:django", "-p", "no:xdist")
    result.assert_outcomes(passed=1, skipped=1, xfailed=1)


# .ci/require-tools: CI fails (not skips) when Chromium or pdftotext cannot be installed ----------

REQUIRE_TOOLS = Path(__file__).resolve().parents[3] / ".ci" / "require-tools"


def _fake_tools(folder: Path, **scripts: str) -> None:
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        tool = folder / name
        tool.write_text(f"#!/bin/bash\n{body}\n")
        tool.chmod(0o755)


def _require_tools(folder: Path, chromium: Path) -> subprocess.CompletedProcess:
    """Run the script with only `folder` on PATH (bash builtins do the rest)."""
    env = {"PATH": str(folder), "PASSEND_CHROMIUM": str(chromium)}
    return subprocess.run(
        ["/bin/bash", str(REQUIRE_TOOLS)], env=env, capture_output=True, text=True, timeout=60
    )


def test_ci_fails_when_apt_get_cannot_install_the_tools(tmp_path):
    bin_ = tmp_path / "bin"
    _fake_tools(bin_, **{"apt-get": f'echo "$@" >> {tmp_path}/apt.log; exit 100'})
    result = _require_tools(bin_, tmp_path / "chromium")
    assert result.returncode != 0
    assert "pdftotext" in result.stderr and "chromium" in result.stderr
    assert (tmp_path / "apt.log").read_text() == "update -qq\n"  # tried, and failed


def test_ci_fails_when_a_tool_is_still_missing_after_the_install(tmp_path):
    """apt-get answers 0 but the browser is not there: CI still fails, naming it."""
    bin_ = tmp_path / "bin"
    present = {"msgfmt": "exit 0", "pdftotext": "exit 0", "pg_dump": "exit 0"}
    _fake_tools(bin_, **{"apt-get": "exit 0", **present})
    result = _require_tools(bin_, tmp_path / "chromium")
    assert result.returncode != 0
    assert str(tmp_path / "chromium") in result.stderr and "pg_restore" in result.stderr
    assert "pdftotext" not in result.stderr and "pg_dump" not in result.stderr


def test_ci_goes_on_without_apt_get_when_every_tool_is_there(tmp_path):
    bin_ = tmp_path / "bin"
    _fake_tools(
        bin_,
        **{
            "apt-get": f"touch {tmp_path}/apt-called; exit 1",
            **dict.fromkeys(["msgfmt", "pdftotext", "pg_dump", "pg_restore"], ""),
        },
    )
    _fake_tools(tmp_path / "browser", chromium="echo Chromium 1.0")
    result = _require_tools(bin_, tmp_path / "browser" / "chromium")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "apt-called").exists()


def test_ci_run_uses_the_tool_check_before_the_tests():
    run = (REQUIRE_TOOLS.parent / "run").read_text()
    assert run.index(".ci/require-tools") < run.index("python3 dev.py test")

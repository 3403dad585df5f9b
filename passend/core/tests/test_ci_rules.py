"""The CI rule on the test run itself: under PASSEND_CI a skipped or xfailed test fails."""

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

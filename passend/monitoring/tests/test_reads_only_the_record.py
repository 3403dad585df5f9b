"""Monitoring counts only the pseudonymised analytics record (issue 12): no module of the app
imports a case-work app's models, services or selectors. Code lists (``cases.codes``: the labels
of a status or an outcome, of any case-work app's ``codes`` module) are no case data and may be
used."""

import ast
from pathlib import Path

import passend.monitoring

CASE_WORK_APPS = ("cases", "meetings", "advice", "procesregie", "analysis", "inbox", "audit")
ALLOWED = {
    "passend.cases.codes",
    "passend.advice.codes",
    "passend.meetings.codes",
    "passend.procesregie.codes",
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_monitoring_reaches_cases_only_through_the_analytics_record():
    root = Path(passend.monitoring.__file__).parent
    modules = [p for p in root.rglob("*.py") if "tests" not in p.parts]
    assert any(p.name == "selectors.py" for p in modules)
    offending = {}
    for path in modules:
        for name in imported_modules(path):
            parts = name.split(".")
            case_work = len(parts) >= 2 and parts[0] == "passend" and parts[1] in CASE_WORK_APPS
            allowed = any(name == a or name.startswith(a + ".") for a in ALLOWED)
            if case_work and not allowed:
                offending.setdefault(str(path.relative_to(root)), []).append(name)
    assert offending == {}


def test_the_check_finds_a_forbidden_import(tmp_path):
    # The rule above would see a module that reads the cases directly.
    module = tmp_path / "sneaky.py"
    module.write_text("from passend.cases.models import Casus\nimport passend.advice.selectors\n")
    assert {"passend.cases.models", "passend.advice.selectors"} <= imported_modules(module)

"""Every message a user reads goes through gettext: the source is scanned (AST) for a bare
string literal passed to ``messages.*``, to a service refusal or to a validation error."""

import ast
from pathlib import Path

from django.conf import settings

SOURCE = Path(settings.BASE_DIR) / "passend"
REFUSALS = {
    "Refusal",
    "InvalidInput",
    "NotAllowed",
    "StateConflict",
    "ValidationError",  # Django's, forms.ValidationError and DRF's serializers.ValidationError
    "ParseError",
    "PermissionDenied",
    "AuthenticationFailed",
    "Throttled",
}
MESSAGE_FUNCTIONS = {"debug", "info", "success", "warning", "error"}
MESSAGE_KEYWORDS = {"message", "errors", "detail"}


def _name(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def is_bare_text(node) -> bool:
    """A literal text (or one built from literals) that no gettext call wraps."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return is_bare_text(node.left)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return is_bare_text(node.left) or is_bare_text(node.right)
    if isinstance(node, ast.Call) and _name(node.func) == "format":
        return is_bare_text(node.func.value)
    if isinstance(node, ast.IfExp):
        return is_bare_text(node.body) or is_bare_text(node.orelse)
    if isinstance(node, ast.Dict):
        return any(is_bare_text(v) for v in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return any(is_bare_text(v) for v in node.elts)
    return False


def message_arguments(call: ast.Call) -> list:
    """The arguments of ``call`` that carry text shown to the user."""
    name = _name(call.func)
    keywords = [k.value for k in call.keywords if k.arg in MESSAGE_KEYWORDS]
    if name in MESSAGE_FUNCTIONS and _name(getattr(call.func, "value", None)) == "messages":
        return call.args[1:] + keywords  # messages.success(request, text)
    if name == "add_message" and _name(getattr(call.func, "value", None)) == "messages":
        return call.args[2:] + keywords  # messages.add_message(request, level, text)
    if name in REFUSALS:
        return call.args[:1] + keywords
    return []


def bare_messages(source: str, filename: str = "<source>") -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call):
            for argument in message_arguments(node):
                if is_bare_text(argument):
                    found.append(f"{filename}:{node.lineno}: {ast.unparse(argument)[:80]}")
    return found


def test_the_scan_finds_bare_text_and_passes_wrapped_text():
    bare = """
messages.success(request, "Opgeslagen.")
messages.add_message(request, messages.INFO, f"Casus {n} opgeslagen.")
raise NotAllowed("Dat mag niet.")
raise InvalidInput(errors={"day": "Kies een dag."})
raise serializers.ValidationError({"due_on": "Geef de datum."})
raise forms.ValidationError("Te lang (%(n)s)." % {"n": 3})
raise exceptions.Throttled(wait=9, detail="Te veel verzoeken.")
"""
    assert len(bare_messages(bare)) == 7
    wrapped = """
messages.success(request, _("Opgeslagen."))
messages.error(request, refusal.message)
raise NotAllowed(_("Dat mag niet."))
raise InvalidInput(errors={"day": _("Kies een dag.")})
raise InvalidInput(errors=problems)
raise forms.ValidationError(_("Te lang (%(n)s).") % {"n": 3}, code="te_lang")
raise ValidationError(ngettext("%(n)s rij", "%(n)s rijen", n) % {"n": n})
"""
    assert bare_messages(wrapped) == []


def test_no_bare_text_in_messages_refusals_or_validation_errors():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        found += bare_messages(path.read_text(encoding="utf-8"), str(path.relative_to(SOURCE)))
    assert found == [], "wrap these in gettext (Dutch source text, English in the catalogue)"

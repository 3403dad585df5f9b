"""The API's JSON parser: camelCase → snake_case like djangorestframework-camel-case, strict JSON
(RFC 8259: no NaN or Infinity), and a nesting limit, so a body nested thousands deep is a 400
problem instead of a RecursionError (500)."""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.util import underscoreize
from rest_framework.exceptions import ParseError

# No Passend request body comes near this; far below Python's recursion limit.
MAX_JSON_DEPTH = 32

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the arrays and objects in `text` nest deeper than `limit` (strings ignored)."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _reject_constant(name: str):
    raise ValueError(name)


class PassendJSONParser(CamelCaseJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(_("De inhoud is geen geldige JSON (geen geldige UTF-8).")) from exc
        if json_depth_exceeds(text):
            raise ParseError(
                _("De JSON is te diep genest (hoogstens %(max)d niveaus).")
                % {"max": MAX_JSON_DEPTH}
            )
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except ValueError as exc:
            raise ParseError(_("De inhoud is geen geldige JSON.")) from exc
        return underscoreize(data, **self.json_underscoreize)

"""OpenAPI generation tuned to the NL API Design Rules."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from .problems import to_camel

PROBLEM = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "description": "URI die het soort fout aanduidt."},
        "title": {"type": "string", "description": "Korte, vaste omschrijving van de fout."},
        "status": {"type": "integer", "description": "De HTTP-statuscode."},
        "detail": {"type": "string", "description": "Uitleg voor deze specifieke fout."},
        "instance": {"type": "string", "description": "URI van dit voorval."},
    },
    "required": ["type", "title", "status", "detail"],
}

# A 400 answer is a Problem plus the RFC 9457 extension member `invalidParams` (RFC 9457 §3.2
# allows extension members). The ADR rule nlgov:problem-schema-members allows only the five
# standard members in a problem schema's own `properties`; the extension is therefore composed
# with allOf onto the unchanged Problem, so the standard part stays exactly as the rule wants.
INVALID_PARAMS = {
    "type": "object",
    "properties": {
        "invalidParams": {
            "type": "array",
            "description": "Per ongeldig veld wat er mis is.",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "description": "Veldnaam (lowerCamelCase)."},
                    "code": {"type": "string", "description": "Code van de fout."},
                    "reason": {"type": "string", "description": "Uitleg in het Nederlands."},
                },
                "required": ["name", "reason"],
            },
        },
    },
}
INVALID_INPUT_PROBLEM = {
    "description": (
        "Foutmelding bij ongeldige invoer (status 400): een Problem met de uitbreiding "
        "invalidParams (RFC 9457 §3.2)."
    ),
    "allOf": [{"$ref": "#/components/schemas/Problem"}, INVALID_PARAMS],
}

VERSION_HEADER = {
    "description": "Het volledige versienummer van de API (semver).",
    "schema": {"type": "string", "example": "1.0.0"},
}

ERROR_DESCRIPTIONS = {
    "400": "Ongeldige invoer; invalidParams noemt per veld wat er mis is.",
    "401": "Niet ingelogd of token verlopen.",
    "403": "Geen recht op deze handeling.",
    "404": "Niet gevonden, of buiten uw bevoegdheid.",
    "409": "Kan niet in deze toestand; detail zegt waarom.",
    "429": "Te veel verzoeken; probeer het later opnieuw.",
    "500": "Interne fout.",
}


def _body_properties(operation, components) -> set[str]:
    """The top-level property names of an operation's JSON request body."""
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = components.get("schemas", {}).get(ref.rsplit("/", 1)[1], {})
    return set(schema.get("properties", {}))


def _model_field(field):
    """The model field behind a ModelSerializer field, if there is exactly one."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source or field.source == "*":
        return None
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None
    return None if model_field.is_relation and not model_field.concrete else model_field


class PassendAutoSchema(AutoSchema):
    def get_operation_id(self):
        operation_id = super().get_operation_id()
        return to_camel(operation_id)

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A read-only field shows what the model holds: DRF drops allow_blank from read-only
        model fields, so a blank choice ("") or a blank e-mail address would contradict the
        document. Describe the blank (and null) values the model field allows."""
        model_field = _model_field(field) if field.read_only else None
        blank = bool(model_field is not None and model_field.blank)
        if blank and isinstance(field, serializers.ChoiceField):
            field.allow_blank = True
        if model_field is not None and model_field.null:
            field.allow_null = True
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        holds_text = isinstance(model_field, models.CharField | models.TextField)
        if blank and holds_text and schema.get("type") == "string" and "format" in schema:
            empty = {"type": "string", "maxLength": 0}
            keep = ("readOnly", "nullable", "title", "description")
            outer = {k: schema.pop(k) for k in keep if k in schema}
            schema = {"anyOf": [schema, empty], **outer}
        return schema


def _error(code: str) -> dict:
    schema = "InvalidInputProblem" if code == "400" else "Problem"
    return {
        "description": ERROR_DESCRIPTIONS.get(code, ""),
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {
            "application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        },
    }


def add_design_rule_responses(result, generator, request, public):
    """Version header on every response; problem+json for every error an operation can give."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM
    components["schemas"]["InvalidInputProblem"] = INVALID_INPUT_PROBLEM
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"
                }
                # An error a view declares itself (a 409 of a GET) answers problem+json too.
                if str(code).startswith(("4", "5")) and "content" not in response:
                    response["content"] = _error(str(code))["content"]
            takes_input = "requestBody" in operation or any(
                p.get("in") == "query" for p in operation.get("parameters", [])
            )
            public_op = operation.get("security") == [{}] or not operation.get("security")
            wanted = ["500"]
            if takes_input:
                wanted.append("400")
            if not public_op:
                wanted += ["401", "403"]
            query = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
            # A page past the last one, and a filter or a body naming a team out of reach,
            # are 404 as well.
            if (
                "{" in path
                or "page" in query
                or any(name.endswith("Id") for name in query)
                or (not public_op and "team" in _body_properties(operation, components))
            ):
                wanted.append("404")
            if method != "get" and not public_op:
                wanted.append("409")
            if path.startswith("/auth/") or path.startswith("/public/"):
                wanted += ["401", "429"]
            for code in wanted:
                responses.setdefault(code, _error(code))
            operation["responses"] = dict(sorted(responses.items()))
    return result


def _references(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            _references(value, found)
    elif isinstance(node, list):
        for value in node:
            _references(value, found)
    return found


def drop_unused_components(result, generator, request, public):
    """Leave out schema components nothing refers to (for example the request form of a
    serializer that is only ever nested read-only), so every component in the document is used."""
    schemas = result.get("components", {}).get("schemas", {})
    used = _references({k: v for k, v in result.items() if k != "components"}, set())
    pending = list(used)
    while pending:
        name = pending.pop()
        for child in _references(schemas.get(name, {}), set()) - used:
            used.add(child)
            pending.append(child)
    for name in set(schemas) - used:
        del schemas[name]
    return result

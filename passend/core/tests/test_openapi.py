"""The published OpenAPI document is valid OpenAPI 3 and follows the NL API Design Rules."""

import re

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
)
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
PATH_PARAM = re.compile(r"^\{[a-z][a-zA-Z0-9]*\}$")
# Single resources, not collections: /auth/token; a case's access-log (named so in the issue)
# and its consent-form document; a case's perspective and case-direction (one per case).
NON_COLLECTION_SEGMENTS = {"auth", "token", "access-log", "consent-form", "public", "letter"}
NON_COLLECTION_SEGMENTS |= {"perspective", "case-direction"}
# The social map's routes are grouped under /socialmap/ (named so in the issue).
NON_COLLECTION_SEGMENTS |= {"socialmap"}
# A member has one second factor: DELETE on it resets it (a singleton sub-resource).
NON_COLLECTION_SEGMENTS |= {"second-factor"}
# A team has one DPIA check, and one monitoring with one summary (issue 12).
NON_COLLECTION_SEGMENTS |= {"dpia", "monitoring", "summary"}
# One export document per person of a case (AVG art. 15), asked for with ?person=.
NON_COLLECTION_SEGMENTS |= {"data-export"}
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def properties(node, where="$"):
    """Every property name of every schema, recursively."""
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield f"{where}.{name}", name
            yield from properties(value, f"{where}.{name}")
        for key, value in node.items():
            if key != "properties":
                yield from properties(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, f"{where}[{index}]")


def test_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.0.")


def test_info_and_servers(schema):
    info = schema["info"]
    assert SEMVER.match(info["version"])
    assert {"name", "url", "email"} <= set(info["contact"])
    assert schema["servers"] and all(re.search(r"/v\d+", s["url"]) for s in schema["servers"])


def test_paths_kebab_case_plural_and_without_trailing_slash(schema):
    for path in schema["paths"]:
        assert not path.endswith("/"), path
        segments = path.strip("/").split("/")
        for segment in segments:
            assert KEBAB.match(segment) or PATH_PARAM.match(segment), (path, segment)
            if KEBAB.match(segment) and segment not in NON_COLLECTION_SEGMENTS:
                assert segment.endswith("s"), f"collections are plural nouns: {path}"


def test_parameters_and_properties_are_lower_camel_case(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            assert CAMEL.match(parameter["name"]), (path, method, parameter["name"])
    for where, name in properties(schema["components"]["schemas"]):
        assert CAMEL.match(name), where


def test_every_response_has_version_header_and_errors_are_problem_json(schema):
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            assert "API-Version" in response.get("headers", {}), (path, method, code)
            if code.startswith(("4", "5")):
                assert list(response["content"]) == ["application/problem+json"], (path, code)
        takes_input = "requestBody" in operation or any(
            p["in"] == "query" for p in operation.get("parameters", [])
        )
        if takes_input:
            assert "400" in operation["responses"], f"invalid input undocumented: {method} {path}"


def test_date_parameters_are_typed_as_dates(schema):
    access_logs = schema["paths"]["/access-logs"]["get"]
    dates = {
        p["name"]: p["schema"] for p in access_logs["parameters"] if p["name"].startswith("date")
    }
    assert dates == {
        "dateFrom": {"type": "string", "format": "date"},
        "dateUntil": {"type": "string", "format": "date"},
    }


def test_descriptions_are_dutch(schema):
    summaries = [op.get("summary", "") for _, _, op in operations(schema)]
    assert all(summaries), "every operation has a (Dutch) summary"
    assert "Toegangslog raadplegen" in summaries


def test_committed_document_matches_the_code():
    call_command("spectacular_check")


def test_yaml_and_docs_are_served(client):
    assert client.get("/api/v1/openapi.yaml").status_code == 200
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    assert "'unsafe-inline'" in docs["Content-Security-Policy"].split("style-src")[1].split(";")[0]
    assert (
        "'unsafe-inline'"
        not in docs["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )

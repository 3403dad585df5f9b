"""Malformed request bodies never give a 500: they answer 400 (or 413) as problem+json."""

import pytest
from django.test import override_settings

from passend.accounts.roles import Role
from passend.cases.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db

DEEP = 10_000


def _problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


@pytest.fixture
def api(tenancy, as_user):
    return as_user(tenancy.a.users[Role.VOORZITTER])


@pytest.fixture
def case_url(tenancy):
    casus = CasusFactory(team=tenancy.a.team)
    return f"/api/v1/cases/{casus.pk}"


@pytest.mark.parametrize(
    "body",
    ["[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP],
    ids=["lists", "objects"],
)
@pytest.mark.parametrize("method", ["post", "patch"])
def test_json_nested_ten_thousand_deep_is_400(api, case_url, body, method):
    url = case_url if method == "patch" else "/api/v1/cases"
    response = getattr(api, method)(url, body, content_type="application/json")
    assert "diep" in _problem(response, 400)["detail"]


def test_json_nested_within_the_limit_reaches_validation(api, case_url):
    body = '{"perspective": ' + "[" * 30 + "]" * 30 + "}"
    response = api.patch(case_url, body, content_type="application/json")
    assert response.status_code != 500


@pytest.mark.parametrize("body", ["{", '{"a": 1,}', "NaN", '{"a": Infinity}', b"\xff\xfe{"])
def test_invalid_json_is_400_in_dutch(api, body):
    response = api.post("/api/v1/cases", body, content_type="application/json")
    assert "JSON" in _problem(response, 400)["detail"]
    assert "parse error" not in response.json()["detail"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_body_over_the_upload_limit_is_413_problem(api):
    body = '{"x": "' + "a" * 2048 + '"}'
    _problem(api.post("/api/v1/cases", body, content_type="application/json"), 413)


def test_body_over_the_default_limit_is_413_problem(api, settings):
    body = '{"x": "' + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    _problem(api.post("/api/v1/cases", body, content_type="application/json"), 413)

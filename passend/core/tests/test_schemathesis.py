"""Schemathesis over the whole API, from openapi/openapi.yaml, inside the normal pytest run.

Every operation of the document is fuzzed with positive and negative examples (a bounded
budget, EXAMPLES per operation and role), authenticated with a knox token as a voorzitter and as
an aanmelder of a team with one of every record (the authorization matrix's world). Path
parameters name the real records, so the examples reach validation and the services instead of
stopping at 404. Checks on every answer: no 5xx, every 4xx is application/problem+json, and the
answer conforms to the document (status code documented, content type, headers, body schema).

The requests go in-process to Django's WSGI handler inside the test's transaction; each
operation runs in a savepoint that is rolled back, so every operation starts from the same world.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from knox.models import AuthToken
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from passend.accounts.roles import Role
from passend.core.tests.authz.world import build_world

pytestmark = pytest.mark.django_db

# Per operation and role, on each vendor: a bound that keeps the suite within CI's time budget
# (in CI hypothesis derandomises, so a run repeats the previous run's examples).
EXAMPLES = 15
BASE_URL = "http://testserver/api/v1"
SCHEMA = schemathesis.openapi.from_path(settings.BASE_DIR / "openapi" / "openapi.yaml")


def problem_json_for_client_errors(ctx, response, case):
    """Every 4xx answer is RFC 9457 problem+json with status, title and detail."""
    if 400 <= response.status_code < 500:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/problem+json"), (
            f"{response.status_code} answered with {content_type!r}, not problem+json"
        )
        body = response.json()
        assert body.get("status") == response.status_code and body.get("title"), body


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    problem_json_for_client_errors,
]


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, in-process. Like Django's test client, keep the request signals
    from closing the test's database connection (it holds the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _path_values(place) -> dict[str, object]:
    o = place.objects
    records = {
        "caseId": o["casus"],
        "actionId": o["action"],
        "adviceId": o["advice"],
        "attachmentId": o["attachment"],
        "consentId": o["consent"],
        "discussionId": o["discussion"],
        "episodeId": o["episode"],
        "escalationId": o["escalation"],
        "futurePlanId": o["plan"],
        "guestId": o["guest"],
        "meetingId": o["meeting"],
        "offerId": o["offer"],
        "organisationId": o["provider"],
        "regionId": o["region"],
        "requestId": o["clarification"],
        "teamId": place.team,
        "userId": o["member"],
    }
    return {name: record.pk for name, record in records.items()}


def _strategy(operation, path_values):
    names = {p.name for p in operation.path_parameters}
    fixed = {name: value for name, value in path_values.items() if name in names}
    strategies = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategies.append(operation.as_strategy(mode, path_parameters=fixed))
    return st.one_of(strategies)


def _fuzz(operation, strategy, app, headers) -> str | None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(base_url=BASE_URL, app=app, headers=headers, checks=CHECKS)

    try:
        with transaction.atomic():
            run()
            transaction.set_rollback(True)
    except (Exception, BaseExceptionGroup) as exc:  # report every failing operation
        return f"{operation.label}: {exc}"
    return None


@pytest.mark.parametrize("role", [Role.VOORZITTER, Role.AANMELDER])
def test_whole_api_holds_under_fuzzing(role, wsgi_app):
    world = build_world()
    user = world.own.users[role]
    headers = {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"}
    path_values = _path_values(world.own)
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    assert len(operations) >= 90
    failures = [
        failure
        for operation in operations
        if (failure := _fuzz(operation, _strategy(operation, path_values), wsgi_app, headers))
    ]
    assert not failures, f"{len(failures)} operations fail:\n\n" + "\n\n".join(failures)

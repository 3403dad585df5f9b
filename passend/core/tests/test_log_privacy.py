"""The logs carry no personal data: a case is registered through the pages and the API with a
known name, BSN and e-mail address, searched by name, refused on validation, looked up at a
missing page with the name in the query, and a login fails with the e-mail address as the
username. All log output (structlog and the standard library, DEBUG for the passend and
django loggers, rendered by the production formatter) holds none of those values, and every
request has its line with a request id."""

import io
import json
import logging
import re

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.models import Casus, RegistrationReason, Sector
from passend.core.logging import json_formatter

pytestmark = pytest.mark.django_db

FIRST, LAST = "Wessel", "Logspoorloos"
BSN = "111222333"
PARENT_EMAIL = "ilse.logspoorloos@example.org"
USER_EMAIL = "aanmelder.logspoorloos@example.org"
SECRETS = [FIRST, LAST, BSN, PARENT_EMAIL, USER_EMAIL, "logspoorloos"]


@pytest.fixture
def captured():
    """Every log record, as the production handler writes it (JSON lines)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "passend", "django", "axes")}
    root.addHandler(handler)
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]


def step_url(team, casus, step):
    return f"/teams/{team.slug}/aanmelden/{casus.pk}/{step}/"


def register_through_the_pages(client, team) -> Casus:
    youth = {
        "first_name": FIRST,
        "last_name": LAST,
        "birth_date": "2031-01-01",  # in the future: refused, the values come back on the page
        "gemeente": team.gemeenten.first().pk,
        "address": "Helmweg 3",
        "bsn": BSN,
        "living_situation": "thuis",
    }
    refused = client.post(f"/teams/{team.slug}/aanmelden/", youth)
    assert "De geboortedatum ligt in de toekomst." in refused.content.decode()
    response = client.post(f"/teams/{team.slug}/aanmelden/", {**youth, "birth_date": "2012-04-03"})
    assert response.status_code == 302
    casus = Casus.objects.get(is_draft=True)
    parents = {
        "ouders-TOTAL_FORMS": "1",
        "ouders-INITIAL_FORMS": "0",
        "ouders-MIN_NUM_FORMS": "0",
        "ouders-MAX_NUM_FORMS": "4",
        "ouders-0-first_name": "Ilse",
        "ouders-0-last_name": LAST,
        "ouders-0-relation": "moeder",
        "ouders-0-has_gezag": "on",
        "ouders-0-email": PARENT_EMAIL,
    }
    assert client.post(step_url(team, casus, "ouders"), parents).status_code == 302
    question = {
        "question": f"{FIRST} {LAST} wil thuis blijven wonen.",
        "reasons": [RegistrationReason.objects.get(code="anders").pk],
        "reason_other": f"school weigert {FIRST}",
        "sectors": [Sector.objects.get(region=team.region, code="ggz").pk],
        "urgency": "hoog",
    }
    assert client.post(step_url(team, casus, "vraag"), question).status_code == 302
    background = {"referrer_type": "01", "legal_framework": "vrijwillig", "care_history": LAST}
    assert client.post(step_url(team, casus, "achtergrond"), background).status_code == 302
    informed = {"youth_informed": "on", "parents_informed": "on"}
    assert client.post(step_url(team, casus, "versturen"), informed).status_code == 302
    casus.refresh_from_db()
    assert not casus.is_draft and casus.bsn == BSN
    return casus


def register_through_the_api(client, team):
    today = timezone.localdate()
    body = {
        "team": team.pk,
        "firstName": FIRST,
        "lastName": LAST,
        "bsn": BSN,
        "birthDate": today.replace(year=today.year - 13).isoformat(),
        "gemeente": team.gemeenten.first().pk,
        "referrerType": "01",
        "question": f"{FIRST} wil weer naar school.",
        "reasons": ["wachtlijst"],
        "lifeDomains": ["onderwijs-werk"],
        "sectors": ["onderwijs"],
        "livingSituation": "thuis",
        "youthInformed": True,
        "parentsInformed": True,
        "parents": [
            {
                "firstName": "Ilse",
                "lastName": LAST,
                "relation": "moeder",
                "hasGezag": True,
                "email": PARENT_EMAIL,
            }
        ],
    }
    created = client.post("/api/v1/cases", body, content_type="application/json")
    assert created.status_code == 201, created.content
    refused = client.post(
        "/api/v1/cases", {**body, "birthDate": "2999-01-01"}, content_type="application/json"
    )
    assert refused.status_code == 400
    found = client.get(f"/api/v1/cases?naam={LAST}&q={FIRST}")
    assert found.status_code == 200


def test_no_personal_data_in_the_logs_and_a_line_per_request(tenancy, as_user, client, captured):
    team = tenancy.a.team
    aanmelder = tenancy.a.users[Role.AANMELDER]
    aanmelder.first_name, aanmelder.last_name, aanmelder.email = "Aafke", LAST, USER_EMAIL
    aanmelder.save()

    # A failed login with the e-mail address as the username (axes logs the attempt).
    client.post("/inloggen/", {"username": USER_EMAIL, "password": f"{LAST}-fout"})

    browser = as_user(aanmelder)
    casus = register_through_the_pages(browser, team)
    listing = browser.get(f"/teams/{team.slug}/casussen/?naam={LAST}")
    assert casus.reference in listing.content.decode()
    missing = browser.get(f"/teams/{team.slug}/bestaat-niet/?naam={FIRST}+{LAST}&bsn={BSN}")
    assert missing.status_code == 404
    register_through_the_api(as_user(aanmelder), team)

    output = captured.getvalue()
    assert output, "nothing was logged"
    for secret in SECRETS:
        assert secret.lower() not in output.lower(), secret

    requests = [line for line in lines(captured) if line.get("logger") == "passend.request"]
    paths = {(line["method"], line["path"], line["status"]) for line in requests}
    assert ("GET", f"/teams/{team.slug}/casussen/", 200) in paths
    assert ("GET", f"/teams/{team.slug}/bestaat-niet/", 404) in paths
    assert ("POST", f"/teams/{team.slug}/aanmelden/", 200) in paths  # the refused step
    assert ("POST", "/api/v1/cases", 201) in paths and ("POST", "/api/v1/cases", 400) in paths
    for line in requests:
        assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
        assert isinstance(line["duration_ms"], float)
        assert "?" not in line["path"]
    assert {line["user_id"] for line in requests} >= {aanmelder.pk}
    # Django's own line about the 404 carries the same request id as the request line.
    not_found = next(line for line in lines(captured) if line["event"].startswith("Not Found"))
    request_line = next(line for line in requests if line["status"] == 404)
    assert not_found["request_id"] == request_line["request_id"]
    assert missing["X-Request-ID"] == request_line["request_id"]


def test_a_sane_incoming_request_id_is_kept_anything_else_replaced(client, captured):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-3f2a9c1e-77")
    assert kept["X-Request-ID"] == "proxy-3f2a9c1e-77"
    for insane in (f"{FIRST} {LAST}", PARENT_EMAIL, "short", "x" * 129):
        replaced = client.get("/healthz", HTTP_X_REQUEST_ID=insane)
        assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"]), insane
    assert FIRST not in captured.getvalue() and PARENT_EMAIL not in captured.getvalue()


def test_an_error_logged_with_its_request_shows_no_form_data(rf, captured):
    # As Django logs a 500 (django.request, the request in `extra`, the traceback).
    request = rf.post(f"/teams/x/aanmelden/?naam={LAST}", {"bsn": BSN, "last_name": LAST})
    try:
        raise ValueError("the view failed")
    except ValueError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            extra={"status_code": 500, "request": request},
            exc_info=True,
        )
    output = captured.getvalue()
    assert "Internal Server Error: /teams/x/aanmelden/" in output
    assert "ValueError: the view failed" in output  # the traceback is there ...
    for secret in (LAST, BSN):
        assert secret not in output  # ... the query and the form data are not

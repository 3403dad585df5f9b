"""Cases through the API: same rules and messages as the UI, problem+json errors."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.cases.models import Casus

pytestmark = pytest.mark.django_db


def registration(tenancy, **overrides):
    team = tenancy.a.team
    today = timezone.localdate()
    body = {
        "team": team.pk,
        "firstName": "Fenna",
        "lastName": "Strandloper",
        "birthDate": today.replace(year=today.year - 13).isoformat(),
        "gemeente": team.gemeenten.first().pk,
        "referrerType": "01",
        "question": "Ze wil weer naar school en thuis wonen.",
        "reasons": ["wachtlijst", "geen-passend-aanbod"],
        "lifeDomains": ["onderwijs-werk"],
        "sectors": ["onderwijs", "ggz"],
        "livingSituation": "thuis",
        "youthInformed": True,
        "parentsInformed": True,
        "parents": [
            {"firstName": "Mara", "lastName": "Strandloper", "relation": "moeder", "hasGezag": True}
        ],
    }
    body.update(overrides)
    return body


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_referrer_registers_and_screener_takes_it_into_treatment(tenancy, as_user, client):
    aanmelder = tenancy.a.users[Role.AANMELDER]
    response = post(as_user(aanmelder), "/api/v1/cases", registration(tenancy))
    assert response.status_code == 201, response.content
    case = response.json()
    assert case["state"] == "aangemeld" and case["reference"]
    assert case["parents"][0]["hasGezag"] is True
    url = f"/api/v1/cases/{case['id']}"
    assert client.get(url).status_code == 200, "the referrer sees the own case"

    screener = as_user(tenancy.a.users[Role.SCREENER])
    assert post(screener, f"{url}/transitions", {"toState": "in_screening"}).status_code == 201
    refused = post(screener, f"{url}/transitions", {"toState": "in_behandeling"})
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert "toestemming is niet compleet" in refused.json()["detail"]

    parent_id = case["parents"][0]["id"]
    today = timezone.localdate().isoformat()
    for parent in (parent_id, None):
        consent = post(
            screener, f"{url}/consents", {"parent": parent, "method": "digitaal", "givenOn": today}
        )
        assert consent.status_code == 201, consent.content
    done = post(screener, f"{url}/transitions", {"toState": "in_behandeling", "reason": "geschikt"})
    assert done.status_code == 201 and done.json()["toState"] == "in_behandeling"
    history = Casus.objects.get(pk=case["id"]).transitions.values_list("to_state", flat=True)
    assert list(history) == ["aangemeld", "in_screening", "in_behandeling"]


def test_validation_errors_name_each_field(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.AANMELDER])
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    other_gemeente = tenancy.b.team.gemeenten.first().pk
    response = post(
        client,
        "/api/v1/cases",
        registration(
            tenancy, bsn="123456789", birthDate=future, gemeente=other_gemeente, firstName=""
        ),
    )
    assert response.status_code == 400
    problem = response.json()
    names = {p["name"]: p["reason"] for p in problem["invalidParams"]}
    assert "elfproef" in names["bsn"]
    assert "toekomst" in names["birthDate"]
    assert "firstName" in names
    assert not Casus.objects.exists(), "nothing half-saved"
    informed = post(client, "/api/v1/cases", registration(tenancy, youthInformed=False))
    assert informed.status_code == 400
    assert informed.json()["invalidParams"][0]["name"] == "youthInformed"
    gemeente = post(client, "/api/v1/cases", registration(tenancy, gemeente=other_gemeente))
    assert "werkgebied" in gemeente.json()["invalidParams"][0]["reason"]


def test_only_registering_roles_may_register(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = post(client, "/api/v1/cases", registration(tenancy))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    other_team = post(
        as_user(tenancy.b.users[Role.AANMELDER]), "/api/v1/cases", registration(tenancy)
    )
    assert other_team.status_code == 404, "another team is out of reach, like its cases"
    assert not Casus.objects.exists()


def test_withdrawn_consent_blocks_again_and_ots_is_a_basis(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.AANMELDER])
    case = post(client, "/api/v1/cases", registration(tenancy)).json()
    url = f"/api/v1/cases/{case['id']}"
    screener = as_user(tenancy.a.users[Role.SCREENER])
    post(screener, f"{url}/transitions", {"toState": "in_screening"})
    today = timezone.localdate().isoformat()
    post(
        screener,
        f"{url}/consents",
        {"parent": case["parents"][0]["id"], "method": "digitaal", "givenOn": today},
    )
    own = post(
        screener,
        f"{url}/consents",
        {"parent": None, "method": "mondeling", "witness": "Getuige Test", "givenOn": today},
    ).json()
    withdrawn = screener.patch(
        f"{url}/consents/{own['id']}", {"withdrawnOn": today}, content_type="application/json"
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawnOn"] == today
    blocked = post(screener, f"{url}/transitions", {"toState": "in_behandeling"})
    assert blocked.status_code == 409 and "ingetrokken" in blocked.json()["detail"]
    patched = screener.patch(
        url,
        {"legalFramework": "ots", "legalBasisReason": "OTS sinds maart; GI meldde aan."},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert post(screener, f"{url}/transitions", {"toState": "in_behandeling"}).status_code == 201


def test_no_witness_for_verbal_consent_is_a_clear_error(tenancy, as_user):
    case = post(
        as_user(tenancy.a.users[Role.AANMELDER]), "/api/v1/cases", registration(tenancy)
    ).json()
    screener = as_user(tenancy.a.users[Role.SCREENER])
    response = post(
        screener,
        f"/api/v1/cases/{case['id']}/consents",
        {"method": "mondeling", "givenOn": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "witness"


def test_case_access_log_for_chair_only(tenancy, as_user):
    case = post(
        as_user(tenancy.a.users[Role.AANMELDER]), "/api/v1/cases", registration(tenancy)
    ).json()
    as_user(tenancy.a.users[Role.TEAMLID]).get(f"/api/v1/cases/{case['id']}")
    chair = as_user(tenancy.a.users[Role.VOORZITTER])
    response = chair.get(f"/api/v1/cases/{case['id']}/access-log")
    assert response.status_code == 200
    users = {e["username"] for e in response.json()["results"]}
    assert {"aanmelder.alfa", "teamlid.alfa"} <= users
    assert (
        as_user(tenancy.a.users[Role.TEAMLID])
        .get(f"/api/v1/cases/{case['id']}/access-log")
        .status_code
        == 404
    )
    beheerder = as_user(tenancy.a.users[Role.BEHEERDER])
    assert beheerder.get(f"/api/v1/cases/{case['id']}/access-log").status_code == 200
    assert beheerder.get(f"/api/v1/cases/{case['id']}").status_code == 404, (
        "beheerder: no case data"
    )


def test_list_filters_and_scope(tenancy, as_user):
    aanmelder = as_user(tenancy.a.users[Role.AANMELDER])
    post(aanmelder, "/api/v1/cases", registration(tenancy))
    post(
        aanmelder,
        "/api/v1/cases",
        registration(tenancy, firstName="Bram", lastName="Helmgras", birthDate="2008-01-01"),
    )
    screener = as_user(tenancy.a.users[Role.SCREENER])
    names = lambda r: sorted(c["firstName"] for c in r.json()["results"])  # noqa: E731
    assert names(screener.get("/api/v1/cases")) == ["Bram", "Fenna"]
    assert names(screener.get("/api/v1/cases", {"name": "helmgras"})) == ["Bram"]
    assert names(screener.get("/api/v1/cases", {"ageGroup": "12-15"})) == ["Fenna"]
    assert names(screener.get("/api/v1/cases", {"state": "in_screening"})) == []
    bad = screener.get("/api/v1/cases", {"ageGroup": "5-9", "waitingDays": "-1"})
    assert bad.status_code == 400 and {p["name"] for p in bad.json()["invalidParams"]} == {
        "ageGroup",
        "waitingDays",
    }
    other = as_user(tenancy.b.users[Role.SCREENER]).get(
        "/api/v1/cases", {"teamId": tenancy.a.team.pk}
    )
    assert other.status_code == 404
    assert AccessLogEntry.objects.filter(
        outcome="denied",
        subject_type="team",
        subject_id=str(tenancy.a.team.pk),
        team=tenancy.a.team,
    ).exists()
    assert as_user(tenancy.b.users[Role.SCREENER]).get("/api/v1/cases").json()["count"] == 0


def test_referrer_cannot_assign_experts_and_redirect_needs_a_target(tenancy, as_user):
    aanmelder = as_user(tenancy.a.users[Role.AANMELDER])
    case = post(aanmelder, "/api/v1/cases", registration(tenancy)).json()
    url = f"/api/v1/cases/{case['id']}"
    expert = tenancy.a.users[Role.TEAMLID].pk
    refused = aanmelder.patch(url, {"experts": [expert]}, content_type="application/json")
    assert refused.status_code == 403
    screener = as_user(tenancy.a.users[Role.SCREENER])
    assert (
        screener.patch(url, {"experts": [expert]}, content_type="application/json").status_code
        == 200
    )
    post(screener, f"{url}/transitions", {"toState": "in_screening"})
    no_target = post(screener, f"{url}/transitions", {"toState": "doorverwezen", "reason": "GGZ"})
    assert no_target.status_code == 400, "missing input is 400 on the field"
    assert no_target.json()["invalidParams"][0]["name"] == "redirectedTo"
    done = post(
        screener,
        f"{url}/transitions",
        {"toState": "doorverwezen", "reason": "Past bij GGZ", "redirectedTo": "Jeugd-GGZ Duinland"},
    )
    assert done.status_code == 201
    detail = screener.get(url).json()
    assert (detail["screeningOutcome"], detail["redirectedTo"]) == (
        "niet_geschikt",
        "Jeugd-GGZ Duinland",
    )

"""The search API gives the same search, ranking, reasons and waiting-time freshness as the
page; invalid parameters are 400 problem+json; another team or region is 404."""

import pytest

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome

from .test_search_world import EXPECTED_ORDER, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenancy):
    return build_world(tenancy)


def acceptance_params(tenancy, world, **extra):
    return {
        "teamId": tenancy.a.team.pk,
        "needs": "angst-somberheid",
        "attention": "thuissituatie",
        "age": 14,
        "gemeenteId": world.meeuwenkaap.pk,
        "maxWeeks": 8,
        **extra,
    }


def test_offer_search_ranks_and_explains(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.SCREENER])
    response = client.get("/api/v1/socialmap/offers", acceptance_params(tenancy, world))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(EXPECTED_ORDER)
    ids = [r["id"] for r in body["results"]]
    assert ids == [world.offers[k].pk for k in EXPECTED_ORDER]
    first = body["results"][0]
    assert first["score"] == 16
    assert first["reasons"][:4] == [
        "Helpt bij: angst of somberheid",
        "Heeft aandacht voor: thuissituatie",
        "Voor 12 tot en met 18 jaar",
        "Werkt in Meeuwenkaap",
    ]
    assert first["waitingStatus"] == "actueel"
    assert first["bestWeeksToTreatment"] == 4
    [entry] = first["waitingTimes"]
    assert entry["outdated"] is False
    assert entry["confirmedBy"] == "Zorgaanbieder Alfa"
    assert set(entry) >= {"weeksToRegistration", "weeksToIntake", "weeksToTreatment"}
    assert first["organisation"]["name"] == "Zorgaanbieder Alfa"


def test_outdated_waiting_times_are_flagged_and_never_current(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    params = acceptance_params(tenancy, world)
    params.pop("maxWeeks")
    results = client.get("/api/v1/socialmap/offers", params).json()["results"]
    by_id = {r["id"]: r for r in results}
    d = by_id[world.offers["D"].pk]
    assert d["waitingStatus"] == "verouderd"
    assert d["bestWeeksToTreatment"] is None
    assert [w["outdated"] for w in d["waitingTimes"]] == [True]
    b = by_id[world.offers["B"].pk]
    assert b["bestWeeksToTreatment"] == 7, "the outdated 2 weeks at Zuid is not current"
    assert {w["location"]["name"]: w["outdated"] for w in b["waitingTimes"]} == {
        "Noord": False,
        "Zuid": True,
    }
    assert by_id[world.offers["U"].pk]["waitingStatus"] == "onbekend"
    # With maxWeeks=5: the outdated 2 weeks does not qualify Gezinsbegeleiding.
    strict = client.get(
        "/api/v1/socialmap/offers", acceptance_params(tenancy, world, maxWeeks=5)
    ).json()
    assert world.offers["B"].pk not in [r["id"] for r in strict["results"]]


def test_repeated_and_comma_separated_codes_and_booleans(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    team = tenancy.a.team.pk
    url = f"/api/v1/socialmap/offers?teamId={team}&needs=buddy,trauma&voorliggendVeld=true"
    assert [r["id"] for r in client.get(url).json()["results"]] == [world.offers["E"].pk]
    url = f"/api/v1/socialmap/offers?teamId={team}&needs=buddy&needs=angst-somberheid&age=14"
    url += "&withStay=true"
    assert [r["id"] for r in client.get(url).json()["results"]] == [world.offers["H"].pk]
    detail = client.get(f"/api/v1/socialmap/offers?teamId={team}&q=praatgroep").json()
    assert [r["id"] for r in detail["results"]] == [world.offers["C"].pk]


def test_invalid_parameters_are_400_problem_json(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(
        "/api/v1/socialmap/offers",
        {
            "teamId": tenancy.a.team.pk,
            "age": 200,
            "maxWeeks": -1,
            "needs": "angst-somberheid,bestaat-niet",
            "withStay": "misschien",
        },
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"age", "maxWeeks", "needs", "withStay"}
    reasons = " ".join(p["reason"] for p in response.json()["invalidParams"])
    assert "bestaat-niet" in reasons
    missing = client.get("/api/v1/socialmap/offers")
    assert missing.status_code == 400
    assert [p["name"] for p in missing.json()["invalidParams"]] == ["teamId"]
    other_gemeente = client.get(
        "/api/v1/socialmap/offers",
        {"teamId": tenancy.a.team.pk, "gemeenteId": world.other_offer.gemeenten.first().pk},
    )
    assert other_gemeente.status_code == 400
    assert other_gemeente.json()["invalidParams"][0]["name"] == "gemeenteId"


def test_organisations_list_and_detail(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.BELEIDSADVISEUR])
    body = client.get("/api/v1/socialmap/organisations", {"teamId": tenancy.a.team.pk}).json()
    names = [o["name"] for o in body["results"]]
    assert names == ["Jeugdhulp Branding", "Zorgaanbieder Alfa"]
    alfa = client.get(f"/api/v1/socialmap/organisations/{world.alfa.pk}").json()
    assert alfa["description"].startswith("Wij helpen gezinnen")
    assert alfa["contactEmail"] == "verwijzers@alfa.example.org"
    assert "contactName" not in alfa and "Fenna Voorbeeld" not in str(alfa)
    assert [loc["name"] for loc in alfa["locations"]] == ["Noord", "Zuid"]
    assert {o["name"] for o in alfa["offers"]} == {
        "Kanjertraining angst",
        "Gezinsbegeleiding thuis",
    }
    branding = client.get(f"/api/v1/socialmap/organisations/{world.branding.pk}").json()
    assert branding["description"] == "" and branding["expertise"] == []


def test_offer_detail_has_all_waiting_times(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    offer = world.offers["B"]
    body = client.get(f"/api/v1/socialmap/offers/{offer.pk}").json()
    assert body["name"] == offer.name
    assert [loc["name"] for loc in body["locations"]] == ["Noord", "Zuid"]
    assert [(w["location"]["name"], w["outdated"]) for w in body["waitingTimes"]] == [
        ("Noord", False),
        ("Zuid", True),
    ]
    assert body["bestWeeksToTreatment"] == 7
    with_team = client.get(f"/api/v1/socialmap/offers/{offer.pk}?teamId={tenancy.a.team.pk}")
    assert with_team.json()["waitingTimes"] == body["waitingTimes"]


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.JEUGDIGE_OUDER, Role.BEHEERDER])
def test_roles_without_the_map_get_404(tenancy, world, as_user, role):
    client = as_user(tenancy.a.users[role])
    team = tenancy.a.team.pk
    for url in (
        f"/api/v1/socialmap/offers?teamId={team}",
        f"/api/v1/socialmap/organisations?teamId={team}",
        f"/api/v1/socialmap/offers/{world.offers['A'].pk}",
        f"/api/v1/socialmap/organisations/{world.alfa.pk}",
    ):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
        assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 1


def test_other_region_is_not_found(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    for url in (
        f"/api/v1/socialmap/offers/{world.other_offer.pk}",
        f"/api/v1/socialmap/organisations/{world.other_org.pk}",
        f"/api/v1/socialmap/offers?teamId={world.other_team.pk}",
        f"/api/v1/socialmap/offers/{world.offers['X'].pk}",  # inactive
    ):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        assert client.get(url).status_code == 404, url
        assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 1
    results = client.get(
        "/api/v1/socialmap/offers", {"teamId": tenancy.a.team.pk, "pageSize": 100}
    ).json()["results"]
    assert world.other_offer.pk not in [r["id"] for r in results]

"""API of the timeline and the verklarende analyse: CRUD, flags, permissions, problem+json."""

import pytest

from passend.accounts.roles import Role
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.codes import CaseState

from .conftest import in_state

pytestmark = pytest.mark.django_db
JSON = "application/json"


def api(casus, rest=""):
    return f"/api/v1/cases/{casus.pk}/{rest}"


def episode(**overrides):
    data = {
        "providerName": "Jeugd-GGZ kliniek",
        "hulpvorm": "02",
        "start": "2021-02-01",
        "end": "2021-10-01",
        "outcome": "Gestopt na opname.",
        "lifeDomain": "psychische-gezondheid",
    }
    data.update(overrides)
    return data


def test_crud_of_timeline_episodes(tenancy, as_user, casus, org):
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    created = client.post(api(casus, "timeline-episodes"), episode(), content_type=JSON)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["provider"] == "Jeugd-GGZ kliniek" and body["withStay"] is False
    assert body["formOfHelp"] == "ambulant op locatie aanbieder"
    assert body["lifeDomain"] == "psychische-gezondheid"
    foster = client.post(
        api(casus, "timeline-episodes"),
        episode(providerName=None, organisation=org.pk, hulpvorm="11", end=None),
        content_type=JSON,
    ).json()
    assert foster["withStay"] is True and foster["provider"] == org.name

    listing = client.get(api(casus, "timeline-episodes")).json()
    assert listing["count"] == 2 and [e["id"] for e in listing["results"]] == [
        body["id"],
        foster["id"],
    ]
    detail = api(casus, f"timeline-episodes/{body['id']}")
    assert client.get(detail).json()["outcome"] == "Gestopt na opname."

    changed = client.patch(detail, {"end": "2021-12-01"}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["end"] == "2021-12-01"
    assert changed.json()["providerName"] == "Jeugd-GGZ kliniek", "the rest stays"

    assert client.delete(detail).status_code == 204
    assert not TijdlijnEpisode.objects.filter(pk=body["id"]).exists()
    writes = AccessLogEntry.objects.filter(
        subject_type="casus", subject_id=str(casus.pk), purpose="tijdlijn bijwerken"
    )
    assert sorted(writes.values_list("action", flat=True)) == [
        "create",
        "create",
        "delete",
        "update",
    ]


def test_invalid_episode_is_400_with_the_field_named(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.post(
        api(casus, "timeline-episodes"),
        episode(end="2020-01-01", hulpvorm="11", withStay=False),
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    reasons = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert reasons["end"] == "De einddatum ligt vóór de begindatum."
    assert reasons["withStay"] == "Bij deze hulpvorm hoort verblijf."


def test_flags_endpoint(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    for start, end in (("2019-01-01", "2019-06-01"), ("2020-01-01", "2020-02-01")):
        client.post(
            api(casus, "timeline-episodes"),
            episode(start=start, end=end),
            content_type=JSON,
        )
    client.post(
        api(casus, "timeline-episodes"),
        episode(providerName="jeugd-ggz  KLINIEK", start="2021-01-01", end=None),
        content_type=JSON,
    )
    flags = client.get(api(casus, "timeline-flags"))
    assert flags.status_code == 200
    body = flags.json()
    assert body["repeatedProviders"] == [{"name": "Jeugd-GGZ kliniek", "count": 3}]
    assert body["repeatedForms"] == [{"name": "ambulant op locatie aanbieder", "count": 3}]
    assert body["placements"] == 0 and body["moves"] == 0
    assert body["gaps"][0] == {"start": "2019-06-01", "end": "2020-01-01", "days": 214}
    assert "Dezelfde aanbieder is 3 keer ingezet: Jeugd-GGZ kliniek." in body["messages"]


def test_analysis_steps_history_through_the_api(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = api(casus, "analysis-steps")
    for text in ("Eerste versie.", "Tweede versie."):
        response = client.post(url, {"step": 3, "text": text}, content_type=JSON)
        assert response.status_code == 201
    assert response.json()["author"] == tenancy.a.users[Role.VOORZITTER].pk
    steps = client.get(url).json()
    assert [s["step"] for s in steps] == [1, 2, 3]
    assert steps[0]["current"] is None
    assert steps[2]["label"] == "3. Doelen en gekozen interventies"
    assert steps[2]["current"]["text"] == "Tweede versie."
    assert [v["text"] for v in steps[2]["earlierVersions"]] == ["Eerste versie."]
    bad = client.post(url, {"step": 4, "text": ""}, content_type=JSON)
    assert bad.status_code == 400


def test_notulist_reads_but_writes_are_403_with_a_dutch_reason(tenancy, as_user, casus):
    TijdlijnEpisode.objects.create(
        casus=casus, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[Role.NOTULIST])
    listing = client.get(api(casus, "timeline-episodes"))
    assert listing.status_code == 200 and listing.json()["count"] == 1
    episode_id = listing.json()["results"][0]["id"]
    for response in (
        client.post(api(casus, "timeline-episodes"), episode(), content_type=JSON),
        client.patch(api(casus, f"timeline-episodes/{episode_id}"), {}, content_type=JSON),
        client.delete(api(casus, f"timeline-episodes/{episode_id}")),
        client.post(api(casus, "analysis-steps"), {"step": 1, "text": "x"}, content_type=JSON),
    ):
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert "niet wijzigen" in response.json()["detail"]
    assert TijdlijnEpisode.objects.count() == 1 and not AnalyseStap.objects.exists()


def test_closed_case_write_is_409(tenancy, as_user):
    casus = in_state(tenancy.a.team, CaseState.AFGESLOTEN)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.post(api(casus, "timeline-episodes"), episode(), content_type=JSON)
    assert response.status_code == 409
    assert "zolang het team aan de casus werkt" in response.json()["detail"]
    assert client.get(api(casus, "timeline-episodes")).status_code == 200


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.BELEIDSADVISEUR, Role.BEHEERDER])
def test_referrer_and_others_without_case_data_get_404(tenancy, as_user, casus, role):
    TijdlijnEpisode.objects.create(
        casus=casus, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[role])
    for rest in ("timeline-episodes", "timeline-flags", "analysis-steps"):
        response = client.get(api(casus, rest))
        assert response.status_code == 404, (role, rest)
        assert response["Content-Type"] == "application/problem+json"
    response = client.post(api(casus, "timeline-episodes"), episode(), content_type=JSON)
    assert response.status_code == 404
    denied = AccessLogEntry.objects.filter(outcome=Outcome.DENIED, user=tenancy.a.users[role])
    assert denied.count() == 4 and all(e.team == tenancy.a.team for e in denied)


def test_episode_of_another_case_answers_404(tenancy, as_user, casus):
    other = in_state(tenancy.a.team)
    foreign = TijdlijnEpisode.objects.create(
        casus=other, provider_name="X", hulpvorm="02", start="2020-01-01"
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    assert client.get(api(casus, f"timeline-episodes/{foreign.pk}")).status_code == 404
    assert client.delete(api(casus, f"timeline-episodes/{foreign.pk}")).status_code == 404
    assert TijdlijnEpisode.objects.filter(pk=foreign.pk).exists()

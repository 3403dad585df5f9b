"""What is recorded as codes: sectors, living situation, wijk at registration; the living
situation and the placement route at closure. Required when sending (drafts may be
incomplete), a wijk of the case's own municipality, codes in the API (400 on a bad one)."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Sector
from passend.cases.services import (
    close_case,
    new_draft,
    register,
    submit_registration,
    transition,
)
from passend.cases.tests.factories import CasusFactory, WijkFactory, with_consent
from passend.core.refusals import InvalidInput
from passend.core.tests.factories import GemeenteFactory, RegionFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def problem_names(response) -> set[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"] for p in response.json()["invalidParams"]}


def draft(tenancy, **fields):
    casus = new_draft(tenancy.a.team, actor=tenancy.a.users[Role.AANMELDER])
    defaults = {
        "first_name": "Fenna",
        "last_name": "Strandloper",
        "birth_date": dt.date(2013, 4, 1),
        "gemeente": tenancy.a.team.gemeenten.first(),
        "question": "Ze wil weer naar school.",
        "youth_informed": True,
        "parents_informed": True,
    }
    for name, value in (defaults | fields).items():
        setattr(casus, name, value)
    return casus


def sector(team, code="ggz"):
    return Sector.objects.get(region=team.region, code=code)


# -- registration ------------------------------------------------------------------------------


def test_a_draft_may_lack_the_codes_but_sending_needs_living_situation_and_a_sector(tenancy):
    author = tenancy.a.users[Role.AANMELDER]
    casus = register(draft(tenancy), actor=author, submit=False)
    assert casus.is_draft and casus.pk, "a draft stays incomplete"
    with pytest.raises(InvalidInput) as refused:
        submit_registration(casus, actor=author)
    assert set(refused.value.errors) == {"living_situation", "sectors"}
    casus.living_situation = "pleegzorg"
    with pytest.raises(InvalidInput) as refused:
        register(casus, actor=author)
    assert set(refused.value.errors) == {"sectors"}, "one sector at least"
    register(casus, actor=author, sectors=[sector(tenancy.a.team)])
    casus.refresh_from_db()
    assert not casus.is_draft and casus.state == CaseState.AANGEMELD
    assert [s.code for s in casus.sectors.all()] == ["ggz"]


def test_a_self_registration_needs_the_living_situation_but_no_sector(tenancy):
    tenancy.a.team.self_registration_enabled = True
    tenancy.a.team.save()
    casus = draft(tenancy, self_registration=True, aanmelder=None, referrer_type="L3")
    with pytest.raises(InvalidInput) as refused:
        register(casus, actor=None)
    assert set(refused.value.errors) == {"living_situation"}
    casus.living_situation = "thuis"
    register(casus, actor=None)
    assert casus.state == CaseState.AANGEMELD and not casus.sectors.exists()


def test_the_wijk_must_be_one_of_the_case_municipality(tenancy):
    team = tenancy.a.team
    home, other = team.gemeenten.first(), GemeenteFactory(region=team.region)
    team.gemeenten.add(other)
    own, elsewhere = WijkFactory(gemeente=home), WijkFactory(gemeente=other)
    foreign = WijkFactory(gemeente=GemeenteFactory(region=RegionFactory()))
    author = tenancy.a.users[Role.AANMELDER]
    for wrong, message in ((elsewhere, "hoort niet bij de gemeente"), (foreign, "jeugdregio")):
        with pytest.raises(InvalidInput, match=message) as refused:
            register(draft(tenancy, wijk=wrong), actor=author, submit=False)
        assert set(refused.value.errors) == {"wijk"}
    casus = register(draft(tenancy, wijk=own), actor=author, submit=False)
    assert casus.wijk == own
    casus.gemeente = other  # moving: the wijk must follow
    with pytest.raises(InvalidInput, match="hoort niet bij de gemeente"):
        register(casus, actor=author, submit=False)


def test_the_form_offers_the_team_wijken_and_refuses_another_municipality_next_to_it(
    tenancy, as_user
):
    team = tenancy.a.team
    home, other = team.gemeenten.first(), GemeenteFactory(region=team.region, name="Helmdorp")
    team.gemeenten.add(other)
    own = WijkFactory(gemeente=home, label_nl="Havenkwartier")
    elsewhere = WijkFactory(gemeente=other, label_nl="Duinrand")
    client = as_user(tenancy.a.users[Role.AANMELDER])
    page = client.get(f"/teams/{team.slug}/aanmelden/").content.decode()
    assert "Havenkwartier" in page and "Duinrand" in page and 'label="Helmdorp"' in page
    assert "Waar woont de jeugdige nu?" in page and "pleegzorg" in page
    body = {
        "first_name": "Jesse",
        "last_name": "Fictief",
        "birth_date": "2012-04-03",
        "gemeente": home.pk,
        "wijk": elsewhere.pk,
        "living_situation": "netwerk",
    }
    response = client.post(f"/teams/{team.slug}/aanmelden/", body)
    assert response.status_code == 200
    assert response.context["form"].errors["wijk"] == [
        "Deze wijk hoort niet bij de gemeente waar de jeugdige woont."
    ]
    assert not Casus.objects.exists()
    response = client.post(f"/teams/{team.slug}/aanmelden/", body | {"wijk": own.pk})
    assert response.status_code == 302
    casus = Casus.objects.get()
    assert casus.wijk == own and casus.living_situation == "netwerk"
    # The question step asks the expertise in a fieldset; the summary shows it readable.
    step = f"/teams/{team.slug}/aanmelden/{casus.pk}/vraag/"
    page = client.get(step).content.decode()
    assert "<legend" in page and "Welke expertise is nodig?" in page
    casus.sectors.set([sector(team, "lvb")])
    summary = client.get(f"/teams/{team.slug}/aanmelden/{casus.pk}/versturen/").content.decode()
    assert "LVB (licht verstandelijke beperking)" in summary and "in het netwerk" in summary


def test_a_region_without_wijken_asks_none(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.AANMELDER])
    page = client.get(f"/teams/{tenancy.a.team.slug}/aanmelden/").content.decode()
    assert 'name="wijk"' not in page and 'name="living_situation"' in page


def test_the_case_page_shows_the_codes_as_labels(tenancy, as_user):
    team = tenancy.a.team
    wijk = WijkFactory(gemeente=team.gemeenten.first(), label_nl="Havenkwartier")
    casus = CasusFactory(
        team=team,
        gemeente=wijk.gemeente,
        wijk=wijk,
        living_situation="gezinshuis",
        sectors=["ggz", "onderwijs"],
        registered_at=timezone.now(),
    )
    page = as_user(tenancy.a.users[Role.SCREENER]).get(f"/teams/{team.slug}/casussen/{casus.pk}/")
    body = page.content.decode()
    assert "Havenkwartier" in body and "gezinshuis of andere gezinsvorm" in body
    assert "GGZ (psychische problematiek)" in body and "onderwijs" in body


# -- closure -----------------------------------------------------------------------------------


def in_follow_up(team):
    casus = CasusFactory(team=team, registered_at=timezone.now() - dt.timedelta(days=60))
    with_consent(casus)
    Casus.objects.filter(pk=casus.pk).update(state=CaseState.FOLLOW_UP)
    casus.refresh_from_db()
    return casus


def test_closing_needs_the_living_situation_and_for_a_placement_the_route(tenancy):
    casus = in_follow_up(tenancy.a.team)
    director = tenancy.a.users[Role.PROCESREGISSEUR]
    place = {"outcome": "passende_plek", "fitting_place_on": YESTERDAY}
    with pytest.raises(InvalidInput) as refused:
        close_case(casus, actor=director, **place)
    assert set(refused.value.errors) == {"living_situation_at_closure", "placement_route"}
    with pytest.raises(InvalidInput) as refused:
        close_case(
            casus,
            actor=director,
            outcome="crisisplaatsing",
            living_situation_at_closure="crisisopvang",
        )
    assert set(refused.value.errors) == {"placement_route"}
    with pytest.raises(InvalidInput) as refused:
        bad = {"living_situation_at_closure": "kasteel", "placement_route": "x"}
        close_case(casus, actor=director, **bad, **place)
    assert set(refused.value.errors) == {"living_situation_at_closure", "placement_route"}
    casus.refresh_from_db()
    assert casus.state == CaseState.FOLLOW_UP and casus.living_situation_at_closure == ""
    close_case(
        casus,
        actor=director,
        living_situation_at_closure="gezinshuis",
        placement_route="gi",
        **place,
    )
    casus.refresh_from_db()
    assert casus.state == CaseState.AFGESLOTEN
    assert (casus.living_situation_at_closure, casus.placement_route) == ("gezinshuis", "gi")


def test_without_a_placement_the_route_is_optional_and_reopening_clears_both(tenancy):
    casus = in_follow_up(tenancy.a.team)
    director = tenancy.a.users[Role.PROCESREGISSEUR]
    close_case(
        casus,
        actor=director,
        outcome="uithuisplaatsing_voorkomen",
        living_situation_at_closure="thuis",
    )
    casus.refresh_from_db()
    assert casus.state == CaseState.AFGESLOTEN and casus.placement_route == ""
    transition(casus, to=CaseState.HEROPEND, actor=director, reason="Plek viel weg.")
    casus.refresh_from_db()
    assert (casus.living_situation_at_closure, casus.placement_route) == ("", "")


def test_the_closure_form_asks_both_and_keeps_them_on_error(tenancy, as_user):
    casus = in_follow_up(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/afsluiten/"
    page = client.get(url).content.decode()
    assert "Waar woont de jeugdige nu?" in page and "Geplaatst via" in page
    assert "Verplicht bij &#x27;passende plek bereikt&#x27; en &#x27;crisisplaatsing&#x27;" in page
    data = {"outcome": "passende_plek", "fitting_place_on": YESTERDAY.isoformat()}
    response = client.post(url, data | {"living_situation_at_closure": "residentieel"})
    errors = response.context["form"].errors
    assert set(errors) == {"placement_route"}
    assert 'value="residentieel" selected' in response.content.decode()
    response = client.post(
        url, data | {"living_situation_at_closure": "residentieel", "placement_route": "rechter"}
    )
    assert response.status_code == 302
    page = client.get(f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/").content.decode()
    assert "residentiële jeugdhulp (open)" in page and "via de rechter" in page


# -- API ---------------------------------------------------------------------------------------


def registration(team, **overrides):
    body = {
        "team": team.pk,
        "firstName": "Fenna",
        "lastName": "Strandloper",
        "birthDate": "2013-04-01",
        "gemeente": team.gemeenten.first().pk,
        "referrerType": "01",
        "question": "Ze wil weer naar school.",
        "reasons": ["thuiszitten"],
        "sectors": ["onderwijs", "lvb"],
        "livingSituation": "thuis",
        "youthInformed": True,
        "parentsInformed": True,
    }
    return body | overrides


def test_the_api_takes_and_gives_the_codes(tenancy, as_user):
    team = tenancy.a.team
    WijkFactory(gemeente=team.gemeenten.first(), code="havenkwartier")
    client = as_user(tenancy.a.users[Role.AANMELDER])
    response = post(client, "/api/v1/cases", registration(team, wijk="havenkwartier"))
    assert response.status_code == 201, response.content
    case = response.json()
    assert sorted(case["sectors"]) == ["lvb", "onderwijs"] and case["reasons"] == ["thuiszitten"]
    assert case["wijk"] == "havenkwartier" and case["livingSituation"] == "thuis"
    assert case["livingSituationAtClosure"] == "" and case["placementRoute"] == ""
    url = f"/api/v1/cases/{case['id']}"
    changed = client.patch(
        url, {"sectors": ["ggz"], "wijk": None}, content_type="application/json"
    ).json()
    assert changed["sectors"] == ["ggz"] and changed["wijk"] is None
    assert client.get(url).json()["sectors"] == ["ggz"]


def test_the_api_refuses_bad_codes_and_missing_ones_as_problems(tenancy, as_user):
    team = tenancy.a.team
    other = GemeenteFactory(region=team.region)
    team.gemeenten.add(other)
    WijkFactory(gemeente=other, code="elders")
    client = as_user(tenancy.a.users[Role.AANMELDER])
    cases = [
        ({"sectors": ["bestaat-niet"]}, {"sectors"}),
        ({"sectors": []}, {"sectors"}),
        ({"livingSituation": "kasteel"}, {"livingSituation"}),
        ({"livingSituation": ""}, {"livingSituation"}),
        ({"wijk": "nergens"}, {"wijk"}),
        ({"wijk": "elders"}, {"wijk"}),
    ]
    for overrides, names in cases:
        response = post(client, "/api/v1/cases", registration(team, **overrides))
        assert response.status_code == 400, overrides
        assert problem_names(response) == names, overrides
    assert not Casus.objects.exists()


def test_the_closure_api_takes_codes_and_refuses_bad_ones(tenancy, as_user):
    casus = in_follow_up(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    url = f"/api/v1/cases/{casus.pk}/closures"
    body = {"outcome": "crisisplaatsing", "livingSituationAtClosure": "crisisopvang"}
    refused = post(client, url, body)
    assert refused.status_code == 400 and problem_names(refused) == {"placementRoute"}
    refused = post(client, url, body | {"placementRoute": "postduif"})
    assert refused.status_code == 400 and problem_names(refused) == {"placementRoute"}
    refused = post(client, url, {"outcome": "overig", "reason": "Verhuisd."})
    assert refused.status_code == 400 and problem_names(refused) == {"livingSituationAtClosure"}
    done = post(client, url, body | {"placementRoute": "rechter"})
    assert done.status_code == 201, done.content
    detail = client.get(f"/api/v1/cases/{casus.pk}").json()
    assert detail["livingSituationAtClosure"] == "crisisopvang"
    assert detail["placementRoute"] == "rechter"

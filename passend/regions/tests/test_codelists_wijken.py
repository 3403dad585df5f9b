"""The monitoring code lists: problematiek (standard items) and wijken (none by default; each
wijk belongs to one municipality of the region), managed by the beheerder like the others."""

import pytest

from passend.accounts.roles import Role
from passend.cases.models import Sector, Wijk
from passend.cases.tests.factories import CasusFactory, WijkFactory
from passend.core.refusals import InvalidInput, NotAllowed
from passend.core.tests.factories import GemeenteFactory, RegionFactory
from passend.regions.codelists import services
from passend.regions.codelists.defaults import SECTORS
from passend.regions.codelists.registry import CODE_LISTS

pytestmark = pytest.mark.django_db

WIJKEN = CODE_LISTS["wijken"]
PROBLEMATIEK = CODE_LISTS["problematiek"]


def url(team, *parts):
    return "/".join([f"/teams/{team.slug}/beheer/codelijsten", *map(str, parts)]) + "/"


def test_a_new_region_has_the_sectors_but_no_wijken(tenancy):
    region = tenancy.a.team.region
    assert set(Sector.objects.filter(region=region).values_list("code", flat=True)) == {
        code for code, _nl, _en in SECTORS
    }
    assert not Wijk.objects.filter(region=region).exists()


def test_a_wijk_needs_a_municipality_of_the_region(tenancy):
    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    labels = {"code": "haven", "label_nl": "Havenkwartier", "label_en": "Harbour quarter"}
    with pytest.raises(InvalidInput) as refused:
        services.add_item(WIJKEN, team=team, actor=beheerder, **labels)
    assert set(refused.value.errors) == {"gemeente"}
    foreign = GemeenteFactory(region=RegionFactory())
    with pytest.raises(InvalidInput, match="gemeente van deze jeugdregio"):
        services.add_item(WIJKEN, team=team, actor=beheerder, gemeente=foreign, **labels)
    with pytest.raises(InvalidInput, match="geen gemeente"):
        services.add_item(
            PROBLEMATIEK, team=team, actor=beheerder, gemeente=team.gemeenten.first(), **labels
        )
    wijk = services.add_item(
        WIJKEN, team=team, actor=beheerder, gemeente=team.gemeenten.first(), **labels
    )
    assert wijk.region_id == team.region_id and wijk.gemeente == team.gemeenten.first()
    with pytest.raises(NotAllowed):
        services.add_item(
            WIJKEN,
            team=team,
            actor=tenancy.a.users[Role.COORDINATOR_SK],
            gemeente=team.gemeenten.first(),
            **labels | {"code": "x"},
        )


def test_the_municipality_of_a_wijk_in_use_stays(tenancy):
    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    home, other = team.gemeenten.first(), GemeenteFactory(region=team.region)
    wijk = WijkFactory(gemeente=home)
    moved = services.update_item(
        WIJKEN, wijk, team=team, changes={"gemeente": other}, actor=beheerder
    )
    assert moved.gemeente == other
    CasusFactory(team=team, gemeente=other, wijk=wijk)
    with pytest.raises(InvalidInput, match="verandert daarom niet"):
        services.update_item(WIJKEN, wijk, team=team, changes={"gemeente": home}, actor=beheerder)
    wijk.refresh_from_db()
    assert wijk.gemeente == other


def test_the_beheerder_adds_a_wijk_on_the_page_choosing_the_municipality(tenancy, as_user):
    team = tenancy.a.team
    home = team.gemeenten.first()
    GemeenteFactory(region=RegionFactory(), name="Buitenregio")
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    overview = client.get(url(team)).content.decode()
    assert "Wijken en stadsdelen" in overview and "Problematiek / benodigde expertise" in overview
    form = client.get(url(team, "wijken", "nieuw")).content.decode()
    assert home.name in form and "Buitenregio" not in form, "only the region's municipalities"
    data = {"code": "haven", "label_nl": "Havenkwartier", "label_en": "Harbour", "order": "1"}
    response = client.post(url(team, "wijken", "nieuw"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["gemeente"] == ["Kies de gemeente waar de wijk in ligt."]
    assert "Havenkwartier" in response.content.decode(), "what was entered stays"
    response = client.post(url(team, "wijken", "nieuw"), data | {"gemeente": home.pk})
    assert response.status_code == 302
    wijk = Wijk.objects.get(region=team.region, code="haven")
    assert wijk.gemeente == home
    table = client.get(url(team, "wijken")).content.decode()
    assert home.name in table and "Havenkwartier" in table
    edit = client.get(url(team, "wijken", wijk.pk)).content.decode()
    assert f'value="{home.pk}" selected' in edit
    # The problematiek list works like the others.
    response = client.post(
        url(team, "problematiek", "nieuw"),
        {"code": "eetproblemen", "label_nl": "eetproblemen", "label_en": "eating", "order": "9"},
    )
    assert response.status_code == 302
    assert Sector.objects.filter(region=team.region, code="eetproblemen").exists()


def test_the_api_manages_wijken_with_their_municipality(tenancy, as_user):
    team = tenancy.a.team
    home = team.gemeenten.first()
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    base = f"/api/v1/teams/{team.pk}/code-lists/wijken"
    body = {"code": "haven", "labelNl": "Havenkwartier", "labelEn": "Harbour"}
    refused = client.post(base, body, content_type="application/json")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"gemeente"}
    created = client.post(base, body | {"gemeente": home.pk}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["gemeente"] == home.pk
    listed = client.get(base).json()
    assert [(w["code"], w["gemeente"]) for w in listed] == [("haven", home.pk)]
    sectors = client.get(f"/api/v1/teams/{team.pk}/code-lists/problematiek").json()
    assert "ggz" in {s["code"] for s in sectors}
    assert all(s["gemeente"] is None for s in sectors)

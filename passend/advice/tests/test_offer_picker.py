"""Choosing offers for an advice with the social map's search: its own page, reached from the
advice form (which saves first), plain GET search and POST add/remove with a redirect back."""

import re

import pytest

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies
from passend.core.tests.factories import OrganisationFactory, RegionFactory
from passend.socialmap.models import Aanbod, Hulpvraag

from .conftest import FULL

pytestmark = pytest.mark.django_db


@pytest.fixture
def map_offers(world):
    a = world.a
    trauma = Hulpvraag.objects.get(code="trauma")
    emdr = Aanbod.objects.create(
        organisation=a.provider, name="Traumabehandeling jeugd (EMDR)", age_min=12, age_max=18
    )
    emdr.hulpvragen.add(trauma)
    young = Aanbod.objects.create(
        organisation=a.other, name="Speltherapie Zeewind", age_min=4, age_max=11
    )
    young.hulpvragen.add(trauma)
    many = [
        Aanbod.objects.create(organisation=a.other, name=f"Gezinscoaching {n:02d}")
        for n in range(25)
    ]
    elsewhere = Aanbod.objects.create(
        organisation=OrganisationFactory(name="Elders", regions=[RegionFactory()]),
        name="Elders-aanbod",
    )
    return {"emdr": emdr, "young": young, "many": many, "elsewhere": elsewhere, "trauma": trauma}


@pytest.fixture
def draft(world):
    a = world.a
    return services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
    )


def picker(world, advies):
    a = world.a
    return f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/{advies.pk}/aanbod/"


def test_the_advice_form_lists_the_chosen_offers_instead_of_sixty_checkboxes(
    world, map_offers, draft, as_user
):
    services.change_offer(
        draft, actor=world.a.users[Role.TEAMLID], offer=map_offers["emdr"], chosen=True
    )
    client = as_user(world.a.users[Role.TEAMLID])
    a = world.a
    page = client.get(f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/{draft.pk}/bewerken/")
    body = page.content.decode()
    assert 'name="chosen_offers"' not in body
    assert "Gezinscoaching 00" not in body, "the map is searched on the picker, not listed here"
    assert "Traumabehandeling jeugd (EMDR)" in body
    assert 'name="aanbod_kiezen"' in body


def test_save_and_choose_keeps_what_was_typed_and_opens_the_picker(world, map_offers, as_user):
    a = world.a
    client = as_user(a.users[Role.TEAMLID])
    response = client.post(
        f"/teams/{a.team.slug}/casussen/{a.casus.pk}/advies/nieuw/",
        {**FULL, "status": "zwaarwegend", "aanbod_kiezen": "1"},
    )
    advies = Advies.objects.get()
    assert response.status_code == 302 and response["Location"] == picker(world, advies)
    assert advies.most_fitting_care == FULL["most_fitting_care"], "saved before choosing"


def test_search_by_need_and_age_add_and_remove_with_redirect_back(
    world, map_offers, draft, as_user
):
    client = as_user(world.a.users[Role.TEAMLID])
    url = picker(world, draft)
    query = "hulpvragen=trauma&leeftijd=14&gemeente=&zoek="
    page = client.get(f"{url}?{query}").content.decode()
    assert "Traumabehandeling jeugd (EMDR)" in page
    assert "Speltherapie Zeewind" not in page, "age 14 is outside 4 to 11"
    assert "Elders-aanbod" not in page

    response = client.post(
        url,
        {"actie": "toevoegen", "aanbod": map_offers["emdr"].pk, "zoekopdracht": query},
    )
    assert response.status_code == 302 and response["Location"].startswith(f"{url}?")
    assert "hulpvragen=trauma" in response["Location"] and "leeftijd=14" in response["Location"]
    assert list(draft.chosen_offers.all()) == [map_offers["emdr"]]
    assert list(draft.candidate_providers.all()) == [world.a.provider]
    page = client.get(response["Location"]).content.decode()
    chosen = page[page.index('id="gekozen-kop"') : page.index('role="search"')]
    assert "Traumabehandeling jeugd (EMDR)" in chosen and "Verwijderen" in chosen

    client.post(url, {"actie": "verwijderen", "aanbod": map_offers["emdr"].pk})
    assert not draft.chosen_offers.exists()
    assert not draft.candidate_providers.exists(), "the provider went with its offer"


def test_results_are_paginated(world, map_offers, draft, as_user):
    client = as_user(world.a.users[Role.TEAMLID])
    url = picker(world, draft)
    first = client.get(f"{url}?zoek=Gezinscoaching").content.decode()
    assert "25 resultaten" in first and "Pagina 1 van 2" in first
    assert len(re.findall(r'name="actie" value="toevoegen"', first)) == 20
    second = client.get(f"{url}?zoek=Gezinscoaching&pagina=2").content.decode()
    assert len(re.findall(r'name="actie" value="toevoegen"', second)) == 5


def test_the_first_visit_searches_with_the_young_persons_age(world, map_offers, draft, as_user):
    page = as_user(world.a.users[Role.TEAMLID]).get(picker(world, draft))
    assert page.context["form"]["leeftijd"].value() is not None
    assert page.status_code == 200 and "page" in page.context


def test_an_offer_of_another_region_or_a_made_up_one_is_not_added(
    world, map_offers, draft, as_user
):
    client = as_user(world.a.users[Role.TEAMLID])
    url = picker(world, draft)
    for value in (map_offers["elsewhere"].pk, "999999", "x"):
        response = client.post(url, {"actie": "toevoegen", "aanbod": value}, follow=True)
        assert response.status_code == 200
        assert "Kies een aanbod uit de lijst." in response.content.decode()
    assert not draft.chosen_offers.exists()


def test_an_approved_advice_cannot_change_its_offers(world, map_offers, draft, as_user):
    services.approve_advice(draft, actor=world.a.users[Role.VOORZITTER])
    client = as_user(world.a.users[Role.TEAMLID])
    url = picker(world, draft)
    page = client.get(url).content.decode()
    assert "goedgekeurd en kan niet meer worden gewijzigd" in page and "Toevoegen" not in page
    response = client.post(
        url, {"actie": "toevoegen", "aanbod": map_offers["emdr"].pk}, follow=True
    )
    assert "goedgekeurd en kan niet meer worden gewijzigd" in response.content.decode()
    assert not draft.chosen_offers.exists()


def test_who_does_not_draft_advice_cannot_use_the_picker(world, map_offers, draft, as_user):
    client = as_user(world.a.users[Role.NOTULIST])
    assert client.get(picker(world, draft)).status_code == 403
    response = client.post(
        picker(world, draft), {"actie": "toevoegen", "aanbod": map_offers["emdr"].pk}
    )
    assert response.status_code == 403
    assert not draft.chosen_offers.exists()

"""The search pages: a GET form to fill in with a family, ranked and explained results, waiting
times with their freshness, and nothing outside the team's regional map."""

import re

import pytest
from django.urls import reverse

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome

from .test_search_world import EXPECTED_ORDER, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenancy):
    return build_world(tenancy)


def search_url(team, **params):
    return reverse("socialmap:search", args=[team.slug])


def acceptance_query(world):
    return {
        "hulpvragen": "angst-somberheid",
        "aandachtspunten": "thuissituatie",
        "leeftijd": "14",
        "gemeente": str(world.meeuwenkaap.pk),
        "max_weken": "8",
    }


def result_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="[^"]*" id="aanbod-\d+"><a [^>]*>([^<]+)</a>', html)


def test_search_page_ranks_and_explains(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.AANMELDER])  # a referrer searches with a family
    response = client.get(search_url(tenancy.a.team), acceptance_query(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert result_names(html) == [world.offers[k].name for k in EXPECTED_ORDER]
    assert "6 resultaten" in html
    assert "Helpt bij: angst of somberheid" in html
    assert "Heeft aandacht voor: thuissituatie" in html
    assert "Werkt in Meeuwenkaap" in html
    assert "Voor 12 tot en met 18 jaar" in html
    # Contact for referrers, never a person's name (the contact person, who confirmed).
    assert "verwijzers@alfa.example.org" in html
    assert "Fenna Voorbeeld" not in html
    provider = tenancy.a.users[Role.AANBIEDER]
    assert provider.first_name not in html
    assert "door Zorgaanbieder Alfa" in html
    # Entered values stay in the form: the results are linkable.
    assert 'value="angst-somberheid" ' in html and "checked" in html


def test_outdated_waiting_time_is_marked_never_current(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    query = {**acceptance_query(world), "max_weken": ""}
    html = client.get(search_url(tenancy.a.team), query).content.decode()
    # Specialistische jeugd-ggz only has an outdated entry: listed, but marked in text.
    card = html.split(world.offers["D"].name, 1)[1].split("</article>", 1)[0]
    assert "Wachttijd verouderd: laatst bevestigd op" in card
    assert 'data-waiting="verouderd"' in card and 'data-waiting="actueel"' not in card
    assert ">verouderd</span>" in card
    assert "Wachttijd tot start hulp" not in card
    # Gezinsbegeleiding: the fresh location is current, the outdated one is marked.
    card_b = html.split(world.offers["B"].name, 1)[1].split("</article>", 1)[0]
    assert "Wachttijd tot start hulp 7 weken" in card_b
    rows = re.findall(r'<tr class="[^"]*" data-waiting="(\w+)">\s*<th[^>]*>(\w+)</th>', card_b)
    assert rows == [("actueel", "Noord"), ("verouderd", "Zuid")]
    # The unknown one says so.
    card_u = html.split(world.offers["U"].name, 1)[1].split("</article>", 1)[0]
    assert "wachttijd onbekend" in card_u


def test_bad_input_gets_dutch_messages_and_keeps_everything(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    query = {**acceptance_query(world), "leeftijd": "200", "max_weken": "-2", "zoek": "angst"}
    response = client.get(search_url(tenancy.a.team), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Vul een leeftijd in van 0 tot en met 27 jaar." in html
    assert "Het aantal weken kan niet negatief zijn." in html
    assert 'value="200"' in html and 'value="-2"' in html and 'value="angst"' in html
    assert re.search(r'<input[^>]*value="angst-somberheid"[^>]*checked', html)
    assert 'id="aanbod-' not in html, "no results for invalid input"
    assert "<title>Fout:" in html


def test_empty_result_explains_which_filter_to_loosen(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    query = {**acceptance_query(world), "max_weken": "0"}
    html = client.get(search_url(tenancy.a.team), query).content.decode()
    assert "0 resultaten" in html
    assert "Er is geen aanbod dat bij al deze keuzes past." in html
    assert "Zonder maximale wachttijd: " in html


def test_unsubmitted_page_shows_the_two_questions(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.BELEIDSADVISEUR])
    html = client.get(search_url(tenancy.a.team)).content.decode()
    assert "Waar ben je naar op zoek?" in html and "Wat vraagt aandacht?" in html
    assert 'id="aanbod-' not in html
    gemeenten = re.findall(r'<option value="\d+">([^<]+)</option>', html)
    assert {"Meeuwenkaap", "Duinwijk"} <= set(gemeenten)
    assert "Heuveldorp" not in gemeenten, "only the team's region"


def test_organisation_and_offer_pages(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.COORDINATOR_SK])
    team = tenancy.a.team
    html = client.get(reverse("socialmap:organisations", args=[team.slug])).content.decode()
    assert "Zorgaanbieder Alfa" in html and "Jeugdhulp Branding" in html
    assert "Heuvelzorg" not in html and "Wijkteam Test" not in html
    html = client.get(
        reverse("socialmap:organisation", args=[team.slug, world.alfa.pk])
    ).content.decode()
    assert "Wij helpen gezinnen thuis" in html
    assert "Noord" in html and "Zuid" in html
    assert world.offers["A"].name in html and world.offers["B"].name in html
    assert "Fenna Voorbeeld" not in html
    offer = world.offers["B"]
    html = client.get(reverse("socialmap:offer", args=[team.slug, offer.pk])).content.decode()
    assert "Wachttijden per locatie" in html
    assert 'data-waiting="verouderd"' in html and "laatst bevestigd op" in html
    assert "0 tot en met 18 jaar" in html


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.JEUGDIGE_OUDER, Role.BEHEERDER])
def test_roles_without_the_map_get_404_and_are_logged(tenancy, world, as_user, role):
    client = as_user(tenancy.a.users[role])
    team = tenancy.a.team
    for url in (
        reverse("socialmap:search", args=[team.slug]),
        reverse("socialmap:organisations", args=[team.slug]),
        reverse("socialmap:organisation", args=[team.slug, world.alfa.pk]),
        reverse("socialmap:offer", args=[team.slug, world.offers["A"].pk]),
    ):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        assert client.get(url).status_code == 404, url
        assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 1


def test_other_regions_organisations_and_offers_are_not_found(tenancy, world, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    team = tenancy.a.team
    for url in (
        reverse("socialmap:organisation", args=[team.slug, world.other_org.pk]),
        reverse("socialmap:offer", args=[team.slug, world.other_offer.pk]),
        reverse("socialmap:offer", args=[team.slug, world.offers["X"].pk]),  # inactive
        reverse("socialmap:search", args=[world.other_team.slug]),
    ):
        before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
        assert client.get(url).status_code == 404, url
        assert AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count() == before + 1
    html = client.get(search_url(team), {"hulpvragen": "angst-somberheid"}).content.decode()
    assert "Heuvel angsthulp" not in html


def test_search_pages_leave_no_access_log_entries(tenancy, world, as_user):
    """The map holds no personal data: searching is not logged as access to persons."""
    client = as_user(tenancy.a.users[Role.TEAMLID])
    before = AccessLogEntry.objects.count()
    client.get(search_url(tenancy.a.team), acceptance_query(world))
    assert AccessLogEntry.objects.count() == before

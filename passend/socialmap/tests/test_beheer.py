"""The coordinator's beheer of the map: profiles, locations, offers and their rules."""

import pytest

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.core.refusals import InvalidInput, NotAllowed
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory, RegionFactory
from passend.socialmap import services
from passend.socialmap.models import Aanbiederprofiel, Aanbod, Expertisegebied, Hulpvraag

from .helpers import make_offer, provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(tenancy, as_user):
    return as_user(tenancy.a.users[Role.COORDINATOR_SK])


def beheer(tenancy) -> str:
    return f"/teams/{tenancy.a.team.slug}/sociale-kaart/beheer"


def offer_post(tenancy, **overrides) -> dict:
    gemeente = tenancy.a.team.gemeenten.get()
    data = {
        "name": "Buddy voor jongeren",
        "description": "Een vrijwilliger trekt een paar uur per week met je op.",
        "productcategorie": "",
        "hulpvorm": "",
        "age_min": "12",
        "age_max": "23",
        "hulpvragen": [Hulpvraag.objects.first().pk],
        "gemeenten": [gemeente.pk],
        "referral_needed": "on",
        "beschikking_needed": "on",
        "active": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_overview_lists_region_organisations_with_counts(tenancy, coordinator):
    make_offer(provider(tenancy), tenancy.a.team, days_ago=120)
    page = coordinator.get(f"{beheer(tenancy)}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Zorgaanbieder Alfa" in html and "Zorgaanbieder Beta" in html
    assert "1 wachttijd verouderd of ontbreekt" in html


def test_coordinator_edits_profile(tenancy, coordinator):
    org = provider(tenancy)
    url = f"{beheer(tenancy)}/organisaties/{org.pk}/"
    assert coordinator.get(url).status_code == 200
    expertise = Expertisegebied.objects.first()
    gemeente = tenancy.a.team.gemeenten.get()
    response = coordinator.post(
        url,
        {
            "description": "Wij helpen gezinnen thuis.",
            "expertise": [expertise.pk],
            "contracted_by": [gemeente.pk],
            "contact_name": "Aanmeldteam",
            "contact_phone": "010-1234567",
            "contact_email": "aanmelden@alfa.example",
        },
    )
    assert response.status_code == 302
    profiel = Aanbiederprofiel.objects.get(organisation=org)
    assert profiel.description == "Wij helpen gezinnen thuis."
    assert list(profiel.contracted_by.all()) == [gemeente]
    assert list(profiel.expertise.all()) == [expertise]


def test_coordinator_adds_location_and_offer(tenancy, coordinator):
    org = provider(tenancy)
    gemeente = tenancy.a.team.gemeenten.get()
    url = f"{beheer(tenancy)}/organisaties/{org.pk}"
    response = coordinator.post(
        f"{url}/locaties/nieuw/",
        {"name": "Vestiging Centrum", "address": "Markt 1", "gemeente": gemeente.pk},
    )
    assert response.status_code == 302
    location = org.locaties.get()
    assert coordinator.get(f"{url}/aanbod/nieuw/").status_code == 200
    response = coordinator.post(f"{url}/aanbod/nieuw/", offer_post(tenancy, locaties=[location.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = Aanbod.objects.get(name="Buddy voor jongeren")
    assert (offer.age_min, offer.age_max, offer.organisation) == (12, 23, org)
    assert list(offer.locaties.all()) == [location]
    edit = coordinator.post(f"{url}/aanbod/{offer.pk}/", offer_post(tenancy, age_max="17"))
    assert edit.status_code == 302
    offer.refresh_from_db()
    assert offer.age_max == 17


def test_invalid_offer_keeps_values_and_explains_in_dutch(tenancy, coordinator):
    org = provider(tenancy)
    url = f"{beheer(tenancy)}/organisaties/{org.pk}/aanbod/nieuw/"
    response = coordinator.post(
        url, offer_post(tenancy, age_min="16", age_max="12", voorliggend_veld="on")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "De leeftijd &#x27;tot en met&#x27; kan niet lager zijn dan &#x27;vanaf&#x27;." in html
    assert "Voorliggend veld is hulp zonder verwijzing" in html
    assert "Voorliggend veld is hulp zonder beschikking" in html
    assert 'value="Buddy voor jongeren"' in html and 'value="16"' in html
    assert not Aanbod.objects.exists()


def test_offer_rules_in_the_service(tenancy):
    org = provider(tenancy)
    elsewhere = GemeenteFactory(region=RegionFactory(name="Andere regio", slug="andere"))
    offer = Aanbod(organisation=org, name="Verblijf", description="Wonen op een groep.")
    offer.hulpvorm = "12"  # gezinsgericht verblijf
    with pytest.raises(InvalidInput) as invalid:
        services.save_offer(offer, actor=None, gemeenten=[elsewhere])
    errors = invalid.value.errors
    assert "met verblijf" in errors["with_stay"][0]
    assert "hoort niet bij een regio" in errors["gemeenten"][0]
    offer.with_stay = True
    saved = services.save_offer(offer, actor=None, gemeenten=list(tenancy.a.team.gemeenten.all()))
    assert saved.pk and saved.gemeenten.count() == 1
    light = Aanbod(organisation=org, name="Sportmaatje", description="Samen sporten.")
    light.voorliggend_veld, light.referral_needed, light.beschikking_needed = True, False, False
    services.save_offer(light, actor=None, gemeenten=list(tenancy.a.team.gemeenten.all()))
    with pytest.raises(InvalidInput, match="minstens"):
        services.save_offer(
            Aanbod(organisation=org, name="Zonder", description="x"), actor=None, gemeenten=[]
        )


def test_only_coordinator_may_change_the_map(tenancy):
    org = provider(tenancy)
    with pytest.raises(NotAllowed):
        services.save_profile(org, actor=tenancy.a.users[Role.AANBIEDER], description="Eigen")
    with pytest.raises(NotAllowed):
        services.save_profile(org, actor=tenancy.a.users[Role.VOORZITTER], description="Niet")
    services.save_profile(org, actor=tenancy.a.users[Role.COORDINATOR_SK], description="Goed")
    assert Aanbiederprofiel.objects.get(organisation=org).description == "Goed"


def test_organisation_outside_region_is_404_and_logged_at_own_team(tenancy, coordinator):
    other = OrganisationFactory(
        name="Zorg elders", regions=[RegionFactory(name="Verweg", slug="verweg")]
    )
    before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
    response = coordinator.get(f"{beheer(tenancy)}/organisaties/{other.pk}/")
    assert response.status_code == 404
    denied = AccessLogEntry.objects.filter(outcome=Outcome.DENIED)
    assert denied.count() == before + 1
    entry = denied.order_by("-id").first()
    assert (entry.subject_type, entry.team) == ("organisatie", tenancy.a.team)


@pytest.mark.parametrize("role", [Role.VOORZITTER, Role.TEAMLID, Role.BELEIDSADVISEUR])
def test_team_roles_cannot_reach_beheer(tenancy, as_user, role):
    assert as_user(tenancy.a.users[role]).get(f"{beheer(tenancy)}/").status_code == 404

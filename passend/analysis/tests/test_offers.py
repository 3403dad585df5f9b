"""A timeline episode can name an offer from the social map; it fills what is still empty."""

import pytest

from passend.accounts.roles import Role
from passend.analysis import services
from passend.analysis.models import TijdlijnEpisode
from passend.core.refusals import InvalidInput
from passend.core.tests.factories import OrganisationFactory, RegionFactory
from passend.socialmap.models import Aanbod

from .test_pages import episode_post, urls

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def offers(tenancy, org):
    region = tenancy.a.team.region
    other_org = OrganisationFactory(name="Gezinshuis De Duinroos", regions=[region])
    return {
        "gezinshuis": Aanbod.objects.create(
            organisation=other_org,
            name="Gezinshuisplek met vaste gezinshuisouders",
            description="Wonen in een gezin met gezinshuisouders.",
            productcategorie="43",
            hulpvorm="12",
            with_stay=True,
        ),
        "ggz": Aanbod.objects.create(
            organisation=org,
            name="Traumabehandeling (EMDR)",
            description="Behandeling na nare ervaringen.",
            productcategorie="54",
            hulpvorm="02",
        ),
        "sport": Aanbod.objects.create(
            organisation=org,
            name="Jeugdsportfonds",
            description="Contributie voor een sportclub.",
            voorliggend_veld=True,
        ),
        "elsewhere": Aanbod.objects.create(
            organisation=OrganisationFactory(regions=[RegionFactory()]),
            name="Aanbod elders",
            description="Buiten de regio.",
        ),
    }


def test_choosing_an_offer_on_the_form_fills_provider_and_form_of_help(
    tenancy, as_user, casus, offers
):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    _case, add = urls(tenancy, casus)
    page = client.get(add).content.decode()
    assert '<optgroup label="Gezinshuis De Duinroos">' in page
    assert "Aanbod elders" not in page
    response = client.post(add, episode_post(aanbod=offers["gezinshuis"].pk, hulpvorm=""))
    assert response.status_code == 302, response.content.decode()
    episode = TijdlijnEpisode.objects.get()
    assert episode.aanbod == offers["gezinshuis"]
    assert episode.organisation == offers["gezinshuis"].organisation
    assert (episode.productcategorie, episode.hulpvorm, episode.with_stay) == ("43", "12", True)
    assert episode.description == "Gezinshuisplek met vaste gezinshuisouders"


def test_what_was_entered_wins_and_an_offer_must_belong_to_the_chosen_organisation(
    tenancy, as_user, casus, offers, org
):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    _case, add = urls(tenancy, casus)
    response = client.post(
        add, episode_post(aanbod=offers["gezinshuis"].pk, organisation=org.pk, hulpvorm="")
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_aanbod-error"' in page
    assert "hoort bij Gezinshuis De Duinroos" in page
    assert not TijdlijnEpisode.objects.exists()
    response = client.post(
        add,
        episode_post(aanbod=offers["ggz"].pk, organisation=org.pk, description="EMDR, 12 sessies"),
    )
    assert response.status_code == 302
    episode = TijdlijnEpisode.objects.get()
    assert episode.description == "EMDR, 12 sessies" and episode.productcategorie == "54"


def test_service_refuses_an_offer_from_another_region(tenancy, casus, offers):
    with pytest.raises(InvalidInput) as refused:
        services.episode_add(
            casus,
            actor=tenancy.a.users[Role.TEAMLID],
            aanbod=offers["elsewhere"],
            start=casus.registered_at.date(),
        )
    assert "niet op de sociale kaart van de regio" in refused.value.errors["aanbod"][0]


def names(response) -> set[str]:
    return {p["name"] for p in response.json()["invalidParams"]}


def test_api_offer_id_is_writable_and_validated(tenancy, as_user, casus, offers):
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    url = f"/api/v1/cases/{casus.pk}/timeline-episodes"
    created = client.post(
        url, {"offerId": offers["sport"].pk, "start": "2022-03-01"}, content_type=JSON
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["offerId"] == offers["sport"].pk
    assert body["organisation"] == offers["sport"].organisation_id
    assert body["description"] == "Jeugdsportfonds" and body["withStay"] is False

    refused = client.post(
        url, {"offerId": offers["elsewhere"].pk, "start": "2022-03-01"}, content_type=JSON
    )
    assert refused.status_code == 400 and "offerId" in names(refused)
    mismatch = client.patch(
        f"{url}/{body['id']}", {"offerId": offers["gezinshuis"].pk}, content_type=JSON
    )
    assert mismatch.status_code == 400 and "offerId" in names(mismatch)
    changed = client.patch(f"{url}/{body['id']}", {"offerId": None}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["offerId"] is None

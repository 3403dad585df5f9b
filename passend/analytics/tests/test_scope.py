"""Who counts which municipalities: a beleidsadviseur reaches only the analytics record, for
the own municipality, or the team's whole working area when the beheerder granted it; roles
without VIEW_AGGREGATES count nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.permissions import aggregate_gemeente_ids
from passend.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from passend.accounts.services import beheer
from passend.analytics.models import CasusFeit
from passend.analytics.selectors import visible_facts
from passend.core.refusals import InvalidInput
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory
from passend.regions.models import OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(tenancy):
    """Team A works for two municipalities; its beleidsadviseur acts for the first one's
    municipal organisation; one fact per municipality."""
    team = tenancy.a.team
    own = team.gemeenten.get()
    other = GemeenteFactory(region=team.region, name="Buurgemeente")
    team.gemeenten.add(other)
    organisation = OrganisationFactory(
        name="Gemeente Eigen", type=OrganisationType.GEMEENTE, regions=[team.region]
    )
    organisation.gemeente = own
    organisation.save()
    adviser = tenancy.a.users[Role.BELEIDSADVISEUR]
    Membership.objects.filter(user=adviser, team=team).update(organisation=organisation)
    for gemeente in (own, other):
        CasusFeit.objects.create(
            team=team,
            gemeente=gemeente,
            registered_on=timezone.localdate(),
            referrer_type="01",
            legal_framework="vrijwillig",
            urgency="normaal",
            state="aangemeld",
        )
    return team, own, other, adviser


def fresh(user):
    user.__dict__.pop("_passend_memberships", None)
    return user


def test_a_beleidsadviseur_counts_the_own_municipality_only(area):
    team, own, _other, adviser = area
    assert aggregate_gemeente_ids(fresh(adviser), team) == {own.pk}
    assert set(visible_facts(adviser, team).values_list("gemeente_id", flat=True)) == {own.pk}


def test_the_whole_area_when_the_beheerder_grants_it(area, tenancy):
    team, own, other, adviser = area
    membership = Membership.objects.get(user=adviser, team=team)
    beheer.update_membership(
        membership,
        actor=tenancy.a.users[Role.BEHEERDER],
        changes={"aggregate_whole_area": True},
    )
    assert aggregate_gemeente_ids(fresh(adviser), team) == {own.pk, other.pk}
    assert visible_facts(adviser, team).count() == 2
    # Not in another team: the grant belongs to this membership.
    assert aggregate_gemeente_ids(fresh(adviser), tenancy.b.team) == set()


def test_without_an_organisation_in_a_municipality_nothing_unless_granted(area):
    team, _own, _other, adviser = area
    membership = Membership.objects.get(user=adviser, team=team)
    Membership.objects.filter(pk=membership.pk).update(organisation=None)
    assert aggregate_gemeente_ids(fresh(adviser), team) == set()
    Membership.objects.filter(pk=membership.pk).update(aggregate_whole_area=True)
    assert len(aggregate_gemeente_ids(fresh(adviser), team)) == 2


@pytest.mark.parametrize(
    "role", [r for r in Role if Cap.VIEW_AGGREGATES not in ROLE_CAPABILITIES[r]]
)
def test_roles_without_view_aggregates_count_nothing(area, tenancy, role):
    team = area[0]
    user = tenancy.a.users[role]
    Membership.objects.filter(user=user, team=team).update(aggregate_whole_area=True)
    assert aggregate_gemeente_ids(fresh(user), team) == set()
    assert not visible_facts(user, team).exists()


def test_team_roles_and_the_beheerder_count_the_whole_area(area, tenancy):
    team, own, other = area[:3]
    for role in (Role.VOORZITTER, Role.TEAMLID, Role.BEHEERDER):
        assert aggregate_gemeente_ids(fresh(tenancy.a.users[role]), team) == {own.pk, other.pk}


def test_only_a_beleidsadviseur_gets_the_grant(area, tenancy):
    team = area[0]
    membership = Membership.objects.get(user=tenancy.a.users[Role.NOTULIST], team=team)
    with pytest.raises(InvalidInput) as refused:
        beheer.update_membership(
            membership,
            actor=tenancy.a.users[Role.BEHEERDER],
            changes={"aggregate_whole_area": True},
        )
    assert "aggregate_whole_area" in refused.value.errors
    membership.refresh_from_db()
    assert membership.aggregate_whole_area is False


def test_the_beheerder_sets_the_grant_on_the_page_and_in_the_api(area, tenancy, as_user):
    team, own, other, adviser = area
    membership = Membership.objects.get(user=adviser, team=team)
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    url = reverse("accounts:beheer-membership", args=[team.slug, adviser.pk, membership.pk])
    page = client.get(url)
    assert "Mag de cijfers van het hele werkgebied zien" in page.content.decode()
    response = client.post(
        url,
        {
            "role": "beleidsadviseur",
            "organisation": membership.organisation_id,
            "start": membership.start.isoformat(),
            "aggregate_whole_area": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership.refresh_from_db()
    assert membership.aggregate_whole_area is True
    assert aggregate_gemeente_ids(fresh(adviser), team) == {own.pk, other.pk}

    api = f"/api/v1/teams/{team.pk}/memberships/{membership.pk}"
    changed = client.patch(api, {"aggregateWholeArea": False}, content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["aggregateWholeArea"] is False
    assert aggregate_gemeente_ids(fresh(adviser), team) == {own.pk}
    refused = client.patch(
        f"/api/v1/teams/{team.pk}/memberships/"
        f"{Membership.objects.get(user=tenancy.a.users[Role.TEAMLID], team=team).pk}",
        {"aggregateWholeArea": True},
        content_type="application/json",
    )
    assert refused.status_code == 400

"""The second demo region, Noordwest-Veenland: its own team, organisations, users and cases,
and a beleidsadviseur who sees only the own region's figures (issue 13, acceptance 7)."""

from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from passend.accounts.models import Membership, User
from passend.accounts.permissions import aggregate_gemeente_ids
from passend.accounts.roles import Role
from passend.analytics.selectors import visible_facts
from passend.analytics.services import rebuild as rebuild_analytics
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Wijk
from passend.demo import case_data as D
from passend.demo.cases import (
    DEMO_TEAM_SLUGS,
    VEEN_CASES,
    VEEN_TEAM_SLUGS,
    load_demo_cases,
    load_veenland_cases,
)
from passend.demo.region import (
    DEMO_PASSWORD,
    VEEN_GEMEENTEN,
    VEEN_REGION,
    load_demo_region,
)
from passend.regions.models import Gemeente, Organisation, OrganisationType, Region, Team

pytestmark = pytest.mark.django_db


def _veenland_snapshot():
    region = Region.objects.get(slug=VEEN_REGION["slug"])
    teams = Team.objects.filter(region=region)
    return {
        "gemeenten": sorted(
            Gemeente.objects.filter(region=region).values_list("cbs_code", flat=True)
        ),
        "teams": sorted(teams.values_list("slug", flat=True)),
        "organisations": Organisation.objects.filter(regions=region).count(),
        "memberships": Membership.objects.filter(team__in=teams).count(),
        "users": User.objects.filter(memberships__team__in=teams).distinct().count(),
        "wijken": sorted(Wijk.objects.filter(region=region).values_list("code", flat=True)),
    }


def test_second_region_is_complete_fictional_and_loads_idempotently():
    result = load_demo_region()
    first = _veenland_snapshot()
    load_demo_region()
    assert _veenland_snapshot() == first
    assert first["gemeenten"] == [code for code, _ in VEEN_GEMEENTEN]
    assert all("GM9907" <= code <= "GM9910" for code in first["gemeenten"])
    assert first["teams"] == list(VEEN_TEAM_SLUGS)
    assert first["wijken"] == ["turfhaven-centrum", "turfhaven-veenkolonie"]
    assert [r["region"] for r in result["regions"]] == ["Zuidoost-Duinland", "Noordwest-Veenland"]

    region = Region.objects.get(slug=VEEN_REGION["slug"])
    orgs = Organisation.objects.filter(regions=region)
    types = Counter(orgs.values_list("type", flat=True))
    assert types[OrganisationType.GEMEENTE] == 4
    assert types[OrganisationType.WIJKTEAM] == 4
    assert types[OrganisationType.GI] == 1
    assert types[OrganisationType.ZORGAANBIEDER] >= 3
    assert not orgs.filter(regions__slug="zuidoost-duinland").exists(), "no shared organisations"
    assert all(o.email.endswith("@example.org") for o in orgs)

    team = Team.objects.get(slug="veenland")
    assert set(team.memberships.values_list("role", flat=True)) == set(Role.values)
    factory = RequestFactory()
    for membership in team.memberships.select_related("user"):
        user = membership.user
        assert user.is_demo and user.username.endswith(".veen")
        assert set(user.memberships.values_list("team__slug", flat=True)) == {"veenland"}
        request = factory.post("/")
        assert authenticate(request=request, username=user.username, password=DEMO_PASSWORD)


def test_each_beleidsadviseur_sees_only_the_granted_municipalities():
    load_demo_region()
    veen = Gemeente.objects.filter(region__slug=VEEN_REGION["slug"])
    veen_ids = set(veen.values_list("pk", flat=True))
    veen_team = Team.objects.get(slug="veenland")
    duinland_teams = list(Team.objects.filter(slug__in=DEMO_TEAM_SLUGS))

    def ids(username, team):
        return aggregate_gemeente_ids(User.objects.get(username=username), team)

    def names(username, team):
        granted = Gemeente.objects.filter(pk__in=ids(username, team))
        return set(granted.values_list("name", flat=True))

    # (c) Veenland's adviser: only its own municipality, only in Veenland.
    assert names("beleidsadviseur.veen", veen_team) == {"Turfhaven"}
    assert ids("beleidsadviseur.veen", veen_team) <= veen_ids
    assert all(not ids("beleidsadviseur.veen", t) for t in duinland_teams)
    # (a) A Duinland adviser acting for one municipality.
    noord = Team.objects.get(slug="duinland-noord")
    assert names("beleidsadviseur.noord", noord) == {"Duinwijk"}
    # (b) The regional adviser with the whole working area of both Duinland teams.
    for team in duinland_teams:
        area = set(team.gemeenten.values_list("pk", flat=True))
        assert ids("beleidsadviseur-regio.duinland", team) == area
    assert Membership.objects.filter(
        user__username="beleidsadviseur-regio.duinland", aggregate_whole_area=True
    ).count() == len(duinland_teams)
    # No Duinland demo user sees anything of Veenland, in any team.
    for user in User.objects.filter(is_demo=True).exclude(username__endswith=".veen"):
        assert not aggregate_gemeente_ids(user, veen_team), user.username
        for team in duinland_teams:
            assert not aggregate_gemeente_ids(user, team) & veen_ids, user.username


def test_second_region_cases_through_the_same_code_path_and_the_record_is_scoped():
    load_demo_region()
    result = load_veenland_cases()
    assert result["created"] == result["total"] == VEEN_CASES
    assert load_veenland_cases()["created"] == 0, "idempotent"
    assert not Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS).exists(), "region 1 untouched"
    cases = list(Casus.objects.filter(team__slug="veenland").select_related("gemeente", "wijk"))
    assert {c.state for c in cases} == set(CaseState.values)
    assert {c.gemeente.cbs_code for c in cases} == {code for code, _ in VEEN_GEMEENTEN}
    assert all(c.wijk is None or c.wijk.gemeente_id == c.gemeente_id for c in cases)
    allowed = {n for names in D.REDIRECTS_BY_REGION["noordwest-veenland"].values() for n in names}
    redirected = {c.redirected_to for c in cases if c.redirected_to}
    assert redirected and redirected <= allowed
    months = {c.registered_at.strftime("%Y-%m") for c in cases}
    assert len(months) >= 18, "spread over the two years"

    rebuild_analytics()
    team = Team.objects.get(slug="veenland")
    beleid = User.objects.get(username="beleidsadviseur.veen")
    facts = visible_facts(beleid, team)
    turfhaven = sum(1 for c in cases if c.gemeente.name == "Turfhaven")
    assert facts.count() == turfhaven > 0
    assert set(facts.values_list("gemeente__name", flat=True)) == {"Turfhaven"}
    assert visible_facts(User.objects.get(username="voorzitter.veen"), team).count() == len(cases)
    for username in ("beleidsadviseur-regio.duinland", "voorzitter.noord", "beheerder.zuid"):
        assert not visible_facts(User.objects.get(username=username), team).exists()


def test_main_region_cases_are_unchanged_by_the_second_region():
    """The second region draws from its own seed: loading it first changes nothing of the
    main region's cases."""
    load_demo_region()
    load_veenland_cases()
    load_demo_cases(count=40)
    with_veen = list(
        Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS)
        .order_by("registered_at")
        .values_list("first_name", "birth_date", "state", "gemeente__cbs_code")
    )
    Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS).delete()
    load_demo_cases(count=40)
    alone = list(
        Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS)
        .order_by("registered_at")
        .values_list("first_name", "birth_date", "state", "gemeente__cbs_code")
    )
    assert with_veen == alone

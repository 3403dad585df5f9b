"""Acceptance: need + age + municipality + maximum waiting time give the expected offers, ranked
and explained; an outdated waiting time is marked, never current, and never meets a maximum."""

import datetime as dt

import pytest

from passend.accounts.roles import Role
from passend.socialmap import search as rules
from passend.socialmap import selectors
from passend.socialmap.search import Criteria, OfferFacts, Waiting

from .test_search_world import EXPECTED_ORDER, build_world


@pytest.fixture
def world(tenancy):
    return build_world(tenancy)


def acceptance_criteria(world, **overrides):
    values = {
        "hulpvragen": ("angst-somberheid",),
        "aandachtspunten": ("thuissituatie",),
        "age": 14,
        "gemeente": world.meeuwenkaap.pk,
        "max_weeks": 8,
    }
    return Criteria(**{**values, **overrides})


def keys(world, results):
    by_pk = {offer.pk: key for key, offer in world.offers.items()}
    return [by_pk.get(r.offer.pk, r.offer.name) for r in results]


def test_need_age_municipality_and_max_waiting_time_give_the_expected_ranking(tenancy, world):
    user = tenancy.a.users[Role.TEAMLID]
    results = selectors.search(user, tenancy.a.team, acceptance_criteria(world), world.today)
    assert keys(world, results) == EXPECTED_ORDER
    # Excluded: another need (E), too young (F), other gemeente (G), too long (H), outdated
    # (D), unknown (U), inactive (X) and the other region's offer.
    first = results[0]
    assert first.reasons == (
        "Helpt bij: angst of somberheid",
        "Heeft aandacht voor: thuissituatie",
        "Voor 12 tot en met 18 jaar",
        "Werkt in Meeuwenkaap",
        f"Wachttijd tot start hulp 4 weken, bevestigd op {world.fresh(10):%d-%m-%Y}",
    )
    assert [r.score for r in results] == [16, 15, 13, 12, 12, 12]
    assert first.sources[first.waiting_times[0].entry.pk] == "Zorgaanbieder Alfa"


def test_outdated_location_never_counts_as_current(tenancy, world):
    """Gezinsbegeleiding: Noord 7 weeks (fresh), Zuid 2 weeks (outdated)."""
    user = tenancy.a.users[Role.TEAMLID]
    results = selectors.search(user, tenancy.a.team, acceptance_criteria(world), world.today)
    b = next(r for r in results if r.offer == world.offers["B"])
    assert b.best.weeks_to_treatment == 7
    assert {w.entry.locatie.name: w.outdated for w in b.waiting_times} == {
        "Noord": False,
        "Zuid": True,
    }
    assert "Wachttijd tot start hulp 7 weken" in b.reasons[-1]
    assert "(locatie Noord)" in b.reasons[-1]
    # A maximum of 5 weeks: the outdated 2 weeks at Zuid does not satisfy it.
    strict = selectors.search(
        user, tenancy.a.team, acceptance_criteria(world, max_weeks=5), world.today
    )
    assert world.offers["B"] not in [r.offer for r in strict]


def test_without_a_maximum_outdated_and_unknown_are_listed_and_marked(tenancy, world):
    user = tenancy.a.users[Role.TEAMLID]
    results = selectors.search(
        user, tenancy.a.team, acceptance_criteria(world, max_weeks=None), world.today
    )
    found = {world.offers[k].pk: k for k in world.offers}
    by_key = {found[r.offer.pk]: r for r in results if r.offer.pk in found}
    assert {"D", "U", "H"} <= set(by_key)
    d = by_key["D"]
    assert d.waiting_status == "verouderd"
    assert d.best is None, "an outdated waiting time is never presented as current"
    assert [w.outdated for w in d.waiting_times] == [True]
    assert d.reasons[-1].startswith("Wachttijd verouderd: laatst bevestigd op")
    assert by_key["U"].waiting_status == "onbekend"
    assert by_key["U"].reasons[-1].startswith("Wachttijd onbekend")
    # No fresh time ranks below an equal score with a fresh one.
    order = keys(world, results)
    assert order.index("D") > order.index("I") and order.index("U") > order.index("I")


def test_team_setting_decides_when_a_waiting_time_is_outdated(tenancy, world):
    team = tenancy.a.team
    team.waiting_time_stale_weeks = 1
    user = tenancy.a.users[Role.TEAMLID]
    results = selectors.search(user, team, acceptance_criteria(world), world.today)
    # Only entries confirmed within a week are fresh now: C (3 days), B Noord (5 days), I/J/L.
    assert keys(world, results) == ["B", "C", "J", "L", "I"]


def test_other_filters(tenancy, world):
    user, team = tenancy.a.users[Role.TEAMLID], tenancy.a.team

    def run(**criteria):
        return keys(world, selectors.search(user, team, Criteria(**criteria), world.today))

    assert run(hulpvragen=("buddy",), voorliggend_veld=True) == ["E"]
    assert run(hulpvragen=("angst-somberheid",), with_stay=True, age=14) == ["H"]
    assert "H" not in run(hulpvragen=("angst-somberheid",), with_stay=False)
    assert run(text="PRAATGROEP") == ["C"]
    assert run(text="branding buddy") == ["E"], "words in name, description or organisation"
    assert run(hulpvorm="14") == ["H"]
    assert run(productcategorie="54") == ["D"]
    everything = run()
    assert "X" not in everything and "Heuvel angsthulp" not in everything
    assert len(everything) == len(world.offers) - 1


def test_voorliggend_veld_is_named_as_reason(tenancy, world):
    user, team = tenancy.a.users[Role.TEAMLID], tenancy.a.team
    [buddy] = selectors.search(user, team, Criteria(voorliggend_veld=True), world.today)
    assert "Zonder verwijzing (voorliggend veld)" in buddy.reasons


def test_empty_result_names_the_filter_to_loosen(tenancy, world):
    user, team = tenancy.a.users[Role.TEAMLID], tenancy.a.team
    criteria = acceptance_criteria(world, max_weeks=0, age=3)
    assert selectors.search(user, team, criteria, world.today) == []
    assert selectors.loosen_hints(user, team, criteria, world.today) == [
        "Zonder maximale wachttijd: 1 resultaat. Verouderde en onbekende wachttijden tellen "
        "niet mee voor een maximum.",
        "Zonder keuze bij 'Waar ben je naar op zoek?': 1 resultaat.",  # the buddy, 0 weeks
    ]


def test_without_view_social_map_nothing_is_visible(tenancy, world):
    for role in (Role.AANBIEDER, Role.JEUGDIGE_OUDER, Role.BEHEERDER):
        user = tenancy.a.users[role]
        assert not selectors.offers_for(user, tenancy.a.team).exists()
        assert not selectors.organisations_for(user, tenancy.a.team).exists()
        assert selectors.search(user, tenancy.a.team, Criteria(), world.today) == []


def test_other_region_is_not_on_the_map(tenancy, world):
    user = tenancy.a.users[Role.TEAMLID]
    assert world.other_offer not in selectors.offers_for(user, tenancy.a.team)
    assert world.other_org not in selectors.organisations_for(user, tenancy.a.team)
    # Holding the capability in team A does not open team Heuvel's map.
    assert not selectors.offers_for(user, world.other_team).exists()
    names = set(selectors.organisations_for(user, tenancy.a.team).values_list("name", flat=True))
    assert names == {"Zorgaanbieder Alfa", "Jeugdhulp Branding"}


# Pure rules, without a database -----------------------------------------------------------

TODAY = dt.date(2026, 11, 20)


def facts(pk, name, **kwargs):
    return OfferFacts(pk=pk, name=name, organisation="Org", **kwargs)


def test_rank_is_a_pure_function():
    angst = {"angst": "angst"}
    offers = [
        facts(1, "Beta", hulpvragen=angst, waiting=(Waiting(3, TODAY, False),)),
        facts(2, "Alfa", hulpvragen=angst, waiting=(Waiting(3, TODAY, False),)),
        facts(3, "Gamma", hulpvragen=angst, waiting=(Waiting(1, TODAY, True),)),
        facts(4, "Delta", hulpvragen={**angst, "gedrag": "gedrag"}),
        facts(5, "Eps", hulpvragen={"gedrag": "gedrag"}),
    ]
    ranked = rules.rank(offers, Criteria(hulpvragen=("angst", "gedrag")))
    assert [(m.name, m.score) for m in ranked] == [
        ("Delta", 20),  # both needs
        ("Alfa", 12),  # one need + short fresh waiting time; tie broken by name
        ("Beta", 12),
        ("Eps", 10),  # one need, no waiting time known
        ("Gamma", 10),  # one need; its short waiting time is outdated: no bonus
    ]


def test_max_weeks_needs_a_fresh_time_within_the_maximum():
    fresh = facts(1, "Vers", waiting=(Waiting(4, TODAY, False),))
    stale = facts(2, "Oud", waiting=(Waiting(1, TODAY - dt.timedelta(weeks=9), True),))
    unknown = facts(3, "Leeg")
    assert [m.name for m in rules.rank([fresh, stale, unknown], Criteria(max_weeks=4))] == ["Vers"]
    assert rules.rank([fresh], Criteria(max_weeks=3)) == []
    statuses = {m.name: m.waiting_status for m in rules.rank([fresh, stale, unknown], Criteria())}
    assert statuses == {"Vers": "actueel", "Oud": "verouderd", "Leeg": "onbekend"}

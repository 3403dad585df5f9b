"""The search filters and ranks in the database: the same order and reasons as the pure rules
of search.py, hard filters at their boundaries, the current waiting time read from the newest
confirmation only, a constant number of queries, and pages of the full ranking."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from passend.accounts.roles import Role
from passend.socialmap import search as rules
from passend.socialmap import selectors, services
from passend.socialmap.search import Criteria

from .test_search_world import build_world, make_offer, wait

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenancy):
    return build_world(tenancy)


def keys(world, results):
    by_pk = {offer.pk: key for key, offer in world.offers.items()}
    return [by_pk.get(r.offer.pk, r.offer.name) for r in results]


def search(tenancy, world, **criteria):
    user, team = tenancy.a.users[Role.TEAMLID], tenancy.a.team
    return selectors.search(user, team, Criteria(**criteria), world.today)


CRITERIA = [
    {},
    {"hulpvragen": ("angst-somberheid",)},
    {"hulpvragen": ("angst-somberheid", "buddy"), "aandachtspunten": ("thuissituatie",)},
    {"hulpvorm": "02", "age": 14},
    {"productcategorie": "54", "hulpvragen": ("boosheid-gedrag",)},
    {"voorliggend_veld": True},
    {"with_stay": False, "max_weeks": 5},
    {"aandachtspunten": ("schoolverzuim", "sociale-contacten"), "age": 12},
]


@pytest.mark.parametrize("criteria", CRITERIA)
def test_the_database_ranks_as_the_pure_rules_do(tenancy, world, criteria):
    """Order, scores and reasons equal `search.rank` over the whole map read in Python."""
    user, team = tenancy.a.users[Role.TEAMLID], tenancy.a.team
    offers = list(selectors.offers_for(user, team))
    waiting = selectors.waiting_times_for(offers, team, world.today)
    expected = rules.rank(selectors._all_facts(offers, waiting), Criteria(**criteria))
    results = search(tenancy, world, **criteria)
    assert [(r.offer.pk, r.score, r.reasons) for r in results] == [
        (m.pk, m.score, m.reasons) for m in expected
    ]


def test_age_is_inclusive_at_both_ends(tenancy, world):
    angst = ("angst-somberheid",)
    assert "A" in keys(world, search(tenancy, world, hulpvragen=angst, age=12))
    assert "A" in keys(world, search(tenancy, world, hulpvragen=angst, age=18))
    assert "A" not in keys(world, search(tenancy, world, hulpvragen=angst, age=11))
    assert "A" not in keys(world, search(tenancy, world, hulpvragen=angst, age=19))


def test_gemeente_stay_and_voorliggend_veld_are_hard_filters(tenancy, world):
    duinwijk = keys(world, search(tenancy, world, gemeente=world.duinwijk.pk))
    assert sorted(duinwijk) == ["B", "G"]
    assert keys(world, search(tenancy, world, with_stay=True)) == ["H"]
    assert keys(world, search(tenancy, world, voorliggend_veld=True)) == ["E"]


def test_other_regions_and_inactive_offers_are_never_returned(tenancy, world):
    everything = keys(world, search(tenancy, world))
    assert "X" not in everything and "Heuvel angsthulp" not in everything
    assert len(everything) == len(world.offers) - 1  # all active offers of the region


def test_the_current_waiting_time_is_the_newest_confirmation(tenancy, world):
    """D's newest entry is outdated: it never meets a maximum. A new confirmation makes it
    current; a later, longer one replaces it, however short the earlier one was."""
    offer, angst = world.offers["D"], ("angst-somberheid",)
    found = search(tenancy, world, hulpvragen=angst)
    d = next(r for r in found if r.offer == offer)
    assert d.waiting_status == rules.STATUS_OUTDATED and d.best is None
    assert "D" not in keys(world, search(tenancy, world, hulpvragen=angst, max_weeks=8))
    provider = tenancy.a.users[Role.COORDINATOR_SK]
    confirm = services.confirm_waiting_time
    confirm(
        offer,
        actor=provider,
        weeks_to_registration=1,
        weeks_to_intake=2,
        weeks_to_treatment=3,
        confirmed_on=world.today,
    )
    d = next(r for r in search(tenancy, world, hulpvragen=angst, max_weeks=3) if r.offer == offer)
    assert d.waiting_status == rules.STATUS_CURRENT and d.best.weeks_to_treatment == 3
    wait(offer, 10, world.today)  # the same day, later: this one is current
    assert "D" not in keys(world, search(tenancy, world, hulpvragen=angst, max_weeks=8))
    d = next(r for r in search(tenancy, world, hulpvragen=angst) if r.offer == offer)
    assert d.best.weeks_to_treatment == 10 and len(d.waiting_times) == 1


def test_an_outdated_location_does_not_meet_the_maximum(tenancy, world):
    """B: Noord 7 weeks fresh, Zuid 2 weeks outdated; a maximum of 5 leaves B out."""
    assert "B" in keys(world, search(tenancy, world, max_weeks=7))
    assert "B" not in keys(world, search(tenancy, world, max_weeks=5))


def test_pages_are_slices_of_the_whole_ranking(tenancy, world):
    results = search(tenancy, world)
    everything = list(results)
    assert len(results) == len(everything)
    assert [r.offer.pk for r in results[3:6]] == [r.offer.pk for r in everything[3:6]]
    assert results[-1].offer.pk == everything[-1].offer.pk


def _queries(client, url, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def test_queries_per_request_do_not_grow_with_the_map(tenancy, world, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.AANMELDER])
    page = reverse("socialmap:search", args=[team.slug])
    api = "/api/v1/socialmap/offers"
    query = {"leeftijd": "14", "max_weken": "26"}
    api_query = {"teamId": team.pk, "age": 14, "maxWeeks": 26}
    _queries(client, page, query), _queries(client, api, api_query)  # the session settles
    before = _queries(client, page, query), _queries(client, api, api_query)
    for n in range(30):
        offer = make_offer(world.branding, f"Extra aanbod {n}", needs=["buddy"], ages=(10, 18))
        wait(offer, n % 20, world.today - dt.timedelta(days=n))
    assert (_queries(client, page, query), _queries(client, api, api_query)) == before

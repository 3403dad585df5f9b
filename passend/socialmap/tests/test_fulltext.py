"""Dutch full-text search over an offer's name, description and organisation name, on both
databases (FTS5 on SQLite, a 'dutch' tsvector on PostgreSQL), kept in sync by the database."""

import pytest

from passend.accounts.roles import Role
from passend.socialmap import selectors
from passend.socialmap.fulltext import light_stem, words
from passend.socialmap.models import Aanbod
from passend.socialmap.search import Criteria

from .test_search_world import build_world, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenancy):
    w = build_world(tenancy)
    w.offers["K"] = make_offer(
        w.branding,
        "Logeerhuis De Duinen",
        needs=["buddy"],
        gemeenten=[w.meeuwenkaap],
        description="Wij bieden begeleiding aan huis en een weekend weg voor gezinnen.",
    )
    return w


def found(tenancy, world, text: str) -> set[str]:
    user, team = tenancy.a.users[Role.TEAMLID], tenancy.a.team
    by_pk = {offer.pk: key for key, offer in world.offers.items()}
    results = selectors.search(user, team, Criteria(text=text), world.today)
    return {by_pk.get(r.offer.pk, r.offer.name) for r in results}


def test_a_dutch_word_form_finds_its_inflections(tenancy, world):
    assert found(tenancy, world, "begeleiden") == {"K"}, "begeleiding"
    assert "K" in found(tenancy, world, "gezinnen"), "gezinnen"
    assert found(tenancy, world, "praatgroepen") == {"C"}, "Praatgroep somberheid"


def test_compounds_are_not_split_but_a_prefix_finds_them(tenancy, world):
    """What the stemmers really do: "logeren" (stem "loger") does not find "Logeerhuis",
    the beginning of the word does; "begeleiding" is not found inside "Gezinsbegeleiding"."""
    assert found(tenancy, world, "logeren") == set()
    assert found(tenancy, world, "logeer") == {"K"}
    assert "B" not in found(tenancy, world, "begeleiding")
    assert "B" in found(tenancy, world, "gezinsbegeleiding")


def test_every_word_must_match_in_name_description_or_organisation(tenancy, world):
    assert found(tenancy, world, "logeerhuis weekend") == {"K"}
    assert found(tenancy, world, "logeerhuis somberheid") == set()
    assert found(tenancy, world, "branding buddy") == {"E"}, "organisation name + offer name"
    assert found(tenancy, world, "BUDDY, kustland!") == {"E"}, "case and punctuation ignored"


def test_the_index_follows_edits_renames_and_deletes(tenancy, world):
    offer = world.offers["K"]
    offer.description = "Een vakantieweek aan zee."
    offer.save()
    assert found(tenancy, world, "vakantieweek") == {"K"}
    assert found(tenancy, world, "begeleiden") == set()
    world.branding.name = "Stichting Zeewind"
    world.branding.save()
    assert "K" in found(tenancy, world, "zeewind")
    assert found(tenancy, world, "branding") == set()
    Aanbod.objects.filter(pk=offer.pk).update(name="Vakantiehuis")  # a queryset update too
    assert found(tenancy, world, "vakantiehuis") == {"K"}
    offer.delete()
    assert found(tenancy, world, "vakantiehuis") == set()


def test_an_offer_of_another_region_or_inactive_is_never_found(tenancy, world):
    assert found(tenancy, world, "heuvel") == set()
    assert found(tenancy, world, "gestopt") == set()


def test_query_words_and_the_light_stem():
    assert words("Logeren, 'gezinnen' & ouders") == ["logeren", "gezinnen", "ouders"]
    assert [light_stem(w) for w in ("begeleiden", "gezinnen", "ouders", "zwemmen", "de")] == [
        "begeleid",
        "gezin",
        "ouder",
        "zwem",
        "de",
    ]

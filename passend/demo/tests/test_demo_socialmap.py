"""The demo social map looks like a real regional map: specialist care and the voorliggend
veld, plain descriptions, waiting times with history, some outdated and some unknown."""

import pytest
from django.utils import timezone

from passend.demo.region import load_demo_region
from passend.demo.socialmap import load_demo_socialmap
from passend.regions.models import Team
from passend.socialmap.models import Aanbiederprofiel, Aanbod, Wachttijd
from passend.socialmap.waiting import current_waiting_times

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo_region()
    return load_demo_socialmap()


def test_about_sixty_offers_of_specialist_care_and_the_voorliggend_veld(demo):
    offers = Aanbod.objects.filter(organisation__regions__slug="zuidoost-duinland").distinct()
    assert demo["created"] and demo["offers"] == offers.count()
    assert 55 <= offers.count() <= 65
    assert offers.filter(voorliggend_veld=True, referral_needed=False).count() >= 10
    names = " ".join(offers.values_list("name", flat=True)).lower()
    for word in (
        "sport",
        "maatje",
        "logeergezin",
        "inloop",
        "opvoedcursus",
        "pleegzorg",
        "gezinshuis",
        "crisis",
        "dagbehandeling",
        "trauma",
        "autisme",
        "verslaving",
        "schoolmaatschappelijk werk",
        "lvb",
    ):
        assert word in names, word
    assert offers.filter(with_stay=True).count() >= 5
    for offer in offers.prefetch_related("gemeenten", "hulpvragen"):
        assert len(offer.description) > 30, offer.name
        assert offer.gemeenten.exists() and offer.hulpvragen.exists(), offer.name
    assert Aanbiederprofiel.objects.exclude(description="").count() >= 15


def test_waiting_times_have_history_some_outdated_by_the_team_setting_and_some_unknown(demo):
    today = timezone.localdate()
    offers = list(Aanbod.objects.values_list("pk", flat=True))
    team = Team.objects.get(slug="duinland-noord")
    current = current_waiting_times(offers, today, stale_weeks=team.waiting_time_stale_weeks)
    outdated = [o for o, entries in current.items() if any(c.outdated for c in entries)]
    assert 0.08 * len(offers) <= len(outdated) <= 0.25 * len(offers)
    assert 1 <= len(offers) - len(current) <= 6, "a few offers without any waiting time"
    assert Wachttijd.objects.filter(locatie__isnull=False).exists(), "some per location"
    for offer_id in current:
        assert 2 <= Wachttijd.objects.filter(aanbod_id=offer_id).count() <= 12
    by_provider = Wachttijd.objects.filter(confirmed_by__username="aanbieder.noord")
    assert by_provider.exists()
    assert not by_provider.exclude(aanbod__organisation__name="Zandloper Jeugd-GGZ Duinland")
    vv = [
        c.entry.weeks_to_treatment
        for o, es in current.items()
        for c in es
        if c.entry.aanbod.voorliggend_veld
    ]
    assert sum(w <= 3 for w in vv) >= 0.8 * len(vv)


def test_rerun_changes_nothing_and_is_deterministic(demo):
    counts = (Aanbod.objects.count(), Wachttijd.objects.count())
    assert load_demo_socialmap() == {"created": False, "offers": counts[0]}
    assert (Aanbod.objects.count(), Wachttijd.objects.count()) == counts
    first = list(
        Wachttijd.objects.order_by("id").values_list(
            "aanbod__name", "weeks_to_treatment", "confirmed_on"
        )
    )
    Aanbod.objects.all().delete()
    load_demo_socialmap()
    again = list(
        Wachttijd.objects.order_by("id").values_list(
            "aanbod__name", "weeks_to_treatment", "confirmed_on"
        )
    )
    assert again == first

"""The current waiting time per offer and location is one row, marked `is_current` by the
database however the row is written; it is always the row the window query chooses."""

import datetime as dt

import pytest

from passend.socialmap.models import Wachttijd
from passend.socialmap.waiting import current_entries, current_rows

from .test_search_world import build_world, wait

pytestmark = pytest.mark.django_db


def marked() -> set[int]:
    return set(Wachttijd.objects.filter(is_current=True).values_list("pk", flat=True))


def by_window() -> set[int]:
    offers = Wachttijd.objects.values("aanbod_id")
    return set(current_rows(offers).values_list("pk", flat=True))


def test_the_marked_rows_are_the_newest_per_offer_and_location(tenancy):
    world = build_world(tenancy)
    assert marked() == by_window()
    offer = world.offers["B"]  # Noord fresh, Zuid outdated
    assert {(k[1] is not None) for k in current_entries([offer.pk])} == {True}
    assert len(current_entries([offer.pk])) == 2


def test_a_new_confirmation_replaces_the_current_one_and_a_delete_restores(tenancy):
    world = build_world(tenancy)
    offer = world.offers["A"]
    old = Wachttijd.objects.get(aanbod=offer)
    new = wait(offer, 9, world.today)
    assert set(Wachttijd.objects.filter(aanbod=offer, is_current=True)) == {new}
    same_day = wait(offer, 11, world.today)  # same date: the later row is current
    assert set(Wachttijd.objects.filter(aanbod=offer, is_current=True)) == {same_day}
    same_day.delete()
    new.delete()
    assert set(Wachttijd.objects.filter(aanbod=offer, is_current=True)) == {old}
    old.confirmed_on = world.today - dt.timedelta(days=400)
    old.save()
    assert Wachttijd.objects.get(pk=old.pk).is_current
    Wachttijd.objects.bulk_create(
        [
            Wachttijd(
                aanbod=offer,
                weeks_to_registration=0,
                weeks_to_intake=0,
                weeks_to_treatment=n,
                confirmed_on=world.today - dt.timedelta(days=n),
            )
            for n in range(3)
        ]
    )
    current = Wachttijd.objects.get(aanbod=offer, is_current=True)
    assert current.weeks_to_treatment == 0 and current.confirmed_on == world.today
    Wachttijd.objects.filter(pk=current.pk).update(confirmed_on=world.today - dt.timedelta(5))
    assert Wachttijd.objects.get(aanbod=offer, is_current=True).weeks_to_treatment == 1
    assert marked() == by_window()

"""Test helpers of the sociale kaart: the tenancy's providers and an offer with a location
and a waiting time."""

import datetime as dt

from django.utils import timezone

from passend.regions.models import Organisation
from passend.socialmap.models import Aanbod, Locatie, Wachttijd


def provider(tenancy, which: str = "a") -> Organisation:
    return Organisation.objects.get(name=f"Zorgaanbieder {'Alfa' if which == 'a' else 'Beta'}")


def make_offer(org, team, name="Ambulante gezinsbegeleiding", *, weeks=(2, 4, 8), days_ago=7):
    """An offer of `org` served in the team's gemeenten, with one location and (unless weeks
    is None) a waiting time for all locations confirmed `days_ago` days ago."""
    gemeente = team.gemeenten.first()
    location = Locatie.objects.create(
        organisation=org, name=f"{name} – hoofdlocatie", gemeente=gemeente
    )
    offer = Aanbod.objects.create(
        organisation=org,
        name=name,
        description="Een begeleider komt bij u thuis en helpt het gezin weer op gang.",
        hulpvorm="02",
        age_min=4,
        age_max=18,
    )
    offer.gemeenten.set([gemeente])
    offer.locaties.set([location])
    if weeks is not None:
        Wachttijd.objects.create(
            aanbod=offer,
            weeks_to_registration=weeks[0],
            weeks_to_intake=weeks[1],
            weeks_to_treatment=weeks[2],
            confirmed_on=timezone.localdate() - dt.timedelta(days=days_ago),
            confirmed_by_name="Import",
        )
    return offer

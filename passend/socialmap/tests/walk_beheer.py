"""Walk and tenancy hooks of the sociale kaart (beheer part); see tests/walk.py.

The beheer and provider pages show who confirmed a waiting time by organisation or role, never
by name: they hold no personal data, so the walk has no URLs to expect from this part. The
tenancy matrix gets the team-B pages and team B's provider offer.
"""

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


def walk_values(tenancy, casus):
    return {}, set()


def other_team_urls(tenancy, casus_b):
    b = tenancy.b.team
    org = provider(tenancy, "b")
    offer = make_offer(org, b, "Beta gezinsbegeleiding")
    beheer = f"/teams/{b.slug}/sociale-kaart/beheer"
    org_url = f"{beheer}/organisaties/{org.pk}"
    api = f"/api/v1/socialmap/offers/{offer.pk}/waiting-times?teamId={b.pk}"
    return [
        ("get", f"{beheer}/"),
        ("get", f"{beheer}/verouderd/"),
        ("post", f"{beheer}/verouderd/herinnering/{org.pk}/"),
        ("get", f"{org_url}/"),
        ("post", f"{org_url}/"),
        ("get", f"{org_url}/aanbod/nieuw/"),
        ("post", f"{org_url}/aanbod/{offer.pk}/"),
        ("post", f"{org_url}/locaties/nieuw/"),
        ("get", f"{beheer}/aanbod/{offer.pk}/wachttijden/"),
        ("post", f"{beheer}/aanbod/{offer.pk}/wachttijden/"),
        ("get", f"/teams/{b.slug}/wachttijden/"),
        ("get", f"/teams/{b.slug}/wachttijden/{offer.pk}/"),
        ("post", f"/teams/{b.slug}/wachttijden/{offer.pk}/"),
        ("get", api),
        ("post-json", api),
    ]

"""Walk and tenancy hooks of the sociale kaart (search part); see tests/walk.py.

The search pages and API show no personal data (personal_data = False), so there are no
personal-data routes to walk; the tenancy matrix checks that team B's map is refused."""

from passend.regions.models import Organisation, OrganisationType
from passend.socialmap.models import Aanbod


def _team_b_offer(tenancy):
    provider = Organisation.objects.filter(
        name="Zorgaanbieder Beta", type=OrganisationType.ZORGAANBIEDER
    ).first()
    offer = Aanbod.objects.filter(organisation=provider).first()
    if offer is None:
        offer = Aanbod.objects.create(
            organisation=provider, name="Ambulante gezinshulp Beta", description="Hulp thuis."
        )
        offer.gemeenten.set(tenancy.b.team.gemeenten.all())
    return provider, offer


def walk_values(tenancy, casus):
    provider = Organisation.objects.get(name="Zorgaanbieder Alfa")
    offer = Aanbod.objects.filter(organisation=provider).first() or Aanbod.objects.create(
        organisation=provider, name="Ambulante gezinshulp Alfa", description="Hulp thuis."
    )
    offer.gemeenten.set(tenancy.a.team.gemeenten.all())
    values = {
        "<int:organisation>": str(provider.pk),
        "<int:offer>": str(offer.pk),
        "<int:organisationId>": str(provider.pk),
        "<int:offerId>": str(offer.pk),
    }
    return values, set()


def other_team_urls(tenancy, casus_b):
    b = tenancy.b.team
    provider, offer = _team_b_offer(tenancy)
    base = f"/teams/{b.slug}/sociale-kaart/"
    return [
        ("get", base),
        ("get", f"{base}?hulpvragen=angst-somberheid&leeftijd=14"),
        ("get", f"{base}organisaties/"),
        ("get", f"{base}organisaties/{provider.pk}/"),
        ("get", f"{base}aanbod/{offer.pk}/"),
        ("get", f"/api/v1/socialmap/organisations?teamId={b.pk}"),
        ("get", f"/api/v1/socialmap/offers?teamId={b.pk}"),
        ("get", f"/api/v1/socialmap/organisations/{provider.pk}?teamId={b.pk}"),
        ("get", f"/api/v1/socialmap/offers/{offer.pk}?teamId={b.pk}"),
    ]

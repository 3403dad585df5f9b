"""A small, realistic sociale kaart for the search tests (no tests in this module).

Team A's region gets two gemeenten and a dozen offers with distinct properties; a second region
with its own team gets an offer that would match everything but must never be visible.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from passend.accounts.roles import Role
from passend.core.tests.factories import (
    GemeenteFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    TeamFactory,
    UserFactory,
)
from passend.regions.models import Organisation, OrganisationType
from passend.socialmap.models import Aanbiederprofiel, Aanbod, Hulpvraag, Locatie, Wachttijd
from passend.socialmap.models import Aandachtspunt as AP

STALE = 6  # default team setting (weeks)


@dataclass
class World:
    today: dt.date
    meeuwenkaap: object
    duinwijk: object
    alfa: Organisation
    branding: Organisation
    offers: dict = field(default_factory=dict)  # short key -> Aanbod
    other_team: object = None
    other_offer: Aanbod = None
    other_org: Organisation = None

    def fresh(self, days_ago: int = 10) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def outdated(self) -> dt.date:
        return self.today - dt.timedelta(weeks=STALE, days=20)


def make_offer(org, name, *, needs=(), attention=(), ages=(0, 23), gemeenten=(), **kwargs):
    voorliggend = kwargs.pop("voorliggend_veld", False)
    offer = Aanbod.objects.create(
        organisation=org,
        name=name,
        description=kwargs.pop("description", f"{name}: hulp in gewone taal uitgelegd."),
        age_min=ages[0],
        age_max=ages[1],
        voorliggend_veld=voorliggend,
        referral_needed=not voorliggend,
        beschikking_needed=not voorliggend,
        **kwargs,
    )
    offer.hulpvragen.set(Hulpvraag.objects.filter(code__in=needs))
    offer.aandachtspunten.set(AP.objects.filter(code__in=attention))
    offer.gemeenten.set(gemeenten)
    return offer


def wait(offer, weeks: int, confirmed_on: dt.date, *, locatie=None, by=None):
    return Wachttijd.objects.create(
        aanbod=offer,
        locatie=locatie,
        weeks_to_registration=weeks // 4,
        weeks_to_intake=weeks // 2,
        weeks_to_treatment=weeks,
        confirmed_on=confirmed_on,
        confirmed_by=by,
    )


def build_world(tenancy, today: dt.date | None = None) -> World:
    today = today or timezone.localdate()
    team = tenancy.a.team
    region = team.region
    meeuwenkaap = GemeenteFactory(region=region, name="Meeuwenkaap")
    duinwijk = GemeenteFactory(region=region, name="Duinwijk")
    team.gemeenten.add(meeuwenkaap, duinwijk)
    alfa = Organisation.objects.get(name="Zorgaanbieder Alfa")
    profiel = Aanbiederprofiel.objects.create(
        organisation=alfa,
        description="Wij helpen gezinnen thuis en op onze locaties.",
        contact_name="Fenna Voorbeeld",
        contact_phone="0123 456789",
        contact_email="verwijzers@alfa.example.org",
    )
    profiel.contracted_by.set([meeuwenkaap, duinwijk])
    branding = OrganisationFactory(
        name="Jeugdhulp Branding", type=OrganisationType.ZORGAANBIEDER, regions=[region]
    )
    w = World(today=today, meeuwenkaap=meeuwenkaap, duinwijk=duinwijk, alfa=alfa, branding=branding)
    provider = tenancy.a.users[Role.AANBIEDER]  # confirms Alfa's waiting times
    coordinator = tenancy.a.users[Role.COORDINATOR_SK]
    mk, dw = [meeuwenkaap], [duinwijk]
    o = w.offers

    o["A"] = make_offer(
        alfa,
        "Kanjertraining angst",
        needs=["angst-somberheid"],
        attention=["thuissituatie"],
        ages=(12, 18),
        gemeenten=mk,
        hulpvorm="02",
    )
    wait(o["A"], 4, w.fresh(10), by=provider)
    o["B"] = make_offer(
        alfa,
        "Gezinsbegeleiding thuis",
        needs=["angst-somberheid", "boosheid-gedrag"],
        attention=["thuissituatie", "schoolverzuim"],
        ages=(0, 18),
        gemeenten=[*mk, *dw],
    )
    noord = Locatie.objects.create(organisation=alfa, name="Noord", gemeente=meeuwenkaap)
    zuid = Locatie.objects.create(organisation=alfa, name="Zuid", gemeente=meeuwenkaap)
    o["B"].locaties.set([noord, zuid])
    wait(o["B"], 7, w.fresh(5), locatie=noord, by=provider)
    wait(o["B"], 2, w.outdated(), locatie=zuid, by=provider)  # short, but outdated
    o["C"] = make_offer(
        branding,
        "Praatgroep somberheid",
        needs=["angst-somberheid"],
        ages=(12, 23),
        gemeenten=mk,
        attention=["sociale-contacten"],
    )
    wait(o["C"], 1, w.fresh(3), by=coordinator)
    o["D"] = make_offer(
        branding,
        "Specialistische jeugd-ggz",
        needs=["angst-somberheid"],
        ages=(6, 18),
        gemeenten=mk,
        productcategorie="54",
    )
    wait(o["D"], 8, w.fresh(200))  # old and long, then ...
    wait(o["D"], 2, w.outdated())  # ... the newest is short but outdated
    o["E"] = make_offer(
        branding, "Buddy Kustland", needs=["buddy"], gemeenten=mk, voorliggend_veld=True
    )
    wait(o["E"], 0, w.fresh(1))
    o["F"] = make_offer(
        branding, "Angst bij jonge kinderen", needs=["angst-somberheid"], ages=(4, 11), gemeenten=mk
    )
    wait(o["F"], 1, w.fresh(1))
    o["G"] = make_offer(
        branding, "Angsttraining Duinwijk", needs=["angst-somberheid"], ages=(12, 18), gemeenten=dw
    )
    wait(o["G"], 1, w.fresh(1))
    o["H"] = make_offer(
        branding,
        "Behandelgroep met verblijf",
        needs=["angst-somberheid"],
        ages=(12, 18),
        gemeenten=mk,
        with_stay=True,
        hulpvorm="14",
    )
    wait(o["H"], 12, w.fresh(1))
    o["I"] = make_offer(
        branding,
        "Mindfulness bij somberheid",
        needs=["angst-somberheid"],
        ages=(10, 18),
        gemeenten=mk,
    )
    wait(o["I"], 5, w.fresh(2))
    o["J"] = make_offer(
        branding, "Zelfvertrouwen groep", needs=["angst-somberheid"], ages=(10, 18), gemeenten=mk
    )
    wait(o["J"], 3, w.fresh(2))
    o["L"] = make_offer(
        branding, "Angstcoach", needs=["angst-somberheid"], ages=(10, 18), gemeenten=mk
    )
    wait(o["L"], 5, w.fresh(2))
    o["U"] = make_offer(
        branding, "Online cursus piekeren", needs=["angst-somberheid"], ages=(12, 18), gemeenten=mk
    )  # no waiting time: unknown
    o["X"] = make_offer(
        branding,
        "Gestopt aanbod angst",
        needs=["angst-somberheid"],
        ages=(12, 18),
        gemeenten=mk,
        active=False,
    )
    wait(o["X"], 1, w.fresh(1))

    # Another region with its own team: never visible to team A's members.
    other_region = RegionFactory(name="Testregio Heuvelland", slug="heuvelland")
    w.other_team = TeamFactory(region=other_region, name="Expertteam Heuvel", slug="team-heuvel")
    MembershipFactory(user=UserFactory(username="teamlid.heuvel"), team=w.other_team)
    w.other_org = OrganisationFactory(
        name="Heuvelzorg", type=OrganisationType.ZORGAANBIEDER, regions=[other_region]
    )
    heuvel = GemeenteFactory(region=other_region, name="Heuveldorp")
    w.other_offer = make_offer(
        w.other_org,
        "Heuvel angsthulp",
        needs=["angst-somberheid"],
        ages=(0, 23),
        gemeenten=[heuvel, meeuwenkaap],
        attention=["thuissituatie"],
    )
    wait(w.other_offer, 0, w.fresh(1))
    return w


# The acceptance search: angst/somberheid, aandacht voor de thuissituatie, 14 jaar, Meeuwenkaap,
# at most 8 weeks to the start of help. Expected ranking (score, then fresh weeks, then name).
EXPECTED_ORDER = ["A", "B", "C", "J", "L", "I"]

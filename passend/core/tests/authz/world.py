"""The world of the authorization matrix: three places and the people who try them.

- ``own``: team A of region Kustland, where every actor holds exactly one role;
- ``other_team``: team B in the same region (the tenancy border inside a region);
- ``other_region``: team C of another region;
- in team A, a draft registration by another referrer (``draft``), never sent;
- ``outsider``: a logged-in, second-factor-verified user without any membership.

Each place gets one of every record a route can name (a case in behandeling with valid consent,
its attachment, timeline episode, meeting with the case on the agenda, sent advice, plan of
approach, social-map organisation, offer and location...), so that every URL of the project can
be filled for every place. Synthetic data only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from passend.accounts.models import Uitnodiging
from passend.accounts.roles import Role
from passend.advice.models import Advies, Opvolging, Party, Toelichtingsverzoek
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.cases import attachments
from passend.cases.codes import CaseState
from passend.cases.tests.factories import CasusFactory, OuderFactory, with_consent
from passend.cases.tests.files import pdf
from passend.core.tests.factories import (
    GemeenteFactory,
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    TeamFactory,
    UserFactory,
    confirmed_device,
)
from passend.meetings.codes import GuestKind
from passend.meetings.models import Aanwezigheid, Casusbespreking, Gast, Overleg
from passend.monitoring.models import Indicator
from passend.procesregie.tests.factories import (
    ActieFactory,
    DoelFactory,
    EscalatieFactory,
    RegiegesprekFactory,
    ToekomstplanFactory,
)
from passend.regions.models import OrganisationType
from passend.socialmap.models import Aanbod, Hulpvraag, Locatie


@dataclass
class Place:
    name: str
    team: object
    users: dict = field(default_factory=dict)  # role -> user
    objects: dict = field(default_factory=dict)  # kind -> model instance or value


def _consented_case(team, aanmelder, today):
    casus = CasusFactory(
        team=team,
        aanmelder=aanmelder,
        state=CaseState.IN_BEHANDELING,
        gemeente=team.gemeenten.first(),
        birth_date=today.replace(year=today.year - 13) - dt.timedelta(days=40),
    )
    OuderFactory(casus=casus, first_name="Ouder", last_name=f"Fictief {team.slug}", has_gezag=True)
    return with_consent(casus)


def _place(name: str, region, wijkteam) -> Place:
    team = TeamFactory(
        region=region,
        name=f"Expertteam {name}",
        slug=f"team-{name}",
        gemeenten=[GemeenteFactory(region=region, name=f"Gemeente {name.capitalize()}")],
    )
    place = Place(name=name, team=team)
    provider = OrganisationFactory(
        name=f"Zorgaanbieder {name.capitalize()}",
        type=OrganisationType.ZORGAANBIEDER,
        regions=[region],
    )
    for role in Role:
        user = UserFactory(username=f"{role.value}.{name}", last_name=name.capitalize())
        organisation = {Role.AANMELDER: wijkteam, Role.AANBIEDER: provider}.get(role)
        MembershipFactory(user=user, team=team, role=role, organisation=organisation)
        confirmed_device(user)
        place.users[role] = user
    place.objects["provider"] = provider
    place.objects["wijkteam"] = wijkteam
    return place


def _fill(place: Place, today) -> None:
    """One of every record a URL can name, in this place."""
    users, o = place.users, place.objects
    chair = users[Role.VOORZITTER]
    casus = _consented_case(place.team, users[Role.AANMELDER], today)
    o["casus"] = casus
    o["attachment"] = attachments.add(
        casus, file=SimpleUploadedFile("verslag.pdf", pdf()), actor=users[Role.SCREENER]
    )
    o["consent"] = casus.consents.first()
    o["episode"] = TijdlijnEpisode.objects.create(
        casus=casus,
        provider_name="Jeugd-GGZ kliniek",
        hulpvorm="02",
        start=dt.date(2021, 3, 1),
        end=dt.date(2021, 9, 30),
        outcome="Gestopt: geen klik met de behandelaar.",
    )
    AnalyseStap.objects.create(casus=casus, step=1, text="Gesprek met gezin.", author=chair)
    meeting = Overleg.objects.create(
        team=place.team,
        starts_at=timezone.now() - dt.timedelta(days=1),
        location="online",
        chair=chair,
    )
    o["meeting"] = meeting
    o["discussion"] = Casusbespreking.objects.create(
        overleg=meeting, casus=casus, order=1, question="Welke plek past?"
    )
    Aanwezigheid.objects.create(overleg=meeting, user=chair, status="aanwezig")
    o["guest"] = Gast.objects.create(
        overleg=meeting, name="Gast Fictief", organisation="GGZ", kind=GuestKind.EXPERT
    )
    now = timezone.now()
    advice = Advies.objects.create(
        casus=casus,
        status=place.team.advice_status_default,
        most_fitting_care="Ambulante gezinsbehandeling met een vaste hulpverlener.",
        drafted_by=chair,
        approved_by=chair,
        approved_at=now,
        sent_by=chair,
        sent_at=now,
    )
    Opvolging.objects.create(advies=advice, due_on=today)
    o["advice"] = advice
    o["clarification"] = Toelichtingsverzoek.objects.create(
        advies=advice, party=Party.OUDER, question="Wat betekent plan B voor school?"
    )
    goal = DoelFactory(casus=casus)
    o.update(
        goal=goal,
        action=ActieFactory(casus=casus, goal=goal, owner=users[Role.PROCESREGISSEUR]),
        escalation=EscalatieFactory(casus=casus),
        gesprek=RegiegesprekFactory(casus=casus),
        plan=ToekomstplanFactory(casus=casus),
    )
    provider = o["provider"]
    o["location"] = Locatie.objects.create(
        organisation=provider, name=f"Locatie {place.name}", gemeente=place.team.gemeenten.first()
    )
    offer = Aanbod.objects.create(
        organisation=provider, name=f"Ambulante gezinshulp {place.name}", description="Hulp thuis."
    )
    offer.gemeenten.set(place.team.gemeenten.all())
    o["offer"] = offer
    o["member"] = users[Role.TEAMLID]
    o["region"] = place.team.region
    # Beheer of users: the teamlid's membership and (long accepted) invitation.
    o["membership"] = users[Role.TEAMLID].memberships.get(team=place.team)
    o["invitation"] = Uitnodiging.objects.create(
        user=users[Role.TEAMLID], team=place.team, accepted_at=now
    )
    # Monitoring: an own indicator of the place's region (one code per place: regions share).
    o["indicator"] = Indicator.objects.create(
        region=place.team.region,
        code=f"eigen_{place.name}",
        name_nl=f"Eigen indicator {place.name}",
        wat_nl="Hoeveel aanmeldingen?",
        waarom_nl="Om te testen.",
        hoe_nl="Tellen.",
    )
    # Code lists are regional: a new region gets the standard lists (regions/apps.py).
    o["codelist"] = "hulpvragen"
    o["codeitem"] = Hulpvraag.objects.filter(region=place.team.region).order_by("pk").first()


@dataclass
class World:
    own: Place
    other_team: Place
    other_region: Place
    outsider: object
    draft: object  # a draft case in team A by another referrer
    draft_author: object


def build_world() -> World:
    today = timezone.localdate()
    kustland = RegionFactory(name="Testregio Kustland", slug="kustland")
    heuvelland = RegionFactory(name="Testregio Heuvelland", slug="heuvelland")
    wijkteam = OrganisationFactory(
        name="Wijkteam Test", type=OrganisationType.WIJKTEAM, regions=[kustland, heuvelland]
    )
    own = _place("alfa", kustland, wijkteam)
    other_team = _place("beta", kustland, wijkteam)
    other_region = _place("gamma", heuvelland, wijkteam)
    for place in (own, other_team, other_region):
        _fill(place, today)
    author = UserFactory(username="aanmelder2.alfa", last_name="Alfa")
    MembershipFactory(user=author, team=own.team, role=Role.AANMELDER, organisation=wijkteam)
    draft = CasusFactory(team=own.team, aanmelder=author, is_draft=True)
    outsider = UserFactory(username="buitenstaander", last_name="Zonder-team")
    confirmed_device(outsider)
    return World(own, other_team, other_region, outsider, draft, author)

"""Fully synthetic demo jeugdregio's "Zuidoost-Duinland" and "Noordwest-Veenland".

Everything here is invented: the regions, their municipalities (CBS codes in the unused range
GM9901–GM9906 and GM9907–GM9910), the organisations and the people. Zuidoost-Duinland is the
main demo region (two teams, 300 cases); Noordwest-Veenland is small (one team) and shows that a
beleidsadviseur sees only the own region's figures. Addresses live on example.org and phone
numbers use the pattern 0xx-00000nn, which no Dutch subscriber number can have.

``load_demo_region()`` is idempotent: it looks everything up on its natural key and only fills
in what is missing, so data a beheerder changed afterwards is kept. Only the demo users'
``is_demo`` flag, password and memberships are (re)set on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils.text import slugify

from passend.accounts.models import Membership, User
from passend.accounts.roles import Role
from passend.regions.codelists.defaults import seed_region
from passend.regions.models import Gemeente, Organisation, OrganisationType, Region, Team

from .codes import load_wijken

DEMO_PASSWORD = "Passend-demo-2026"
DEMO_EMAIL_DOMAIN = "demo.passend.example.org"

REGION = {"slug": "zuidoost-duinland", "name": "Zuidoost-Duinland"}

# (cbs_code, name) — fictional names, not Dutch municipalities.
GEMEENTEN = [
    ("GM9901", "Duinwijk"),
    ("GM9902", "Helmerzand"),
    ("GM9903", "Meeuwenkaap"),
    ("GM9904", "Heidebroek"),
    ("GM9905", "Veenmonde"),
    ("GM9906", "Kwelderhout"),
]


@dataclass(frozen=True)
class TeamSpec:
    slug: str
    short: str
    name: str
    cbs_codes: tuple[str, ...]
    settings: dict


TEAMS = [
    TeamSpec(
        slug="duinland-noord",
        short="noord",
        name="Expertteam Duinland-Noord",
        cbs_codes=("GM9901", "GM9902", "GM9903"),
        settings={"self_registration_enabled": True, "meeting_cadence_days": 14},
    ),
    TeamSpec(
        slug="duinland-zuid",
        short="zuid",
        name="Expertteam Duinland-Zuid",
        cbs_codes=("GM9904", "GM9905", "GM9906"),
        settings={"participation_required": True, "meeting_cadence_days": 7},
    ),
]

T = OrganisationType

# (name, type, cbs_code of vestigingsgemeente or None)
ORGANISATIONS: list[tuple[str, str, str | None]] = [
    *[(f"Gemeente {name}", T.GEMEENTE, code) for code, name in GEMEENTEN],
    ("Wijkteam Duinwijk", T.WIJKTEAM, "GM9901"),
    ("Sociaal Team Helmerzand", T.WIJKTEAM, "GM9902"),
    ("Jeugdteam Meeuwenkaap", T.WIJKTEAM, "GM9903"),
    ("Wijkteam Heidebroek", T.WIJKTEAM, "GM9904"),
    ("Buurtteam Veenmonde", T.WIJKTEAM, "GM9905"),
    ("Jeugd- en Gezinsteam Kwelderhout", T.WIJKTEAM, "GM9906"),
    ("Stichting Jeugdbescherming Zuidoost-Duinland", T.GI, "GM9904"),
    ("Zandloper Jeugd-GGZ Duinland", T.ZORGAANBIEDER, "GM9901"),
    ("Stichting Heidebroek LVB-zorg", T.ZORGAANBIEDER, "GM9904"),
    ("Veenmonde Verslavingszorg Jong", T.ZORGAANBIEDER, "GM9905"),
    ("Residentiële Jeugdzorg De Kwelderhoeve", T.ZORGAANBIEDER, "GM9906"),
    ("Gezinshuis Helmerzand-Oost", T.ZORGAANBIEDER, "GM9902"),
    ("Huisartsenpraktijk Meeuwenkaap-Centrum", T.HUISARTS, "GM9903"),
    ("JGZ Zuidoost-Duinland", T.JGZ, "GM9901"),
    ("Duinlandziekenhuis Heidebroek", T.ZIEKENHUIS, "GM9904"),
    ("Kwelderhout College", T.SCHOOL, "GM9906"),
    ("Basisschool De Helmgras", T.SCHOOL, "GM9902"),
    ("Samenwerkingsverband Passend Onderwijs Zuidoost-Duinland", T.SWV, "GM9905"),
    ("Bureau Leerplicht Zuidoost-Duinland", T.LEERPLICHT, "GM9901"),
    ("Expertisecentrum Duinland voor Autisme en Hechting", T.EXPERTISECENTRUM, "GM9903"),
    ("Steunpunt Ouders en Jeugd Duinland", T.OVERIG, None),
]

# Per team: the organisation an aanmelder works for, and where the teamleden come from.
TEAM_AANMELDER_ORG = {"noord": "Wijkteam Duinwijk", "zuid": "Wijkteam Heidebroek"}
TEAM_TEAMLID = {
    "noord": ("GGZ", "Zandloper Jeugd-GGZ Duinland"),
    "zuid": ("LVB", "Stichting Heidebroek LVB-zorg"),
}
TEAM_EXTRA_TEAMLID = {
    "noord": ("LVB", "Stichting Heidebroek LVB-zorg"),
    "zuid": ("GGZ", "Zandloper Jeugd-GGZ Duinland"),
}

# Synthetic people: ordinary Dutch first names with invented, nature-themed surnames.
# One name per Role (in Role order) plus one for the extra multi-role teamlid.
PEOPLE = {
    "noord": [
        ("Anouk", "Duinroos"),
        ("Jelle", "Zeekraal"),
        ("Mirthe", "Helmgras"),
        ("Sander", "Strandhaver"),
        ("Femke", "Kwelderbies"),
        ("Ruben", "Zandzegge"),
        ("Lotte", "Meeuwenveer"),
        ("Daan", "Duindoorn"),
        ("Ilse", "Schelpenrand"),
        ("Thijs", "Vloedlijn"),
        ("Wessel", "Kustlicht"),
        ("Noor", "Wadslik"),
    ],
    "zuid": [
        ("Bas", "Heideklok"),
        ("Sanne", "Veenpluis"),
        ("Joris", "Eikenvaren"),
        ("Eva", "Brembos"),
        ("Wouter", "Turfsteker"),
        ("Lieke", "Dopheide"),
        ("Koen", "Zonnedauw"),
        ("Maud", "Berkenloof"),
        ("Stijn", "Klokjesgentiaan"),
        ("Iris", "Beekprik"),
        ("Fleur", "Moerasspirea"),
        ("Gijs", "Wilgenroosje"),
    ],
}

EXTRA_ROLES = (Role.TEAMLID, Role.PROCESREGISSEUR)
# The provider employee per team keeps the waiting times of this organisation.
TEAM_PROVIDER_ORG = {
    "noord": "Zandloper Jeugd-GGZ Duinland",
    "zuid": "Stichting Heidebroek LVB-zorg",
}

# The second, small region: one team for four municipalities.
VEEN_REGION = {"slug": "noordwest-veenland", "name": "Noordwest-Veenland"}
VEEN_GEMEENTEN = [
    ("GM9907", "Turfhaven"),
    ("GM9908", "Lisdonk"),
    ("GM9909", "Elzenveld"),
    ("GM9910", "Moerbroek"),
]
VEEN_TEAMS = [
    TeamSpec(
        slug="veenland",
        short="veen",
        name="Expertteam Veenland",
        cbs_codes=("GM9907", "GM9908", "GM9909", "GM9910"),
        settings={"self_registration_enabled": True, "meeting_cadence_days": 14},
    ),
]
VEEN_ORGANISATIONS: list[tuple[str, str, str | None]] = [
    *[(f"Gemeente {name}", T.GEMEENTE, code) for code, name in VEEN_GEMEENTEN],
    ("Wijkteam Turfhaven", T.WIJKTEAM, "GM9907"),
    ("Sociaal Wijkteam Lisdonk", T.WIJKTEAM, "GM9908"),
    ("Jeugdteam Elzenveld", T.WIJKTEAM, "GM9909"),
    ("Gezinsteam Moerbroek", T.WIJKTEAM, "GM9910"),
    ("Jeugdbescherming Noordwest-Veenland", T.GI, "GM9907"),
    ("Veenhart Jeugd-GGZ", T.ZORGAANBIEDER, "GM9907"),
    ("Stichting Lisdonk Jeugd en Gezin", T.ZORGAANBIEDER, "GM9908"),
    ("Gezinshuis De Elzenhoek", T.ZORGAANBIEDER, "GM9909"),
    ("Huisartsenpraktijk Moerbroek", T.HUISARTS, "GM9910"),
    ("JGZ Noordwest-Veenland", T.JGZ, "GM9907"),
    ("Veenland College", T.SCHOOL, "GM9908"),
    ("Samenwerkingsverband Passend Onderwijs Noordwest-Veenland", T.SWV, "GM9907"),
]
TEAM_AANMELDER_ORG["veen"] = "Wijkteam Turfhaven"
TEAM_TEAMLID["veen"] = ("GGZ", "Veenhart Jeugd-GGZ")
TEAM_EXTRA_TEAMLID["veen"] = ("LVB", "Stichting Lisdonk Jeugd en Gezin")
TEAM_PROVIDER_ORG["veen"] = "Veenhart Jeugd-GGZ"
PEOPLE["veen"] = [
    ("Hanneke", "Lisdodde"),
    ("Pieter", "Veenmos"),
    ("Marloes", "Elzenkatje"),
    ("Tim", "Waterdrieblad"),
    ("Esmee", "Pluimzegge"),
    ("Jasper", "Kattenstaart"),
    ("Renske", "Gagelstruik"),
    ("Niels", "Moerasvaren"),
    ("Vera", "Kroosrand"),
    ("Bart", "Rietzoom"),
    ("Yara", "Veenbes"),
    ("Olaf", "Kraggeland"),
]


@dataclass(frozen=True)
class RegionSpec:
    slug: str
    name: str
    gemeenten: tuple[tuple[str, str], ...]
    teams: tuple[TeamSpec, ...]
    organisations: tuple[tuple[str, str, str | None], ...]
    privacy_officer: str


DUINLAND = RegionSpec(
    REGION["slug"],
    REGION["name"],
    tuple(GEMEENTEN),
    tuple(TEAMS),
    tuple(ORGANISATIONS),
    "Functionaris gegevensbescherming Duinland (demo)",
)
VEENLAND = RegionSpec(
    VEEN_REGION["slug"],
    VEEN_REGION["name"],
    tuple(VEEN_GEMEENTEN),
    tuple(VEEN_TEAMS),
    tuple(VEEN_ORGANISATIONS),
    "Functionaris gegevensbescherming Veenland (demo)",
)
DEMO_REGIONS = (DUINLAND, VEENLAND)
ALL_GEMEENTEN = [g for r in DEMO_REGIONS for g in r.gemeenten]


@dataclass(frozen=True)
class BeleidsSpec:
    """A demo beleidsadviseur beyond the one per team: per team the organisation it acts for,
    and whether the beheerder granted the figures of the team's whole working area."""

    username: str
    first_name: str
    last_name: str
    acts_for: tuple[tuple[str, str], ...]  # (team short, organisation name)
    whole_area: bool


# ``beleidsadviseur.<team>`` acts for the team's first municipality and sees only its
# figures; the regional adviser of the centrumgemeente Duinwijk sees both Duinland teams'
# whole working area. Veenland's ``beleidsadviseur.veen`` sees only Turfhaven, in Veenland.
EXTRA_BELEIDSADVISEURS = (
    BeleidsSpec(
        "beleidsadviseur-regio.duinland",
        "Carlijn",
        "Strandkweek",
        (("noord", "Gemeente Duinwijk"), ("zuid", "Gemeente Duinwijk")),
        whole_area=True,
    ),
)


def _org_defaults(index: int, name: str, org_type: str, gemeente: Gemeente | None) -> dict:
    slug = slugify(name)
    return {
        "type": org_type,
        "gemeente": gemeente,
        "website": f"https://example.org/{slug}",
        "email": f"{slug}@example.org",
        "phone": f"010-00000{index:02d}",
    }


def _team_orgs(spec: TeamSpec, orgs: dict[str, Organisation]) -> dict[str, Organisation]:
    first_gemeente = dict(ALL_GEMEENTEN)[spec.cbs_codes[0]]
    return {
        "gemeente": orgs[f"Gemeente {first_gemeente}"],
        "aanmelder": orgs[TEAM_AANMELDER_ORG[spec.short]],
    }


def _membership_defaults(role: str, spec: TeamSpec, orgs: dict[str, Organisation]) -> dict:
    team_orgs = _team_orgs(spec, orgs)
    defaults = {"organisation": None, "expertise": "", "active": True}
    if role == Role.AANMELDER:
        defaults["organisation"] = team_orgs["aanmelder"]
    elif role == Role.BELEIDSADVISEUR:
        defaults["organisation"] = team_orgs["gemeente"]
    elif role == Role.TEAMLID:
        expertise, org_name = TEAM_TEAMLID[spec.short]
        defaults.update(expertise=expertise, organisation=orgs[org_name])
    elif role == Role.AANBIEDER:
        defaults["organisation"] = orgs[TEAM_PROVIDER_ORG[spec.short]]
    return defaults


class DemoConflictError(RuntimeError):
    """A username the demo needs already belongs to a real (non-demo) user."""


def _demo_user(username: str, first_name: str, last_name: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@{DEMO_EMAIL_DOMAIN}",
            "is_demo": True,
        },
    )
    if not created and not user.is_demo:
        raise DemoConflictError(f"Gebruikersnaam {username!r} is al in gebruik (geen demo).")
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _load_region(spec: RegionSpec) -> tuple[Region, dict[str, Gemeente]]:
    region, _ = Region.objects.get_or_create(slug=spec.slug, defaults={"name": spec.name})
    # A new region gets the standard code lists (Dutch and English) when it is created; this
    # also completes them for a region that existed before.
    seed_region(apps, region.pk)
    gemeenten = {}
    for code, name in spec.gemeenten:
        gemeenten[code], _ = Gemeente.objects.get_or_create(
            cbs_code=code, defaults={"name": name, "region": region}
        )
    load_wijken(region, gemeenten)
    return region, gemeenten


def _load_organisations(
    region: Region, gemeenten: dict[str, Gemeente], spec: RegionSpec, first_index: int
) -> dict[str, Organisation]:
    orgs = {}
    for index, (name, org_type, code) in enumerate(spec.organisations, start=first_index):
        gemeente = gemeenten[code] if code else None
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults=_org_defaults(index, name, org_type, gemeente)
        )
        org.regions.add(region)
        orgs[name] = org
    return orgs


def _load_teams(
    region: Region, gemeenten: dict[str, Gemeente], spec: RegionSpec
) -> dict[str, Team]:
    teams = {}
    for team_spec in spec.teams:
        team, _ = Team.objects.get_or_create(
            slug=team_spec.slug,
            defaults={
                "name": team_spec.name,
                "region": region,
                "email": f"{team_spec.slug}@example.org",
            }
            | team_spec.settings,
        )
        team.gemeenten.add(*(gemeenten[code] for code in team_spec.cbs_codes))
        teams[team_spec.short] = team
    return teams


def _load_people(
    team_specs, teams: dict[str, Team], orgs: dict[str, Organisation]
) -> list[tuple[str, str, str]]:
    logins = []
    for spec in team_specs:
        team = teams[spec.short]
        people = PEOPLE[spec.short]
        roles = Role.values
        for (first, last), role in zip(people[: len(roles)], roles, strict=True):
            user = _demo_user(f"{role}.{spec.short}", first, last)
            Membership.objects.update_or_create(
                user=user, team=team, role=role, defaults=_membership_defaults(role, spec, orgs)
            )
            logins.append((user.username, team.name, role))
        first, last = people[len(roles)]
        user = _demo_user(f"teamlid-procesregisseur.{spec.short}", first, last)
        expertise, org_name = TEAM_EXTRA_TEAMLID[spec.short]
        for role in EXTRA_ROLES:
            Membership.objects.update_or_create(
                user=user,
                team=team,
                role=role,
                defaults={
                    "organisation": orgs[org_name],
                    "expertise": expertise if role == Role.TEAMLID else "",
                    "active": True,
                },
            )
            logins.append((user.username, team.name, role))
    return logins


def _load_beleidsadviseurs(
    teams: dict[str, Team], orgs: dict[str, Organisation]
) -> list[tuple[str, str, str]]:
    logins = []
    for spec in EXTRA_BELEIDSADVISEURS:
        user = _demo_user(spec.username, spec.first_name, spec.last_name)
        for short, org_name in spec.acts_for:
            Membership.objects.update_or_create(
                user=user,
                team=teams[short],
                role=Role.BELEIDSADVISEUR,
                defaults={
                    "organisation": orgs[org_name],
                    "expertise": "",
                    "active": True,
                    "aggregate_whole_area": spec.whole_area,
                },
            )
            logins.append((user.username, teams[short].name, Role.BELEIDSADVISEUR))
    return logins


def _region_counts(region: Region) -> dict:
    demo_teams = Team.objects.filter(region=region)
    return {
        "region": region.name,
        "gemeenten": Gemeente.objects.filter(region=region).count(),
        "teams": demo_teams.count(),
        "organisations": Organisation.objects.filter(regions=region).distinct().count(),
        "users": User.objects.filter(is_demo=True, memberships__team__in=demo_teams)
        .distinct()
        .count(),
        "memberships": Membership.objects.filter(team__in=demo_teams, user__is_demo=True).count(),
    }


@transaction.atomic
def load_demo_region() -> dict:
    """Create or complete the demo regions. Returns the main region's counts (top level),
    each region's counts under "regions", and all (username, team, role) logins."""
    teams: dict[str, Team] = {}
    orgs: dict[str, Organisation] = {}
    regions = []
    logins = []
    first_index = 1
    for spec in DEMO_REGIONS:
        region, gemeenten = _load_region(spec)
        orgs |= _load_organisations(region, gemeenten, spec, first_index)
        first_index += len(spec.organisations)
        region_teams = _load_teams(region, gemeenten, spec)
        teams |= region_teams
        logins += _load_people(spec.teams, region_teams, orgs)
        regions.append(region)
    logins += _load_beleidsadviseurs(teams, orgs)
    per_region = [_region_counts(region) for region in regions]
    return per_region[0] | {"regions": per_region, "logins": logins}

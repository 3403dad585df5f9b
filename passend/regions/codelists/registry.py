"""The code lists a region has, who manages each, and their place in URLs.

The beheerder of a team (MANAGE_TEAM) manages every list of the team's region. The coordinator
sociale kaart (MANAGE_SOCIAL_MAP) also manages the three search vocabularies of the social map
(expertisegebieden, hulpvragen, aandachtspunten): they tag offers with them and hear first
when a word is missing. The case lists (redenen van aanmelding, leefgebieden, problematiek,
wijken) stay with the beheerder: leefgebieden are also used by the social map, but they are part
of every registration. A wijk belongs to one municipality of the region (``per_gemeente``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from passend.accounts.permissions import capabilities
from passend.accounts.roles import Cap


@dataclass(frozen=True)
class CodeList:
    slug: str  # in URLs (UI and API)
    model_label: str  # "app_label.ModelName"
    title: str
    description: str
    managers: frozenset[Cap]  # any one of these in the team
    per_gemeente: bool = False  # each item belongs to one municipality of the region (wijken)

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def may_manage(self, user, team) -> bool:
        return bool(capabilities(user, team) & self.managers)


BEHEER = frozenset({Cap.MANAGE_TEAM})
BEHEER_OR_MAP = frozenset({Cap.MANAGE_TEAM, Cap.MANAGE_SOCIAL_MAP})

CODE_LISTS = {
    c.slug: c
    for c in (
        CodeList(
            "redenen",
            "cases.RegistrationReason",
            _("Redenen van aanmelding"),
            _("Waarom een casus bij het expertteam komt; de aanmelder kiest er een of meer."),
            BEHEER,
        ),
        CodeList(
            "leefgebieden",
            "cases.LifeDomain",
            _("Leefgebieden"),
            _("Bij de aanmelding, in de tijdlijn en bij aanbod op de sociale kaart."),
            BEHEER,
        ),
        CodeList(
            "problematiek",
            "cases.Sector",
            _("Problematiek / benodigde expertise"),
            _("'Welke expertise is nodig?' bij de aanmelding; de monitoring telt erop."),
            BEHEER,
        ),
        CodeList(
            "wijken",
            "cases.Wijk",
            _("Wijken en stadsdelen"),
            _(
                "Niet verplicht: per gemeente de wijken, voor de monitoring per wijk. Bij de "
                "aanmelding kiest men een wijk van de woongemeente."
            ),
            BEHEER,
            per_gemeente=True,
        ),
        CodeList(
            "expertisegebieden",
            "socialmap.Expertisegebied",
            _("Expertisegebieden"),
            _("Expertise van aanbieders en aanbod op de sociale kaart."),
            BEHEER_OR_MAP,
        ),
        CodeList(
            "hulpvragen",
            "socialmap.Hulpvraag",
            _("Hulpvragen"),
            _("'Waar ben je naar op zoek?' bij het zoeken op de sociale kaart."),
            BEHEER_OR_MAP,
        ),
        CodeList(
            "aandachtspunten",
            "socialmap.Aandachtspunt",
            _("Aandachtspunten"),
            _("'Wat vraagt aandacht?' bij het zoeken op de sociale kaart."),
            BEHEER_OR_MAP,
        ),
    )
}
ALL_MANAGERS = frozenset().union(*(c.managers for c in CODE_LISTS.values()))


def lists_for(user, team) -> list[CodeList]:
    """The code lists `user` manages in `team` (for the team's region)."""
    return [c for c in CODE_LISTS.values() if c.may_manage(user, team)]

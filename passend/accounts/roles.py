"""Roles from spec §1 and what each may do. This table is the only source of capabilities."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AANMELDER = "aanmelder", _("aanmelder / verwijzer")
    JEUGDIGE_OUDER = "jeugdige_ouder", _("jeugdige / ouder")
    SCREENER = "screener", _("screener")
    VOORZITTER = "voorzitter", _("voorzitter")
    TEAMLID = "teamlid", _("teamlid / expert")
    PROCESREGISSEUR = "procesregisseur", _("procesregisseur")
    NOTULIST = "notulist", _("notulist")
    BELEIDSADVISEUR = "beleidsadviseur", _("beleidsadviseur gemeente")
    COORDINATOR_SK = "coordinator_sociale_kaart", _("coördinator sociale kaart")
    BEHEERDER = "beheerder", _("beheerder")
    AANBIEDER = "aanbieder", _("medewerker zorgaanbieder (wachttijden)")


class Cap(StrEnum):
    """Capabilities. Later modules add theirs here and to ROLE_CAPABILITIES."""

    VIEW_TEAM = "view_team"  # team home, team settings (read)
    VIEW_MEMBERS = "view_members"  # names and contact details of team members
    VIEW_ACCESS_LOG = "view_access_log"  # query the NEN 7513 access log of the team
    MANAGE_TEAM = "manage_team"  # change team settings
    VIEW_OWN_CASES = "view_own_cases"  # cases one registered or is the subject of
    VIEW_CASE_DATA = "view_case_data"  # identifying case data of the team (need-to-know)
    VIEW_AGGREGATES = "view_aggregates"  # pseudonymised monitoring and reports
    SCREEN_CASES = "screen_cases"  # screening decisions, assigning casushouder and experts
    REGISTER_CASES = "register_cases"  # register a case (aanmeldformulier)
    MANAGE_SOCIAL_MAP = "manage_social_map"  # providers, offers, import/export, reminders
    VIEW_SOCIAL_MAP = "view_social_map"  # search the map (no personal data)
    UPDATE_OWN_WAITING_TIMES = "update_own_waiting_times"  # a provider: own organisation only
    WORK_ON_CASES = "work_on_cases"  # timeline, analysis, perspectief, advice drafts, toekomstplan
    PLAN_MEETINGS = "plan_meetings"  # plan team meetings, put cases on the agenda
    WRITE_MINUTES = "write_minutes"  # attendance, participation, minutes, process evaluation
    APPROVE_ADVICE = "approve_advice"  # approve and send an advice (voorzitter)
    DIRECT_PROCESS = "direct_process"  # plan van aanpak, escalation, follow-up, closure
    HANDLE_PRIVACY_REQUESTS = "handle_privacy_requests"  # AVG export and erasure on request
    WRITE_STORIES = "write_stories"  # the story behind a monitoring figure ("vertellen")
    DEFINE_INDICATORS = "define_indicators"  # the region's own monitoring indicators


_TEAM_WORK = {
    Cap.VIEW_TEAM,
    Cap.VIEW_MEMBERS,
    Cap.VIEW_CASE_DATA,
    Cap.VIEW_AGGREGATES,
    Cap.VIEW_SOCIAL_MAP,
}
_CASE_WORK = _TEAM_WORK | {Cap.WORK_ON_CASES, Cap.WRITE_STORIES}

ROLE_CAPABILITIES: dict[str, frozenset[Cap]] = {
    Role.AANMELDER: frozenset(
        {Cap.VIEW_TEAM, Cap.VIEW_OWN_CASES, Cap.REGISTER_CASES, Cap.VIEW_SOCIAL_MAP}
    ),
    Role.JEUGDIGE_OUDER: frozenset({Cap.VIEW_OWN_CASES}),
    Role.SCREENER: frozenset(_CASE_WORK | {Cap.SCREEN_CASES, Cap.REGISTER_CASES}),
    Role.VOORZITTER: frozenset(
        _CASE_WORK
        | {
            Cap.VIEW_ACCESS_LOG,
            Cap.SCREEN_CASES,
            Cap.PLAN_MEETINGS,
            Cap.WRITE_MINUTES,
            Cap.APPROVE_ADVICE,
            Cap.DIRECT_PROCESS,
            Cap.HANDLE_PRIVACY_REQUESTS,
            Cap.DEFINE_INDICATORS,
        }
    ),
    Role.TEAMLID: frozenset(_CASE_WORK | {Cap.WRITE_MINUTES}),
    Role.PROCESREGISSEUR: frozenset(_CASE_WORK | {Cap.DIRECT_PROCESS}),
    Role.NOTULIST: frozenset(_TEAM_WORK | {Cap.WRITE_MINUTES}),
    Role.BELEIDSADVISEUR: frozenset({Cap.VIEW_TEAM, Cap.VIEW_AGGREGATES, Cap.VIEW_SOCIAL_MAP}),
    Role.COORDINATOR_SK: frozenset({Cap.VIEW_TEAM, Cap.MANAGE_SOCIAL_MAP, Cap.VIEW_SOCIAL_MAP}),
    Role.BEHEERDER: frozenset(
        {
            Cap.VIEW_TEAM,
            Cap.VIEW_MEMBERS,
            Cap.VIEW_ACCESS_LOG,
            Cap.MANAGE_TEAM,
            Cap.VIEW_AGGREGATES,
            Cap.HANDLE_PRIVACY_REQUESTS,
            Cap.WRITE_STORIES,
            Cap.DEFINE_INDICATORS,
        }
    ),
    # A provider's employee keeps the waiting times of their own organisation and sees nothing
    # else (the organisation comes from the membership).
    Role.AANBIEDER: frozenset({Cap.UPDATE_OWN_WAITING_TIMES}),
}

# Capabilities that expose personal data: any role holding one must log in with two factors.
PERSONAL_DATA_CAPABILITIES = frozenset(
    {
        Cap.VIEW_MEMBERS,
        Cap.VIEW_ACCESS_LOG,
        Cap.VIEW_OWN_CASES,
        Cap.VIEW_CASE_DATA,
        Cap.HANDLE_PRIVACY_REQUESTS,
    }
)


def roles_with(capability: Cap) -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]


def role_needs_second_factor(role: str) -> bool:
    return bool(ROLE_CAPABILITIES.get(role, frozenset()) & PERSONAL_DATA_CAPABILITIES)

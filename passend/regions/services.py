"""Writes for regions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_access
from passend.core.refusals import InvalidInput, NotAllowed

from .models import Team

SETTINGS_FIELDS = [
    "meeting_cadence_days",
    "self_registration_enabled",
    "participation_required",
    "advice_status_default",
    "follow_up_months",
    "short_term_solution_months",
    "retention_months",
    "waiting_time_stale_weeks",
]


@transaction.atomic
def update_team_settings(team: Team, *, changes: dict, actor, request=None) -> Team:
    """Change the team settings (MANAGE_TEAM: the team's beheerder)."""
    if not has_capability(actor, Cap.MANAGE_TEAM, team):
        raise NotAllowed(_("Alleen de beheerder wijzigt de teaminstellingen."))
    # NO KEY: the settings change no key, and a plain FOR UPDATE would block every insert that
    # refers to the team (cases, access-log entries holding the chain head): a deadlock.
    team = Team.objects.select_for_update(no_key=True).get(pk=team.pk)
    changed = [name for name in SETTINGS_FIELDS if name in changes]
    for name in changed:
        setattr(team, name, changes[name])
    try:
        team.full_clean()
    except ValidationError as invalid:
        raise InvalidInput.from_validation_error(invalid) from invalid
    team.save(update_fields=changed or None)
    # Settings are not personal data, but who changed a retention term matters: keep a trace.
    log_access(
        request,
        action=Action.UPDATE,
        subject_type="team-instellingen",
        subject_ids=[team.pk],
        purpose="teaminstellingen wijzigen: " + ", ".join(changed),
        team=team,
    )
    return team

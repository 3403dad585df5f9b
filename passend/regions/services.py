"""Writes for regions."""

from django.db import transaction

from passend.audit.models import Action
from passend.audit.services import log_access

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
def update_team_settings(request, team: Team, changes: dict) -> Team:
    changed = [name for name in SETTINGS_FIELDS if name in changes]
    for name in changed:
        setattr(team, name, changes[name])
    team.full_clean()
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

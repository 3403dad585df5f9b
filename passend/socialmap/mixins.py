"""Base of the sociale kaart's pages: the team (and so the region and the stale setting) comes
from the URL through the permission module; anything outside the team's map is refused the same
way everywhere."""

from django.http import Http404

from passend.audit.services import log_denied
from passend.regions.views import TeamMixin


class MapTeamMixin(TeamMixin):
    personal_data = False

    def refuse(self, subject_type: str, subject_id) -> None:
        """Outside the team's regional map or the user's organisation: 404 and one denied
        access-log entry on the team of the URL."""
        log_denied(
            self.request,
            subject_type=subject_type,
            subject_id=str(subject_id)[:64],
            purpose=self.team_purpose,
            team=self.team,
        )
        raise Http404

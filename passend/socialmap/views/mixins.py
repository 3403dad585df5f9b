"""Base of the sociale kaart's pages: the team (and so the region and the stale setting) comes
from the URL through the permission module; anything outside the team's map is refused the same
way everywhere.

The map is regional (an offer belongs to an organisation active in regions, not to a team), so
`get_visible_or_404` cannot scope it; the page finds the record in its own regional queryset
and refuses through `permissions.deny_404`: 404 and one denied entry on the team of the URL,
written as `get_visible_or_404` writes it.
"""

from passend.accounts.permissions import deny_404
from passend.regions.views import TeamMixin


class MapTeamMixin(TeamMixin):
    personal_data = False

    def refuse(self, subject_type: str, subject_id):
        """Outside the team's regional map or the user's organisation: 404 and one denied
        access-log entry on the team of the URL."""
        deny_404(
            self.request,
            subject_type=subject_type,
            subject_id=subject_id,
            purpose=self.team_purpose,
            team=self.team,
        )

    def find(self, queryset, subject_type: str, pk):
        """The record `pk` of `queryset` (already limited to what this page may reach), else
        `refuse`."""
        found = queryset.filter(pk=pk).first()
        if found is None:
            self.refuse(subject_type, pk)
        return found

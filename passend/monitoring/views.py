"""The monitoring landing page of a team: teams/<team>/monitoring/ (VIEW_AGGREGATES).

Closed (the page says "DPIA nog niet vastgelegd") until the team's beheerder recorded the DPIA
and the covenant; then a first set of figures from the analytics record, suppressed below 5."""

from django.views.generic import TemplateView

from passend.accounts.roles import Cap
from passend.privacy.selectors import monitoring_allowed
from passend.regions.views import TeamMixin

from . import selectors


class MonitoringHomeView(TeamMixin, TemplateView):
    personal_data = False  # counts from the anonymised analytics record only
    template_name = "monitoring/home.html"
    team_capability = Cap.VIEW_AGGREGATES
    team_purpose = "monitoring bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["allowed"] = monitoring_allowed(self.team)
        if context["allowed"]:
            context["summary"] = selectors.summary(self.request.user, self.team)
        return context

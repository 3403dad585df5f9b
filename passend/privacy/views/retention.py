"""The beheerder's page on retention: the team's period, what is due, the recent runs, and a
dry run for this team. The real run is the daily job (manage.py apply_retention)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from passend.accounts.roles import Cap
from passend.regions.views import TeamMixin

from .. import retention


class RetentionView(TeamMixin, TemplateView):
    personal_data = False  # counts and dates only; a run logs itself
    template_name = "privacy/retention_overview.html"
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "bewaartermijn bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["due"] = retention.due_counts(self.team)
        context["runs"] = retention.recent_runs(self.team)
        context["draft_days"] = retention.DRAFT_DAYS
        return context

    def post(self, request, *args, **kwargs):
        run = retention.apply_retention(
            dry_run=True, team=self.team, by=request.user, trigger="pagina"
        )
        counts = run.counts["teams"].get(self.team.slug, {"casussen": 0, "concepten": 0})
        messages.success(
            request,
            _(
                "Proefdraai klaar: %(cases)s casus(sen) en %(drafts)s concept(en) zouden nu "
                "verdwijnen. Er is niets veranderd."
            )
            % {"cases": counts["casussen"], "drafts": counts["concepten"]},
        )
        return redirect("privacy:retention", team=self.team.slug)

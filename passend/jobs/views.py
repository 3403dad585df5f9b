"""The beheerder's view of the team's background jobs that failed or wait for a retry.

No personal data: the kind of job (in Dutch), its times, attempts and the class of the last
error; never its arguments or a traceback. Platform staff see every job in django-admin."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from passend.accounts.roles import Cap
from passend.regions.views import TeamMixin

from . import selectors
from .queue import kind_label


class TeamJobsView(TeamMixin, TemplateView):
    personal_data = False
    template_name = "jobs/beheer_jobs.html"
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "achtergrondtaken bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.team_troubled_jobs(self.team), 50).get_page(
            self.request.GET.get("pagina")
        )
        for record in page.object_list:
            record.label = kind_label(record.kind)
        context["page"] = page
        return context

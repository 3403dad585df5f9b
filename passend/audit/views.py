from django.core.paginator import Paginator
from django.views.generic import TemplateView

from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.regions.views import TeamMixin

from . import selectors
from .forms import AccessLogFilterForm


class AccessLogView(TeamMixin, AuditedView, TemplateView):
    """Query the team's access log per subject, user and period (voorzitter, beheerder)."""

    template_name = "audit/access_log.html"
    team_capability = Cap.VIEW_ACCESS_LOG
    team_purpose = "toegangslog raadplegen"
    audit_subject_type = "toegangslog"
    audit_purpose = "toegangslog raadplegen"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AccessLogFilterForm(self.request.GET or None)
        filters = form.selector_filters() if form.is_bound else {}
        entries = selectors.access_log(self.request.user, team=self.team, **filters)
        if form.is_bound and not form.is_valid():
            entries = entries.none()  # never show unfiltered rows as if they matched the filter
        context["form"] = form
        page = Paginator(entries, 50).get_page(self.request.GET.get("pagina"))
        page.object_list = selectors.with_display(self.request.user, page.object_list)
        context["page"] = page
        self.audit_raw(selectors.describe_query(**filters), self.team)
        return context


class SubjectAccessView(TeamMixin, AuditedView, TemplateView):
    """'Wie heeft dit dossier ingezien': the panel on a subject's page, loaded with htmx."""

    template_name = "audit/subject_access.html"
    team_capability = Cap.VIEW_ACCESS_LOG
    team_purpose = "inzage in dossier raadplegen"
    audit_subject_type = "toegangslog"
    audit_purpose = "wie heeft dit dossier ingezien"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject_type = self.request.GET.get("soort", "")[:40]
        subject_id = self.request.GET.get("kenmerk", "")[:64]
        entries = selectors.access_log(
            self.request.user, team=self.team, subject_type=subject_type, subject_id=subject_id
        )
        context["entries"] = (
            selectors.with_display(self.request.user, entries[:25])
            if subject_type and subject_id
            else []
        )
        self.audit_raw(
            selectors.describe_query(subject_type=subject_type, subject_id=subject_id), self.team
        )
        return context

"""The werkvoorraad page: one user's waiting work in one team."""

from django.utils import timezone
from django.views.generic import TemplateView

from passend.audit.mixins import AuditedView
from passend.regions.views import TeamMixin

from . import selectors


class InboxView(TeamMixin, AuditedView, TemplateView):
    template_name = "inbox/inbox.html"
    audit_subject_type = "casus"
    audit_purpose = "werkvoorraad bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = selectors.work_items(self.request.user, self.team, timezone.localdate())
        self.audit(*{item.casus for s in sections for item in s.items if item.casus})
        context.update(sections=sections, total=selectors.count(sections))
        return context

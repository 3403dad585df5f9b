"""The case list, the case overview and the downloads of a case. Every case comes from the one
case scope (``CaseMixin``); the overview's forms are pages of their own (``pages``)."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView, View

from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.regions.views import TeamMixin

from .. import attachments, selectors, services
from ..codes import CaseState
from ..forms.case import CaseFilterForm
from ..models import Bijlage
from ..pdf import consent_form_response
from ..scoping import OWNER
from ..workflow import TRANSITIONS, consent_check
from . import pages
from .base import CaseMixin, CaseSectionView


class CaseListView(TeamMixin, AuditedView, TemplateView):
    template_name = "cases/case_list.html"
    team_capability = Cap.VIEW_TEAM
    audit_subject_type = "casus"
    audit_purpose = "casuslijst bekijken"

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "casus-resultaten":
            return ["cases/_case_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CaseFilterForm(self.request.GET or None, team=self.team)
        filters = form.filters() if form.is_bound and form.is_valid() else selectors.CaseFilters()
        cases = selectors.case_list(self.request.user, self.team, filters)
        if form.is_bound and not form.is_valid():
            cases = cases.none()
        page = Paginator(cases, 25).get_page(self.request.GET.get("pagina"))
        drafts = list(selectors.own_drafts(self.request.user, self.team))
        self.audit(*page.object_list, *drafts)
        context.update(form=form, page=page, drafts=drafts)
        return context


class CaseDetailView(CaseSectionView):
    """The overview tab: what was registered, consent, attachments, screening and status at a
    glance, each with a link to its own page. A POST here (``formulier=...``, screening
    without) is the page's own: it is handed to that page."""

    template_name = "cases/case_detail.html"
    case_audience = OWNER
    case_tab = "overzicht"
    audit_purpose = "casus bekijken"

    def post(self, request, *args, **kwargs):
        page = POST_PAGES.get(request.POST.get("formulier"), pages.ScreeningPage)
        return page.as_view()(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        casus, user, caps = self.casus, self.request.user, context["team_caps"]
        context.update(
            consent=consent_check(casus),
            consent_count=casus.consents.count(),
            attachment_count=casus.bijlagen.count(),
            may_record_consent=services.may_edit_registration(user, casus),
            may_add_attachment=attachments.may_add_attachment(user, casus),
            may_screen=Cap.SCREEN_CASES in caps and casus.state == CaseState.IN_SCREENING,
            ouders=casus.ouders.all(),
            history=casus.transitions.select_related("actor"),
            earlier=selectors.previously_registered(casus).only("pk", "reference", "state"),
            may_move=bool(pages.offered_transitions(casus, caps)),
            may_close=Cap.DIRECT_PROCESS in caps
            and (casus.state, CaseState.AFGESLOTEN) in TRANSITIONS,
            editable=services.may_edit_registration(user, casus),
        )
        return context


POST_PAGES = {
    "bijlage": pages.AttachmentsPage,
    "toestemming": pages.ConsentPage,
    "intrekken": pages.ConsentPage,
}


class ConsentFormView(CaseMixin, AuditedView, View):
    """The pre-filled printable consent form (PDF); printing personal data is logged."""

    http_method_names = ["get"]
    audit_subject_type = "casus"
    audit_purpose = "toestemmingsformulier afdrukken"
    audit_action = "print"

    def get(self, request, *args, **kwargs):
        self.audit(self.casus)  # logged only when the PDF is made (a 503 is not)
        return consent_form_response(self.casus)


class AttachmentDownloadView(CaseMixin, AuditedView, View):
    """Download an attachment: decrypted on the fly; logged as an export of personal data.
    An attachment of another case is 404 with one denied entry naming the attachment."""

    http_method_names = ["get"]
    audit_subject_type = "casus"
    audit_purpose = "bijlage downloaden"
    audit_action = "export"

    def get(self, request, *args, **kwargs):
        attachment = self.case_child(
            Bijlage.objects.all(), subject_type="bijlage", kwarg="attachment"
        )
        self.audit(self.casus)
        return attachments.download_response(attachment)

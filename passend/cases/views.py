from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from passend.accounts.permissions import capabilities
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.regions.views import TeamMixin

from . import attachments, selectors, services
from .codes import CaseState
from .forms import (
    AttachmentForm,
    CaseFilterForm,
    ConsentForm,
    ScreeningForm,
    TransitionForm,
    WithdrawForm,
)
from .pdf import PdfUnavailable, render_consent_form
from .scoping import OWNER, TEAM, CaseScopeMixin
from .workflow import DEDICATED_TARGETS, TRANSITIONS, allowed_targets, consent_check


class CaseMixin(CaseScopeMixin):
    """A case page of the team or, where `case_audience` is OWNER, also of its referrer."""

    team_capability = Cap.VIEW_TEAM
    case_audience = OWNER


# The tabs of a case: (key, label, url name, who sees it: "team" or "owner" = also the referrer).
CASE_TABS = [
    ("overzicht", _("Overzicht"), "cases:detail", "owner"),
    ("analyse", _("Tijdlijn en analyse"), "analysis:case", "team"),
    ("overleg", _("Overleg"), "meetings:case", "team"),
    ("advies", _("Advies"), "advice:case", "owner"),
    ("procesregie", _("Procesregie"), "procesregie:case", "team"),
]


def case_tabs(team, casus, caps, current: str) -> list[dict]:
    from django.urls import reverse

    team_member = Cap.VIEW_CASE_DATA in caps
    return [
        {
            "key": key,
            "label": label,
            "url": reverse(name, kwargs={"team": team.slug, "pk": casus.pk}),
            "current": key == current,
        }
        for key, label, name, audience in CASE_TABS
        if team_member or audience == "owner"
    ]


class CaseSectionView(CaseMixin, AuditedView, TemplateView):
    """Base of a case tab: the case header (with the perspectief first) and the tabs."""

    case_tab = ""
    case_audience = TEAM
    audit_subject_type = "casus"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        self.audit(casus)
        context.update(
            casus=casus,
            case_tabs=case_tabs(self.team, casus, context["team_caps"], self.case_tab),
            perspective_editable=Cap.WORK_ON_CASES in context["team_caps"],
            subject_type="casus",
            subject_id=casus.pk,
        )
        return context


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


class CaseDetailView(CaseMixin, AuditedView, TemplateView):
    template_name = "cases/case_detail.html"
    audit_subject_type = "casus"
    audit_purpose = "casus bekijken"

    def post(self, request, *args, **kwargs):
        """The screening decision or an attachment, posted from this page."""
        casus = self.casus
        if request.POST.get("formulier") == "bijlage":
            return self.post_attachment(request, casus)
        if request.POST.get("formulier") in ("toestemming", "intrekken"):
            if not services.may_edit_registration(request.user, casus):
                return self.http_method_not_allowed(request)
            return self.post_consent(request, casus)
        if Cap.SCREEN_CASES not in capabilities(request.user, self.team):
            return self.http_method_not_allowed(request)
        form = ScreeningForm(request.POST, team=self.team, casus=casus)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.screen(
                    casus,
                    actor=request.user,
                    outcome=data["outcome"],
                    reason=data["reason"],
                    redirected_to=data["redirected_to"],
                    casushouder=data["casushouder"],
                    procesregisseur=data["procesregisseur"],
                    experts=data["experts"],
                    request=request,
                )
            except services.TransitionError as refusal:
                form.add_error(None, str(refusal))
            else:
                if data["outcome"] == "crisis":
                    messages.warning(request, services.CRISIS_MESSAGE)
                messages.success(request, f"Screening vastgelegd: {CaseState(casus.state).label}.")
                return redirect("cases:detail", team=self.team.slug, pk=casus.pk)
        return self.render_to_response(self.get_context_data(screening_form=form))

    def post_attachment(self, request, casus):
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachments.add(
                    casus,
                    form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                    request=request,
                )
            except attachments.AttachmentError as refusal:
                form.add_error("file", str(refusal))
            else:
                messages.success(request, "De bijlage is toegevoegd.")
                return redirect("cases:detail", team=self.team.slug, pk=casus.pk)
        return self.render_to_response(self.get_context_data(attachment_form=form))

    def post_consent(self, request, casus):
        if request.POST["formulier"] == "toestemming":
            form = ConsentForm(request.POST, casus=casus)
            if form.is_valid():
                services.record_consent(casus, request=request, **form.record_fields())
                messages.success(request, "De toestemming is vastgelegd.")
                return redirect("cases:detail", team=self.team.slug, pk=casus.pk)
            return self.render_to_response(self.get_context_data(consent_form=form))
        form = WithdrawForm(request.POST)
        consent = casus.consents.filter(pk=request.POST.get("consent") or 0).first()
        if form.is_valid() and consent is not None:
            try:
                services.withdraw_consent(
                    consent, on=form.cleaned_data["withdrawn_on"], request=request
                )
            except services.TransitionError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, "De toestemming is ingetrokken.")
        else:
            messages.error(request, "Vul een geldige datum van intrekken in.")
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)

    def get_context_data(
        self, screening_form=None, attachment_form=None, consent_form=None, **kwargs
    ):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        self.audit(casus)
        context["attachment_form"] = attachment_form or AttachmentForm()
        if services.may_edit_registration(self.request.user, casus):
            context["consent_form"] = consent_form or ConsentForm(
                casus=casus, initial={"given_on": timezone.localdate()}
            )
            context["today"] = timezone.localdate()
        context["attachments"] = casus.bijlagen.select_related("uploaded_by")
        can_screen = Cap.SCREEN_CASES in capabilities(self.request.user, self.team)
        if can_screen and casus.state == CaseState.IN_SCREENING:
            context["screening_form"] = screening_form or ScreeningForm(team=self.team, casus=casus)
            context["crisis_message"] = services.CRISIS_MESSAGE
        context.update(
            casus=casus,
            case_tabs=case_tabs(self.team, casus, context["team_caps"], "overzicht"),
            perspective_editable=Cap.WORK_ON_CASES in context["team_caps"],
            consent=consent_check(casus),
            history=casus.transitions.select_related("actor"),
            earlier=services.previously_registered(casus).only("pk", "reference", "state"),
            transitions=[
                (to, TRANSITIONS[(casus.state, to)])
                for to in allowed_targets(casus.state)
                if to not in DEDICATED_TARGETS
                and TRANSITIONS[(casus.state, to)].capability in context["team_caps"]
                and casus.state != CaseState.IN_SCREENING
            ],
            may_close=Cap.DIRECT_PROCESS in context["team_caps"]
            and (casus.state, CaseState.AFGESLOTEN) in TRANSITIONS,
            subject_type="casus",
            subject_id=casus.pk,
            kept_reason=self.request.session.pop("transition_reason", ""),
            editable=services.may_edit_registration(self.request.user, casus),
        )
        return context


class CaseTransitionView(CaseMixin, AuditedView, View):
    """POST a status change; refusals come back as a message on the case page."""

    http_method_names = ["post"]
    audit_subject_type = "casus"
    audit_purpose = "status wijzigen"

    def post(self, request, *args, **kwargs):
        casus = self.casus
        form = TransitionForm(request.POST)
        if form.is_valid():
            try:
                services.transition(
                    casus,
                    form.cleaned_data["to_state"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except services.TransitionError as refusal:
                messages.error(request, str(refusal))
                request.session["transition_reason"] = form.cleaned_data["reason"]
            else:
                label = CaseState(form.cleaned_data["to_state"]).label
                messages.success(request, f"De status is nu: {label}.")
        else:
            messages.error(request, "Kies een geldige nieuwe status.")
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)


class ConsentFormView(CaseMixin, AuditedView, View):
    """The pre-filled printable consent form (PDF); printing personal data is logged."""

    http_method_names = ["get"]
    audit_subject_type = "casus"
    audit_purpose = "toestemmingsformulier afdrukken"
    audit_action = "print"

    def get(self, request, *args, **kwargs):
        return consent_form_response(self, self.casus)


def consent_form_response(view, casus):
    try:
        pdf = render_consent_form(casus)
    except PdfUnavailable as problem:
        return HttpResponse(str(problem), status=503, content_type="text/plain; charset=utf-8")
    view.audit(casus)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="toestemming-{casus.reference}.pdf"'
    return response


class AttachmentDownloadView(CaseMixin, AuditedView, View):
    """Download an attachment: decrypted on the fly; logged as an export of personal data."""

    http_method_names = ["get"]
    audit_subject_type = "casus"
    audit_purpose = "bijlage downloaden"
    audit_action = "export"

    def get(self, request, *args, **kwargs):
        attachment = self.casus.bijlagen.filter(pk=self.kwargs["attachment"]).first()
        if attachment is None:
            raise Http404
        self.audit(self.casus)
        return attachment_response(attachment)


def attachment_response(attachment) -> HttpResponse:
    response = HttpResponse(attachments.read(attachment), content_type=attachment.content_type)
    safe_name = "".join(c for c in attachment.original_name if c.isalnum() or c in "._- ")
    response["Content-Disposition"] = f'attachment; filename="{safe_name or "bijlage"}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

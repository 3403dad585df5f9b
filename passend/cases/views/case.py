"""The case list, the case overview (screening, consent, attachments), status changes and the
downloads of a case. Every case comes from the one case scope (``CaseMixin``); every write is
a service call whose refusal lands on the form (``add_to_form``) or in a message."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.core.refusals import NotAllowed, Refusal, add_message, add_to_form
from passend.regions.views import TeamMixin

from .. import attachments, selectors, services
from ..codes import CaseState, ScreeningOutcome
from ..forms.case import (
    AttachmentForm,
    CaseFilterForm,
    ConsentForm,
    ScreeningForm,
    TransitionForm,
    WithdrawForm,
)
from ..models import Bijlage
from ..pdf import consent_form_response
from ..scoping import OWNER, resolve_child
from ..workflow import DEDICATED_TARGETS, TRANSITIONS, allowed_targets, consent_check
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


def _status(refusal: Refusal) -> int:
    """A page shown again after a refusal: 403 for a missing right, else 200 (the message and
    everything entered are on the page)."""
    return 403 if isinstance(refusal, NotAllowed) else 200


class CaseDetailView(CaseSectionView):
    """The overview tab: registration, consent, attachments, screening, status."""

    template_name = "cases/case_detail.html"
    case_audience = OWNER
    case_tab = "overzicht"
    audit_purpose = "casus bekijken"

    def post(self, request, *args, **kwargs):
        """The screening decision, a consent, a withdrawal or an attachment."""
        handler = {
            "bijlage": self.post_attachment,
            "toestemming": self.post_consent,
            "intrekken": self.post_withdrawal,
        }.get(request.POST.get("formulier"), self.post_screening)
        return handler(request, self.casus)

    def show_again(self, refusal, **forms):
        context = self.get_context_data(**forms)
        return self.render_to_response(context, status=_status(refusal) if refusal else 200)

    def post_screening(self, request, casus):
        if not has_capability(request.user, Cap.SCREEN_CASES, casus.team):
            self.refuse(_("Het screeningsbesluit nemen de screener en de voorzitter van het team."))
        form = ScreeningForm(request.POST, casus=casus)
        if not form.is_valid():
            return self.show_again(None, screening_form=form)
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
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.show_again(refusal, screening_form=form)
        casus.refresh_from_db()
        if data["outcome"] == ScreeningOutcome.CRISIS:
            messages.warning(request, services.CRISIS_MESSAGE)
        label = CaseState(casus.state).label
        messages.success(request, _("Screening vastgelegd: %(state)s.") % {"state": label})
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)

    def post_attachment(self, request, casus):
        if not attachments.may_add_attachment(request.user, casus):
            self.refuse(_("U kunt bij deze casus geen bijlage toevoegen."))
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show_again(None, attachment_form=form)
        try:
            attachments.add(
                casus,
                file=form.cleaned_data["file"],
                actor=request.user,
                description=form.cleaned_data["description"],
                request=request,
            )
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.show_again(refusal, attachment_form=form)
        messages.success(request, _("De bijlage is toegevoegd."))
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)

    def post_consent(self, request, casus):
        if not services.may_edit_registration(request.user, casus):
            self.refuse(_("U kunt deze aanmelding (nu) niet wijzigen."))
        form = ConsentForm(request.POST, casus=casus)
        if not form.is_valid():
            return self.show_again(None, consent_form=form)
        try:
            services.record_consent(
                casus, actor=request.user, request=request, **form.record_fields()
            )
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.show_again(refusal, consent_form=form)
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)

    def post_withdrawal(self, request, casus):
        if not services.may_edit_registration(request.user, casus):
            self.refuse(_("U kunt deze aanmelding (nu) niet wijzigen."))
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul een geldige datum van intrekken in."))
            return redirect("cases:detail", team=self.team.slug, pk=casus.pk)
        consent = resolve_child(
            request,
            casus.consents.all(),
            casus=casus,
            subject_type="toestemming",
            purpose="toestemming intrekken",
            pk=form.cleaned_data["consent"],
        )
        try:
            services.withdraw_consent(
                consent,
                actor=request.user,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                request=request,
            )
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(request, _("De toestemming is ingetrokken."))
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)

    def get_context_data(
        self, screening_form=None, attachment_form=None, consent_form=None, **kwargs
    ):
        context = super().get_context_data(**kwargs)
        casus, user, caps = self.casus, self.request.user, context["team_caps"]
        editable = services.may_edit_registration(user, casus)
        if attachments.may_add_attachment(user, casus) or attachment_form is not None:
            context["attachment_form"] = attachment_form or AttachmentForm()
        if editable or consent_form is not None:
            context["consent_form"] = consent_form or ConsentForm(
                casus=casus, initial={"given_on": timezone.localdate()}
            )
            context["today"] = timezone.localdate()
        context["attachments"] = casus.bijlagen.select_related("uploaded_by")
        can_screen = Cap.SCREEN_CASES in caps and casus.state == CaseState.IN_SCREENING
        if can_screen or screening_form is not None:
            context["screening_form"] = screening_form or ScreeningForm(casus=casus)
            context["crisis_message"] = services.CRISIS_MESSAGE
        context.update(
            consent=consent_check(casus),
            history=casus.transitions.select_related("actor"),
            earlier=selectors.previously_registered(casus).only("pk", "reference", "state"),
            transitions=[
                (to, TRANSITIONS[(casus.state, to)])
                for to in allowed_targets(casus.state)
                if to not in DEDICATED_TARGETS
                and TRANSITIONS[(casus.state, to)].capability in caps
                and casus.state != CaseState.IN_SCREENING
            ],
            may_close=Cap.DIRECT_PROCESS in caps
            and (casus.state, CaseState.AFGESLOTEN) in TRANSITIONS,
            kept_reason=self.request.session.pop("transition_reason", ""),
            editable=editable,
        )
        return context


class CaseTransitionView(CaseMixin, AuditedView, View):
    """POST a status change; refusals come back as a message on the case page."""

    http_method_names = ["post"]
    audit_subject_type = "casus"
    audit_purpose = "status wijzigen"

    def post(self, request, *args, **kwargs):
        casus = self.casus
        if not services.may_move(request.user, casus):
            self.refuse(_("U mag in dit team geen stappen in de status van een casus zetten."))
        form = TransitionForm(request.POST)
        if form.is_valid():
            try:
                services.transition(
                    casus,
                    to=form.cleaned_data["to_state"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except Refusal as refusal:
                add_message(request, refusal)
                request.session["transition_reason"] = form.cleaned_data["reason"]
            else:
                label = CaseState(form.cleaned_data["to_state"]).label
                messages.success(request, _("De status is nu: %(state)s.") % {"state": label})
        else:
            messages.error(request, _("Kies een geldige nieuwe status."))
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)


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

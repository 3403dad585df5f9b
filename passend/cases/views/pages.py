"""The form pages reached from the case overview: consent, attachments, screening and the
status. Each page shows its form (to whom may use it), takes its POST, and after a refusal or
bad input shows the form again with the errors and everything entered. The overview's own
POST (``formulier=...``) is handed to the same page, so older links and clients keep working.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from passend.accounts.permissions import capabilities
from passend.accounts.roles import Cap
from passend.core.refusals import NotAllowed, Refusal, add_message, add_to_form

from .. import attachments, services
from ..codes import CaseState, ScreeningOutcome
from ..forms.case import AttachmentForm, ConsentForm, ScreeningForm, TransitionForm, WithdrawForm
from ..scoping import OWNER, resolve_child
from ..workflow import DEDICATED_TARGETS, TRANSITIONS, allowed_targets, consent_check
from .base import CaseSectionView


def _status(refusal: Refusal | None) -> int:
    """A page shown again: 403 after a missing right, else 200 (the message and everything
    entered are on the page)."""
    return 403 if isinstance(refusal, NotAllowed) else 200


class CaseFormPage(CaseSectionView):
    """A page of the overview tab with one form. Subclasses define ``may_write`` (the right
    to post), ``refusal`` (its explanation) and ``handle_post``."""

    case_audience = OWNER
    case_tab = "overzicht"
    refusal = ""

    @cached_property
    def caps(self) -> frozenset:
        return frozenset(capabilities(self.request.user, self.team))

    def may_write(self) -> bool:
        raise NotImplementedError

    def may_read(self) -> bool:
        return True

    def get(self, request, *args, **kwargs):
        if not self.may_read():
            self.refuse(self.refusal)
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        if not self.may_write():
            self.refuse(self.refusal)
        return self.handle_post(request, self.casus)

    def show_again(self, refusal=None, **forms):
        return self.render_to_response(self.get_context_data(**forms), status=_status(refusal))


class ConsentPage(CaseFormPage):
    """The consents of a case; who may change the registration records and withdraws."""

    template_name = "cases/consent_page.html"
    audit_purpose = "toestemming vastleggen"

    @property
    def refusal(self):
        return _("U kunt deze aanmelding (nu) niet wijzigen.")

    def may_write(self) -> bool:
        return services.may_edit_registration(self.request.user, self.casus)

    def handle_post(self, request, casus):
        if request.POST.get("formulier") == "intrekken":
            return self.post_withdrawal(request, casus)
        form = ConsentForm(request.POST, casus=casus)
        if not form.is_valid():
            return self.show_again(consent_form=form)
        try:
            services.record_consent(
                casus, actor=request.user, request=request, **form.record_fields()
            )
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.show_again(refusal, consent_form=form)
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect("cases:consent", team=self.team.slug, pk=casus.pk)

    def post_withdrawal(self, request, casus):
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul een geldige datum van intrekken in."))
            return redirect("cases:consent", team=self.team.slug, pk=casus.pk)
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
        return redirect("cases:consent", team=self.team.slug, pk=casus.pk)

    def get_context_data(self, consent_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        if self.may_write() or consent_form is not None:
            context["consent_form"] = consent_form or ConsentForm(
                casus=casus, initial={"given_on": timezone.localdate()}
            )
            context["today"] = timezone.localdate()
        context.update(
            consent=consent_check(casus), consents=casus.consents.select_related("ouder")
        )
        return context


class AttachmentsPage(CaseFormPage):
    """The attachments of a case, and adding one."""

    template_name = "cases/attachments_page.html"
    audit_purpose = "bijlage toevoegen"

    @property
    def refusal(self):
        return _("U kunt bij deze casus geen bijlage toevoegen.")

    def may_write(self) -> bool:
        return attachments.may_add_attachment(self.request.user, self.casus)

    def handle_post(self, request, casus):
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show_again(attachment_form=form)
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
        return redirect("cases:attachments", team=self.team.slug, pk=casus.pk)

    def get_context_data(self, attachment_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.may_write() or attachment_form is not None:
            context["attachment_form"] = attachment_form or AttachmentForm()
        context["attachments"] = self.casus.bijlagen.select_related("uploaded_by")
        return context


class ScreeningPage(CaseFormPage):
    """The screening decision: for the screener and the voorzitter; the form while the case
    is in screening."""

    template_name = "cases/screening_page.html"
    audit_purpose = "screening vastleggen"

    @property
    def refusal(self):
        return _("Het screeningsbesluit nemen de screener en de voorzitter van het team.")

    def may_write(self) -> bool:
        return Cap.SCREEN_CASES in self.caps

    may_read = may_write

    def handle_post(self, request, casus):
        form = ScreeningForm(request.POST, casus=casus)
        if not form.is_valid():
            return self.show_again(screening_form=form)
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

    def get_context_data(self, screening_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.casus.state == CaseState.IN_SCREENING or screening_form is not None:
            context["screening_form"] = screening_form or ScreeningForm(casus=self.casus)
        context["crisis_message"] = services.CRISIS_MESSAGE
        return context


def offered_transitions(casus, caps) -> list[tuple[str, object]]:
    """The status steps the status page offers: the workflow table's steps from the case's
    state that the user's roles may take, except those with a page of their own (screening,
    closing)."""
    if casus.state == CaseState.IN_SCREENING:
        return []
    return [
        (to, TRANSITIONS[(casus.state, to)])
        for to in allowed_targets(casus.state)
        if to not in DEDICATED_TARGETS and TRANSITIONS[(casus.state, to)].capability in caps
    ]


class StatusPage(CaseFormPage):
    """A status step of the workflow table, with its reason."""

    template_name = "cases/status_page.html"
    audit_purpose = "status wijzigen"

    @property
    def refusal(self):
        return _("U mag in dit team geen stappen in de status van een casus zetten.")

    def may_write(self) -> bool:
        return services.may_move(self.request.user, self.casus)

    may_read = may_write

    def handle_post(self, request, casus):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.show_again(form=form)
        try:
            services.transition(
                casus,
                to=form.cleaned_data["to_state"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.show_again(refusal, form=form)
        label = CaseState(form.cleaned_data["to_state"]).label
        messages.success(request, _("De status is nu: %(state)s.") % {"state": label})
        return redirect("cases:detail", team=self.team.slug, pk=casus.pk)

    def form(self, data=None):
        return TransitionForm(data, offered=offered_transitions(self.casus, self.caps))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or self.form()
        return context

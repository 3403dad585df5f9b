"""Pages of the advies module; thin: reads via selectors, writes via services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import View

from passend.accounts.permissions import get_visible_or_404, has_capability
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.cases.consent_rules import age_on
from passend.cases.scoping import OWNER, resolve_child
from passend.cases.views import CaseMixin, CaseSectionView
from passend.cases.workflow import case_work_refusal, follow_up_refusal
from passend.core.pdf import pdf_response
from passend.core.refusals import InvalidInput, Refusal, add_message, add_to_form
from passend.meetings.selectors import team_members
from passend.regions.models import Organisation
from passend.socialmap import selectors as map_selectors
from passend.socialmap.forms.search import SearchForm
from passend.socialmap.picker import offer_details, region_offers
from passend.socialmap.views.search import RESULTS_PER_PAGE

from . import selectors, services
from .forms import (
    AdviesForm,
    AnswerForm,
    ClarificationForm,
    DeclarationForm,
    FollowUpForm,
    PlanFollowUpForm,
    SendForm,
)
from .models import Advies, Toelichtingsverzoek
from .pdf import render_letter


def find_advice(view, pk) -> Advies:
    """An advice of this case in the user's scope (the referrer: only sent ones); else 404
    and one denied entry naming the advice."""
    return resolve_child(
        view.request,
        selectors.advice_scope(view.request.user).filter(casus=view.casus),
        casus=view.casus,
        subject_type="advies",
        purpose=view.audit_purpose,
        pk=pk,
    )


class AdviceSectionView(CaseSectionView):
    case_tab = "advies"
    case_audience = OWNER  # the referrer sees sent advice of own cases

    def can(self, capability) -> bool:
        return has_capability(self.request.user, capability, self.team)

    def back(self):
        return redirect("advice:case", team=self.team.slug, pk=self.casus.pk)


# Tab forms: name -> (form class, who may post)
TAB_FORMS = {
    "goedkeuren": None,
    "versturen": SendForm,
    "belang": DeclarationForm,
    "toelichting": ClarificationForm,
    "antwoord": AnswerForm,
    "plannen": PlanFollowUpForm,
}


class CaseAdviesView(AdviceSectionView):
    """The 'Advies' tab: versions, the current one with status, flags, approval and sending,
    the letter, clarification requests and follow-ups."""

    template_name = "advice/case.html"
    audit_purpose = "advies bekijken"

    def allowed(self, formulier: str, advies: Advies) -> bool:
        casus, user = self.casus, self.request.user
        if formulier in ("goedkeuren", "versturen"):
            return self.can(Cap.APPROVE_ADVICE)
        if formulier == "belang":
            return self.can(Cap.VIEW_CASE_DATA)
        if formulier == "toelichting":
            return self.can(Cap.WORK_ON_CASES) or services.is_referrer(user, casus)
        if formulier == "antwoord":
            return self.can(Cap.WORK_ON_CASES)
        if formulier == "plannen":
            return self.can(Cap.DIRECT_PROCESS)
        return False

    def post(self, request, *args, **kwargs):
        formulier = request.POST.get("formulier", "")
        advies = find_advice(self, request.POST.get("advies") or 0)
        if formulier not in TAB_FORMS or not self.allowed(formulier, advies):
            self.refuse(_("U kunt dit onderdeel van het advies niet vastleggen."))
        if formulier == "goedkeuren":
            return self.run(
                lambda: services.approve_advice(advies, actor=request.user, request=request),
                _("Het advies is goedgekeurd."),
            )
        referrer = not self.can(Cap.WORK_ON_CASES)
        form_class = TAB_FORMS[formulier]
        form = (
            form_class(request.POST, referrer=referrer)
            if form_class is ClarificationForm
            else form_class(request.POST)
        )
        if form.is_valid():
            try:
                message = self.save(formulier, advies, form.cleaned_data)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, message)
                return self.back()
        forms = {f"{formulier}_form": form, "bound_advies": advies.pk}
        if formulier == "antwoord":
            forms["bound_verzoek"] = request.POST.get("verzoek")
        return self.render_to_response(self.get_context_data(**forms))

    def run(self, action, message):
        try:
            action()
        except Refusal as refusal:
            add_message(self.request, refusal)
        else:
            messages.success(self.request, message)
        return self.back()

    def save(self, formulier, advies, data) -> str:
        user, request = self.request.user, self.request
        if formulier == "versturen":
            services.send_advice(advies, actor=user, request=request, recipients=data["recipients"])
            return _(
                "Het advies is vastgelegd als verstuurd en de casus staat op 'advies "
                "uitgebracht'. Download de brief en verstuur die aan de ontvangers."
            )
        if formulier == "belang":
            expert = team_members(self.team).filter(pk=data["user"]).first()
            organisation = Organisation.objects.filter(pk=data["organisation"]).first()
            if expert is None or organisation is None:
                raise InvalidInput(errors={"user": _("Voor deze expert is geen belang gemeld.")})
            services.declare_interest(
                advies,
                actor=user,
                user=expert,
                organisation=organisation,
                decision=data["decision"],
                explanation=data["explanation"],
                request=request,
            )
            return _("De keuze over het belang is vastgelegd.")
        if formulier == "toelichting":
            services.ask_clarification(
                advies,
                actor=user,
                party=data.get("party", ""),
                question=data["question"],
                request=request,
            )
            return _("De vraag om toelichting is vastgelegd. Het team beantwoordt die.")
        if formulier == "antwoord":
            verzoek = get_visible_or_404(
                request,
                Toelichtingsverzoek.objects.filter(advies=advies),
                capability=Cap.VIEW_CASE_DATA,
                subject_type="toelichtingsverzoek",
                purpose="toelichting op advies geven",
                team=self.casus.team,
                pk=request.POST.get("verzoek"),
            )
            services.answer_clarification(
                verzoek, actor=user, answer=data["answer"], request=request
            )
            return _("Het antwoord is vastgelegd.")
        services.plan_follow_up(advies, actor=user, due_on=data["due_on"], request=request)
        return _("De follow-up is gepland.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        casus, user = self.casus, self.request.user
        team_member = self.can(Cap.VIEW_CASE_DATA)
        advices = selectors.advices_of_case(user, casus)
        current = advices[0] if advices else None
        context.update(
            advices=advices,
            current=current,
            team_member=team_member,
            can_work=self.can(Cap.WORK_ON_CASES),
            can_approve=self.can(Cap.APPROVE_ADVICE),
            can_direct=self.can(Cap.DIRECT_PROCESS),
            new_version_refusal=services.new_version_refusal(casus),
            work_refusal=case_work_refusal(casus) if team_member else None,
            is_referrer=services.is_referrer(user, casus),
            may_record_follow_up=services.may_record_follow_up(user, casus),
            follow_up_refusal=follow_up_refusal(casus),
            today=timezone.localdate(),
        )
        if current is None:
            return context
        flags = selectors.conflict_flags(current) if team_member else []
        context.update(
            flags=flags,
            open_flags=[f for f in flags if not f.resolved],
            declarations=current.belangenverklaringen.select_related(
                "user", "organisation", "recorded_by"
            )
            if team_member
            else [],
            chosen_offers=offer_details(
                current.chosen_offers.select_related("organisation__profiel"), self.team
            ),
            edit_refusal=services.edit_refusal(current),
            approval_refusal=services.approval_refusal(current) if team_member else None,
            send_refusal=services.send_refusal(current) if team_member else None,
            clarifications=current.toelichtingsverzoeken.select_related("asked_by", "answered_by"),
            follow_ups=current.opvolgingen.select_related("done_by"),
            send_form=kwargs.get("versturen_form")
            or SendForm(initial={"recipients": current.recipients}),
            clarification_form=kwargs.get("toelichting_form")
            or ClarificationForm(referrer=not context["can_work"]),
            plan_form=kwargs.get("plannen_form") or PlanFollowUpForm(),
            declaration_form=kwargs.get("belang_form"),
            answer_form=kwargs.get("antwoord_form"),
            bound_verzoek=str(kwargs.get("bound_verzoek") or ""),
        )
        return context


class AdviesEditView(AdviceSectionView):
    """Draft a new version or edit the current draft (grouped fieldsets)."""

    template_name = "advice/advies_form.html"
    audit_purpose = "advies opstellen"

    @cached_property
    def advies(self) -> Advies:
        if "advies" in self.kwargs:
            return find_advice(self, self.kwargs["advies"])
        return services.new_advice(self.casus, actor=self.request.user)

    def refusal(self):
        if self.advies.pk is None:
            return services.new_version_refusal(self.casus)
        return services.edit_refusal(self.advies)

    def get(self, request, *args, **kwargs):
        self.require(services.check_may_draft, self.casus, actor=request.user)
        return self.render_to_response(self.get_context_data(form=self.initial_form()))

    def post(self, request, *args, **kwargs):
        self.require(services.check_may_draft, self.casus, actor=request.user)
        form = AdviesForm(request.POST, team=self.team)
        if not self.refusal() and form.is_valid():
            try:
                services.save_advice(
                    self.advies,
                    actor=request.user,
                    data=form.content(),
                    providers=form.cleaned_data["candidate_providers"],
                    request=request,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(
                    request,
                    _("Advies versie %(version)d is opgeslagen.")
                    % {"version": self.advies.version},
                )
                if "aanbod_kiezen" in request.POST:  # saved first: nothing typed is lost
                    return redirect(
                        "advice:offers",
                        team=self.team.slug,
                        pk=self.casus.pk,
                        advies=self.advies.pk,
                    )
                return self.back()
        return self.render_to_response(self.get_context_data(form=form))

    def stored(self) -> tuple[list, list]:
        """The chosen offers and the intended providers of this version (or copied)."""
        advies = self.advies
        if advies.pk:
            return list(advies.chosen_offers.all()), list(advies.candidate_providers.all())
        return getattr(advies, "_copied_offers", []), getattr(advies, "_copied_providers", [])

    def initial_form(self):
        advies = self.advies
        initial = {
            name: getattr(advies, name)
            for name in AdviesForm.base_fields
            if name != "candidate_providers"
        }
        offers, providers = self.stored()
        derived = {o.organisation_id for o in offers}
        # The providers of the chosen offers come with them; the form asks for the others.
        initial["candidate_providers"] = [p for p in providers if p.pk not in derived]
        return AdviesForm(initial=initial, team=self.team)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(advies=self.advies, refusal=self.refusal())
        offers, _providers = self.stored()
        context["chosen_offers"] = offer_details(offers, self.team)
        return context


class FollowUpView(AdviceSectionView):
    """Record the follow-up of a sent advice (procesregisseur, voorzitter or the referrer)."""

    template_name = "advice/follow_up_form.html"
    audit_purpose = "follow-up advies vastleggen"

    @cached_property
    def advies(self) -> Advies:
        return find_advice(self, self.kwargs["advies"])

    def closed(self):
        """A case without follow-up (closed): back to the advice tab with the reason."""
        refusal = follow_up_refusal(self.casus)
        if refusal:
            messages.error(self.request, refusal)
            return self.back()
        return None

    def get(self, request, *args, **kwargs):
        self.require(services.check_may_record_follow_up, self.casus, actor=request.user)
        closed = self.closed()
        if closed:
            return closed
        form = FollowUpForm(initial={"done_on": timezone.localdate()})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.require(services.check_may_record_follow_up, self.casus, actor=request.user)
        closed = self.closed()
        if closed:
            return closed
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                _follow_up, moved = services.record_follow_up(
                    self.advies, actor=request.user, request=request, **form.cleaned_data
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                message = _("De follow-up is vastgelegd.")
                if moved:
                    message += " " + _("De casus staat nu in follow-up.")
                messages.success(request, message)
                return self.back()
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            advies=self.advies,
            open_follow_up=self.advies.opvolgingen.filter(done_on__isnull=True).first(),
        )
        return context


class LetterView(CaseMixin, AuditedView, View):
    """The advice letter as PDF; printing personal data is logged. The referrer gets only
    the letter of a sent advice; the team may print a draft (marked CONCEPT)."""

    http_method_names = ["get"]
    case_audience = OWNER
    audit_subject_type = "casus"
    audit_purpose = "adviesbrief afdrukken"
    audit_action = "print"

    def get(self, request, *args, **kwargs):
        return letter_response(self, find_advice(self, self.kwargs["advies"]))


def letter_response(view, advies: Advies):
    def make() -> bytes:
        pdf = render_letter(advies)
        view.audit(advies.casus)  # logged only when the letter is shown
        return pdf

    return pdf_response(make, filename=f"advies-{advies.casus.reference}-v{advies.version}.pdf")


class OfferPickerView(AdviceSectionView):
    """Choose the offers of a draft from the social map: the map's search (need, age,
    municipality, text; paginated) with "Toevoegen" per result, and the chosen list with
    "Verwijderen". Plain GET search and POST add/remove with a redirect back; htmx only swaps
    the picker in place (the template's hx-select)."""

    template_name = "advice/offer_picker.html"
    audit_purpose = "advies opstellen"

    @cached_property
    def advies(self) -> Advies:
        return find_advice(self, self.kwargs["advies"])

    def picker_url(self, query: str = "") -> str:
        url = reverse(
            "advice:offers",
            kwargs={"team": self.team.slug, "pk": self.casus.pk, "advies": self.advies.pk},
        )
        return f"{url}?{query}" if query else url

    def get(self, request, *args, **kwargs):
        self.require(services.check_may_draft, self.casus, actor=request.user)
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.require(services.check_may_draft, self.casus, actor=request.user)
        offer = (
            region_offers(self.team, active_only=False)
            .filter(
                pk=request.POST.get("aanbod")
                if str(request.POST.get("aanbod", "")).isdigit()
                else 0
            )
            .first()
        )
        action = request.POST.get("actie")
        if offer is None or action not in ("toevoegen", "verwijderen"):
            messages.error(request, _("Kies een aanbod uit de lijst."))
        else:
            try:
                services.change_offer(
                    self.advies,
                    actor=request.user,
                    offer=offer,
                    chosen=action == "toevoegen",
                    request=request,
                )
            except Refusal as refusal:
                add_message(request, refusal)
        # Back to the same search: the query is parsed and encoded again, never echoed.
        query = QueryDict(request.POST.get("zoekopdracht", "")).copy()
        return redirect(self.picker_url(query.urlencode()))

    def search_form(self) -> SearchForm:
        submitted = any(name in self.request.GET for name in SearchForm.base_fields)
        if submitted:
            return SearchForm(self.request.GET, team=self.team)
        # First visit: the young person's age and municipality, as the family would enter.
        casus, data = self.casus, {}
        if casus.birth_date:
            data["leeftijd"] = age_on(casus.birth_date, timezone.localdate())
        if casus.gemeente_id:
            data["gemeente"] = casus.gemeente_id
        return SearchForm(data, team=self.team)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        advies, user = self.advies, self.request.user
        chosen = list(advies.chosen_offers.select_related("organisation"))
        form = self.search_form()
        context.update(
            advies=advies,
            refusal=services.edit_refusal(advies),
            form=form,
            chosen_offers=offer_details(chosen, self.team),
            chosen_ids={o.pk for o in chosen},
            full_query=self.request.GET.urlencode(),
            stale_weeks=self.team.waiting_time_stale_weeks,
        )
        if form.is_valid():
            results = map_selectors.search(user, self.team, form.criteria(), timezone.localdate())
            page = Paginator(results, RESULTS_PER_PAGE).get_page(self.request.GET.get("pagina"))
            context.update(page=page, results=page.object_list)
        return context

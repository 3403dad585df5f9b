"""Pages of the procesregie module; thin: reads via selectors, writes via services.

A case's record comes from ``case_child`` (not of this case: 404 and one denied entry naming
the record). A refusal of a service lands on the form that was sent (``add_to_form``, with
everything entered) or, for a button, as a message on the next page (``add_message``).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.cases.scoping import TEAM
from passend.cases.views import CaseMixin, CaseSectionView
from passend.cases.workflow import case_work_refusal
from passend.core.refusals import Refusal, add_message, add_to_form
from passend.regions.views import TeamMixin

from . import selectors, services
from .codes import WLZ_EXPLANATION, ActionStatus
from .forms import ActionForm, EscalationForm, GoalForm, RegiegesprekForm, ToekomstplanForm
from .models import Actie, Doel, Escalatie, Regiegesprek


class CaseProcesregieView(CaseSectionView):
    """The 'Procesregie' tab: casusregie and alerts, plan van aanpak, escalations, meetings."""

    template_name = "procesregie/case.html"
    case_tab = "procesregie"
    audit_purpose = "procesregie bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        casus, user = self.casus, self.request.user
        today = timezone.localdate()
        plan = selectors.toekomstplan_for(casus)
        groups, loose = selectors.plan_van_aanpak(casus, today)
        director = selectors.expected_director(casus, today)
        context.update(
            today=today,
            director=director,
            director_label=selectors.DIRECTOR_LABELS[director.director] if director else "",
            age_alerts=selectors.age_alerts_for(casus, today, has_plan=plan is not None),
            wlz_explanation=WLZ_EXPLANATION,
            term_groups=groups,
            loose_actions=loose,
            escalations=selectors.escalations_for(casus),
            regiegesprekken=selectors.regiegesprekken_for(casus),
            toekomstplan=plan,
            show_toekomstplan=plan is not None or selectors.shows_toekomstplan(casus, today),
            may_direct=services.may_record(user, casus, services.GOAL),
            may_work=services.may_record(user, casus, services.ACTION),
            # Escalations, regiegesprekken and the toekomstplan also need the consent.
            may_share=services.may_record(user, casus, services.ESCALATION),
            may_plan_future=services.may_record(user, casus, services.TOEKOMSTPLAN),
            consent_refusal=None if casus.is_draft else case_work_refusal(casus),
        )
        return context


class ProcesregieFormView(CaseSectionView):
    """A form page of the Procesregie tab. Subclasses set the form, the kind of work (who
    may use it: the service's own predicate) and `save()`; a refusal comes back with Dutch
    messages next to the fields and everything entered kept."""

    template_name = "procesregie/form.html"
    case_tab = "procesregie"
    form_class = None
    kind = services.GOAL
    heading = ""
    intro = ""
    success_message = ""

    def require_right(self) -> None:
        self.require(services.check_right, self.casus, actor=self.request.user, kind=self.kind)

    def form_kwargs(self) -> dict:
        return {}

    def initial(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        self.require_right()
        form = self.form_class(initial=self.initial(), **self.form_kwargs())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.require_right()
        form = self.form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, self.success_message)
                return redirect("procesregie:case", team=self.team.slug, pk=self.casus.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.heading, intro=self.intro)
        return context

    def record(self, queryset, kwarg: str):
        """A record of this case (404 + one denied entry naming it otherwise)."""
        return self.case_child(queryset, subject_type=queryset.model._meta.model_name, kwarg=kwarg)


class GoalCreateView(ProcesregieFormView):
    form_class = GoalForm
    audit_purpose = "plan van aanpak: doel"
    heading = gettext_lazy("Doel toevoegen")
    intro = gettext_lazy(
        "Formuleer samen met de jeugdige en betrokkenen wat er op korte, middellange en lange "
        "termijn bereikt moet zijn."
    )
    success_message = gettext_lazy("Het doel is toegevoegd aan het plan van aanpak.")

    def save(self, data):
        services.goal_save(self.casus, actor=self.request.user, request=self.request, **data)


class GoalUpdateView(GoalCreateView):
    heading = gettext_lazy("Doel wijzigen")
    success_message = gettext_lazy("Het doel is gewijzigd.")

    @cached_property
    def goal(self) -> Doel:
        return self.record(Doel.objects.all(), "goal")

    def initial(self):
        g = self.goal
        return {"term": g.term, "description": g.description, "achieved_on": g.achieved_on}

    def save(self, data):
        services.goal_save(
            self.casus, actor=self.request.user, request=self.request, goal=self.goal, **data
        )


class ActionCreateView(ProcesregieFormView):
    form_class = ActionForm
    audit_purpose = "plan van aanpak: actie"
    heading = gettext_lazy("Actie toevoegen")
    intro = gettext_lazy(
        "Wie doet wat, en wanneer is het klaar? Kies een teamlid, of vul de naam in van iemand "
        "buiten het team (bijvoorbeeld de casusregisseur)."
    )
    success_message = gettext_lazy("De actie is toegevoegd.")
    kind = services.ACTION

    def form_kwargs(self):
        return {"casus": self.casus}

    def initial(self):
        return {"status": ActionStatus.OPEN, "goal": self.request.GET.get("doel")}

    def save(self, data):
        services.action_save(self.casus, actor=self.request.user, request=self.request, **data)


class ActionUpdateView(ActionCreateView):
    heading = gettext_lazy("Actie wijzigen")
    success_message = gettext_lazy("De actie is gewijzigd.")

    @cached_property
    def action(self) -> Actie:
        return self.record(Actie.objects.all(), "action")

    def initial(self):
        a = self.action
        return {
            "description": a.description,
            "goal": a.goal_id,
            "owner": a.owner_id,
            "owner_name": a.owner_name or "",
            "deadline": a.deadline,
            "status": a.status,
        }

    def save(self, data):
        services.action_save(
            self.casus, actor=self.request.user, request=self.request, action=self.action, **data
        )


class ActionDoneView(CaseMixin, AuditedView, View):
    """POST: mark an action done, from the case tab or from 'Mijn acties'."""

    http_method_names = ["post"]
    case_audience = TEAM
    audit_subject_type = "casus"
    audit_purpose = "plan van aanpak: actie gedaan"

    def post(self, request, *args, **kwargs):
        casus = self.casus
        action = self.case_child(Actie.objects.all(), subject_type="actie", kwarg="action")
        action.casus = casus
        self.require(services.check_may_complete, action, actor=request.user)
        try:
            services.action_complete(action, actor=request.user, request=request)
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(request, _("De actie is afgerond."))
        if request.POST.get("terug") == "mijn-acties":
            return redirect("procesregie:my-actions", team=self.team.slug)
        return redirect("procesregie:case", team=self.team.slug, pk=casus.pk)


class EscalationCreateView(ProcesregieFormView):
    form_class = EscalationForm
    audit_purpose = "opschalen"
    heading = gettext_lazy("Opschalen")
    intro = gettext_lazy(
        "Loopt de casus vast? Schaal op naar een hoger niveau: van casusregisseur naar "
        "procesregisseur, het expertteam, het bovenregionaal expertisecentrum, het CCE of het "
        "landelijk ondersteuningsteam. Leg de reden vast en later de uitkomst."
    )
    success_message = gettext_lazy("De escalatie is vastgelegd.")
    kind = services.ESCALATION

    def initial(self):
        return {"escalated_on": timezone.localdate()}

    def save(self, data):
        services.escalate(self.casus, actor=self.request.user, request=self.request, **data)


class EscalationUpdateView(EscalationCreateView):
    heading = gettext_lazy("Escalatie en uitkomst")
    intro = gettext_lazy("Leg de uitkomst van de escalatie vast, met de datum.")
    success_message = gettext_lazy("De escalatie is bijgewerkt.")

    @cached_property
    def escalation(self) -> Escalatie:
        return self.record(Escalatie.objects.all(), "escalation")

    def initial(self):
        e = self.escalation
        return {
            name: getattr(e, name)
            for name in (
                "from_level",
                "to_level",
                "reason",
                "escalated_on",
                "outcome",
                "outcome_on",
            )
        }

    def save(self, data):
        services.escalation_update(
            self.escalation, actor=self.request.user, request=self.request, **data
        )


class RegiegesprekCreateView(ProcesregieFormView):
    form_class = RegiegesprekForm
    audit_purpose = "regiegesprek"
    heading = gettext_lazy("Regiegesprek vastleggen")
    intro = gettext_lazy(
        "Een gestructureerd overleg in vier stappen: voorbereiding, beeldvorming, "
        "oordeelsvorming en besluitvorming."
    )
    success_message = gettext_lazy("Het regiegesprek is vastgelegd.")
    kind = services.REGIEGESPREK

    def initial(self):
        return {"held_on": timezone.localdate()}

    def save(self, data):
        services.regiegesprek_save(
            self.casus, actor=self.request.user, request=self.request, **data
        )


class RegiegesprekUpdateView(RegiegesprekCreateView):
    heading = gettext_lazy("Regiegesprek wijzigen")
    success_message = gettext_lazy("Het regiegesprek is gewijzigd.")

    @cached_property
    def gesprek(self) -> Regiegesprek:
        return self.record(Regiegesprek.objects.all(), "gesprek")

    def initial(self):
        return {name: getattr(self.gesprek, name) for name in RegiegesprekForm.base_fields}

    def save(self, data):
        services.regiegesprek_save(
            self.casus, actor=self.request.user, request=self.request, gesprek=self.gesprek, **data
        )


class ToekomstplanView(ProcesregieFormView):
    template_name = "procesregie/toekomstplan_form.html"
    form_class = ToekomstplanForm
    audit_purpose = "toekomstplan"
    success_message = gettext_lazy("Het toekomstplan is opgeslagen.")
    kind = services.TOEKOMSTPLAN

    def initial(self):
        return ToekomstplanForm.initial_from(selectors.toekomstplan_for(self.casus))

    def save(self, data):
        services.toekomstplan_save(
            self.casus,
            actor=self.request.user,
            request=self.request,
            rows=self.form.rows(),
            **self.form.plan_fields(),
        )


class MyActionsView(TeamMixin, AuditedView, TemplateView):
    """'Mijn acties': the user's open actions across the team's cases, overdue first."""

    template_name = "procesregie/my_actions.html"
    team_capability = Cap.VIEW_CASE_DATA
    team_purpose = "mijn acties"
    audit_subject_type = "casus"
    audit_purpose = "mijn acties bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        actions = list(selectors.my_actions(self.request.user, self.team, today=today))
        for action in actions:
            action.overdue = action.is_overdue(today)
        self.audit(*{a.casus for a in actions})
        context.update(actions=actions, today=today)
        return context

"""The AVG page of a case (teams/<team>/casussen/<pk>/avg/): the persons of the case with their
export (JSON, PDF), the erasure form (perform or refuse on a ground), and the history of
requests. For the voorzitter and the beheerder only (Cap.HANDLE_PRIVACY_REQUESTS); the case
is found through the one case scope with the PRIVACY audience, so the beheerder (who does
not see case data otherwise) reaches it here too."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.cases.scoping import PRIVACY, CaseScopeMixin
from passend.cases.selectors import case_scope
from passend.core.refusals import Refusal, add_to_form
from passend.regions.views import TeamMixin

from .. import avg, avg_data
from ..avg_pdf import export_filename, export_pdf_response

PERFORM = "uitvoeren"
REFUSE = "weigeren"


class ErasureForm(forms.Form):
    """An erasure request: perform it, or refuse it on a ground with an explanation."""

    refusal_field_names = {"refuse_ground": "ground"}
    conditionally_required = frozenset({"ground", "explanation"})  # when refusing

    person = forms.ChoiceField(label=gettext_lazy("Verzoek van"))
    received_on = forms.DateField(
        label=gettext_lazy("Verzoek ontvangen op"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decision = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        widget=forms.RadioSelect,
        choices=[
            (PERFORM, gettext_lazy("Uitvoeren: de gegevens verwijderen")),
            (REFUSE, gettext_lazy("Weigeren op een wettelijke grond")),
        ],
    )
    ground = forms.ChoiceField(
        label=gettext_lazy("Grond voor de weigering"),
        required=False,
        choices=[("", gettext_lazy("Kies een grond")), *avg.Weigeringsgrond.choices],
        help_text=gettext_lazy("Alleen bij weigeren."),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Toelichting op de weigering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Alleen bij weigeren; verplicht. Deze uitleg krijgt de betrokkene."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Ik heb het verzoek en de identiteit van de verzoeker gecontroleerd. Verwijderen "
            "kan niet ongedaan worden gemaakt."
        )
    )

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p["key"], f"{p['name']} ({p['role']})") for p in persons]

    def clean(self):
        data = super().clean()
        if data.get("decision") == REFUSE:
            if not data.get("ground"):
                self.add_error("ground", _("Kies een grond voor de weigering uit de lijst."))
            if not (data.get("explanation") or "").strip():
                self.add_error("explanation", _("Leg uit waarom het verzoek wordt geweigerd."))
        return data


class _AvgCase(CaseScopeMixin, AuditedView):
    team_capability = Cap.HANDLE_PRIVACY_REQUESTS
    team_purpose = "AVG-verzoek afhandelen"
    case_audience = PRIVACY
    audit_subject_type = "casus"
    audit_purpose = "AVG-verzoek afhandelen"


class AvgCaseView(_AvgCase, TemplateView):
    template_name = "privacy/avg_case.html"

    def get(self, request, *args, **kwargs):
        self.audit(self.casus)
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        casus = self.casus
        form = ErasureForm(request.POST, persons=avg_data.persons_of(casus))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        refusing = data["decision"] == REFUSE
        try:
            verzoek = avg.erase_person(
                casus,
                person=data["person"],
                actor=request.user,
                request=request,
                refuse_ground=data["ground"] if refusing else "",
                explanation=data["explanation"] if refusing else "",
                received_on=data["received_on"],
            )
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.render_to_response(self.get_context_data(form=form))
        if verzoek.status == avg.AvgVerzoekStatus.GEWEIGERD:
            messages.success(request, _("De weigering en de grond zijn vastgelegd."))
        else:
            messages.success(
                request, _("De gegevens zijn verwijderd en het verzoek is vastgelegd.")
            )
        return redirect("privacy:avg-case", team=self.team.slug, pk=casus.pk)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        persons = avg_data.persons_of(casus)
        context.update(
            casus=casus,
            persons=persons,
            form=form
            or ErasureForm(persons=persons, initial={"received_on": timezone.localdate()}),
            requests=[
                {
                    "verzoek": r,
                    "person": avg.person_label(casus, r.person),
                    "ground": avg.ground_label(r.refusal_ground),
                }
                for r in avg.requests_of(casus)
            ],
            may_erase=casus.state in avg.CLOSED_STATES and casus.anonymised_at is None,
            case_visible=Cap.VIEW_CASE_DATA in context["team_caps"],
        )
        return context


class AvgExportView(_AvgCase, View):
    """Download the export of one person (?persoon=jeugdige or ouder:<id>) as JSON or PDF.
    The service logs it (action export, purpose AVG-inzage) and records the request."""

    http_method_names = ["get"]
    export_format = "json"
    audit_purpose = "AVG-inzage"

    def get(self, request, *args, **kwargs):
        try:
            data = avg.export_person(
                self.casus,
                person=request.GET.get("persoon", ""),
                actor=request.user,
                request=request,
            )
        except Refusal as refusal:
            return HttpResponse(
                refusal.message, status=refusal.status, content_type="text/plain; charset=utf-8"
            )
        if self.export_format == "pdf":
            return export_pdf_response(data)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{export_filename(data, "json")}"'
        return response


class AvgTeamView(TeamMixin, AuditedView, TemplateView):
    """The team's AVG requests (newest first) and finding a case by its number, for the
    beheerder who does not see the case list. Shows case numbers and codes only."""

    template_name = "privacy/avg_team.html"
    team_capability = Cap.HANDLE_PRIVACY_REQUESTS
    team_purpose = "AVG-verzoeken bekijken"
    personal_data = False

    def get(self, request, *args, **kwargs):
        reference = (request.GET.get("casusnummer") or "").strip()[:20]
        if reference:
            casus = (
                case_scope(request.user, audience=PRIVACY)
                .filter(team=self.team, reference=reference)
                .first()
            )
            if casus is not None:
                return redirect("privacy:avg-case", team=self.team.slug, pk=casus.pk)
        context = self.get_context_data(reference=reference, not_found=bool(reference))
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = avg.team_requests(self.team)[:50]
        return context

"""Forms for the case work on the overview tab: perspectief, casusregie, closure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from ..codes import ClosureOutcome, ConsultationType, Plaatsingsroute, Woonsituatie
from ..services import open_work_problems
from ..workflow import closure_problems


class PerspectiveForm(forms.Form):
    youth_wish = forms.CharField(
        label=_("Wat wil je?"),
        help_text=_("In de woorden van de jeugdige zelf."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    youth_struggle = forms.CharField(
        label=_("Waar loop je tegenaan?"),
        help_text=_("In de woorden van de jeugdige zelf."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    family_wish = forms.CharField(
        label=_("Veranderwens van het gezin"),
        help_text=_("Wat willen ouders en gezin dat er verandert?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CaseDirectionForm(forms.Form):
    consultation_type = forms.ChoiceField(
        label=_("Soort traject"),
        choices=[("", _("nog niet gekozen")), *ConsultationType.choices],
        required=False,
    )
    placed_by = forms.CharField(
        label=_("Plaatsende instantie"),
        help_text=_("Alleen als de jeugdige geplaatst is: die instantie heeft de casusregie."),
        required=False,
        max_length=200,
    )
    in_closed_youth_care = forms.BooleanField(
        label=_("Verblijft in gesloten jeugdhulp"), required=False
    )
    wlz_transition = forms.BooleanField(label=_("Overgang Jeugdwet–Wlz speelt"), required=False)


class ClosureForm(forms.Form):
    # Required with some outcomes (the hint says which): no "(niet verplicht)" label.
    conditionally_required = frozenset({"placement_route"})

    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=ClosureOutcome.choices, widget=forms.RadioSelect
    )
    fitting_place_on = forms.DateField(
        label=_("Passende plek bereikt op"),
        required=False,
        widget=DateInput(),
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    living_situation_at_closure = forms.ChoiceField(
        label=_("Waar woont de jeugdige nu?"),
        choices=[("", _("Kies een woonsituatie")), *Woonsituatie.choices],
        help_text=_("De woonsituatie bij het afsluiten."),
        error_messages={"required": _("Kies waar de jeugdige woont bij het afsluiten.")},
    )
    placement_route = forms.ChoiceField(
        label=_("Geplaatst via"),
        choices=[("", _("niet van toepassing")), *Plaatsingsroute.choices],
        required=False,
        help_text=_(
            "Verplicht bij 'passende plek bereikt' en 'crisisplaatsing': via wie de jeugdige "
            "op de plek kwam."
        ),
    )

    open_actions = forms.ChoiceField(
        label=_("Wat gebeurt er met de open acties?"),
        choices=[
            ("vervallen", _("Laten vervallen: ze worden niet meer uitgevoerd")),
            ("overdragen", _("Overdragen: een teamlid rondt ze af na het afsluiten")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    new_owner = forms.ModelChoiceField(
        label=_("Overdragen aan"),
        help_text=_("Alleen bij overdragen."),
        queryset=None,
        required=False,
        empty_label=_("Kies een teamlid"),
    )
    withdraw_clarifications = forms.BooleanField(
        label=_("Trek de onbeantwoorde vragen om toelichting in"),
        help_text=_("Of beantwoord ze eerst op het tabblad Advies."),
        required=False,
    )

    def __init__(self, *args, work, owners, **kwargs):
        """`work`: what is still open (services.open_work); `owners`: who may take over an
        action. The choices are asked only for what is open."""
        super().__init__(*args, **kwargs)
        self.work = work
        # Asked only for what is open, and then required (the service's rule gives the text).
        problems = open_work_problems(work, "", False)
        if work.actions:
            self.fields["new_owner"].queryset = owners
            self.fields["open_actions"].required = True
            self.fields["open_actions"].error_messages["required"] = problems["open_actions"]
        else:
            del self.fields["open_actions"], self.fields["new_owner"]
        if work.clarifications:
            field = self.fields["withdraw_clarifications"]
            field.required = True
            field.error_messages["required"] = problems["withdraw_clarifications"]
        else:
            del self.fields["withdraw_clarifications"]

    OPEN_WORK_FIELDS = ("open_actions", "new_owner", "withdraw_clarifications")

    def closure_fields(self):
        return [f for f in self if f.name not in self.OPEN_WORK_FIELDS]

    def open_work_fields(self):
        return [f for f in self if f.name in self.OPEN_WORK_FIELDS]

    def clean(self):
        data = super().clean()
        if "outcome" in data:  # an invalid choice already has its message
            problems = closure_problems(
                data["outcome"],
                data.get("fitting_place_on"),
                data.get("reason", ""),
                living_situation_at_closure=data.get("living_situation_at_closure", ""),
                placement_route=data.get("placement_route", ""),
            )
            for name, message in problems.items():
                if name not in self.errors:
                    self.add_error(name, message)
        if data.get("open_actions") == "overdragen" and not data.get("new_owner"):
            self.add_error("new_owner", _("Kies aan wie de open acties worden overgedragen."))
        problems = open_work_problems(
            self.work, data.get("open_actions", ""), data.get("withdraw_clarifications", False)
        )
        for name, message in problems.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

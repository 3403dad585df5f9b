"""Forms of the procesregie pages. The rules live in ``rules`` and the services: a refusal of
the service is put on the form (``core.refusals.add_to_form``), next to the field it names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from .codes import (
    DOUBLE_CHECK,
    ActionStatus,
    Answer,
    ArrangementStatus,
    FutureDomain,
    Level,
    Term,
)
from .rules import OWNER_NOT_IN_TEAM
from .selectors import team_members

DATE = DateInput()


def _text(label, *, required=False, rows=3, max_length=4000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class GoalForm(forms.Form):
    term = forms.ChoiceField(label=_("Termijn"), choices=Term.choices, widget=forms.RadioSelect)
    description = _text(_("Doel"), required=True, max_length=2000)
    achieved_on = forms.DateField(label=_("Bereikt op"), required=False, widget=DATE)


class ActionForm(forms.Form):
    description = _text(_("Actie"), required=True, max_length=2000)
    goal = forms.ModelChoiceField(
        label=_("Hoort bij doel"), queryset=None, required=False, empty_label=_("geen doel")
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar (teamlid)"), queryset=None, required=False, empty_label="–"
    )
    owner_name = forms.CharField(
        label=_("Of: eigenaar buiten het team"),
        help_text=_("Naam en organisatie, bijvoorbeeld de casusregisseur van de GI."),
        required=False,
        max_length=150,
    )
    deadline = forms.DateField(label=_("Uiterlijk op"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.casus = casus
        self.fields["goal"].queryset = casus.goals.all()
        self.fields["goal"].label_from_instance = lambda g: (
            f"{g.get_term_display()}: {g.description[:80]}"
        )
        self.fields["owner"].queryset = team_members(casus.team)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["owner"].error_messages["invalid_choice"] = OWNER_NOT_IN_TEAM


class EscalationForm(forms.Form):
    from_level = forms.ChoiceField(label=_("Van"), choices=Level.choices)
    to_level = forms.ChoiceField(label=_("Naar"), choices=Level.choices)
    reason = _text(_("Reden van opschalen"), required=True)
    escalated_on = forms.DateField(label=_("Opgeschaald op"), widget=DATE)
    outcome = _text(_("Uitkomst"))
    outcome_on = forms.DateField(label=_("Uitkomst op"), required=False, widget=DATE)


class RegiegesprekForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    participants = _text(
        _("Deelnemers"), required=True, rows=2, help_text=_("Wie zaten er aan tafel, namens wie?")
    )
    voorbereiding = _text(
        _("Voorbereiding"), help_text=_("Welke informatie is vooraf verzameld, wie is uitgenodigd?")
    )
    beeldvorming = _text(
        _("Beeldvorming"), help_text=_("Wat is er aan de hand? Het perspectief van de jeugdige.")
    )
    oordeelsvorming = _text(
        _("Oordeelsvorming"), help_text=_("Wat vinden we ervan, welke oplossingsrichtingen?")
    )
    besluitvorming = _text(
        _("Besluitvorming"),
        help_text=_("Wat is besloten, wie doet wat (neem acties op in het plan)?"),
    )


class ToekomstplanForm(forms.Form):
    """The plan, one fieldset per life domain, and the checkdubbelcheck."""

    dream = _text(
        _("Droom en wens van de jongere"),
        help_text=_("Het perspectief van de jongere is leidend: wat wil hij of zij bereiken?"),
    )
    treatment_plan = _text(
        _("Koppeling met het behandelplan"),
        rows=2,
        help_text=_(
            "Apart van het behandelplan, maar ermee verbonden: waar staat het, wat sluit aan?"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for domain in FutureDomain:
            self.fields[f"{domain.value}_supporter"] = forms.CharField(
                label=_("Wie ondersteunt"), required=False, max_length=1000
            )
            self.fields[f"{domain.value}_arrangement"] = _text(
                _("Wat is er geregeld of nodig"), rows=2, max_length=2000
            )
            self.fields[f"{domain.value}_status"] = forms.ChoiceField(
                label=_("Stand van zaken"),
                choices=ArrangementStatus.choices,
                initial=ArrangementStatus.NIET_GEREGELD,
            )
        for name, question in DOUBLE_CHECK:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=[("", _("nog niet beantwoord")), *Answer.choices],
                required=False,
            )
        self.fields["check_notes"] = _text(_("Toelichting bij de dubbelcheck"), rows=2)

    def domains(self):
        """(label, [bound fields]) per life domain, for the template."""
        return [
            (
                domain.label,
                [self[f"{domain.value}_{part}"] for part in ("supporter", "arrangement", "status")],
            )
            for domain in FutureDomain
        ]

    def check_fields(self):
        return [self[name] for name, _question in DOUBLE_CHECK] + [self["check_notes"]]

    def plan_fields(self) -> dict:
        data = self.cleaned_data
        names = ["dream", "treatment_plan", "check_notes", *(n for n, _q in DOUBLE_CHECK)]
        return {name: data[name] for name in names}

    def rows(self) -> dict:
        data = self.cleaned_data
        return {
            domain.value: {
                part: data[f"{domain.value}_{part}"]
                for part in ("supporter", "arrangement", "status")
            }
            for domain in FutureDomain
        }

    @staticmethod
    def initial_from(plan) -> dict:
        if plan is None:
            return {}
        initial = {
            name: getattr(plan, name) or ""
            for name in ("dream", "treatment_plan", "check_notes", *(n for n, _q in DOUBLE_CHECK))
        }
        for row in plan.rows.all():
            initial[f"{row.domain}_supporter"] = row.supporter or ""
            initial[f"{row.domain}_arrangement"] = row.arrangement or ""
            initial[f"{row.domain}_status"] = row.status
        return initial

"""Forms for the case work on the overview tab: perspectief, casusregie, closure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from ..codes import ClosureOutcome, ConsultationType
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

    def clean(self):
        data = super().clean()
        if "outcome" in data:  # an invalid choice already has its message
            problems = closure_problems(
                data["outcome"], data.get("fitting_place_on"), data.get("reason", "")
            )
            for name, message in problems.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from .models import Outcome


class AccessLogFilterForm(forms.Form):
    soort = forms.CharField(label=_("Soort gegeven"), required=False, max_length=40)
    kenmerk = forms.CharField(label=_("Kenmerk"), required=False, max_length=64)
    gebruiker = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("alle")), *Outcome.choices]
    )
    van = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-01-31.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-01-31.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data

    def selector_filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "subject_type": data.get("soort", ""),
            "subject_id": data.get("kenmerk", ""),
            "username": data.get("gebruiker", ""),
            "outcome": data.get("uitkomst", ""),
            "date_from": data.get("van"),
            "date_until": data.get("tot"),
        }

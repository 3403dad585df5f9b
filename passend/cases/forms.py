from django import forms
from django.utils.translation import gettext_lazy as _

from passend.regions.models import Gemeente

from .codes import CaseState, ReferrerType
from .selectors import AGE_GROUPS, CaseFilters


class CaseFilterForm(forms.Form):
    naam = forms.CharField(label=_("Naam jeugdige"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("alle")), *CaseState.choices]
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), required=False, queryset=Gemeente.objects.none(), empty_label=_("alle")
    )
    verwijzer = forms.ChoiceField(
        label=_("Soort verwijzer"), required=False, choices=[("", _("alle")), *ReferrerType.choices]
    )
    leeftijd = forms.ChoiceField(
        label=_("Leeftijdsgroep"),
        required=False,
        choices=[("", _("alle"))] + [(g, g) for g in AGE_GROUPS],
    )
    wacht_dagen = forms.IntegerField(
        label=_("Wacht op screening langer dan (dagen)"),
        required=False,
        min_value=0,
        max_value=3650,
    )
    mijn = forms.BooleanField(label=_("Alleen casussen waar ik bij betrokken ben"), required=False)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["gemeente"].queryset = team.gemeenten.order_by("name")

    def filters(self) -> CaseFilters:
        data = self.cleaned_data
        return CaseFilters(
            state=data.get("status") or "",
            gemeente=data["gemeente"].pk if data.get("gemeente") else None,
            referrer_type=data.get("verwijzer") or "",
            age_group=data.get("leeftijd") or "",
            mine=bool(data.get("mijn")),
            waiting_days=data.get("wacht_dagen"),
            name=data.get("naam") or "",
        )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Nieuwe status"), choices=CaseState.choices)
    reason = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

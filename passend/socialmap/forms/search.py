"""The search form of the sociale kaart, built to fill in together with a family."""

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.cases.codes import Hulpvorm, Productcategorie
from passend.regions.models import Gemeente

from ..models import Aandachtspunt, Hulpvraag
from ..search import Criteria

MAX_AGE = 27
MAX_WEEKS = 260

STAY_CHOICES = [
    ("", _("maakt niet uit")),
    ("zonder", _("zonder verblijf (thuis wonen)")),
    ("met", _("met verblijf (ergens anders wonen of logeren)")),
]
STAY_VALUES = {"": None, "zonder": False, "met": True}


class SearchForm(forms.Form):
    hulpvragen = forms.ModelMultipleChoiceField(
        label=_("Waar ben je naar op zoek?"),
        help_text=_("Kies wat past; meer keuzes geven een breder resultaat."),
        queryset=Hulpvraag.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    aandachtspunten = forms.ModelMultipleChoiceField(
        label=_("Wat vraagt aandacht?"),
        help_text=_("Aanbod dat hier aandacht voor heeft, komt hoger in de lijst."),
        queryset=Aandachtspunt.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    leeftijd = forms.IntegerField(
        label=_("Leeftijd van de jeugdige (jaren)"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": _("Vul de leeftijd in als een heel getal, bijvoorbeeld 14."),
            "min_value": _("Vul een leeftijd in van 0 tot en met 27 jaar."),
            "max_value": _("Vul een leeftijd in van 0 tot en met 27 jaar."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_AGE}),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Woongemeente"),
        required=False,
        queryset=Gemeente.objects.none(),
        empty_label=_("alle gemeenten"),
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    max_weken = forms.IntegerField(
        label=_("Maximale wachttijd tot start hulp (weken)"),
        help_text=_("Alleen actuele wachttijden tellen mee; verouderde of onbekende niet."),
        required=False,
        min_value=0,
        max_value=MAX_WEEKS,
        error_messages={
            "invalid": _("Vul het aantal weken in als een heel getal, bijvoorbeeld 6."),
            "min_value": _("Het aantal weken kan niet negatief zijn."),
            "max_value": _("Vul ten hoogste 260 weken (5 jaar) in."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_WEEKS}),
    )
    verblijf = forms.ChoiceField(
        label=_("Met of zonder verblijf"),
        required=False,
        choices=STAY_CHOICES,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    voorliggend_veld = forms.BooleanField(
        label=_("Alleen hulp zonder verwijzing (voorliggend veld: sport, maatje, inloop)"),
        required=False,
    )
    hulpvorm = forms.ChoiceField(
        label=_("Vorm van hulp"),
        required=False,
        choices=[("", _("alle vormen")), *Hulpvorm.choices],
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    productcategorie = forms.ChoiceField(
        label=_("Productcategorie (JZ020)"),
        required=False,
        choices=[("", _("alle categorieën")), *Productcategorie.choices],
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )
    zoek = forms.CharField(
        label=_("Zoek op naam of omschrijving"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Gebruik ten hoogste 100 tekens.")},
    )

    # Fields of the two questions, and the rest; the template renders them in this order.
    QUESTION_FIELDS = ("hulpvragen", "aandachtspunten")
    SITUATION_FIELDS = ("leeftijd", "gemeente", "max_weken", "verblijf", "voorliggend_veld")
    MORE_FIELDS = ("hulpvorm", "productcategorie", "zoek")

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["gemeente"].queryset = team.region.gemeenten.order_by("name")
            # The search vocabularies of the searcher's region (active items only).
            self.fields["hulpvragen"].queryset = Hulpvraag.objects.offered(team.region)
            self.fields["aandachtspunten"].queryset = Aandachtspunt.objects.offered(team.region)

    def group(self, names):
        return [self[name] for name in names]

    def questions(self):
        return self.group(self.QUESTION_FIELDS)

    def situation(self):
        return self.group(self.SITUATION_FIELDS)

    def more(self):
        return self.group(self.MORE_FIELDS)

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        return Criteria(
            hulpvragen=tuple(h.code for h in data.get("hulpvragen") or ()),
            aandachtspunten=tuple(a.code for a in data.get("aandachtspunten") or ()),
            productcategorie=data.get("productcategorie") or "",
            hulpvorm=data.get("hulpvorm") or "",
            age=data.get("leeftijd"),
            gemeente=data["gemeente"].pk if data.get("gemeente") else None,
            max_weeks=data.get("max_weken"),
            with_stay=STAY_VALUES[data.get("verblijf") or ""],
            voorliggend_veld=bool(data.get("voorliggend_veld")),
            text=(data.get("zoek") or "").strip(),
        )

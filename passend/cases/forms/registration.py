"""The aanmeldformulier in steps. Each step is a small form; a valid step is saved as draft."""

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from ..codes import Woonsituatie
from ..models import Casus, LifeDomain, Ouder, RegistrationReason, Sector, Wijk
from ..validators import clean_bsn, validate_birth_date

DATE_INPUT = DateInput()


class WijkChoiceField(forms.ModelChoiceField):
    """The wijken of the team's municipalities, grouped by municipality."""

    def label_from_instance(self, obj):
        return obj.label


def wijk_choices(queryset) -> list:
    """(value, label) choices with one group per municipality, for a select without script."""
    groups: dict[str, list] = {}
    for wijk in queryset.select_related("gemeente"):
        groups.setdefault(wijk.gemeente.name, []).append((wijk.pk, wijk.label))
    return [("", _("geen wijk gekozen")), *groups.items()]


class YoungPersonForm(forms.ModelForm):
    # Needed to send the registration (the service's submit check), not to save a draft.
    conditionally_required = frozenset({"living_situation"})

    class Meta:
        model = Casus
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "gemeente",
            "wijk",
            "address",
            "bsn",
            "living_situation",
        ]
        field_classes = {"wijk": WijkChoiceField}
        widgets = {"birth_date": DATE_INPUT, "address": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "wijk": _("Wijk of stadsdeel"),
            "living_situation": _("Waar woont de jeugdige nu?"),
        }
        help_texts = {
            "gemeente": _("De gemeente waar de jeugdige woont (woonplaatsbeginsel)."),
            "wijk": _("Niet verplicht. Alleen een wijk van de gekozen gemeente."),
            "bsn": _("Niet verplicht. 9 cijfers."),
            "living_situation": _("Nu, bij de aanmelding. Nodig om te versturen."),
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = team.gemeenten.order_by("name")
        self.fields["gemeente"].required = True
        self.fields["living_situation"].choices = [
            ("", _("Kies een woonsituatie")),
            *Woonsituatie.choices,
        ]
        # The wijken of the team's municipalities (the active ones, and the one already chosen);
        # that it is one of the chosen municipality the service checks.
        keep = [self.instance.wijk_id] if self.instance.wijk_id else ()
        wijken = Wijk.objects.offered(team.region, keep=keep).filter(
            gemeente__in=team.gemeenten.all()
        )
        self.fields["wijk"].queryset = wijken
        self.fields["wijk"].widget.choices = wijk_choices(wijken)
        if not self.fields["wijk"].queryset.exists():
            del self.fields["wijk"]  # the region has no wijken: nothing to ask
        self.fields["birth_date"].required = True
        self.fields["birth_date"].error_messages["invalid"] = _(
            "Vul een geldige datum in, bijvoorbeeld 2012-05-17."
        )

    def clean_birth_date(self):
        return validate_birth_date(self.cleaned_data["birth_date"])

    def clean_bsn(self):
        return clean_bsn(self.cleaned_data.get("bsn"))


class ParentForm(forms.ModelForm):
    class Meta:
        model = Ouder
        fields = ["first_name", "last_name", "relation", "has_gezag", "phone", "email", "address"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def clean_email(self):
        value = self.cleaned_data.get("email") or ""
        if value:
            forms.EmailField().clean(value)
        return value


ParentFormSet = forms.inlineformset_factory(
    Casus, Ouder, form=ParentForm, extra=1, max_num=4, can_delete=True, validate_max=True
)


class QuestionForm(forms.ModelForm):
    conditionally_required = frozenset({"sectors"})  # needed to send (the submit check)

    class Meta:
        model = Casus
        fields = [
            "question",
            "youth_wish",
            "youth_struggle",
            "family_wish",
            "reasons",
            "reason_other",
            "sectors",
            "life_domains",
            "multiple_domains",
            "fluctuating",
            "multiple_conditions",
            "family_care_needs",
            "urgency",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 5}),
            "youth_wish": forms.Textarea(attrs={"rows": 2}),
            "youth_struggle": forms.Textarea(attrs={"rows": 2}),
            "family_wish": forms.Textarea(attrs={"rows": 2}),
            "reasons": forms.CheckboxSelectMultiple,
            "sectors": forms.CheckboxSelectMultiple,
            "life_domains": forms.CheckboxSelectMultiple,
        }
        labels = {"sectors": _("Welke expertise is nodig?")}
        help_texts = {
            "sectors": _("Kies één of meer; nodig om te versturen. Voor de monitoring."),
            "question": _("Zo veel mogelijk in de woorden van de jeugdige en het gezin."),
            "youth_wish": _("Als u het weet: wat de jeugdige zelf wil, in eigen woorden."),
            "youth_struggle": _("Als u het weet: waar de jeugdige zelf tegenaan loopt."),
            "family_wish": _("Wat het gezin graag anders wil zien."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].required = True
        self.fields["reasons"].required = True
        # The code lists of the team's region; what the case has already stays selectable.
        region = self.instance.team.region
        lists = (("reasons", RegistrationReason), ("sectors", Sector), ("life_domains", LifeDomain))
        for name, model in lists:
            keep = getattr(self.instance, name).all() if self.instance.pk else ()
            self.fields[name].queryset = model.objects.offered(region, keep=keep)

    def clean(self):
        data = super().clean()
        reasons = data.get("reasons") or []
        if any(r.code == "anders" for r in reasons) and not data.get("reason_other"):
            self.add_error("reason_other", _("Beschrijf de andere reden."))
        return data


class BackgroundForm(forms.ModelForm):
    class Meta:
        model = Casus
        fields = [
            "referrer_type",
            "legal_framework",
            "legal_basis_reason",
            "care_history",
            "involved_organisations",
        ]
        widgets = {
            "care_history": forms.Textarea(attrs={"rows": 5}),
            "legal_basis_reason": forms.Textarea(attrs={"rows": 2}),
            "involved_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involved_organisations"].queryset = team.region.organisations.order_by("name")


class SubmitForm(forms.ModelForm):
    """Sending: the young person and the parents must know (the rule is the service's)."""

    class Meta:
        model = Casus
        fields = ["youth_informed", "parents_informed"]


STEPS = [
    ("jeugdige", _("Jeugdige"), YoungPersonForm),
    ("ouders", _("Ouders en verzorgers"), ParentFormSet),
    ("vraag", _("Vraag en reden"), QuestionForm),
    ("achtergrond", _("Achtergrond"), BackgroundForm),
    ("versturen", _("Controleren en versturen"), SubmitForm),
]
STEP_NAMES = [name for name, _label, _form in STEPS]

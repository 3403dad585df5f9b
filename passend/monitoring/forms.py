"""The form of a region's own indicator: wording, measure, the cases it counts, the numerator
of a share and the grouping — choices over the analytics record's fields, no code.

The form only collects; ``services.create_indicator`` / ``update_indicator`` decide, and their
refusals land on the fields here (``RefusalFormMixin``). The chosen cases and the numerator are
one checkbox group per dimension (``where__<dimension>``, ``teller__<dimension>``); the service's
errors about them as a whole land on the hidden fields ``conditions`` and ``numerator``, which
the template shows at the top of their fieldset.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import dimensions, services
from .models import MEASURES, Indicator

DATE_LABELS = {
    "registered_on": _("de aanmelding"),
    "screened_on": _("het besluit na screening"),
    "first_discussed_on": _("de eerste bespreking"),
    "advice_sent_on": _("het versturen van het advies"),
    "closed_on": _("het afsluiten"),
    "fitting_place_on": _("het vinden van een passende plek"),
}
DURATION_LABELS = {
    "days_to_screening": _("aanmelding tot besluit na screening"),
    "days_to_first_discussion": _("aanmelding tot eerste bespreking"),
    "days_to_advice": _("aanmelding tot advies"),
    "days_to_fitting_place": _("aanmelding tot passende plek"),
    "days_advice_to_fitting_place": _("advies tot passende plek"),
    "days_to_closure": _("aanmelding tot afsluiten"),
    "days_to_clarity": _("aanmelding tot duidelijkheid"),
}
WHERE, TELLER = "where__", "teller__"
NEW = {"unit": "count", "date": "registered_on"}
WORDING = [
    ("name_nl", "name_en"),
    ("wat_nl", "wat_en"),
    ("waarom_nl", "waarom_en"),
    ("hoe_nl", "hoe_en"),
]


class GroupErrors(forms.Field):
    """Not an input: holds the service's errors about a group of checkboxes as a whole."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


def _text(label, *, required=True, long=True, hint=""):
    widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput
    return forms.CharField(
        label=label,
        required=required,
        max_length=1000 if long else 120,
        widget=widget,
        help_text=hint,
    )


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=services.CODE_MAX,
        help_text=_(
            "Kleine letters, cijfers, - of _, bijvoorbeeld 'crisis_gi'. De code staat in de "
            "adresbalk, de exports en de API en blijft daarna gelijk. Leeg laten: dan maken we "
            "hem uit de naam."
        ),
    )
    name_nl = _text(_("Naam"), long=False)
    name_en = _text(_("Naam in het Engels"), required=False, long=False)
    wat_nl = _text(_("Wat willen we weten?"))
    wat_en = _text(_("Wat willen we weten? (Engels)"), required=False)
    waarom_nl = _text(_("Waarom willen we dat weten?"))
    waarom_en = _text(_("Waarom? (Engels)"), required=False)
    hoe_nl = _text(
        _("Hoe achterhalen we het?"),
        hint=_("Bijvoorbeeld: welke gegevens van de aanmelding of het advies dit telt."),
    )
    hoe_en = _text(_("Hoe? (Engels)"), required=False)
    unit = forms.ChoiceField(label=_("Maat"), choices=MEASURES, widget=forms.RadioSelect)
    date = forms.ChoiceField(
        label=_("Een casus telt in de periode van"),
        choices=list(DATE_LABELS.items()),
        help_text=_("De datum die bepaalt in welke maand, kwartaal of jaar een casus meetelt."),
    )
    field = forms.ChoiceField(
        label=_("Doorlooptijd"),
        required=False,
        choices=[("", _("Kies …")), *DURATION_LABELS.items()],
        help_text=_(
            "Alleen bij de maat doorlooptijd: in dagen, als mediaan, 75e en 90e percentiel."
        ),
    )
    conditions = GroupErrors(label=_("Welke casussen"))
    numerator = GroupErrors(label=_("Teller"))
    group_by = forms.ChoiceField(
        label=_("Standaard uitsplitsen naar"),
        required=False,
        help_text=_(
            "Het dashboard toont de indicator eerst zo uitgesplitst; de lezer kan een ander "
            "kenmerk kiezen."
        ),
    )
    active = forms.BooleanField(
        label=_("Actief: de indicator staat op het dashboard, in de exports en in de API"),
        required=False,
    )

    def __init__(self, *args, team, instance: Indicator | None = None, **kwargs):
        self.team = team
        self.instance = instance
        initial = self.initial_of(instance) if instance is not None else dict(NEW)
        kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        if instance is not None:
            del self.fields["code"]  # the code stays
        else:
            del self.fields["active"]
        self.dimensions = dimensions.case_dimensions()
        self.fields["group_by"].choices = [
            ("", _("niet uitsplitsen")),
            *((d.name, str(d.label).capitalize()) for d in self.dimensions),
        ]
        ids = services.gemeente_ids(team)
        for dim in self.dimensions:
            values = services.dimension_values(team, dim.name, ids)
            choices = [(v.api, v.label) for v in values]
            for prefix in (WHERE, TELLER):
                self.fields[prefix + dim.name] = forms.MultipleChoiceField(
                    label=str(dim.label).capitalize(),
                    required=False,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                )

    @staticmethod
    def initial_of(indicator: Indicator) -> dict:
        initial = {
            name: getattr(indicator, name)
            for name in (*services.TEXTS, "unit", "date", "field", "group_by", "active")
        }
        for name, values in (indicator.conditions or {}).items():
            initial[WHERE + name] = list(values)
        for name, values in (indicator.numerator or {}).items():
            initial[TELLER + name] = list(values)
        return initial

    # -- for the template ---------------------------------------------------------------

    def wording_nl(self):
        return [self[nl] for nl, _en in WORDING]

    def wording_en(self):
        return [self[en] for _nl, en in WORDING]

    def english_open(self) -> bool:
        """Show the English fields when one holds text or an error."""
        return any(f.value() or f.errors for f in self.wording_en())

    def groups(self, prefix: str):
        """Per dimension of the group: its bound field, its options (id, value, label,
        checked) and how many are chosen. The template writes the checkboxes itself (the
        same markup as ``{% field %}``): some 300 options through Django's widget templates
        made the page slow."""
        found = []
        for dim in self.dimensions:
            bound = self[prefix + dim.name]
            chosen = {str(v) for v in bound.value() or ()}
            options = [
                (f"{bound.auto_id}_{index}", value, label, value in chosen)
                for index, (value, label) in enumerate(bound.field.choices)
            ]
            found.append({"field": bound, "options": options, "chosen": len(chosen)})
        return found

    def where_groups(self):
        return self.groups(WHERE)

    def teller_groups(self):
        return self.groups(TELLER)

    # -- for the service ----------------------------------------------------------------

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name, "") for name in services.TEXTS}
        fields.update(
            unit=data["unit"],
            date=data["date"],
            field=data.get("field") or "",
            group_by=data.get("group_by") or "",
            conditions={
                d.name: data[WHERE + d.name] for d in self.dimensions if data.get(WHERE + d.name)
            },
            numerator={
                d.name: data[TELLER + d.name] for d in self.dimensions if data.get(TELLER + d.name)
            },
        )
        if "code" in self.fields:
            fields["code"] = data.get("code", "")
        if "active" in self.fields:
            fields["active"] = data.get("active", False)
        return fields


def date_label(code: str) -> str:
    return str(DATE_LABELS.get(code, code))


def duration_label(code: str) -> str:
    return str(DURATION_LABELS.get(code, code))


def unit_label(code: str) -> str:
    return str(dict(MEASURES).get(code, code))

"""Forms of the case pages: the case list filter, status, screening, attachment, consent.

The rules themselves live in the services; a refusal lands on these forms through
``passend.core.refusals.add_to_form`` (``refusal_field_names`` maps a service's names).
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput
from passend.regions.models import Gemeente

from ..codes import CaseState, ConsentMethod, ReferrerType, ScreeningOutcome
from ..selectors import AGE_GROUPS, CaseFilters, assignable, assignee_labels


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
    """A step of the workflow table. Any state is accepted here: whether the step exists and
    who may take it, the service decides (its refusal lands on this form)."""

    to_state = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=CaseState.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een geldige nieuwe status."),
            "invalid_choice": _("Kies een geldige nieuwe status."),
        },
    )
    reason = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij een stap die een reden vraagt."),
    )

    refusal_field_names = {"to": "to_state"}
    conditionally_required = frozenset({"reason"})

    def __init__(self, *args, offered=(), **kwargs):
        """`offered`: the steps to show, (state, rule) pairs of the workflow table."""
        super().__init__(*args, **kwargs)
        needs_reason = _("reden verplicht")
        self.fields["to_state"].widget.choices = [
            (
                to,
                f"{capfirst(rule.label)} ({needs_reason})"
                if rule.needs_reason
                else capfirst(rule.label),
            )
            for to, rule in offered
        ]


class PersonChoiceField(forms.ModelChoiceField):
    """A person, labelled by `labels` (pk -> 'Naam – rol (organisatie)')."""

    labels: dict[int, str] = {}

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk) or str(obj)


class PeopleChoiceField(PersonChoiceField, forms.ModelMultipleChoiceField):
    pass


class ScreeningForm(forms.Form):
    # Required with some outcomes (their hints say which): no "(niet verplicht)" label.
    conditionally_required = frozenset({"reason", "redirected_to"})

    outcome = forms.ChoiceField(
        label=_("Uitkomst van de screening"),
        choices=ScreeningOutcome.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij 'niet geschikt' en 'crisis'."),
    )
    redirected_to = forms.CharField(
        label=_("Doorverwezen naar"),
        required=False,
        max_length=200,
        help_text=_("Bij crisis: de crisisdienst. Het expertteam biedt geen noodoplossingen."),
    )
    casushouder = PersonChoiceField(
        label=_("Casushouder"),
        required=False,
        queryset=None,
        help_text=_(
            "Meestal de aanmelder: die blijft verantwoordelijk voor het uitvoeren van het advies."
        ),
    )
    procesregisseur = PersonChoiceField(label=_("Procesregisseur"), required=False, queryset=None)
    experts = PeopleChoiceField(
        label=_("Experts"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("casushouder", "procesregisseur", "experts"):
            people = assignable(casus, name)
            self.fields[name].queryset = people
            self.fields[name].labels = assignee_labels(casus, name, list(people))
        if assignable(casus, "casushouder").filter(pk=casus.aanmelder_id).exists():
            self.initial.setdefault("casushouder", casus.aanmelder_id)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, Word (DOCX), JPEG of PNG, maximaal 10 MB."),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: verslag psychologisch onderzoek 2025."),
    )


class ConsentForm(forms.Form):
    person = forms.ChoiceField(label=_("Wie geeft toestemming"))
    method = forms.ChoiceField(label=_("Hoe"), choices=ConsentMethod.choices)
    witness = forms.CharField(
        label=_("Getuige"),
        required=False,
        max_length=150,
        help_text=_("Verplicht bij mondelinge toestemming."),
    )
    given_on = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-01-31.")},
    )
    scope_exchange = forms.BooleanField(
        label=_("Informatie uitwisselen met betrokken partijen zolang het team betrokken is"),
        required=False,
        initial=True,
    )
    scope_learning = forms.BooleanField(
        label=_("Geanonimiseerd gebruik om te leren"), required=False
    )

    refusal_field_names = {"ouder": "person"}
    conditionally_required = frozenset({"witness"})  # with oral consent

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {str(o.pk): o for o in casus.ouders.all()}
        self.fields["person"].choices = [("jeugdige", _("de jeugdige"))] + [
            (pk, f"{o.first_name} {o.last_name} ({o.get_relation_display()})")
            for pk, o in self.parents.items()
        ]

    def record_fields(self) -> dict:
        data = dict(self.cleaned_data)
        person = data.pop("person")
        data["ouder"] = None if person == "jeugdige" else self.parents[person]
        return data


class WithdrawForm(forms.Form):
    consent = forms.IntegerField(widget=forms.HiddenInput)
    withdrawn_on = forms.DateField(
        label=_("Ingetrokken op"),
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-01-31.")},
    )

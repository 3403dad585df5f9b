"""Forms of the advice module. Plain forms: the services do the writing and the checks that
need the database; content rules shared with the API live in services.content_errors."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput
from passend.regions.models import Organisation, OrganisationType

from .codes import AdviesStatus
from .models import RECIPIENT_LABELS, Decision, ImplementationStatus, Party
from .services import content_errors

TEXT = 8000
PROVIDER_TYPES = (
    OrganisationType.ZORGAANBIEDER,
    OrganisationType.EXPERTISECENTRUM,
    OrganisationType.GI,
    OrganisationType.ZIEKENHUIS,
    OrganisationType.WIJKTEAM,
)


def _area(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label, help_text=""):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        widget=DateInput(),
    )


class AdviesForm(forms.Form):
    """The structured advice, grouped as the letter reads."""

    FIELDSETS = (
        (
            _("Inhoud van het advies"),
            [
                "most_fitting_care",
                "order_and_speed",
                "routes",
                "bridging_waiting_time",
                "complementary_care",
                "long_term_perspective",
            ],
        ),
        (_("Scenario's"), ["scenario_a", "scenario_b", "scenario_c"]),
        (
            _("Kortetermijnoplossing"),
            ["short_term_solution", "short_term_start_date", "short_term_end_date"],
        ),
        (
            _("Financiering"),
            [
                "financing_who_pays",
                "financing_contract",
                "double_indication",
                "double_indication_note",
            ],
        ),
        (_("Aanbod uit de sociale kaart"), ["chosen_offers"]),
        (_("Beoogde aanbieders"), ["candidate_providers"]),
        (_("Status van het advies"), ["status", "status_reason"]),
    )

    most_fitting_care = forms.CharField(
        label=_("Meest passende zorg"),
        help_text=_("Wat heeft de jeugdige nodig? Verplicht voor goedkeuring."),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    order_and_speed = _area(
        _("Volgorde en snelheid van de hulp"), _("Wat eerst, wat daarna, hoe snel.")
    )
    routes = _area(_("Routes"), _("Via welke weg (toegang, verwijzing, inkoop) komt de hulp er."))
    bridging_waiting_time = _area(_("Overbruggen van de wachttijd"))
    complementary_care = _area(_("Aanvullende en opvolgende zorg"))
    long_term_perspective = _area(_("Perspectief op de lange termijn"))
    scenario_a = _area(_("Scenario A"), _("Het plan waar het team op inzet."), rows=3)
    scenario_b = _area(_("Scenario B"), _("Als plan A niet lukt."), rows=3)
    scenario_c = _area(_("Scenario C"), rows=3)
    short_term_solution = _area(
        _("Kortetermijnoplossing"),
        _("Tijdelijke hulp die direct start, terwijl de duurzame oplossing wordt uitgewerkt."),
        rows=3,
    )
    short_term_start_date = _date(_("Start kortetermijnoplossing"), _("Leeg: vandaag."))
    short_term_end_date = _date(
        _("Einddatum kortetermijnoplossing"),
        _("Leeg: de looptijd uit de teaminstellingen na de start."),
    )
    financing_who_pays = _area(_("Wie betaalt"), rows=2)
    financing_contract = _area(_("Contract"), _("Onder welk contract of welke afspraak."), rows=2)
    double_indication = forms.BooleanField(label=_("Dubbele indicatie"), required=False)
    double_indication_note = _area(_("Toelichting dubbele indicatie"), rows=2)
    candidate_providers = forms.ModelMultipleChoiceField(
        label=_("Beoogde aanbieders"),
        help_text=_(
            "Organisaties die de hulp kunnen bieden, naast die van het gekozen aanbod (die "
            "horen er vanzelf bij). Experts van deze organisaties worden gemeld als mogelijke "
            "belangenverstrengeling."
        ),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=AdviesStatus.choices, widget=forms.RadioSelect
    )
    status_reason = _area(
        _("Reden afwijkende status"),
        _("Verplicht als de status afwijkt van de standaard van het team."),
        rows=2,
    )

    # Required only on approval or with a non-default status: no "(niet verplicht)" label.
    conditionally_required = frozenset({"most_fitting_care", "status_reason"})

    # The service's name for the providers (save_advice(providers=...)). The offers are
    # chosen on the picker's own page (OfferPickerView); here they are listed.
    refusal_field_names = {"providers": "candidate_providers"}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["candidate_providers"].queryset = Organisation.objects.filter(
            regions=team.region_id, type__in=PROVIDER_TYPES
        ).order_by("name")
        default = AdviesStatus(team.advice_status_default).label
        self.fields["status"].help_text = _("Standaard van het team: %(default)s.") % {
            "default": default
        }

    def clean(self):
        data = super().clean()
        for name, message in content_errors(self.team, data).items():
            self.add_error(name, message)
        return data

    def fieldsets(self):
        return [
            (legend, [self[name] for name in names if name in self.fields], names[0])
            for legend, names in self.FIELDSETS
        ]

    def content(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "candidate_providers"}


RECIPIENTS = list(RECIPIENT_LABELS.items())


class SendForm(forms.Form):
    recipients = forms.MultipleChoiceField(
        label=_("Aan wie gaat het advies"),
        choices=RECIPIENTS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies aan wie het advies gaat.")},
    )


class DeclarationForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=Decision.choices, widget=forms.RadioSelect
    )
    explanation = _area(_("Toelichting"), _("Verplicht als de expert betrokken blijft."), rows=2)

    conditionally_required = frozenset({"explanation"})


class ClarificationForm(forms.Form):
    party = forms.ChoiceField(label=_("Wie vraagt om toelichting"), choices=Party.choices)
    question = forms.CharField(
        label=_("Vraag"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, referrer=False, **kwargs):
        super().__init__(*args, **kwargs)
        if referrer:
            del self.fields["party"]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Antwoord"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(forms.Form):
    done_on = forms.DateField(
        label=_("Datum follow-up"),
        widget=DateInput(),
    )
    implementation_status = forms.ChoiceField(
        label=_("Hoe is het advies uitgevoerd"),
        choices=ImplementationStatus.choices,
        widget=forms.RadioSelect,
    )
    in_fitting_place = forms.BooleanField(
        label=_("De jeugdige is op een passende plek"), required=False
    )
    notes = _area(_("Bevindingen"), _("Wat is er gebeurd, wat loopt nog, wat is er nodig?"))
    next_due_on = _date(_("Nog een follow-up op"), _("Leeg laten als er geen volgende nodig is."))

    def clean_done_on(self):
        day = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum kan niet in de toekomst liggen."))
        return day


class PlanFollowUpForm(forms.Form):
    due_on = forms.DateField(
        label=_("Volgende follow-up op"),
        widget=DateInput(),
    )

"""Forms of the analyse module. The rules live in services; the forms show them per field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.cases.codes import Hulpvorm, Productcategorie
from passend.cases.models import LifeDomain
from passend.core.forms import DateInput
from passend.socialmap.picker import grouped_choices, region_offers

from . import services
from .models import AnalyseStep

DATE_WIDGET = DateInput()


class EpisodeForm(forms.Form):
    aanbod = forms.ModelChoiceField(
        label=_("Aanbod uit de sociale kaart"),
        queryset=None,
        required=False,
        empty_label=_("– geen aanbod gekozen –"),
        help_text=_(
            "Optioneel. Vult de aanbieder, productcategorie, hulpvorm, omschrijving en verblijf "
            "in voor zover die nog leeg zijn."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=None,
        required=False,
        empty_label=_("– niet in de lijst –"),
        help_text=_("Organisaties in de jeugdregio van het team."),
    )
    provider_name = forms.CharField(
        label=_("Aanbieder die niet in de lijst staat"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld 'pleeggezin via Pleegzorg Duinland' of 'Jeugd-GGZ kliniek'."),
    )
    hulpvorm = forms.ChoiceField(
        label=_("Hulpvorm"),
        choices=[("", _("– geen –")), *Hulpvorm.choices],
        required=False,
        help_text=_("CBS Beleidsinformatie Jeugd."),
    )
    productcategorie = forms.ChoiceField(
        label=_("Productcategorie"),
        choices=[("", _("– geen –")), *Productcategorie.choices],
        required=False,
        help_text=_("iJw-productcategorie (JZ020)."),
    )
    description = forms.CharField(
        label=_("Omschrijving van de hulp"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld 'traumabehandeling (EMDR)' of 'begeleiding op school'."),
    )
    start = forms.DateField(label=_("Begonnen op"), widget=DATE_WIDGET)
    end = forms.DateField(
        label=_("Gestopt op"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leeg laten als de hulp nog loopt."),
    )
    with_stay = forms.BooleanField(
        label=_("Met verblijf (uithuisplaatsing)"),
        required=False,
        help_text=_(
            "Bij een hulpvorm volgt dit uit de hulpvorm: pleegzorg, gezinsgericht verblijf, "
            "gesloten plaatsing en overig verblijf zijn hulp met verblijf."
        ),
    )
    life_domain = forms.ModelChoiceField(
        label=_("Leefgebied"),
        queryset=LifeDomain.objects.none(),
        required=False,
        empty_label=_("– geen –"),
    )
    outcome = forms.CharField(
        label=_("Wat bracht het, of waarom is het gestopt?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.casus = casus
        self.fields["organisation"].queryset = services.region_organisations(casus)
        # The region's life domains; the one chosen earlier stays after it was deactivated.
        domain = self.initial.get("life_domain")
        self.fields["life_domain"].queryset = LifeDomain.objects.offered(
            casus.team.region, keep=[domain] if domain else ()
        )
        offers = region_offers(casus.team)
        keep = self.initial.get("aanbod")
        if keep:  # an offer chosen earlier stays selectable after it was deactivated
            offers = offers | region_offers(casus.team, active_only=False).filter(pk=keep)
        offers = offers.distinct()
        field = self.fields["aanbod"]
        field.queryset = offers
        field.choices = [("", field.empty_label), *grouped_choices(offers)]
        self.fields["start"].widget.attrs["max"] = f"{timezone.localdate():%Y-%m-%d}"
        self.fields["start"].widget.attrs["min"] = f"{services.EARLIEST_DAY:%Y-%m-%d}"

    @classmethod
    def initial_for(cls, episode) -> dict:
        return {
            name: getattr(
                episode,
                f"{name}_id" if name in ("aanbod", "organisation", "life_domain") else name,
            )
            for name in services.EPISODE_FIELDS
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data  # unparsable dates etc.: show those first
        values = {name: data.get(name) for name in services.EPISODE_FIELDS}
        if values["aanbod"] is not None and not values["with_stay"]:
            values["with_stay"] = None  # unticked: may follow the chosen offer
        values = services.fill_from_offer(values)
        # The hulpvorm decides about a stay; the checkbox counts only without a hulpvorm.
        values["with_stay"] = None if values["hulpvorm"] else bool(values["with_stay"])
        errors = services.episode_errors(
            self.casus, values, kept_domain_id=self.initial.get("life_domain")
        )
        for name, message in errors.items():
            self.add_error(name, message)
        self.episode_data = values
        return data


class StepForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"),
        max_length=services.MAX_STEP_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf de tekst van deze stap.")},
    )

    def __init__(self, *args, step: int, **kwargs):
        super().__init__(*args, prefix=f"stap{step}", **kwargs)
        self.step = step
        self.fields["text"].label = AnalyseStep(step).label
        self.fields["text"].help_text = STEP_HINTS[step]


STEP_HINTS = {
    AnalyseStep.INFORMATIE: _(
        "Wat weten we, samen met de jeugdige en het gezin? Feiten, beelden van betrokkenen, "
        "wat al geprobeerd is, ordenen per leefgebied."
    ),
    AnalyseStep.VERBANDEN: _(
        "Welke verbanden zien we? Wat betekent dit gedrag, nu, in deze situatie, en welke "
        "verklaringen hebben de jeugdige, het gezin en de professionals?"
    ),
    AnalyseStep.DOELEN: _(
        "Welke doelen stellen we met het gezin, en welke interventies kiezen we daarvoor?"
    ),
}

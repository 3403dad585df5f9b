"""Forms of the beheer pages: profile, location, offer and the waiting-time confirmation.

Plain forms built from the model fields (labels and help texts stay in one place); the rules
themselves are in services.py; a refusal lands on the fields it names (`core.refusals.add_to_form`).
"""

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from passend.cases.models import LifeDomain
from passend.core.forms import DateInput
from passend.regions.models import Gemeente

from ..models import Aanbiederprofiel, Aanbod, Aandachtspunt, Expertisegebied, Hulpvraag, Locatie

PROFILE_FIELDS = [
    "description",
    "expertise",
    "contracted_by",
    "contact_name",
    "contact_phone",
    "contact_email",
]
LOCATION_FIELDS = ["name", "address", "postcode", "gemeente", "phone", "email"]
OFFER_FIELDS = [
    "name",
    "description",
    "voorliggend_veld",
    "productcategorie",
    "hulpvorm",
    "with_stay",
    "age_min",
    "age_max",
    "hulpvragen",
    "aandachtspunten",
    "life_domains",
    "expertise",
    "gemeenten",
    "locaties",
    "referral_needed",
    "beschikking_needed",
    "active",
]
MULTI = forms.CheckboxSelectMultiple
TEXT = forms.Textarea(attrs={"rows": 4})


def _fields(model, names, widgets):
    return fields_for_model(model, fields=names, widgets=widgets)


_ProfileBase = type(
    "_ProfileBase",
    (forms.Form,),
    _fields(
        Aanbiederprofiel,
        PROFILE_FIELDS,
        {"description": TEXT, "expertise": MULTI, "contracted_by": MULTI},
    ),
)


def _offer_codes(form, region, lists) -> None:
    """The code lists of the region; what the record has already stays (also if inactive)."""
    for name, model in lists:
        form.fields[name].queryset = model.objects.offered(
            region, keep=form.initial.get(name) or ()
        )


class ProfileForm(_ProfileBase):
    def __init__(self, *args, organisation, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = _(
            "Korte zinnen, geen vakjargon: wat doet u, voor wie, en hoe komt iemand bij u?"
        )
        _offer_codes(self, region, [("expertise", Expertisegebied)])
        self.fields["contracted_by"].queryset = Gemeente.objects.filter(
            region__in=organisation.regions.all()
        )

    @staticmethod
    def initial_for(profiel) -> dict:
        return model_to_dict(profiel, fields=PROFILE_FIELDS) if profiel else {}


_LocationBase = type("_LocationBase", (forms.Form,), _fields(Locatie, LOCATION_FIELDS, {}))


class LocationForm(_LocationBase):
    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(
            region__in=organisation.regions.all()
        )


_OfferBase = type(
    "_OfferBase",
    (forms.Form,),
    _fields(
        Aanbod,
        OFFER_FIELDS,
        {
            "description": TEXT,
            "hulpvragen": MULTI,
            "aandachtspunten": MULTI,
            "life_domains": MULTI,
            "expertise": MULTI,
            "gemeenten": MULTI,
            "locaties": MULTI,
        },
    ),
)

OFFER_M2M = ["gemeenten", "locaties", "hulpvragen", "aandachtspunten", "life_domains", "expertise"]


class OfferForm(_OfferBase):
    def __init__(self, *args, organisation, region, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_codes(
            self,
            region,
            [
                ("hulpvragen", Hulpvraag),
                ("aandachtspunten", Aandachtspunt),
                ("life_domains", LifeDomain),
                ("expertise", Expertisegebied),
            ],
        )
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(
            region__in=organisation.regions.all()
        )
        self.fields["locaties"].queryset = organisation.locaties.all()
        self.fields["description"].help_text = _(
            "In gewone taal, zodat u het samen met een gezin kunt lezen."
        )

    @staticmethod
    def initial_for(offer) -> dict:
        if offer.pk is None:
            return {"active": True, "referral_needed": True, "beschikking_needed": True}
        return model_to_dict(offer, fields=OFFER_FIELDS)


class WaitingTimeForm(forms.Form):
    """Three levels in weeks; the order rule is checked by the service (one message each)."""

    location = forms.ChoiceField(label=_("Locatie"), required=False)
    weeks_to_registration = forms.IntegerField(
        label=_("Weken tot aanmelding"),
        min_value=0,
        max_value=260,
        help_text=_("Hoe lang tot een aanmelding in behandeling wordt genomen."),
    )
    weeks_to_intake = forms.IntegerField(label=_("Weken tot intake"), min_value=0, max_value=260)
    weeks_to_treatment = forms.IntegerField(
        label=_("Weken tot start hulp"),
        min_value=0,
        max_value=260,
        help_text=_("Vanaf aanmelding tot de hulp echt begint."),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: tijdelijk langer door ziekte, of spoed kan sneller."),
    )
    confirmed_on = forms.DateField(
        label=_("Bevestigd op"),
        required=False,
        help_text=_("Leeg: vandaag."),
        widget=DateInput(),
    )

    def __init__(self, *args, offer, with_date: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        locations = list(offer.locaties.all())
        self.locations = {str(loc.pk): loc for loc in locations}
        if locations:
            self.fields["location"].choices = [
                ("", _("alle locaties")),
                *[(str(loc.pk), loc.name) for loc in locations],
            ]
        else:
            del self.fields["location"]
        if not with_date:
            del self.fields["confirmed_on"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "location": self.locations.get(data.get("location") or ""),
            "weeks_to_registration": data["weeks_to_registration"],
            "weeks_to_intake": data["weeks_to_intake"],
            "weeks_to_treatment": data["weeks_to_treatment"],
            "note": data.get("note", ""),
            "confirmed_on": data.get("confirmed_on"),
        }

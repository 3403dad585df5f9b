"""Serializers of the sociale kaart search API. Field names are snake_case here; the JSON
renderer makes them lowerCamelCase. No person's name leaves the API: who confirmed a waiting
time is given as an organisation or role."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from passend.cases.codes import Hulpvorm, Productcategorie
from passend.regions.models import Organisation

from .. import search as rules
from ..forms.search import MAX_AGE, MAX_WEEKS
from ..models import Aandachtspunt, Hulpvraag

# The largest id a row can have (a 64-bit key): a larger one is bad input, not an unknown id.
MAX_ID = 2**63 - 1
# At most this many codes in one list parameter (there are about thirty of each).
MAX_CODES = 50


class CodeListField(serializers.ListField):
    """Codes as a repeated parameter (needs=a&needs=b) or comma-separated (needs=a,b)."""

    child = serializers.CharField(max_length=40)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_CODES)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        return [part.strip() for value in values for part in value.split(",") if part.strip()]


class OfferQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="Expertteam; bepaalt de jeugdregio en wanneer een wachttijd verouderd is.",
    )
    needs = CodeListField(
        required=False,
        help_text="'Waar ben je naar op zoek?': codes van hulpvragen (herhaald of met komma's).",
    )
    attention = CodeListField(
        required=False, help_text="'Wat vraagt aandacht?': codes van aandachtspunten."
    )
    productcategorie = serializers.ChoiceField(
        required=False, choices=Productcategorie.choices, help_text="Productcategorie (JZ020)."
    )
    hulpvorm = serializers.ChoiceField(
        required=False, choices=Hulpvorm.choices, help_text="Hulpvorm (CBS)."
    )
    age = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_AGE, help_text="Leeftijd van de jeugdige."
    )
    gemeenteId = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Woongemeente (een gemeente van de jeugdregio).",
    )
    maxWeeks = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_WEEKS,
        help_text="Maximale actuele wachttijd tot start hulp in weken; verouderde of onbekende "
        "wachttijden voldoen hier nooit aan.",
    )
    withStay = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: alleen met verblijf; false: alleen zonder; weggelaten: maakt niet uit.",
    )
    voorliggendVeld = serializers.BooleanField(
        required=False, default=False, help_text="Alleen hulp zonder verwijzing."
    )
    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Zoektekst (volledige tekst, Nederlands): elk woord, of een vervoeging of het "
        "begin ervan, in de naam, de omschrijving of de naam van de organisatie.",
    )

    def _region(self):
        """The region of the team asked for (through the view's `team_from` in the context:
        a team out of reach is 404 before any code is judged); None without a usable teamId,
        which is then reported on its own."""
        team_from = self.context.get("team_from")
        try:
            team_id = int(self.initial_data.get("teamId"))
        except (TypeError, ValueError):
            return None
        if team_from is None or not 1 <= team_id <= MAX_ID:
            return None
        return team_from(team_id).region

    def _known(self, values, model, label):
        region = self._region()
        if region is None:
            return values
        known = set(
            model.objects.offered(region).filter(code__in=values).values_list("code", flat=True)
        )
        unknown = [v for v in values if v not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Onbekende %(list)s: %(codes)s.") % {"list": label, "codes": ", ".join(unknown)}
            )
        return values

    def validate_needs(self, values):
        return self._known(values, Hulpvraag, "hulpvraag")

    def validate_attention(self, values):
        return self._known(values, Aandachtspunt, "aandachtspunt")


class TeamQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="Expertteam; bepaalt de jeugdregio van de sociale kaart.",
    )


class DetailQuerySerializer(serializers.Serializer):
    teamId = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Expertteam voor de regio en de actualiteit van wachttijden. Weggelaten: uw "
        "team met de strengste termijn voor verouderde wachttijden.",
    )


class MapCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class MapGemeenteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MapRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MapLocationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    gemeente = MapGemeenteSerializer()
    phone = serializers.CharField()
    email = serializers.CharField()


class MapWaitingTimeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="entry.pk")
    location = MapRefSerializer(
        source="entry.locatie",
        allow_null=True,
        help_text=("Locatie; leeg: geldt voor alle locaties."),
    )
    weeks_to_registration = serializers.IntegerField(source="entry.weeks_to_registration")
    weeks_to_intake = serializers.IntegerField(source="entry.weeks_to_intake")
    weeks_to_treatment = serializers.IntegerField(source="entry.weeks_to_treatment")
    confirmed_on = serializers.DateField(source="entry.confirmed_on")
    confirmed_by = serializers.SerializerMethodField(
        help_text="Door wie bevestigd, als organisatie of rol (nooit een naam)."
    )
    outdated = serializers.BooleanField(
        help_text="Verouderd: ouder dan de termijn van het team; geldt niet als actueel."
    )

    def get_confirmed_by(self, obj) -> str:
        return self.context.get("sources", {}).get(obj.entry.pk, "")


class MapOfferSerializer(serializers.Serializer):
    """One offer with its current waiting times; in a search also the score and reasons."""

    id = serializers.IntegerField(source="offer.pk")
    name = serializers.CharField(source="offer.name")
    description = serializers.CharField(source="offer.description")
    organisation = MapRefSerializer(source="offer.organisation")
    productcategorie = serializers.CharField(source="offer.productcategorie")
    hulpvorm = serializers.CharField(source="offer.hulpvorm")
    voorliggend_veld = serializers.BooleanField(source="offer.voorliggend_veld")
    with_stay = serializers.BooleanField(source="offer.with_stay")
    age_min = serializers.IntegerField(source="offer.age_min")
    age_max = serializers.IntegerField(source="offer.age_max")
    referral_needed = serializers.BooleanField(source="offer.referral_needed")
    beschikking_needed = serializers.BooleanField(source="offer.beschikking_needed")
    needs = MapCodeSerializer(source="offer.hulpvragen.all", many=True)
    attention = MapCodeSerializer(source="offer.aandachtspunten.all", many=True)
    gemeenten = MapGemeenteSerializer(source="offer.gemeenten.all", many=True)
    score = serializers.IntegerField(help_text="Hoe goed het aanbod past; hoger is beter.")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="Waarom dit aanbod past, in gewone taal."
    )
    waiting_status = serializers.ChoiceField(
        choices=[rules.STATUS_CURRENT, rules.STATUS_OUTDATED, rules.STATUS_UNKNOWN],
        help_text="actueel: er is een actuele wachttijd; verouderd: alleen verouderde; "
        "onbekend: geen.",
    )
    best_weeks_to_treatment = serializers.SerializerMethodField(
        help_text="Kortste ACTUELE wachttijd tot start hulp; leeg als die er niet is."
    )
    waiting_times = serializers.SerializerMethodField()

    def get_best_weeks_to_treatment(self, obj) -> int | None:
        best = obj.best
        return best.weeks_to_treatment if best else None

    @extend_schema_field(MapWaitingTimeSerializer(many=True))
    def get_waiting_times(self, obj):
        return MapWaitingTimeSerializer(
            obj.waiting_times, many=True, context={"sources": obj.sources}
        ).data


class MapOfferDetailSerializer(MapOfferSerializer):
    life_domains = MapCodeSerializer(source="offer.life_domains.all", many=True)
    expertise = MapCodeSerializer(source="offer.expertise.all", many=True)
    locations = MapLocationSerializer(source="offer.locaties.all", many=True)


class MapOrganisationSerializer(serializers.ModelSerializer):
    description = serializers.CharField(source="profiel.description", default="")
    expertise = MapCodeSerializer(source="profiel.expertise.all", many=True, default=[])
    contracted_by = MapGemeenteSerializer(source="profiel.contracted_by.all", many=True, default=[])
    contact_phone = serializers.CharField(source="profiel.contact_phone", default="")
    contact_email = serializers.CharField(source="profiel.contact_email", default="")
    locations = MapLocationSerializer(source="locaties.all", many=True)
    offers = serializers.SerializerMethodField(help_text="Actief aanbod van deze organisatie.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "type",
            "description",
            "expertise",
            "contracted_by",
            "contact_phone",
            "contact_email",
            "website",
            "email",
            "phone",
            "locations",
            "offers",
        ]

    EMPTY_WITHOUT_PROFILE = {
        "description": "",
        "expertise": [],
        "contracted_by": [],
        "contact_phone": "",
        "contact_email": "",
    }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name, empty in self.EMPTY_WITHOUT_PROFILE.items():
            if data.get(name) is None:
                data[name] = empty
        return data

    @extend_schema_field(MapRefSerializer(many=True))
    def get_offers(self, obj):
        offers = [o for o in obj.aanbod.all() if o.active]
        return [{"id": o.pk, "name": o.name} for o in offers]

"""API representation of the timeline and the verklarende analyse (camelCased by the renderer)."""

from rest_framework import serializers

from passend.cases.models import LifeDomain
from passend.regions.codelists.fields import RegionCodeField
from passend.regions.models import Organisation
from passend.socialmap.models import Aanbod

from .models import AnalyseStap, AnalyseStep, TijdlijnEpisode


class TimelineEpisodeSerializer(serializers.ModelSerializer):
    offer_id = serializers.PrimaryKeyRelatedField(
        source="aanbod",
        queryset=Aanbod.objects.all(),
        allow_null=True,
        required=False,
        help_text=(
            "Id van aanbod uit de sociale kaart van de regio. Vult lege velden (organisatie, "
            "productcategorie, hulpvorm, omschrijving, verblijf) vanuit het aanbod; het aanbod "
            "hoort bij de gekozen organisatie."
        ),
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text="Id van de aanbieder (organisatie in de jeugdregio van het team).",
    )
    provider_name = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        required=False,
        max_length=200,
        help_text="Naam van een aanbieder die niet als organisatie bekend is.",
    )
    provider = serializers.CharField(
        read_only=True, help_text="De aanbieder zoals getoond: organisatienaam of vrije tekst."
    )
    form_of_help = serializers.CharField(
        read_only=True, help_text="Hulpvorm, anders productcategorie, anders de omschrijving."
    )
    description = serializers.CharField(
        allow_blank=True, allow_null=True, required=False, max_length=200
    )
    outcome = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        required=False,
        max_length=4000,
        help_text="Wat bracht het, of waarom is het gestopt.",
    )
    life_domain = RegionCodeField(
        LifeDomain,
        region_of=lambda root: root.context["view"].casus.team.region,
        keep_of=lambda root: [getattr(root.instance, "life_domain_id", None)],
        allow_null=True,
        required=False,
        help_text="Code uit de lijst leefgebieden van de jeugdregio van het team.",
    )
    with_stay = serializers.BooleanField(
        allow_null=True,
        required=False,
        help_text="Met verblijf. Weggelaten: volgt uit de hulpvorm (CBS 1x = met verblijf).",
    )
    end = serializers.DateField(
        allow_null=True, required=False, help_text="Leeg zolang de hulp loopt."
    )

    class Meta:
        model = TijdlijnEpisode
        fields = [
            "id",
            "offer_id",
            "organisation",
            "provider_name",
            "provider",
            "productcategorie",
            "hulpvorm",
            "form_of_help",
            "description",
            "start",
            "end",
            "outcome",
            "life_domain",
            "with_stay",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_by", "created_at", "updated_at"]
        extra_kwargs = {
            "productcategorie": {"help_text": "iJw-productcategorie (JZ020)."},
            "hulpvorm": {"help_text": "CBS-hulpvorm: 0x zonder verblijf, 1x met verblijf."},
            "start": {"help_text": "Datum waarop de hulp begon (niet in de toekomst)."},
        }


class TimelineRepeatSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Aanbieder of vorm van hulp (eerste schrijfwijze).")
    count = serializers.IntegerField(help_text="Hoe vaak ingezet.")


class TimelineGapSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="Einde van de hulp ervoor.")
    end = serializers.DateField(help_text="Begin van de volgende hulp.")
    days = serializers.IntegerField(help_text="Aantal dagen zonder hulp.")


class TimelineFlagsSerializer(serializers.Serializer):
    repeated_providers = TimelineRepeatSerializer(
        many=True, help_text="Aanbieders die 3 keer of vaker zijn ingezet."
    )
    repeated_forms = TimelineRepeatSerializer(
        many=True, help_text="Vormen van hulp die 3 keer of vaker zijn ingezet."
    )
    placements = serializers.IntegerField(help_text="Aantal plaatsingen met verblijf.")
    moves = serializers.IntegerField(help_text="Aantal wisselingen van verblijfplek.")
    gaps = TimelineGapSerializer(many=True, help_text="Periodes zonder hulp (langer dan 30 dagen).")
    messages = serializers.ListField(
        child=serializers.CharField(), help_text="De signalen in het Nederlands."
    )

    @staticmethod
    def from_flags(flags) -> dict:
        return {
            "repeated_providers": [
                {"name": n, "count": c} for n, c in flags.repeated_providers.items()
            ],
            "repeated_forms": [{"name": n, "count": c} for n, c in flags.repeated_forms.items()],
            "placements": flags.placements,
            "moves": flags.moves,
            "gaps": [{"start": s, "end": e, "days": (e - s).days} for s, e in flags.gaps],
            "messages": list(flags.messages),
        }


class AnalysisStepVersionSerializer(serializers.ModelSerializer):
    step = serializers.ChoiceField(choices=AnalyseStep.choices, help_text="Stap 1, 2 of 3.")
    text = serializers.CharField(max_length=20000, help_text="Tekst van deze stap.")

    class Meta:
        model = AnalyseStap
        fields = ["id", "step", "text", "author", "written_at"]
        read_only_fields = ["id", "author", "written_at"]


class AnalysisStepSerializer(serializers.Serializer):
    step = serializers.IntegerField(help_text="Stap 1, 2 of 3.")
    label = serializers.CharField(help_text="Naam van de stap.")
    current = AnalysisStepVersionSerializer(
        allow_null=True, help_text="De laatste versie, of null."
    )
    earlier_versions = AnalysisStepVersionSerializer(
        many=True, source="earlier", help_text="Eerdere versies, nieuwste eerst."
    )

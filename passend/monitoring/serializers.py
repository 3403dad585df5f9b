"""Serializers of the monitoring API: indicator definitions and an indicator's values.

Only for the answer's shape and its OpenAPI document: the figures themselves come from
``tables.IndicatorTable.cell_dicts()``, already suppressed by the one rule (``suppress``)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import definitions as D
from . import dimensions
from . import periods as P
from .query import NO_GROUPING

GROUP_BY_VALUES = [NO_GROUPING, *dimensions.DIMENSIONS]


class IndicatorTextsSerializer(serializers.Serializer):
    nl = serializers.CharField(help_text="Nederlands.")
    en = serializers.CharField(allow_blank=True, help_text="Engels (leeg: niet vertaald).")


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code van de indicator.")
    version = serializers.IntegerField(
        min_value=1, help_text="Versie van de definitie; elke wijziging van de berekening hoogt op."
    )
    name = IndicatorTextsSerializer(help_text="Naam.")
    wat = IndicatorTextsSerializer(help_text="Wat willen we weten?")
    waarom = IndicatorTextsSerializer(help_text="Waarom willen we dat weten?")
    hoe = IndicatorTextsSerializer(help_text="Hoe achterhalen we het (de berekening in woorden)?")
    unit = serializers.ChoiceField(
        choices=D.UNITS, help_text="Maat: aantal (count), aandeel (share) of doorlooptijd."
    )
    subject = serializers.ChoiceField(
        choices=(D.CASES, D.EVENTS, D.STOCK),
        help_text="Wat telt: casussen, gebeurtenissen of de stand aan het eind van de periode.",
    )
    section = serializers.CharField(help_text="Onderdeel van het dashboard.")
    default_group_by = serializers.CharField(
        allow_blank=True, help_text="De eigen uitsplitsing van de indicator (leeg: geen)."
    )
    norm_days = serializers.IntegerField(
        allow_null=True, help_text="Norm in dagen bij een doorlooptijd (half jaar: 183)."
    )
    basisset = serializers.BooleanField(
        help_text="Hoort bij de basisset van Passend (anders: een eigen indicator van de regio)."
    )


class IndicatorPeriodSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Sleutel: 2026-03, 2026-Q1, 2026-H1, 2026 of een reeks.")
    locals()["from"] = serializers.DateField(help_text="Eerste dag.")
    to = serializers.DateField(help_text="Laatste dag.")
    label = serializers.CharField(help_text="Omschrijving zoals getoond.")


class IndicatorColumnSerializer(IndicatorPeriodSerializer):
    column = serializers.ChoiceField(
        choices=("period", "bucket", "previous", "yearBefore"),
        help_text="De periode zelf, een deel ervan (bucket), de vorige periode of dezelfde "
        "periode een jaar eerder.",
    )


class IndicatorFilterSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=list(dimensions.DIMENSIONS), help_text="Kenmerk.")
    label = serializers.CharField(help_text="Naam van het kenmerk.")
    value = serializers.CharField(help_text="Waarde (API-spelling, bijv. een CBS-code).")
    value_label = serializers.CharField(help_text="Waarde zoals getoond.")


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": "De groep van de cel: period (sleutel van de periode), bij een "
        "vergelijking comparison (previous, yearBefore), bij een uitsplitsing het kenmerk met de "
        "waarde (bijv. gemeente: GM9901; ontbreekt bij het totaal) en bij een andere grootheid "
        "dan value statistic (n, median, p75, p90, withinNorm).",
        "example": {"period": "2026-Q1", "referrerType": "01"},
    }
)
class GroupField(serializers.Field):
    def to_representation(self, value):
        return value


@extend_schema_field(
    {
        "type": "number",
        "nullable": True,
        "description": "Het getal; null als de cel verborgen is (suppressed).",
    }
)
class ValueField(serializers.Field):
    def to_representation(self, value):
        return value


class IndicatorCellSerializer(serializers.Serializer):
    group = GroupField()
    value = ValueField()
    suppressed = serializers.BooleanField(
        help_text="Verborgen: 1 tot en met 4, of een cel die een verborgen aantal zou verraden."
    )
    display = serializers.CharField(help_text="De tekst zoals getoond, bijv. '12', '<5', '40%'.")


class IndicatorValuesSerializer(serializers.Serializer):
    indicator = IndicatorSerializer(help_text="De definitie (en versie) waarmee is gerekend.")
    period = IndicatorPeriodSerializer(help_text="De gevraagde periode.")
    periods = IndicatorColumnSerializer(many=True, help_text="De perioden in de cellen.")
    split = serializers.CharField(
        allow_null=True,
        help_text="Indeling van de periode (parameter period: month, quarter, halfYear, year); "
        "null: de periode als één cijfer.",
    )
    compare = serializers.BooleanField(help_text="Met de vorige periode en een jaar eerder.")
    group_by = serializers.CharField(
        allow_null=True, help_text="Het kenmerk waarnaar is uitgesplitst (null: geen)."
    )
    filters = IndicatorFilterSerializer(many=True, help_text="De toegepaste filters.")
    story = serializers.CharField(
        allow_blank=True, help_text="Het verhaal achter het cijfer van het team, voor de periode."
    )
    cells = IndicatorCellSerializer(many=True, help_text="De cellen, onderdrukt.")


def texts(nl: str, en: str) -> dict:
    return {"nl": nl, "en": en}


def indicator_data(d: D.Definition) -> dict:
    return {
        "code": d.code,
        "version": d.version,
        "name": texts(d.name_nl, d.name_en),
        "wat": texts(d.wat_nl, d.wat_en),
        "waarom": texts(d.waarom_nl, d.waarom_en),
        "hoe": texts(d.hoe_nl, d.hoe_en),
        "unit": d.unit,
        "subject": d.subject,
        "section": d.section,
        "default_group_by": d.group_by,
        "norm_days": d.norm_days,
        "basisset": d.basisset,
    }


def period_data(period: P.Period, role: str = "") -> dict:
    found = {"key": period.key, "from": period.start, "to": period.end, "label": period.label}
    if role:
        found["column"] = role
    return found


def values_data(table, query) -> dict:
    """The values answer of `table` (a ``tables.IndicatorTable``) asked with `query`."""
    periods = list(dict.fromkeys((c.period, c.role) for c in table.columns))
    return {
        "indicator": indicator_data(table.definition),
        "period": period_data(table.period),
        "periods": [period_data(p, role) for p, role in periods],
        "split": P.API_NAMES.get(table.granularity),
        "compare": query.compare,
        "group_by": table.group_by or None,
        "filters": [
            {"name": name, "label": label, "value": query.filters[name], "value_label": shown}
            for name, label, shown in table.filters
        ],
        "story": table.story,
        "cells": table.cell_dicts(),
    }


# -- examples for the OpenAPI document ---------------------------------------------------

EXAMPLE_INDICATOR = {
    "code": "aanmeldingen_verwijzer",
    "version": 1,
    "name": texts("Aanmeldingen per soort verwijzer", "Registrations by referrer type"),
    "wat": texts("Wie meldt aan: wijkteam, GI, huisarts, school, ouders zelf?", ""),
    "waarom": texts("Om te zien waar verwijzers vastlopen.", ""),
    "hoe": texts("Aanmeldingen in de periode, naar de soort verwijzer.", ""),
    "unit": D.COUNT,
    "subject": D.CASES,
    "section": "aanmeldingen",
    "defaultGroupBy": "referrerType",
    "normDays": None,
    "basisset": True,
}


def example_values() -> dict:
    q1 = {"key": "2026-Q1", "from": "2026-01-01", "to": "2026-03-31", "label": "1e kwartaal 2026"}
    return {
        "indicator": EXAMPLE_INDICATOR,
        "period": q1,
        "periods": [{**q1, "column": "period"}],
        "split": None,
        "compare": False,
        "groupBy": "referrerType",
        "filters": [
            {
                "name": "gemeente",
                "label": "gemeente",
                "value": "GM9901",
                "valueLabel": "Voorbeeldstad",
            }
        ],
        "story": "",
        "cells": [
            {
                "group": {"period": "2026-Q1", "referrerType": "01"},
                "value": 12,
                "suppressed": False,
                "display": "12",
            },
            {
                "group": {"period": "2026-Q1", "referrerType": "02"},
                "value": None,
                "suppressed": True,
                "display": "<5",
            },
            {
                "group": {"period": "2026-Q1", "referrerType": "03"},
                "value": None,
                "suppressed": True,
                "display": "<5",
            },
            {"group": {"period": "2026-Q1"}, "value": 19, "suppressed": False, "display": "19"},
        ],
    }

"""Monitoring's own records: the region's own indicators and the stories behind the figures.

Neither holds case data. An ``Indicator`` is a definition over the analytics record's fields
(a measure, filters, a grouping — no code), versioned: every change of what it computes raises
the version, so a figure can name the definition it used. A ``Verhaal`` is the team's story
behind an indicator's figure in one period ("tellen en vertellen", S0:527-537).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import definitions as D

MEASURES = [
    (D.COUNT, _("aantal casussen")),
    (D.SHARE, _("aandeel (percentage)")),
    (D.DURATION, _("doorlooptijd (mediaan, p75, p90)")),
]


class Indicator(models.Model):
    """An indicator a region defines itself, next to the basisset ("couleur locale")."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    wat_nl = models.TextField(_("wat willen we weten?"), max_length=1000)
    wat_en = models.TextField(_("wat willen we weten? (Engels)"), max_length=1000, blank=True)
    waarom_nl = models.TextField(_("waarom willen we dat weten?"), max_length=1000)
    waarom_en = models.TextField(_("waarom? (Engels)"), max_length=1000, blank=True)
    hoe_nl = models.TextField(_("hoe achterhalen we het?"), max_length=1000)
    hoe_en = models.TextField(_("hoe? (Engels)"), max_length=1000, blank=True)
    unit = models.CharField(_("maat"), max_length=10, choices=MEASURES, default=D.COUNT)
    date = models.CharField(_("telt in de periode van"), max_length=24, default="registered_on")
    # {dimension: [API values]}: the cases the indicator counts.
    conditions = models.JSONField(_("voorwaarden"), default=dict, blank=True)
    # Share: {dimension: [API values]} within the counted cases.
    numerator = models.JSONField(_("teller"), default=dict, blank=True)
    field = models.CharField(_("doorlooptijd"), max_length=32, blank=True)
    group_by = models.CharField(_("uitsplitsen naar"), max_length=32, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("eigen indicator")
        verbose_name_plural = _("eigen indicatoren")
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="indicator_region_code")
        ]

    def __str__(self) -> str:
        return self.name_nl

    # What changes the figures (a change of these raises the version).
    COMPUTED = ("unit", "date", "conditions", "numerator", "field", "group_by")

    def definition(self) -> D.Definition:
        def conditions(raw):
            return tuple(
                D.Condition(dimension=name, values=tuple(str(v) for v in values))
                for name, values in sorted((raw or {}).items())
                if values
            )

        return D.Definition(
            code=self.code,
            version=self.version,
            name_nl=self.name_nl,
            name_en=self.name_en,
            wat_nl=self.wat_nl,
            wat_en=self.wat_en,
            waarom_nl=self.waarom_nl,
            waarom_en=self.waarom_en,
            hoe_nl=self.hoe_nl,
            hoe_en=self.hoe_en,
            unit=self.unit,
            date=self.date,
            where=conditions(self.conditions),
            numerator=conditions(self.numerator),
            field=self.field,
            group_by=self.group_by,
            section="eigen",
            norm_days=D.HALF_YEAR_DAYS if self.unit == D.DURATION else None,
            region_id=self.region_id,
        )


class Verhaal(models.Model):
    """The story behind an indicator's figure in one period, written by the team."""

    team = models.ForeignKey("regions.Team", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=40)
    period = models.CharField(_("periode"), max_length=20)
    text = models.TextField(_("het verhaal achter het cijfer"), max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verhaal bij een cijfer")
        verbose_name_plural = _("verhalen bij cijfers")
        ordering = ["team", "indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "indicator", "period"], name="verhaal_team_indicator_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"

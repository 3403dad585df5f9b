"""Tenancy: jeugdregio's with their gemeenten, expertteams and the organisations around them."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.advice.codes import AdviesStatus


class Region(models.Model):
    """A jeugdregio: the municipalities that commission youth care together."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = _("jeugdregio")
        verbose_name_plural = _("jeugdregio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Gemeente(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="gemeenten", verbose_name=_("jeugdregio")
    )
    name = models.CharField(_("naam"), max_length=120)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode is GM gevolgd door 4 cijfers."))
        ],
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A regionaal expertteam jeugd, with its settings (team-instellingen)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="teams", verbose_name=_("jeugdregio")
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(unique=True)
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="teams", verbose_name=_("werkgebied (gemeenten)")
    )
    email = models.EmailField(_("e-mailadres team"), blank=True)

    # Team settings used across the modules (spec §2.1–§2.13).
    meeting_cadence_days = models.PositiveSmallIntegerField(
        _("overleg elke (dagen)"),
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        default=14,
    )
    self_registration_enabled = models.BooleanField(
        _("zelfmelding door jeugdige of ouder toegestaan"), default=False
    )
    participation_required = models.BooleanField(
        _("zonder jeugdige en ouders geen overleg"), default=False
    )
    advice_status_default = models.CharField(
        _("standaardstatus advies"),
        max_length=12,
        choices=AdviesStatus.choices,
        default=AdviesStatus.ZWAARWEGEND,
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up na advies (maanden)"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        default=2,
    )
    short_term_solution_months = models.PositiveSmallIntegerField(
        _("looptijd kortetermijnoplossing (maanden)"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        default=3,
    )
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn na afsluiten (maanden)"),
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        default=6,
    )
    waiting_time_stale_weeks = models.PositiveSmallIntegerField(
        _("wachttijd verouderd na (weken)"),
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        default=6,
    )

    class Meta:
        verbose_name = _("expertteam")
        verbose_name_plural = _("expertteams")
        ordering = ["region__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting_cadence_days__gte=1, meeting_cadence_days__lte=90),
                name="team_cadence_range",
            ),
            models.CheckConstraint(
                condition=models.Q(retention_months__gte=1, retention_months__lte=120),
                name="team_retention_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    GEMEENTE = "gemeente", _("gemeente")
    WIJKTEAM = "wijkteam", _("wijkteam / lokale toegang")
    GI = "gi", _("gecertificeerde instelling")
    ZORGAANBIEDER = "zorgaanbieder", _("zorgaanbieder")
    HUISARTS = "huisartsenpraktijk", _("huisartsenpraktijk")
    JGZ = "jgz", _("jeugdgezondheidszorg")
    ZIEKENHUIS = "ziekenhuis", _("ziekenhuis / medisch specialist")
    SCHOOL = "school", _("school")
    SWV = "samenwerkingsverband", _("samenwerkingsverband passend onderwijs")
    LEERPLICHT = "leerplicht", _("leerplicht")
    EXPERTISECENTRUM = "expertisecentrum", _("expertisecentrum")
    OVERIG = "overig", _("overig")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    type = models.CharField(_("soort"), max_length=24, choices=OrganisationType.choices)
    regions = models.ManyToManyField(
        Region, related_name="organisations", verbose_name=_("actief in jeugdregio's")
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("vestigingsgemeente"),
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer heeft 8 cijfers."))],
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    phone = models.CharField(_("algemeen telefoonnummer"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

"""Sociale kaart: providers (organisations) with their locations and offers (aanbod), and
waiting times at three levels per offer and location, each confirmed by someone on a date.

The map is public professional information about organisations, not about families: nothing
here is personal data except who confirmed a waiting time (a colleague's name).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.cases.codes import Hulpvorm, Productcategorie
from passend.cases.models import CodeItem, LifeDomain
from passend.regions.models import Gemeente, Organisation


class Expertisegebied(CodeItem):
    """GGZ, LVB, verslaving, trauma, autisme, jeugdbescherming, onderwijs, ..."""

    class Meta(CodeItem.Meta):
        verbose_name = _("expertisegebied")
        verbose_name_plural = _("expertisegebieden")


class Hulpvraag(CodeItem):
    """'Waar ben je naar op zoek?': a complaint, form of help or indication, in plain words."""

    class Meta(CodeItem.Meta):
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")


class Aandachtspunt(CodeItem):
    """'Wat vraagt aandacht?': thuissituatie, leefstijl, schoolverzuim, sociale contacten, ..."""

    class Meta(CodeItem.Meta):
        verbose_name = _("aandachtspunt")
        verbose_name_plural = _("aandachtspunten")


class Aanbiederprofiel(models.Model):
    """What the social map tells about an organisation, beyond the foundation's Organisation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="profiel"
    )
    description = models.TextField(_("wat doen wij (in gewone taal)"), blank=True)
    expertise = models.ManyToManyField(
        Expertisegebied, blank=True, related_name="profielen", verbose_name=_("expertise")
    )
    contracted_by = models.ManyToManyField(
        Gemeente,
        blank=True,
        related_name="contracted_profielen",
        verbose_name=_("gecontracteerd door (gemeenten)"),
    )
    contact_name = models.CharField(_("contactpersoon voor verwijzers"), max_length=120, blank=True)
    contact_phone = models.CharField(_("telefoon voor verwijzers"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail voor verwijzers"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanbiederprofiel")
        verbose_name_plural = _("aanbiederprofielen")

    def __str__(self) -> str:
        return str(self.organisation)


class Locatie(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locaties"
    )
    name = models.CharField(_("naam locatie"), max_length=120)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="locaties", verbose_name=_("gemeente")
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"


class Aanbod(models.Model):
    """One offer of help. The voorliggend veld (light help without referral: sport, buddy,
    respite families, walk-in) is part of the map, not an afterthought."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aanbod")
    name = models.CharField(_("naam"), max_length=160)
    description = models.TextField(_("omschrijving in gewone taal"))
    productcategorie = models.CharField(
        _("productcategorie (JZ020)"), max_length=2, choices=Productcategorie.choices, blank=True
    )
    hulpvorm = models.CharField(
        _("hulpvorm (CBS)"), max_length=2, choices=Hulpvorm.choices, blank=True
    )
    voorliggend_veld = models.BooleanField(
        _("voorliggend veld (zonder verwijzing)"),
        default=False,
        help_text=_(
            "Lichte hulp zonder verwijzing of beschikking: sport, buddy, logeergezin, inloop."
        ),
    )
    with_stay = models.BooleanField(_("met verblijf"), default=False)
    age_min = models.PositiveSmallIntegerField(
        _("leeftijd vanaf"), default=0, validators=[MaxValueValidator(27)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("leeftijd tot en met"), default=23, validators=[MaxValueValidator(27)]
    )
    hulpvragen = models.ManyToManyField(
        Hulpvraag, blank=True, related_name="aanbod", verbose_name=_("helpt bij (hulpvragen)")
    )
    aandachtspunten = models.ManyToManyField(
        Aandachtspunt, blank=True, related_name="aanbod", verbose_name=_("aandachtspunten")
    )
    life_domains = models.ManyToManyField(
        LifeDomain, blank=True, related_name="aanbod", verbose_name=_("leefgebieden")
    )
    expertise = models.ManyToManyField(
        Expertisegebied, blank=True, related_name="aanbod", verbose_name=_("expertise")
    )
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="aanbod", verbose_name=_("werkgebied (gemeenten)")
    )
    locaties = models.ManyToManyField(
        Locatie, blank=True, related_name="aanbod", verbose_name=_("locaties")
    )
    referral_needed = models.BooleanField(_("verwijzing nodig"), default=True)
    beschikking_needed = models.BooleanField(_("beschikking nodig"), default=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__lte=models.F("age_max")), name="aanbod_age_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Wachttijd(models.Model):
    """Waiting time in weeks at three levels, for one offer (and location, if it differs per
    location). Every confirmation is a new row: the newest per offer and location is current;
    the older rows show the trend."""

    aanbod = models.ForeignKey(Aanbod, on_delete=models.CASCADE, related_name="wachttijden")
    locatie = models.ForeignKey(
        Locatie,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wachttijden",
        help_text=_("Leeg: geldt voor alle locaties."),
    )
    weeks_to_registration = models.PositiveSmallIntegerField(
        _("weken tot aanmelding"), validators=[MinValueValidator(0), MaxValueValidator(260)]
    )
    weeks_to_intake = models.PositiveSmallIntegerField(
        _("weken tot intake"), validators=[MinValueValidator(0), MaxValueValidator(260)]
    )
    weeks_to_treatment = models.PositiveSmallIntegerField(
        _("weken tot start hulp"), validators=[MinValueValidator(0), MaxValueValidator(260)]
    )
    confirmed_on = models.DateField(_("bevestigd op"), default=timezone.localdate, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )
    confirmed_by_name = models.CharField(
        _("bevestigd door (naam)"), max_length=120, blank=True, help_text=_("Bij import.")
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    # The newest confirmation of its offer and location. Kept by the database (triggers of
    # migration 0008) on every insert, update and delete, however the row is written; the
    # definition is `waiting.current_rows` (a window query), which the tests compare it with.
    is_current = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("wachttijd")
        verbose_name_plural = _("wachttijden")
        ordering = ["-confirmed_on", "-id"]
        indexes = [
            models.Index(fields=["aanbod", "locatie", "-confirmed_on", "-id"]),
            models.Index(
                fields=["aanbod", "confirmed_on", "weeks_to_treatment"],
                condition=Q(is_current=True),
                name="wachttijd_current",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks_to_registration__lte=models.F("weeks_to_intake"))
                & Q(weeks_to_intake__lte=models.F("weeks_to_treatment")),
                name="wachttijd_levels_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aanbod}: {self.weeks_to_treatment} wk ({self.confirmed_on:%d-%m-%Y})"


class Herinnering(models.Model):
    """A reminder sent to an organisation to confirm its outdated or missing waiting times.
    At most one per organisation per day, whoever or whatever (the daily job) sends it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="wachttijd_herinneringen"
    )
    team = models.ForeignKey(
        "regions.Team", on_delete=models.CASCADE, related_name="+", verbose_name=_("expertteam")
    )
    sent_on = models.DateField(_("verstuurd op"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("verstuurd om"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
        help_text=_("Leeg: verstuurd door de dagelijkse taak."),
    )
    recipient_count = models.PositiveSmallIntegerField(_("aantal ontvangers"), default=0)
    entry_count = models.PositiveSmallIntegerField(_("aantal wachttijden"), default=0)

    class Meta:
        verbose_name = _("herinnering wachttijden")
        verbose_name_plural = _("herinneringen wachttijden")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sent_on"], name="herinnering_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.sent_on:%d-%m-%Y})"

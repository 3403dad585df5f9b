"""Tijdlijn (hulpgeschiedenis) en verklarende analyse van een casus.

Free text about the young person and the family is encrypted at rest (Fernet), like the case
itself: the provider when entered as free text, the description, the outcome and the analysis.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from passend.cases.codes import Hulpvorm, Productcategorie
from passend.cases.models import Casus, LifeDomain
from passend.regions.models import Organisation


class TijdlijnEpisode(models.Model):
    """One period of help in the young person's care history."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="episodes")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="timeline_episodes",
        verbose_name=_("aanbieder (organisatie)"),
    )
    provider_name = EncryptedCharField(
        _("aanbieder (vrije tekst)"),
        max_length=200,
        null=True,
        blank=True,
        help_text=_("Alleen als de aanbieder niet in de lijst met organisaties staat."),
    )
    aanbod = models.ForeignKey(
        "socialmap.Aanbod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="timeline_episodes",
        verbose_name=_("aanbod (sociale kaart)"),
    )
    productcategorie = models.CharField(
        _("productcategorie"), max_length=2, choices=Productcategorie.choices, blank=True
    )
    hulpvorm = models.CharField(_("hulpvorm"), max_length=2, choices=Hulpvorm.choices, blank=True)
    description = EncryptedCharField(
        _("omschrijving van de hulp"), max_length=200, null=True, blank=True
    )
    start = models.DateField(_("begonnen op"))
    end = models.DateField(_("gestopt op"), null=True, blank=True)
    outcome = EncryptedTextField(_("wat bracht het / waarom gestopt"), null=True, blank=True)
    life_domain = models.ForeignKey(
        LifeDomain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leefgebied"),
    )
    with_stay = models.BooleanField(_("met verblijf"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("episode in de tijdlijn")
        verbose_name_plural = _("episodes in de tijdlijn")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="episode_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.casus} episode {self.pk}"

    @property
    def provider(self) -> str:
        """The provider as shown and compared: the organisation's name, else the free text."""
        if self.organisation_id:
            return self.organisation.name
        return (self.provider_name or "").strip()

    @property
    def form_of_help(self) -> str:
        """Hulpvorm, else productcategorie, else the free description."""
        if self.hulpvorm:
            return str(self.get_hulpvorm_display())
        if self.productcategorie:
            return str(self.get_productcategorie_display())
        return (self.description or "").strip()


class AnalyseStep(models.IntegerChoices):
    INFORMATIE = 1, _("1. Informatie verzamelen en ordenen met het gezin")
    VERBANDEN = 2, _("2. Verbanden en verklaringen: wat betekent dit gedrag, nu, in deze situatie?")
    DOELEN = 3, _("3. Doelen en gekozen interventies")


class AnalyseStap(models.Model):
    """One version of one step of the verklarende analyse; every save adds a version."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="analysis_steps")
    step = models.PositiveSmallIntegerField(_("stap"), choices=AnalyseStep.choices)
    text = EncryptedTextField(_("tekst"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    written_at = models.DateTimeField(_("geschreven op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("stap van de verklarende analyse")
        verbose_name_plural = _("stappen van de verklarende analyse")
        ordering = ["step", "-written_at", "-id"]
        indexes = [models.Index(fields=["casus", "step", "-written_at"])]

    def __str__(self) -> str:
        return f"{self.casus} stap {self.step} ({self.written_at:%Y-%m-%d})"

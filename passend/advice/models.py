"""Het advies: inhoud, scenario's, financiering, kortetermijnoplossing, goedkeuring, brief,
toelichting, belangenverstrengeling en opvolging."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedTextField

from passend.cases.models import Casus
from passend.regions.models import Organisation

from .codes import AdviesStatus, ImplementationStatus

RECIPIENT_LABELS = {
    "verwijzer": _("de verwijzer"),
    "jeugdige": _("de jeugdige"),
    "ouders": _("de ouders of verzorgers"),
}


class Decision(models.TextChoices):
    BEVESTIGD = "bevestigd", _("bevestigd: belang gemeld, blijft betrokken")
    TERUGGETREDEN = "teruggetreden", _("teruggetreden")


class Party(models.TextChoices):
    VERWIJZER = "verwijzer", _("verwijzer")
    JEUGDIGE = "jeugdige", _("jeugdige")
    OUDER = "ouder", _("ouder of verzorger")
    AANBIEDER = "aanbieder", _("zorgaanbieder")
    ANDERS = "anders", _("anders")


def _text(label):
    return EncryptedTextField(label, null=True, blank=True)


# The structured content, in the order of the form and the letter.
CONTENT_FIELDS = (
    "most_fitting_care",
    "order_and_speed",
    "routes",
    "bridging_waiting_time",
    "complementary_care",
    "long_term_perspective",
    "scenario_a",
    "scenario_b",
    "scenario_c",
    "financing_who_pays",
    "financing_contract",
    "double_indication",
    "double_indication_note",
    "short_term_solution",
    "short_term_start_date",
    "short_term_end_date",
)


class Advies(models.Model):
    """One version of the team's advice on a case; the newest version is the current one."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="adviezen")
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status van het advies"), max_length=12, choices=AdviesStatus.choices
    )
    status_reason = _text(_("reden afwijkende status"))

    most_fitting_care = _text(_("meest passende zorg"))
    order_and_speed = _text(_("volgorde en snelheid van de hulp"))
    routes = _text(_("routes"))
    bridging_waiting_time = _text(_("overbruggen van de wachttijd"))
    complementary_care = _text(_("aanvullende en opvolgende zorg"))
    long_term_perspective = _text(_("perspectief op de lange termijn"))
    scenario_a = _text(_("scenario A"))
    scenario_b = _text(_("scenario B"))
    scenario_c = _text(_("scenario C"))
    financing_who_pays = _text(_("wie betaalt"))
    financing_contract = _text(_("contract"))
    double_indication = models.BooleanField(_("dubbele indicatie"), default=False)
    double_indication_note = _text(_("toelichting dubbele indicatie"))
    short_term_solution = _text(_("kortetermijnoplossing"))
    short_term_start_date = models.DateField(
        _("kortetermijnoplossing vanaf"), null=True, blank=True
    )
    short_term_end_date = models.DateField(
        _("kortetermijnoplossing tot en met"), null=True, blank=True
    )
    candidate_providers = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="candidate_in_advices",
        verbose_name=_("beoogde aanbieders"),
    )
    chosen_offers = models.ManyToManyField(
        "socialmap.Aanbod",
        blank=True,
        related_name="chosen_in_advices",
        verbose_name=_("gekozen aanbod (sociale kaart)"),
    )

    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, db_index=True)
    to_referrer = models.BooleanField(_("aan de verwijzer"), default=True)
    to_young_person = models.BooleanField(_("aan de jeugdige"), default=True)
    to_parents = models.BooleanField(_("aan de ouders"), default=True)

    implementation_status = models.CharField(
        _("uitvoering van het advies"),
        max_length=32,
        choices=ImplementationStatus.choices,
        blank=True,
    )
    implementation_note = _text(_("toelichting uitvoering"))

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["casus", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "version"], name="advies_version_unique")
        ]
        indexes = [models.Index(fields=["short_term_end_date"])]

    def __str__(self) -> str:
        return f"{self.casus} advies v{self.version}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def recipients(self) -> list[str]:
        return [
            key
            for key, on in (
                ("verwijzer", self.to_referrer),
                ("jeugdige", self.to_young_person),
                ("ouders", self.to_parents),
            )
            if on
        ]

    @property
    def recipient_labels(self) -> list[str]:
        """The recipients as the page names them (the codes stay in the API)."""
        return [str(RECIPIENT_LABELS[key]) for key in self.recipients]


class Belangenverklaring(models.Model):
    """A flagged expert's decision on a possible conflict of interest (belangenverstrengeling)."""

    advies = models.ForeignKey(
        Advies, on_delete=models.CASCADE, related_name="belangenverklaringen"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expert"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    decision = models.CharField(_("besluit"), max_length=16, choices=Decision.choices)
    explanation = _text(_("toelichting"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("belangenverklaring")
        verbose_name_plural = _("belangenverklaringen")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.advies}: {self.user_id} {self.decision}"


class Toelichtingsverzoek(models.Model):
    """A request to explain the advice (toelichting), by any party, with the team's answer."""

    advies = models.ForeignKey(
        Advies, on_delete=models.CASCADE, related_name="toelichtingsverzoeken"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    party = models.CharField(_("wie vraagt"), max_length=12, choices=Party.choices)
    question = _text(_("vraag"))
    asked_at = models.DateTimeField(default=timezone.now)
    answer = _text(_("antwoord"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # Withdrawn unanswered, when the case closed (the request is then no longer open).
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verzoek om toelichting")
        verbose_name_plural = _("verzoeken om toelichting")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"{self.advies}: toelichting {self.pk}"


class Opvolging(models.Model):
    """A follow-up check of an advice: planned at sending (+ team months), then recorded."""

    advies = models.ForeignKey(Advies, on_delete=models.CASCADE, related_name="opvolgingen")
    due_on = models.DateField(_("gepland op"), db_index=True)
    done_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    implementation_status = models.CharField(
        _("uitvoering van het advies"),
        max_length=32,
        choices=ImplementationStatus.choices,
        blank=True,
    )
    in_fitting_place = models.BooleanField(_("jeugdige is op een passende plek"), default=False)
    notes = _text(_("bevindingen"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.advies}: follow-up {self.due_on}"

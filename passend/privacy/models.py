"""The privacy lifecycle: the DPIA gate per team, retention runs, and AVG requests.

Monitoring, signals and reports of a team stay off until its beheerder records that the DPIA
was done and the covenant / privacy protocol is in place (``DpiaToets.monitoring_allowed``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The nine criteria of the DPIA check (Werkboek S1:3186-3198): two or more "ja" → a DPIA.
DPIA_CRITERIA = (
    ("profiling", _("Scoretoekenning, profilering, voorspelling of bijzondere persoonsgegevens")),
    ("automated_decisions", _("Geautomatiseerde besluitvorming")),
    ("systematic_monitoring", _("Stelselmatige monitoring")),
    ("sensitive_data", _("Gevoelige gegevens")),
    ("large_scale", _("Op grote schaal verwerkte gegevens")),
    ("matching", _("Matching of samenvoeging van datasets")),
    ("vulnerable_subjects", _("Kwetsbare betrokkenen")),
    ("innovative", _("Innovatieve toepassing van technologie")),
    ("blocking", _("Blokkering van een recht, dienst of contract")),
)


class DpiaToets(models.Model):
    """The team's DPIA check (one row per team): the answers, the outcome, and whether the
    DPIA and the covenant / privacy protocol are recorded."""

    team = models.OneToOneField(
        "regions.Team", on_delete=models.CASCADE, related_name="dpia", verbose_name=_("expertteam")
    )
    profiling = models.BooleanField(DPIA_CRITERIA[0][1], default=False)
    automated_decisions = models.BooleanField(DPIA_CRITERIA[1][1], default=False)
    systematic_monitoring = models.BooleanField(DPIA_CRITERIA[2][1], default=True)
    sensitive_data = models.BooleanField(DPIA_CRITERIA[3][1], default=True)
    large_scale = models.BooleanField(DPIA_CRITERIA[4][1], default=False)
    matching = models.BooleanField(DPIA_CRITERIA[5][1], default=False)
    vulnerable_subjects = models.BooleanField(DPIA_CRITERIA[6][1], default=True)
    innovative = models.BooleanField(DPIA_CRITERIA[7][1], default=False)
    blocking = models.BooleanField(DPIA_CRITERIA[8][1], default=False)
    assessed_on = models.DateField(_("toets ingevuld op"), null=True, blank=True)
    privacy_officer = models.CharField(
        _("betrokken functionaris gegevensbescherming"), max_length=150, blank=True
    )

    dpia_done_on = models.DateField(_("DPIA uitgevoerd op"), null=True, blank=True)
    dpia_reference = models.CharField(_("kenmerk DPIA"), max_length=120, blank=True)
    covenant_in_place = models.BooleanField(
        _("convenant / privacyprotocol vastgesteld en ondertekend"), default=False
    )
    covenant_reference = models.CharField(_("kenmerk convenant"), max_length=120, blank=True)
    covenant_signed_on = models.DateField(_("convenant ondertekend op"), null=True, blank=True)

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("DPIA-toets")
        verbose_name_plural = _("DPIA-toetsen")

    def __str__(self) -> str:
        return f"DPIA {self.team}"

    @property
    def criteria_met(self) -> int:
        return sum(bool(getattr(self, name)) for name, _label in DPIA_CRITERIA)

    @property
    def dpia_required(self) -> bool:
        """Two or more criteria; systematic monitoring of sensitive data always (S1:3214)."""
        return self.criteria_met >= 2 or (self.systematic_monitoring and self.sensitive_data)

    @property
    def monitoring_allowed(self) -> bool:
        return bool(self.dpia_done_on and self.dpia_reference and self.covenant_in_place)


class RetentieRun(models.Model):
    """One run of the retention procedure (apply_retention), dry or real, with its counts."""

    started_at = models.DateTimeField(_("gestart op"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    dry_run = models.BooleanField(_("proefdraai"), default=False)
    trigger = models.CharField(_("aanleiding"), max_length=20, default="command")
    counts = models.JSONField(_("aantallen"), default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bewaartermijnrun")
        verbose_name_plural = _("bewaartermijnruns")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}{' (proef)' if self.dry_run else ''}"


class AvgVerzoekSoort(models.TextChoices):
    INZAGE = "inzage", _("inzage en kopie (art. 15 AVG)")
    WISSEN = "wissen", _("verwijdering (art. 17 AVG)")


class AvgVerzoekStatus(models.TextChoices):
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")
    GEWEIGERD = "geweigerd", _("geweigerd (met grond)")


class AvgVerzoek(models.Model):
    """A request by a young person or parent to see or erase their data, and its handling.
    Holds no personal data itself: the person is the case's young person or a parent by id."""

    team = models.ForeignKey("regions.Team", on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey("cases.Casus", on_delete=models.PROTECT, related_name="avg_verzoeken")
    person = models.CharField(
        _("betrokkene"), max_length=20, help_text=_("'jeugdige' of 'ouder:<id>'.")
    )
    kind = models.CharField(_("soort verzoek"), max_length=10, choices=AvgVerzoekSoort.choices)
    received_on = models.DateField(_("ontvangen op"), default=timezone.localdate)
    status = models.CharField(_("afhandeling"), max_length=12, choices=AvgVerzoekStatus.choices)
    refusal_ground = models.CharField(_("grond voor weigering"), max_length=40, blank=True)
    refusal_explanation = models.TextField(_("toelichting op de weigering"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("AVG-verzoek")
        verbose_name_plural = _("AVG-verzoeken")
        ordering = ["-handled_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.casus_id}"

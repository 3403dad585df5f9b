"""Plan van aanpak (doelen, acties), regiegesprekken, escalaties en het toekomstplan (16+).

Free text about the young person and family is encrypted at rest, like the case itself.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from passend.cases.models import Casus

from .codes import (
    DOUBLE_CHECK,
    OPEN_STATUSES,
    ActionStatus,
    Answer,
    ArrangementStatus,
    FutureDomain,
    Level,
    Term,
)


class Doel(models.Model):
    """A goal of the plan van aanpak, on the short, medium or long term."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="goals")
    term = models.CharField(_("termijn"), max_length=12, choices=Term.choices)
    description = EncryptedTextField(_("doel"))
    achieved_on = models.DateField(_("bereikt op"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["order", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.casus} doel {self.pk}"


class Actie(models.Model):
    """An action of the plan van aanpak: who does what before when."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Doel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("doel"),
    )
    description = EncryptedTextField(_("actie"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procesregie_actions",
        verbose_name=_("eigenaar (teamlid)"),
    )
    owner_name = EncryptedCharField(
        _("eigenaar buiten het team"), max_length=150, null=True, blank=True
    )
    deadline = models.DateField(_("uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["owner", "status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.casus} actie {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        """Open or in progress and its deadline has passed."""
        return self.is_open and self.deadline < today

    @property
    def owner_display(self) -> str:
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.get_username()
        return self.owner_name or ""


class Regiegesprek(models.Model):
    """A structured process meeting (regiegesprek): voorbereiding, beeldvorming,
    oordeelsvorming and besluitvorming."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="regiegesprekken")
    held_on = models.DateField(_("datum"))
    participants = EncryptedTextField(_("deelnemers"))
    voorbereiding = EncryptedTextField(_("voorbereiding"), null=True, blank=True)
    beeldvorming = EncryptedTextField(_("beeldvorming"), null=True, blank=True)
    oordeelsvorming = EncryptedTextField(_("oordeelsvorming"), null=True, blank=True)
    besluitvorming = EncryptedTextField(_("besluitvorming"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("regiegesprek")
        verbose_name_plural = _("regiegesprekken")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.casus} regiegesprek {self.held_on}"


class Escalatie(models.Model):
    """Opschalen: from one level of the escalation ladder to a higher one."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="escalations")
    from_level = models.CharField(_("van"), max_length=16, choices=Level.choices)
    to_level = models.CharField(_("naar"), max_length=16, choices=Level.choices)
    reason = EncryptedTextField(_("reden"))
    escalated_on = models.DateField(_("opgeschaald op"))
    outcome = EncryptedTextField(_("uitkomst"), null=True, blank=True)
    outcome_on = models.DateField(_("uitkomst op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["-escalated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.casus}: {self.from_level} → {self.to_level}"


def _answer_field(question):
    return models.CharField(question, max_length=3, choices=Answer.choices, blank=True)


class Toekomstplan(models.Model):
    """The future plan of a young person (16+ in closed youth care), per life domain.

    Separate from the treatment plan, but linked to it (16plus checklist).
    """

    casus = models.OneToOneField(Casus, on_delete=models.CASCADE, related_name="toekomstplan")
    treatment_plan = EncryptedTextField(_("koppeling met het behandelplan"), null=True, blank=True)
    dream = EncryptedTextField(_("droom en wens van de jongere"), null=True, blank=True)
    check_own_plan = _answer_field(DOUBLE_CHECK[0][1])
    check_steps_now = _answer_field(DOUBLE_CHECK[1][1])
    check_outside_closed = _answer_field(DOUBLE_CHECK[2][1])
    check_short_closure = _answer_field(DOUBLE_CHECK[3][1])
    check_notes = EncryptedTextField(_("toelichting bij de dubbelcheck"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toekomstplan")
        verbose_name_plural = _("toekomstplannen")

    def __str__(self) -> str:
        return f"{self.casus} toekomstplan"


class ToekomstplanRegel(models.Model):
    """One life domain of a toekomstplan: who supports, what is arranged, how far it is."""

    toekomstplan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="rows")
    domain = models.CharField(_("leefgebied"), max_length=16, choices=FutureDomain.choices)
    supporter = EncryptedTextField(_("wie ondersteunt"), null=True, blank=True)
    arrangement = EncryptedTextField(_("wat is er geregeld of nodig"), null=True, blank=True)
    status = models.CharField(
        _("stand van zaken"),
        max_length=14,
        choices=ArrangementStatus.choices,
        default=ArrangementStatus.NIET_GEREGELD,
    )

    class Meta:
        verbose_name = _("regel toekomstplan")
        verbose_name_plural = _("regels toekomstplan")
        constraints = [
            models.UniqueConstraint(
                fields=["toekomstplan", "domain"], name="toekomstplan_domain_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.toekomstplan} {self.domain}"

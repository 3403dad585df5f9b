"""Teamoverleggen: agenda, aanwezigheid, deelname van jeugdige en ouders, verslag en
procesevaluatie (spec §2.4; Werkboek "Jeugdigen en ouders aan tafel").

Free text about the young person or family is encrypted at rest. Whether minutes exist is kept
as an unencrypted timestamp (`minutes_recorded_at`) so work lists can filter without decrypting.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedTextField

from passend.cases.models import Casus
from passend.regions.models import Team

from .codes import AttendanceStatus, GuestKind, MeetingStatus, Participation


class Overleg(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("expertteam")
    )
    starts_at = models.DateTimeField(_("begint om"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    location = models.CharField(
        _("locatie"), max_length=200, blank=True, help_text=_("Een adres, een zaal of 'online'.")
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("voorzitter"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.GEPLAND
    )
    notes = EncryptedTextField(_("aantekeningen"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["team", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.team} {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def local_date(self):
        return timezone.localdate(self.starts_at)


class Casusbespreking(models.Model):
    """A case on the agenda of a meeting, with participation, two-part minutes and evaluation."""

    overleg = models.ForeignKey(
        Overleg, on_delete=models.CASCADE, related_name="discussions", verbose_name=_("overleg")
    )
    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, related_name="discussions", verbose_name=_("casus")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    question = EncryptedTextField(_("vraag aan het overleg"), null=True, blank=True)

    participation = models.CharField(
        _("deelname jeugdige en ouders"),
        max_length=16,
        choices=Participation.choices,
        blank=True,
        db_index=True,
    )
    spokesperson_name = EncryptedCharField(
        _("naam woordvoerder"), max_length=200, null=True, blank=True
    )
    spokesperson_relation = models.CharField(
        _("relatie woordvoerder tot de jeugdige"), max_length=100, blank=True
    )
    absence_reason = EncryptedTextField(_("reden van afwezigheid"), null=True, blank=True)

    minutes_part1 = EncryptedTextField(_("verslag deel 1 (met gezin)"), null=True, blank=True)
    minutes_part2 = EncryptedTextField(_("verslag deel 2 (besloten)"), null=True, blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    what_helped = EncryptedTextField(_("wat hielp"), null=True, blank=True)
    could_be_better = EncryptedTextField(_("wat kan beter"), null=True, blank=True)
    family_view = EncryptedTextField(_("hoe keek het gezin erop terug"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    evaluated_at = models.DateTimeField(null=True, blank=True, editable=False)

    # When the case was actually discussed: the meeting's start, set once participation or
    # minutes are recorded for a meeting that has taken place (see services.record_discussion).
    discussed_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("casusbespreking")
        verbose_name_plural = _("casusbesprekingen")
        ordering = ["overleg__starts_at", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["overleg", "casus"], name="discussion_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.casus.reference} · {self.overleg}"

    @property
    def recorded(self) -> bool:
        return bool(self.participation or self.minutes_recorded_at or self.evaluated_at)


class Aanwezigheid(models.Model):
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_attendance"
    )
    status = models.CharField(_("aanwezigheid"), max_length=10, choices=AttendanceStatus.choices)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        ordering = ["overleg", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["overleg", "user"], name="attendance_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_status_display()}"


class Gast(models.Model):
    """A guest or on-call expert (oproepbare expert) at a meeting."""

    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="guests")
    name = EncryptedCharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    function = models.CharField(_("functie of expertise"), max_length=200, blank=True)
    kind = models.CharField(
        _("soort"), max_length=20, choices=GuestKind.choices, default=GuestKind.GAST
    )
    discussion = models.ForeignKey(
        Casusbespreking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guests",
        verbose_name=_("bij de bespreking van"),
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("gast")
        verbose_name_plural = _("gasten")
        ordering = ["overleg", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

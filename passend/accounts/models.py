from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.regions.models import Organisation, Team

from .memberships import current_q
from .roles import Role, role_needs_second_factor


class User(AbstractUser):
    """A person who logs in. Staff data; case subjects are not users."""

    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    is_demo = models.BooleanField(
        _("demogebruiker"),
        default=False,
        help_text=_("Synthetische gebruiker uit de demoregio."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def needs_second_factor(self) -> bool:
        if self.is_superuser:
            return True
        roles = self.memberships.current().values_list("role", flat=True)
        return any(role_needs_second_factor(role) for role in roles)


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        """The memberships that count on `day` (default today): active and within start/end."""
        return self.filter(current_q(day))


class Membership(models.Model):
    """User × team × role, optionally on behalf of an organisation, from `start` up to and
    including `end` (open-ended without one). Ending a membership keeps the row (history)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("expertteam")
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("namens organisatie"),
    )
    expertise = models.CharField(
        _("expertise"), max_length=120, blank=True, help_text=_("Bijvoorbeeld GGZ, LVB, onderwijs.")
    )
    active = models.BooleanField(_("actief"), default=True)
    aggregate_whole_area = models.BooleanField(
        _("mag cijfers van het hele werkgebied zien"),
        default=False,
        help_text=_(
            "Alleen voor een beleidsadviseur: de geanonimiseerde cijfers van alle gemeenten "
            "van het team, niet alleen van de eigen gemeente."
        ),
    )
    start = models.DateField(_("startdatum"), default=timezone.localdate)
    end = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Laatste dag; leeg is doorlopend.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["team", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.team}"

    def state(self, day=None) -> str:
        """ "actief" (counts now), "gepland" (starts later) or "beeindigd"."""
        day = day or timezone.localdate()
        if not self.active or (self.end is not None and self.end < day):
            return "beeindigd"
        return "gepland" if self.start > day else "actief"


class Uitnodiging(models.Model):
    """An invitation by e-mail to set a password for a new account (one per user and team).
    Sending it again replaces the link: only the link of the last dispatch works."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="uitnodigingen", verbose_name=_("gebruiker")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="uitnodigingen", verbose_name=_("expertteam")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    times_sent = models.PositiveSmallIntegerField(_("aantal keer verstuurd"), default=1)
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="uitnodiging_unique_user_team")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"

    @property
    def expires_at(self):
        return self.sent_at + settings.PASSEND_INVITATION_VALID_FOR

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "aanvaard"
        return "verlopen" if timezone.now() > self.expires_at else "open"

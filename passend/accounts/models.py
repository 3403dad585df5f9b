from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.regions.models import Organisation, Team

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
        roles = self.memberships.filter(active=True).values_list("role", flat=True)
        return any(role_needs_second_factor(role) for role in roles)


class Membership(models.Model):
    """User × team × role, optionally on behalf of an organisation."""

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

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["team", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.team}"

"""NEN 7513-style access log. Append-only: the application can add entries, never change them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an access-log entry."""


class Action(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    READ = "read", _("ingezien")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    EXPORT = "export", _("geëxporteerd")
    PRINT = "print", _("afgedrukt")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    DENIED = "denied", _("geweigerd")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Het toegangslog kan niet worden gewijzigd.")

    def delete(self):
        raise AppendOnlyError("Het toegangslog kan niet worden verwijderd.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Het toegangslog kan niet worden gewijzigd.")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("Het toegangslog kan niet worden gewijzigd.")


class AccessLogEntry(models.Model):
    timestamp = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    action = models.CharField(_("handeling"), max_length=8, choices=Action.choices)
    outcome = models.CharField(_("uitkomst"), max_length=8, choices=Outcome.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    roles = models.CharField(_("rol(len)"), max_length=200, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    team = models.ForeignKey(
        "regions.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expertteam"),
    )
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    subject_type = models.CharField(_("soort gegeven"), max_length=40)
    subject_id = models.CharField(_("kenmerk"), max_length=64, blank=True)
    purpose = models.CharField(_("doel"), max_length=200)
    access_point = models.CharField(_("toegangspunt"), max_length=300)
    client_address = models.GenericIPAddressField(_("adres cliënt"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False, unique=True)
    # Id of the HMAC key that signed this entry (audit/chain.key_id; not secret).
    key_id = models.CharField(max_length=16, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-timestamp"]),
            models.Index(fields=["user", "-timestamp"]),
            models.Index(fields=["team", "-timestamp"]),
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.action} {self.subject_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Het toegangslog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Het toegangslog kan niet worden verwijderd.")


class ChainHead(models.Model):
    """The last hash of the chain; one row. Locked while an entry is appended."""

    last_hash = models.CharField(max_length=64)
    length = models.BigIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.length} entries, last {self.last_hash[:12]}"

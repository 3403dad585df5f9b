"""Re-encrypt every encrypted field of every model with the current (first) key, re-encrypt the
attachment files, and recompute pseudonyms and the name search index.

Run after putting a new salt first in PASSEND_FIELD_SALT_KEYS (or a new DJANGO_SECRET_KEY with
the old one in DJANGO_SECRET_KEY_FALLBACKS), or after a new PASSEND_PSEUDONYM_KEY (the old one
in PASSEND_PSEUDONYM_KEY_FALLBACKS). One transaction: stopped halfway, nothing changed. A value
that no configured key decrypts (the old key removed too early) stops the run before anything is
written, instead of encrypting the ciphertext once more.
"""

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin

from passend.cases import attachments
from passend.cases.models import Bijlage, Casus
from passend.cases.services import rebuild_name_index, refresh_identity

DERIVED = ["birth_month", "bsn_pseudonym", "name_pseudonym"]


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]


def encrypted_models() -> list[tuple[type, list[str]]]:
    """Every model with encrypted fields (cases, advice, analysis, meetings, procesregie…)."""
    found = [(model, encrypted_fields(model)) for model in apps.get_models()]
    return [(model, fields) for model, fields in found if fields]


def in_chunks(queryset, size: int = 500):
    """Every row, a chunk of primary keys at a time: plain queries, no server-side cursor
    (which a refusal half-way would leave behind inside the transaction on PostgreSQL)."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), size):
        yield from queryset.filter(pk__in=pks[start : start + size]).order_by("pk")


def reset_key_cache() -> None:
    """Field instances cache their derived keys; drop them so new settings take effect."""
    for model, _fields in encrypted_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedFieldMixin):
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)


def _still_encrypted(obj, fields: list[str]) -> list[str]:
    """Fields whose value did not decrypt (the library then hands back the Fernet token)."""
    stuck = []
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, str) and value.startswith("gAAAAA"):
            try:
                obj._meta.get_field(name).f.decrypt(value.encode())
            except InvalidToken:
                stuck.append(name)
    return stuck


def _refuse_undecryptable(model, obj, fields) -> None:
    stuck = _still_encrypted(obj, fields)
    if stuck:
        raise CommandError(
            f"{model._meta.label} {obj.pk}: {', '.join(stuck)} decrypts with none of the "
            "configured keys. Put the old key back (DJANGO_SECRET_KEY_FALLBACKS or "
            "PASSEND_FIELD_SALT_KEYS); nothing was changed."
        )


class Command(BaseCommand):
    help = "Re-encrypt all encrypted data with the current key; recompute pseudonyms and index."

    def handle(self, *args, **options):
        try:
            counts = self.reencrypt()
        except ValidationError as error:  # an encrypted date that did not decrypt
            raise CommandError(
                f"A value decrypts with none of the configured keys ({error.messages[0][:60]}…). "
                "Put the old key back; nothing was changed."
            ) from error
        self.stdout.write(
            "Opnieuw versleuteld: " + ", ".join(f"{n} {k}" for k, n in counts.items())
        )

    def reencrypt(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with transaction.atomic():
            casus_fields = encrypted_fields(Casus)
            for casus in in_chunks(Casus.objects.all()):
                _refuse_undecryptable(Casus, casus, casus_fields)
                refresh_identity(casus)
                casus.save(update_fields=casus_fields + DERIVED)
                rebuild_name_index(casus)
                counts[Casus._meta.label] = counts.get(Casus._meta.label, 0) + 1
            for attachment in in_chunks(Bijlage.objects.all(), 100):
                attachments.reencrypt(attachment)
                counts["bijlage-bestanden"] = counts.get("bijlage-bestanden", 0) + 1
            for model, fields in encrypted_models():
                if model is Casus:
                    continue
                # The base manager: every row, also those a default manager would hide; an
                # UPDATE of the fields only, no save() side effects.
                for obj in in_chunks(model._base_manager.all()):
                    _refuse_undecryptable(model, obj, fields)
                    values = {name: getattr(obj, name) for name in fields}
                    model._base_manager.filter(pk=obj.pk).update(**values)
                    counts[model._meta.label] = counts.get(model._meta.label, 0) + 1
        return counts

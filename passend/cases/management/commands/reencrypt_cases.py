"""Re-encrypt every identifying field with the current (first) key, and recompute pseudonyms.

Run after putting a new salt first in PASSEND_FIELD_SALT_KEYS (or a new DJANGO_SECRET_KEY with
the old one in DJANGO_SECRET_KEY_FALLBACKS), or after changing PASSEND_PSEUDONYM_KEY.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin

from passend.cases import attachments
from passend.cases.models import Bijlage, Casus, Ouder, Toestemming
from passend.cases.services import rebuild_name_index, refresh_identity

DERIVED = ["birth_month", "bsn_pseudonym", "name_pseudonym"]


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]


def reset_key_cache() -> None:
    """Field instances cache their derived keys; drop them so new settings take effect."""
    for model in (Casus, Ouder, Toestemming, Bijlage):
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedFieldMixin):
                field.__dict__.pop("keys", None)
                field.__dict__.pop("f", None)


class Command(BaseCommand):
    help = "Re-encrypt case data with the current key and recompute pseudonyms/search index."

    def handle(self, *args, **options):
        counts = {}
        with transaction.atomic():
            for casus in Casus.objects.order_by("pk").iterator(chunk_size=500):
                refresh_identity(casus)
                casus.save(update_fields=encrypted_fields(Casus) + DERIVED)
                rebuild_name_index(casus)
                counts["casussen"] = counts.get("casussen", 0) + 1
            for attachment in Bijlage.objects.order_by("pk").iterator(chunk_size=100):
                attachments.reencrypt(attachment)
            for model, label in (
                (Ouder, "ouders"),
                (Toestemming, "toestemmingen"),
                (Bijlage, "bijlagen"),
            ):
                for obj in model.objects.order_by("pk").iterator(chunk_size=500):
                    obj.save(update_fields=encrypted_fields(model))
                    counts[label] = counts.get(label, 0) + 1
        self.stdout.write(
            "Opnieuw versleuteld: " + ", ".join(f"{n} {k}" for k, n in counts.items())
        )

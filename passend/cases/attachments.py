"""Attachments: type checked on content, size limited, content and name encrypted at rest."""

from uuid import uuid4

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from passend.audit.models import Action

from .models import Bijlage, Casus

ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


class AttachmentError(Exception):
    """A refused upload; the message is shown to the user (Dutch)."""


def max_bytes() -> int:
    return int(getattr(settings, "PASSEND_MAX_ATTACHMENT_MB", 10)) * 1024 * 1024


def _fernet():
    # The same Fernet keys as the encrypted fields, so rotation (reencrypt_cases) covers files.
    return Bijlage._meta.get_field("original_name").f


def check(uploaded) -> str:
    """Return the content type detected from the bytes, or raise AttachmentError."""
    if uploaded.size > max_bytes():
        raise AttachmentError(
            f"Het bestand is te groot ({uploaded.size // 1024 // 1024} MB); "
            f"het maximum is {max_bytes() // 1024 // 1024} MB."
        )
    if uploaded.size == 0:
        raise AttachmentError("Het bestand is leeg.")
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head) if head[:2] != b"PK" else filetype.guess(uploaded.read())
    uploaded.seek(0)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        allowed = ", ".join(ALLOWED_TYPES.values())
        raise AttachmentError(
            f"Dit soort bestand kan niet worden toegevoegd. Toegestaan: {allowed}."
        )
    return kind.mime


@transaction.atomic
def add(casus: Casus, uploaded, *, description: str = "", request=None) -> Bijlage:
    from passend.audit.services import log_case

    from .services import _actor

    content_type = check(uploaded)
    token = _fernet().encrypt(uploaded.read())
    attachment = Bijlage(
        casus=casus,
        original_name=(uploaded.name or "bijlage")[-255:],
        description=description or None,
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=_actor(request),
    )
    attachment.file.save(uuid4().hex, ContentFile(token), save=False)
    attachment.save()
    log_case(request, casus, Action.CREATE, "bijlage toevoegen")
    return attachment


def read(attachment: Bijlage) -> bytes:
    with attachment.file.open("rb") as handle:
        return _fernet().decrypt(handle.read())


def reencrypt(attachment: Bijlage) -> None:
    """Re-encrypt the stored content with the current key (after a key rotation)."""
    with attachment.file.open("rb") as handle:
        token = _fernet().rotate(handle.read())
    name = attachment.file.name
    attachment.file.storage.delete(name)
    attachment.file.storage.save(name, ContentFile(token))

"""Attachments: type checked on content, size limited, content and name encrypted at rest.

The stored name is cleaned (no path, no control characters; nothing after a NUL) and its
extension follows the detected content type, never the uploader's claim. A PDF must really
parse as one and may hold no scripts or automatic actions (JavaScript, open actions, launch
actions, embedded files), wherever they sit: in object streams or spelled with #xx escapes.
"""

import io
import logging
import os
import re
import unicodedata
from uuid import uuid4

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.audit.models import Action
from passend.audit.services import log_case
from passend.core.refusals import InvalidInput, NotAllowed

from .models import Bijlage, Casus

ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}
# Extensions per type: the first is used when the uploaded name has none of them.
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
# PDF names that run something or carry other files: refused wherever they appear.
ACTIVE_PDF_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/FileAttachment",
        "/RichMedia",
        "/XFA",
    }
)
NAME_MAX = 255
EXTENSION_LIKE = re.compile(r"\.[A-Za-z0-9]{1,5}")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed uploads are refused, not logged


def max_bytes() -> int:
    return int(getattr(settings, "PASSEND_MAX_ATTACHMENT_MB", 10)) * 1024 * 1024


def _fernet():
    # The same Fernet keys as the encrypted fields, so rotation (reencrypt_cases) covers files.
    return Bijlage._meta.get_field("original_name").f


def may_add_attachment(user, casus: Casus) -> bool:
    """The case's referrer (also on a draft), and the team members who work on cases."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if casus.aanmelder_id == user.pk:
        return True
    return not casus.is_draft and has_capability(user, Cap.WORK_ON_CASES, casus.team)


def clean_name(name: str | None, content_type: str) -> str:
    """A safe file name whose extension says what the content is: no directories, no control
    characters, nothing from a NUL on (Django's upload parser drops the NUL itself, so also
    any other extension the type does not have: "ok.pdf.exe" becomes "ok.pdf"), and at most
    255 characters."""
    name = re.split("[\x00\ufffd]", name or "", maxsplit=1)[0]
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    allowed = EXTENSIONS.get(content_type, ("",))
    stem, extension = os.path.splitext(name)
    while extension and extension.lower() not in allowed and EXTENSION_LIKE.fullmatch(extension):
        stem, extension = os.path.splitext(stem)
    if extension.lower() not in allowed:
        stem, extension = stem + extension, allowed[0]
    stem = stem.strip().rstrip(".") or "bijlage"
    return stem[: NAME_MAX - len(extension)] + extension.lower()


def _refuse(message: str):
    raise InvalidInput(errors={"file": message})


def _pdf_objects(reader: PdfReader):
    """Every object of the PDF: from the trailer down, and each one its cross-reference tables
    name (also those inside object streams, which the tree may not reach)."""
    start = [reader.trailer]
    for generation, entries in reader.xref.items():
        start += [IndirectObject(number, generation, reader) for number in entries]
    start += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen, stack = set(), start
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject):
            yield node


def check_pdf(content: bytes) -> None:
    """Refuse what is no real PDF, or one with scripts or automatic actions."""
    broken = _(
        "Dit bestand is geen geldige PDF (het kan niet worden gelezen). Sla het document "
        "opnieuw op als PDF en voeg het dan toe."
    )
    active = _(
        "Deze PDF bevat scripts of automatische acties (JavaScript, acties bij openen, "
        "ingesloten bestanden). Zo'n bestand kan niet worden toegevoegd. Sla het document "
        "opnieuw op als gewone PDF (bijvoorbeeld met 'Afdrukken als PDF') en voeg het dan toe."
    )
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            _refuse(_("Deze PDF is met een wachtwoord beveiligd. Voeg hem toe zonder wachtwoord."))
        if len(reader.pages) < 1:
            _refuse(broken)
        for node in _pdf_objects(reader):
            names = [node] if isinstance(node, NameObject) else list(node)
            if any(str(name) in ACTIVE_PDF_NAMES for name in names):
                _refuse(active)
    except InvalidInput:
        raise
    except Exception as problem:
        raise InvalidInput(errors={"file": broken}) from problem


def check(uploaded) -> str:
    """Return the content type detected from the bytes, or refuse (InvalidInput on "file")."""
    if uploaded.size > max_bytes():
        _refuse(
            _("Het bestand is te groot (%(size)s MB); het maximum is %(max)s MB.")
            % {"size": uploaded.size // 1024 // 1024, "max": max_bytes() // 1024 // 1024}
        )
    if uploaded.size == 0:
        _refuse(_("Het bestand is leeg."))
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head) if head[:2] != b"PK" else filetype.guess(uploaded.read())
    uploaded.seek(0)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        allowed = ", ".join(ALLOWED_TYPES.values())
        _refuse(_("Dit soort bestand kan niet worden toegevoegd. Toegestaan: %s.") % allowed)
    if kind.mime == "application/pdf":
        check_pdf(uploaded.read())
        uploaded.seek(0)
    return kind.mime


@transaction.atomic
def check_may_add(casus: Casus, *, actor) -> None:
    if not may_add_attachment(actor, casus):
        raise NotAllowed(_("U kunt bij deze casus geen bijlage toevoegen."))


def add(casus: Casus, *, file, actor, description: str = "", request=None) -> Bijlage:
    """Add an attachment to the case (a report, a letter, the signed consent form).

    Not gated by consent: the signed consent form itself arrives as an attachment, and the
    referrer's reports come with the registration before consent is recorded."""
    check_may_add(casus, actor=actor)
    content_type = check(file)
    token = _fernet().encrypt(file.read())
    attachment = Bijlage(
        casus=casus,
        original_name=clean_name(file.name, content_type),
        description=(description or "").strip() or None,
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    attachment.file.save(uuid4().hex, ContentFile(token), save=False)
    attachment.save()
    log_case(request, casus, Action.CREATE, "bijlage toevoegen")
    return attachment


def read(attachment: Bijlage) -> bytes:
    with attachment.file.open("rb") as handle:
        return _fernet().decrypt(handle.read())


def download_response(attachment: Bijlage) -> HttpResponse:
    """The decrypted file as a download; its name's extension follows the stored type."""
    response = HttpResponse(read(attachment), content_type=attachment.content_type)
    name = clean_name(attachment.original_name, attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def reencrypt(attachment: Bijlage) -> None:
    """Re-encrypt the stored content with the current key (after a key rotation).

    Written to a new file first; the row points to it and the old file goes only once the
    transaction commits, so an interrupted run leaves every attachment readable. Also with a
    single key configured (then there is nothing to rotate from, but it must not fail)."""
    fernet = _fernet()
    with attachment.file.open("rb") as handle:
        plain = fernet.decrypt(handle.read())
    storage, old_name = attachment.file.storage, attachment.file.name
    new_name = storage.save(f"bijlagen/{uuid4().hex}", ContentFile(fernet.encrypt(plain)))
    Bijlage.objects.filter(pk=attachment.pk).update(file=new_name)
    attachment.file.name = new_name
    transaction.on_commit(lambda: storage.delete(old_name))

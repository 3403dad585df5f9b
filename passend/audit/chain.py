"""Tamper evidence: every entry carries an HMAC over its content and the previous entry's hash.

The HMAC key rotates: new entries are signed with the current key (``PASSEND_AUDIT_KEY``) and
carry that key's id (a short, non-secret fingerprint). Verification looks the key up by id among
the current key and the fallbacks (``PASSEND_AUDIT_KEY_FALLBACKS``), so a rotation keeps the whole
chain verifiable. Entries cannot be re-signed (the log is append-only): an old audit key stays in
the fallbacks for as long as the log holds entries signed with it.

Without ``PASSEND_AUDIT_KEY`` (development, test, demo; production refuses to start) the key is
derived from ``SECRET_KEY``, and keys derived from ``SECRET_KEY_FALLBACKS`` are fallbacks, so
rotating the secret key as documented does not break the chain either (until the old secret key
leaves the fallbacks: a log that must outlive that needs its own PASSEND_AUDIT_KEY). With
``PASSEND_AUDIT_KEY`` set, only it and its own fallbacks count.
"""

import hashlib
import hmac

from django.conf import settings

GENESIS = "0" * 64
KEY_ID_LENGTH = 16
HASHED_FIELDS = (
    "timestamp",
    "action",
    "outcome",
    "user_id",
    "username",
    "roles",
    "organisation",
    "team_id",
    "on_behalf_of",
    "subject_type",
    "subject_id",
    "purpose",
    "access_point",
    "client_address",
)


def derived_key(secret_key: str) -> str:
    """The audit key of an installation without PASSEND_AUDIT_KEY (as before key ids)."""
    return f"audit:{secret_key}"


def key_id(key: str) -> str:
    """A short id of a key that reveals nothing about it: stored with each entry."""
    digest = hmac.new(key.encode(), b"passend-audit-key-id", hashlib.sha256).hexdigest()
    return digest[:KEY_ID_LENGTH]


def current_key() -> str:
    return settings.PASSEND_AUDIT_KEY or derived_key(settings.SECRET_KEY)


def verification_keys() -> dict[str, str]:
    """Key id → key for every key an entry may have been signed with, current key first."""
    keys = [current_key(), *settings.PASSEND_AUDIT_KEY_FALLBACKS]
    if not settings.PASSEND_AUDIT_KEY:
        keys += [derived_key(k) for k in settings.SECRET_KEY_FALLBACKS if k]
    found: dict[str, str] = {}
    for key in keys:
        found.setdefault(key_id(key), key)
    return found


def current_key_id() -> str:
    return key_id(current_key())


def entry_digest(entry, prev_hash: str, key: str | None = None) -> str:
    parts = [prev_hash]
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        parts.append(value.isoformat() if hasattr(value, "isoformat") else str(value or ""))
    message = "\x1f".join(parts).encode()
    return hmac.new((key or current_key()).encode(), message, hashlib.sha256).hexdigest()

"""Tamper evidence: every entry carries an HMAC over its content and the previous entry's hash."""

import hashlib
import hmac
import os

from django.conf import settings

GENESIS = "0" * 64
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


def _key() -> bytes:
    key = os.environ.get("PASSEND_AUDIT_KEY") or f"audit:{settings.SECRET_KEY}"
    return key.encode()


def entry_digest(entry, prev_hash: str) -> str:
    parts = [prev_hash]
    for name in HASHED_FIELDS:
        value = getattr(entry, name)
        parts.append(value.isoformat() if hasattr(value, "isoformat") else str(value or ""))
    message = "\x1f".join(parts).encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()

"""Keyed hashes: the pseudonym of a young person and the blind index for name search.

HMAC-SHA256 with PASSEND_PSEUDONYM_KEY (production) so that a database copy alone cannot be
used to test guesses. The same person registered twice gets the same pseudonym: from the BSN
when known, and always also from normalised name + birth date.
"""

import hashlib
import hmac
import re
import unicodedata
from datetime import date

from django.conf import settings


def _key() -> bytes:
    return (settings.PASSEND_PSEUDONYM_KEY or f"pseudonym:{settings.SECRET_KEY}").encode()


def _digest(kind: str, value: str) -> str:
    return hmac.new(_key(), f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def name_tokens(*names: str) -> list[str]:
    """Lower-case, accents removed, split on anything that is not a letter or digit."""
    text = unicodedata.normalize("NFKD", " ".join(n or "" for n in names))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return sorted({token for token in re.split(r"[^a-z0-9]+", text) if token})


def token_digests(*names: str) -> list[str]:
    return [_digest("name", token) for token in name_tokens(*names)]


def bsn_pseudonym(bsn: str) -> str:
    return _digest("bsn", bsn) if bsn else ""


def name_pseudonym(first_name: str, last_name: str, birth_date: date | None) -> str:
    name = " ".join(name_tokens(first_name, last_name))
    return _digest("nb", f"{name}|{birth_date.isoformat() if birth_date else ''}")

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


def _keys() -> list[bytes]:
    """The current key first, then the fallbacks (PASSEND_PSEUDONYM_KEY_FALLBACKS) that still
    find what was stored before a rotation, until `reencrypt_cases` has recomputed it. Without
    PASSEND_PSEUDONYM_KEY (dev/test/demo) the keys are derived from the secret key and its
    fallbacks."""
    if settings.PASSEND_PSEUDONYM_KEY:
        keys = [settings.PASSEND_PSEUDONYM_KEY, *settings.PASSEND_PSEUDONYM_KEY_FALLBACKS]
    else:
        keys = [
            f"pseudonym:{settings.SECRET_KEY}",
            *settings.PASSEND_PSEUDONYM_KEY_FALLBACKS,
            *(f"pseudonym:{old}" for old in settings.SECRET_KEY_FALLBACKS),
        ]
    return [key.encode() for key in dict.fromkeys(keys)]


def _digest(kind: str, value: str, key: bytes | None = None) -> str:
    message = f"{kind}\x1f{value}".encode()
    return hmac.new(key or _keys()[0], message, hashlib.sha256).hexdigest()


def _digests(kind: str, value: str) -> list[str]:
    """The digest under every key: for looking up, never for storing."""
    return [_digest(kind, value, key) for key in _keys()]


def name_tokens(*names: str) -> list[str]:
    """Lower-case, accents removed, split on anything that is not a letter or digit."""
    text = unicodedata.normalize("NFKD", " ".join(n or "" for n in names))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return sorted({token for token in re.split(r"[^a-z0-9]+", text) if token})


def token_digests(*names: str) -> list[str]:
    return [_digest("name", token) for token in name_tokens(*names)]


def search_digests(*names: str) -> list[list[str]]:
    """Per name token, its digest under each key (current and fallbacks)."""
    return [_digests("name", token) for token in name_tokens(*names)]


def bsn_pseudonym(bsn: str) -> str:
    return _digest("bsn", bsn) if bsn else ""


def _name_and_birth(first_name: str, last_name: str, birth_date: date | None) -> str:
    name = " ".join(name_tokens(first_name, last_name))
    return f"{name}|{birth_date.isoformat() if birth_date else ''}"


def name_pseudonym(first_name: str, last_name: str, birth_date: date | None) -> str:
    return _digest("nb", _name_and_birth(first_name, last_name, birth_date))


def known_pseudonyms(casus) -> tuple[list[str], list[str]]:
    """(name pseudonyms, BSN pseudonyms) of a case under every key, to recognise a person
    registered before a rotation whose pseudonyms are not yet recomputed."""
    names = _digests("nb", _name_and_birth(casus.first_name, casus.last_name, casus.birth_date))
    return names, (_digests("bsn", casus.bsn) if casus.bsn else [])

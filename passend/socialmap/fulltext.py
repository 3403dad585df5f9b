"""Dutch full-text search over the offers' name, description and organisation name.

The index is kept by the database itself (triggers created in migration 0007), so every way of
writing an offer or renaming an organisation keeps it in sync: services, import, admin, demo,
``bulk_create``.

- SQLite: an FTS5 table ``socialmap_aanbod_fts`` (rowid = offer id), tokenizer ``unicode61``
  without diacritics. SQLite has no Dutch stemmer: each word of the query is cut to a light Dutch
  stem (plural/verb endings -en, -ing(en), -s, -e; a doubled final consonant) and matched as a
  prefix, so "begeleiden" finds "begeleiding" and "gezinnen" finds "gezin".
- PostgreSQL: a table ``socialmap_aanbod_zoek`` with a ``tsvector`` in the ``'dutch'``
  configuration (Snowball stemmer) and a GIN index; each word matches as a prefix of a stemmed
  word (``to_tsquery('dutch', 'woord:*')``) or, unstemmed, as a prefix of a word the stemmer
  left whole (``'simple'``), so "logeer" finds "logeerhuis" as it does on SQLite (the Dutch
  stem of "logeer" is "loger").

Words are joined with AND, as the search always did. Compounds are not split by either
database: "logeren" does not find "logeerhuis" (the stem "loger" is no prefix of it), "logeer"
does.

Caution: on SQLite a migration that rebuilds ``socialmap_aanbod`` or ``regions_organisation``
drops their triggers; ``test_fulltext.py`` fails then, and the triggers must be created again.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

MAX_WORDS = 8
_WORD = re.compile(r"\w+", re.UNICODE)
_ENDINGS = ("ingen", "ing", "en", "s", "e")
_VOWELS = set("aeiouy")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")][:MAX_WORDS]


def light_stem(word: str) -> str:
    """A prefix that the word's Dutch inflections share (for SQLite, which has no stemmer)."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if len(word) >= 5 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]
    return word


def matching_offer_ids(text: str) -> RawSQL | None:
    """A subquery of the ids of offers matching every word of `text`; None without words."""
    found = words(text)
    if not found:
        return None
    if connection.vendor == "postgresql":
        clause = " AND ".join(
            "vector @@ (to_tsquery('dutch', %s) || to_tsquery('simple', %s))" for _w in found
        )
        params = [p for w in found for p in (f"{w}:*", f"{w}:*")]
        # The SQL is constant fragments only; the words (letters and digits) are parameters.
        sql = f"SELECT aanbod_id FROM socialmap_aanbod_zoek WHERE {clause}"  # noqa: S608
        return RawSQL(sql, params)  # noqa: S611
    if connection.vendor == "sqlite":
        # An FTS5 query of quoted prefixes; a word holds no quote (\w only), and is a parameter.
        match = " AND ".join(f'"{light_stem(w)}"*' for w in found)
        return RawSQL(
            "SELECT rowid FROM socialmap_aanbod_fts WHERE socialmap_aanbod_fts MATCH %s", [match]
        )
    raise NotImplementedError(f"full-text search for {connection.vendor}")  # pragma: no cover

"""Every page in English: each GET page of the project (the URL list of the authorization
matrix), requested in the own team by a role that may read it, with English chosen, shows no
Dutch interface text.

Passend translates its domain nouns too ("Casus" is "Case", "Advies" is "Advice": see the
catalogue), so a Dutch word in the interface is an untranslated string. What people entered
(names, case texts, purposes stored in the access log) is data and stays as it was: every text
stored in the database is taken out of a page before it is checked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.socialmap.io.format import COLUMNS

from .authz.matrix import OUTSIDER, PUBLIC, expectations, routes
from .authz.world import build_world
from .test_authorization_matrix import login, url_for

pytestmark = pytest.mark.django_db

# Words that only Dutch interface text has (not English, not a name): function words and the
# domain nouns the English catalogue translates.
DUTCH_WORDS = {
    *("de", "het", "een", "van", "niet", "voor", "met", "wordt", "zijn", "geen", "naar", "uw"),
    *("bij", "ook", "nog", "wat", "waar", "wie", "deze", "dit", "kies", "datum", "terug"),
    *("casus", "casussen", "advies", "adviezen", "overleg", "werkvoorraad", "toestemming"),
    *("jeugdige", "ouders", "aanmelding", "aanmelden", "bekijken", "wijzigen", "opslaan"),
    *("verwijderen", "zoeken"),
}
DUTCH = re.compile(r"\b(" + "|".join(sorted(DUTCH_WORDS)) + r")\b", re.IGNORECASE)
# Kept in Dutch on purpose, with the reason.
KEPT = {
    "Nederlands": "the language switch names each language in itself",
    **{
        text: "a column of the social-map file: the file format is Dutch in every language"
        for column in COLUMNS
        for text in (column.header, column.example)
        if text
    },
}
# Whom to ask first for a page several roles may read (the one that sees the most).
ROLE_ORDER = [
    Role.VOORZITTER,
    Role.BEHEERDER,
    Role.PROCESREGISSEUR,
    Role.SCREENER,
    Role.TEAMLID,
    Role.NOTULIST,
    Role.AANMELDER,
    Role.COORDINATOR_SK,
    Role.BELEIDSADVISEUR,
    Role.AANBIEDER,
    Role.JEUGDIGE_OUDER,
]


class _Text(HTMLParser):
    """The text a reader gets: text nodes, titles, labels and placeholders (no scripts)."""

    SKIP = {"script", "style"}
    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        self.parts += [v for k, v in attrs if k in self.ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data.strip())


def reader_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


def stored_texts() -> list[str]:
    """Every text value in the database, longest first (data, not interface). A field with
    choices holds a code ("thuis"), not data: a page shows its translated label."""
    values = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields:
            continue
        for row in model._base_manager.all():
            for name in fields:
                value = getattr(row, name)
                if isinstance(value, str) and len(value.strip()) >= 3:
                    values.add(value.strip())
                    values.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(values, key=len, reverse=True)


def dutch_in(parts: list[str], data: list[str]) -> list[str]:
    found = []
    for part in parts:
        rest = part
        for value in data:
            if value in rest:
                rest = rest.replace(value, " ")
        for kept in KEPT:
            rest = rest.replace(kept, " ")
        if DUTCH.search(rest):
            found.append(part[:120])
    return found


def pages(world) -> list[tuple[str, object]]:
    """(url, user or None) for every GET page (not the API, not a file download)."""
    expected = expectations()
    result = []
    for route in routes():
        expect = expected.get(route.name)
        if route.route.startswith(("api/", "django-admin/")) or "get" not in route.methods:
            continue
        if expect is None or not expect.read:
            continue
        if expect.scope == PUBLIC:
            result.append((url_for(route, expect, world, "own"), None))
            continue
        role = next((r for r in ROLE_ORDER if r in expect.read), None)
        if role is None:
            assert OUTSIDER in expect.read, route.name
            continue
        result.append((url_for(route, expect, world, "own"), world.own.users[role]))
    return result


def test_the_check_finds_dutch_interface_text_and_leaves_data():
    html = (
        "<title>Case – Passend</title><h1>Casus bekijken</h1><p>Jan de Vries</p>"
        '<script>var de = 1;</script><input placeholder="Zoek een aanbieder">'
    )
    assert dutch_in(reader_text(html), ["Jan de Vries"]) == [
        "Casus bekijken",
        "Zoek een aanbieder",
    ]


# A walk over every page checks rendered text, not the database: once, on SQLite (CI budget).
@pytest.mark.vendor("sqlite")
def test_every_page_in_english_has_no_dutch_interface_text():
    world = build_world()
    data = stored_texts()
    problems, seen = [], 0
    for url, user in pages(world):
        client = Client()
        if user is not None:
            login(client, user)
        client.cookies["django_language"] = "en"
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        html = response.content.decode()
        # The purpose of an access-log entry is stored text, written by the walk itself too.
        purposes = set(AccessLogEntry.objects.values_list("purpose", flat=True))
        data = sorted({*data, *purposes}, key=len, reverse=True)
        if "<html" in html and not re.search(r'<html[^>]* lang="en"', html):
            problems.append(f"{url}: not rendered in English")
        problems += [f"{url}: {text}" for text in dutch_in(reader_text(html), data)]
    assert seen > 60, "the walk reached too few pages"
    assert problems == [], "\n".join(problems[:60])

"""Search results come in pages of 20; the page links keep every choice of the search."""

import re
from html import unescape

import pytest
from django.urls import reverse

from passend.accounts.roles import Role
from passend.socialmap.models import Aandachtspunt
from passend.socialmap.views.search import RESULTS_PER_PAGE

from .helpers import make_offer, provider

pytestmark = pytest.mark.django_db


def links(html: str) -> dict[str, str]:
    found = re.findall(r'href="([^"]+)" rel="(prev|next)"', html)
    return {rel: unescape(href) for href, rel in found}


def test_results_paginate_by_20_and_the_links_keep_the_query(tenancy, as_user):
    assert RESULTS_PER_PAGE == 20
    team = tenancy.a.team
    for n in range(2 * RESULTS_PER_PAGE + 1):
        make_offer(provider(tenancy), team, name=f"Aanbod {n:02d}")
    codes = list(Aandachtspunt.objects.filter(active=True).values_list("code", flat=True)[:2])
    assert len(codes) == 2
    client = as_user(tenancy.a.users[Role.AANMELDER])
    url = reverse("socialmap:search", args=[team.slug])
    query = {"leeftijd": "10", "aandachtspunten": codes}
    first = client.get(url, query).content.decode()
    assert "41 resultaten" in first and "Pagina 1 van 3" in first
    assert first.count('id="aanbod-') == RESULTS_PER_PAGE
    nav = links(first)
    assert "prev" not in nav
    assert all(f"aandachtspunten={code}" in nav["next"] for code in codes), "both kept"
    assert "leeftijd=10" in nav["next"] and nav["next"].endswith("pagina=2")
    last = client.get(url, {**query, "pagina": "3"}).content.decode()
    assert "Pagina 3 van 3" in last and last.count('id="aanbod-') == 1
    assert '<ol class="passend-map-result-list" start="41">' in last
    assert "next" not in links(last) and links(last)["prev"].endswith("pagina=2")
    beyond = client.get(url, {**query, "pagina": "99"}).content.decode()
    assert "Pagina 3 van 3" in beyond, "a page past the end shows the last one"


def test_waiting_weeks_are_numeric_columns_aligned_right(tenancy, as_user):
    make_offer(provider(tenancy), tenancy.a.team, weeks=(2, 4, 8))
    client = as_user(tenancy.a.users[Role.AANMELDER])
    html = client.get(reverse("socialmap:search", args=[tenancy.a.team.slug]), {"leeftijd": "10"})
    html = html.content.decode()
    for weeks in (2, 4, 8):
        assert f'<td class="utrecht-table__cell passend-numeric">{weeks}</td>' in html
    assert html.count('class="utrecht-table__header-cell passend-numeric"') == 3

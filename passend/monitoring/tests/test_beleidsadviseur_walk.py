"""A beleidsadviseur walks every monitoring page, download and API route it can reach and meets
no identifying field of a case and nothing of a municipality it was not granted (issue 13).

The walk follows every link (and every GET form with its options) from the team's start page,
within the site, the way a user would; it then asks the API for every indicator with every
grouping. Cases exist in both municipalities, with distinctive names, BSNs and references."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.analytics.services import rebuild
from passend.cases.tests.factories import CasusFactory
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory
from passend.monitoring import dimensions
from passend.monitoring.definitions import basisset
from passend.privacy.tests.factories import DpiaToetsFactory
from passend.regions.models import OrganisationType

pytestmark = pytest.mark.django_db

MAX_PAGES = 250


class Links(HTMLParser):
    """The hrefs of a page, and its GET forms as (action, [(name, [values])])."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.forms: list[tuple[str, list]] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = (a.get("action") or "", [])
        elif tag == "select" and self._form is not None:
            self._select = (a.get("name"), [])
            self._form[1].append(self._select)
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select[1].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def xlsx_text(content: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        " ".join(str(v) for v in row if v is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def body_text(response) -> str:
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in kind:
        return pdf_text(content)
    if "spreadsheet" in kind:
        return xlsx_text(content)
    return content.decode("utf-8", errors="replace")


@pytest.fixture
def world(tenancy):
    team = tenancy.a.team
    granted = team.gemeenten.get()
    other = GemeenteFactory(region=team.region, name="Verbodenveen", cbs_code="GM7777")
    team.gemeenten.add(other)
    DpiaToetsFactory(team=team)
    adviser = tenancy.a.users[Role.BELEIDSADVISEUR]
    org = OrganisationFactory(
        name="Gemeente Toegestaan",
        type=OrganisationType.GEMEENTE,
        regions=[team.region],
        gemeente=granted,
    )
    Membership.objects.filter(user=adviser, team=team).update(organisation=org)
    secrets = set()
    today = timezone.localdate()
    for i in range(14):
        gemeente = granted if i % 2 else other
        casus = CasusFactory(
            team=team,
            gemeente=gemeente,
            first_name=f"Geheimnaam{i}",
            last_name=f"Verborgenhuis{i}",
            registered_at=timezone.now() - dt.timedelta(days=20 * i),
        )
        secrets |= {casus.first_name, casus.last_name, casus.reference}
        if casus.bsn:
            secrets.add(casus.bsn)
    rebuild()
    forbidden = {other.name, other.cbs_code, *secrets}
    return team, adviser, forbidden, today


# The walk renders some 250 pages; what it checks is in the pages, the same ORM queries on
# either vendor: it runs once, on SQLite, within CI's time budget (the API test below and the
# rest of the monitoring tests run on both).
@pytest.mark.vendor("sqlite")
def test_a_beleidsadviseur_meets_no_case_data_and_no_other_municipality(world, as_user):
    team, adviser, forbidden, _today = world
    secrets = forbidden - {"Verbodenveen", "GM7777"}
    client = as_user(adviser)
    start = [f"/teams/{team.slug}/", f"/teams/{team.slug}/monitoring/"]
    # Links first (breadth first), then every option of every GET form seen on the way.
    seen, queue, variants, fetched = set(), list(start), [], []
    while (queue or variants) and len(seen) < MAX_PAGES:
        url = queue.pop(0) if queue else variants.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        text = body_text(response)
        fetched.append(url)
        # Any page: no case data. Monitoring pages and downloads: no figure of (so no label
        # naming) the other municipality either. (The team's start page may list its working
        # area: that is no data of a municipality.)
        found = {f for f in secrets if f in text}
        if "/monitoring/" in url:
            found |= {f for f in forbidden if f in text}
        assert not found, (url, found)
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(text)
        for href in parser.hrefs:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/") or "logout" in parts.path:
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        for action, selects in parser.forms:
            base = urlsplit(urljoin(url, action or url))
            for name, values in selects:
                for value in values:
                    query = dict(parse_qsl(base.query))
                    query[name] = value
                    variants.append(f"{base.path}?{urlencode(query)}")
    monitoring_pages = [u for u in fetched if "/monitoring/" in u]
    assert len(monitoring_pages) >= 5, fetched  # the walk did reach the dashboard
    assert any("export" in u for u in fetched), fetched  # and the downloads


def test_the_api_gives_a_beleidsadviseur_nothing_of_another_municipality(world, as_user):
    team, adviser, forbidden, _today = world
    client = as_user(adviser)
    listing = client.get(f"/api/v1/monitoring/indicators?teamId={team.pk}")
    assert listing.status_code == 200
    assert not {f for f in forbidden if f in listing.content.decode()}
    names = [d.name for d in dimensions.case_dimensions()]
    for d in basisset():
        # Every indicator as defined and ungrouped; the registrations by every field.
        groupings = {d.group_by, "none"} | (set(names) if d.code == "aanmeldingen" else set())
        for group_by in groupings:
            query = {"teamId": team.pk, "period": "quarter"}
            if group_by:
                query["groupBy"] = group_by
            else:
                query["compare"] = "true"
            response = client.get(
                f"/api/v1/monitoring/indicators/{d.code}/values?{urlencode(query)}"
            )
            assert response.status_code == 200, (d.code, group_by, response.content[:300])
            body = response.content.decode()
            found = {f for f in forbidden if f in body}
            assert not found, (d.code, group_by, found)
    # Filtering on the municipality that was not granted is refused, not answered.
    response = client.get(
        f"/api/v1/monitoring/indicators/aanmeldingen/values?teamId={team.pk}&gemeente=GM7777"
    )
    assert response.status_code == 400
    assert re.search(r"gemeente", response.json().get("detail", "") + str(response.json()))

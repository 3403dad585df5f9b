"""Exports of an indicator table (CSV, XLSX, PDF): suppressed exactly as on the screen, with
the definition and the period in the file; the route's refusals (gate, bad query, border)."""

import csv
import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import ReferrerType, ScreeningOutcome
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory
from passend.monitoring import definitions as D
from passend.monitoring import exports, selectors
from passend.monitoring import periods as P
from passend.privacy.tests.factories import DpiaToetsFactory

pytestmark = pytest.mark.django_db

PDFTOTEXT = Path("/usr/bin/pdftotext")
CODE = "aanmeldingen_verwijzer"
PERIOD = "2025-Q1"
NOTE = "Aantallen van 1 t/m 4 staan als <5"
# The deliberately small groups: 3 (primary "<5") beside 6 (hidden too, or 3 = total − 12 − 6).
GROUPS = {ReferrerType.GEMEENTE: 12, ReferrerType.HUISARTS: 3, ReferrerType.ONDERWIJS: 6}
HIDDEN = ReferrerType.HUISARTS
TOTAL = sum(GROUPS.values())


def url(team, fmt, code=CODE, query=f"periodKey={PERIOD}"):
    return f"/teams/{team.slug}/monitoring/indicatoren/{code}/export.{fmt}" + (
        f"?{query}" if query else ""
    )


@pytest.fixture
def open_team(tenancy):
    DpiaToetsFactory(team=tenancy.a.team)
    return tenancy.a.team


@pytest.fixture
def small_groups(open_team):
    gemeente = open_team.gemeenten.get()
    for referrer, n in GROUPS.items():
        CasusFeitFactory.create_batch(
            n,
            team=open_team,
            gemeente=gemeente,
            referrer_type=referrer,
            registered_on=dt.date(2025, 2, 10),
        )
    return open_team


@pytest.fixture
def client_a(tenancy, as_user):
    return as_user(tenancy.a.users[Role.TEAMLID])


def on_screen(tenancy, team, **query):
    """The table the indicator page shows (the one selector)."""
    definition = D.get(team, CODE)
    return selectors.indicator_table(
        tenancy.a.users[Role.TEAMLID], team, definition, period=P.Period.parse(PERIOD), **query
    )


def label(referrer) -> str:
    return str(ReferrerType(referrer).label)


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def csv_table(content: bytes) -> list[list[str]]:
    rows = csv_rows(content)
    return rows[rows.index([]) + 1 :]


def pdf_text(content: bytes) -> str:
    assert PDFTOTEXT.exists(), "pdftotext (poppler-utils) must be installed at /usr/bin/pdftotext"
    out = subprocess.run(
        [str(PDFTOTEXT), "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return out.stdout.decode()


def number(text):
    return int(text) if isinstance(text, str) and re.fullmatch(r"\d+", text) else text


def assert_not_recoverable(table_rows: list[list]):
    """Per column: total − the visible parts is never exactly one hidden part."""
    header, *body = table_rows
    total = next(r for r in body if r[0] == "Totaal")
    parts = [r for r in body if r[0] != "Totaal"]
    for c in range(1, len(header)):
        hidden = [r for r in parts if not isinstance(number(r[c]), int)]
        assert len(hidden) != 1, (header[c], hidden)
        if isinstance(number(total[c]), int) and hidden:
            rest = number(total[c]) - sum(number(r[c]) for r in parts if r not in hidden)
            assert rest != GROUPS[HIDDEN] or len(hidden) > 1


# --- the files ---------------------------------------------------------------------------------


def test_the_csv_is_the_table_on_screen_with_lt5_and_the_definition(
    small_groups, tenancy, client_a
):
    response = client_a.get(url(small_groups, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="passend-{CODE}-{PERIOD}.csv"' in response["Content-Disposition"]
    rows = csv_rows(response.content)
    head = dict(r for r in rows if len(r) == 2)
    definition = D.get(small_groups, CODE)
    assert head["Indicator"] == definition.name and head["Code"] == CODE
    assert head["Versie"] == str(definition.version)
    assert head["Wat willen we weten"] == definition.wat and head["Hoe"] == definition.hoe
    assert head["Periode"] == f"1e kwartaal 2025 ({PERIOD})"
    assert head["Van – tot en met"] == "01-01-2025 – 31-03-2025"
    assert head["Uitgesplitst naar"] == "soort verwijzer"
    assert head["Filters"] == "geen"
    assert head["Let op"].startswith(NOTE)

    table = csv_table(response.content)
    screen = on_screen(tenancy, small_groups)
    assert table[0] == [screen.group_label, *(c.label for c in screen.columns)]
    assert table[1:] == [[r.label, *(c.display for c in r.cells)] for r in screen.rows]
    by_label = {r[0]: r[1:] for r in table[1:]}
    assert by_label[label(HIDDEN)] == ["<5"]
    assert by_label[label(ReferrerType.ONDERWIJS)] == ["<5"]  # secondary
    assert by_label[label(ReferrerType.GEMEENTE)] == ["12"] and by_label["Totaal"] == [str(TOTAL)]
    assert "3" not in {cell for row in table[1:] for cell in row[1:]}
    assert_not_recoverable(table)


def test_the_xlsx_has_numbers_as_numbers_and_hidden_cells_as_text(small_groups, tenancy, client_a):
    response = client_a.get(url(small_groups, "xlsx"))
    assert response.status_code == 200
    assert f'filename="passend-{CODE}-{PERIOD}.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Cijfers", "Definitie"]
    figures = book["Cijfers"]
    assert figures.freeze_panes == "B2"
    values = [list(r) for r in figures.iter_rows(values_only=True)]
    screen = on_screen(tenancy, small_groups)
    assert values[0] == [screen.group_label, *(c.label for c in screen.columns)]
    by_label = {r[0]: r[1:] for r in values[1:]}
    assert by_label[label(HIDDEN)] == ["<5"] and by_label[label(ReferrerType.ONDERWIJS)] == ["<5"]
    assert by_label[label(ReferrerType.GEMEENTE)] == [12] and by_label["Totaal"] == [TOTAL]
    cells = [c for row in figures.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # no formulas
    assert 3 not in [c.value for c in cells]
    assert_not_recoverable([[str(v) for v in r] for r in values])

    definition = dict(book["Definitie"].iter_rows(values_only=True))
    assert definition["Code"] == CODE and definition["Periode"] == f"1e kwartaal 2025 ({PERIOD})"
    assert definition["Wat willen we weten"] == D.get(small_groups, CODE).wat
    assert definition["Let op"].startswith(NOTE)


def test_the_pdf_shows_lt5_the_definition_the_period_and_the_story(small_groups, tenancy, client_a):
    from passend.monitoring.models import Verhaal

    Verhaal.objects.create(
        team=small_groups, indicator=CODE, period=PERIOD, text="Meer aanmeldingen via school."
    )
    response = client_a.get(url(small_groups, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="passend-{CODE}-{PERIOD}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    flat = " ".join(text.split())
    definition = D.get(small_groups, CODE)
    assert definition.name in flat and " ".join(definition.wat.split()) in flat
    assert f"1e kwartaal 2025 ({PERIOD})" in flat
    assert "Het verhaal achter het cijfer" in flat and "Meer aanmeldingen via school." in flat
    assert NOTE in flat
    # The table's rows: the hidden groups say <5, never their number.
    table = text[text.index("Cijfers") :]
    for referrer, shown in ((HIDDEN, "<5"), (ReferrerType.ONDERWIJS, "<5")):
        line = next(ln for ln in table.splitlines() if ln.strip().startswith(label(referrer)[:10]))
        assert shown in line and not re.search(rf"\b{GROUPS[referrer]}\b", line), line
    assert re.search(rf"Totaal\s+{TOTAL}\b", table)


def test_a_share_and_a_trend_with_filters_and_comparison(small_groups, tenancy, client_a):
    gemeente = small_groups.gemeenten.get()
    query = f"periodKey={PERIOD}&period=month&compare=true&gemeente={gemeente.cbs_code}"
    response = client_a.get(url(small_groups, "xlsx", query=query))
    assert response.status_code == 200, response.content[:300]
    book = load_workbook(io.BytesIO(response.content))
    definition = dict(book["Definitie"].iter_rows(values_only=True))
    assert gemeente.name in definition["Filters"]
    header = next(book["Cijfers"].iter_rows(values_only=True))
    assert len(header) == 1 + 3 + 1 + 2  # group, three months, the quarter, two comparisons
    pdf = client_a.get(url(small_groups, "pdf", query=query))
    assert pdf.status_code == 200 and gemeente.name in pdf_text(pdf.content)
    share = client_a.get(url(small_groups, "csv", code="crisis_aandeel"))
    assert share.status_code == 200 and NOTE in share.content.decode("utf-8-sig")


def test_a_duration_indicator_exports_to_pdf(small_groups, client_a):
    response = client_a.get(url(small_groups, "pdf", code="dt_advies"))
    assert response.status_code == 200
    assert "–" in pdf_text(response.content)  # nothing over fewer than 5 cases


def test_text_that_looks_like_a_formula_stays_text(small_groups, tenancy):
    table = on_screen(tenancy, small_groups)
    table.rows[0].label = "=HYPERLINK(1)"
    assert "'=HYPERLINK(1)" in exports.to_csv(table).decode("utf-8-sig")
    cell = load_workbook(io.BytesIO(exports.to_xlsx(table)))["Cijfers"]["A2"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def test_a_percentage_over_a_hidden_part_is_not_shown(open_team, client_a):
    gemeente = open_team.gemeenten.get()
    on = dt.date(2025, 2, 10)
    for outcome, n in ((ScreeningOutcome.CRISIS, 3), (ScreeningOutcome.GESCHIKT, 17)):
        CasusFeitFactory.create_batch(
            n, team=open_team, gemeente=gemeente, registered_on=on, screened_on=on,
            screening_outcome=outcome,
        )  # fmt: skip
    table = csv_table(client_a.get(url(open_team, "csv", code="crisis_aandeel")).content)
    cells = [cell for row in table[1:] for cell in row[1:]]
    assert "–" in cells and "15%" not in cells and "3" not in cells
    book = load_workbook(
        io.BytesIO(client_a.get(url(open_team, "xlsx", code="crisis_aandeel")).content)
    )
    values = [v for row in book["Cijfers"].iter_rows(min_row=2, values_only=True) for v in row[1:]]
    assert "–" in values and 0.15 not in values and 3 not in values
    text = pdf_text(client_a.get(url(open_team, "pdf", code="crisis_aandeel")).content)
    assert "15%" not in text and "15 %" not in text


def test_two_periods_files_do_not_differ_by_a_small_number(open_team, client_a):
    gemeente = open_team.gemeenten.get()
    CasusFeitFactory.create_batch(
        12, team=open_team, gemeente=gemeente, registered_on=dt.date(2025, 2, 10)
    )
    CasusFeitFactory.create_batch(
        3, team=open_team, gemeente=gemeente, registered_on=dt.date(2025, 4, 10)
    )
    totals = []
    for query in ("periodKey=2025-Q1", "from=2025-01&to=2025-04"):
        response = client_a.get(url(open_team, "csv", code="aanmeldingen", query=query))
        assert response.status_code == 200
        totals.append(number(csv_table(response.content)[-1][1]))
    assert "<5" in totals
    if all(isinstance(t, int) for t in totals):
        assert not 0 < abs(totals[1] - totals[0]) < 5, totals
    assert 15 not in totals  # Jan–Apr would be 12 + the hidden 3


def test_a_beleidsadviseur_exports_only_the_granted_gemeente(open_team, tenancy, as_user):
    own = open_team.gemeenten.get()
    other = GemeenteFactory(region=open_team.region, name="Andergem")
    open_team.gemeenten.add(other)
    on = dt.date(2025, 2, 10)
    CasusFeitFactory.create_batch(6, team=open_team, gemeente=own, registered_on=on)
    CasusFeitFactory.create_batch(9, team=open_team, gemeente=other, registered_on=on)
    adviser = tenancy.a.users[Role.BELEIDSADVISEUR]
    organisation = OrganisationFactory(name="Gemeente Eigen", gemeente=own)
    Membership.objects.filter(user=adviser, team=open_team).update(organisation=organisation)
    client = as_user(adviser)
    query = f"periodKey={PERIOD}&groupBy=gemeente"
    table = csv_table(client.get(url(open_team, "csv", code="aanmeldingen", query=query)).content)
    assert table[1:] == [[own.name, "6"], ["Totaal", "6"]]
    book = load_workbook(
        io.BytesIO(client.get(url(open_team, "xlsx", code="aanmeldingen", query=query)).content)
    )
    assert "Andergem" not in str(list(book["Cijfers"].iter_rows(values_only=True)))
    pdf = client.get(url(open_team, "pdf", code="aanmeldingen", query=query)).content
    assert "Andergem" not in pdf_text(pdf)


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["periodKey=2025-Q9", "from=2025-13", "period=week", "groupBy=schoenmaat", "kleur=rood"],
)
def test_a_bad_query_is_400_with_a_dutch_message(small_groups, client_a, query):
    response = client_a.get(url(small_groups, "csv", query=query))
    assert response.status_code == 400
    assert "Deze export kan zo niet" in response.content.decode()


def test_an_unknown_filter_value_is_400(small_groups, client_a):
    response = client_a.get(url(small_groups, "csv", query="referrerType=ZZ"))
    assert response.status_code == 400


def test_unknown_indicator_or_format_is_404(small_groups, client_a):
    assert client_a.get(url(small_groups, "csv", code="bestaat_niet")).status_code == 404
    assert client_a.get(url(small_groups, "docx")).status_code == 404


def test_another_team_is_404(small_groups, tenancy, as_user):
    DpiaToetsFactory(team=tenancy.b.team)
    client = as_user(tenancy.b.users[Role.TEAMLID])
    assert client.get(url(small_groups, "csv")).status_code == 404


def test_without_a_dpia_the_export_is_409_dpia_nog_niet_vastgelegd(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(url(tenancy.a.team, "xlsx"))
    assert response.status_code == 409
    assert "DPIA nog niet vastgelegd" in response.content.decode()


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.COORDINATOR_SK, Role.AANBIEDER])
def test_roles_without_aggregates_are_refused(small_groups, tenancy, as_user, role):
    assert as_user(tenancy.a.users[role]).get(url(small_groups, "csv")).status_code == 404

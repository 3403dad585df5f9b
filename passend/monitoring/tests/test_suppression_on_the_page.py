"""The same deliberately small groups as the engine tests, on the pages a user reads: the
indicator page never shows a count 1–4, nor a figure that gives one away (a total minus the
visible parts, a period minus a shorter one, a percentage). The downloads and the API are
tested in test_exports.py and test_api.py; all read the same suppressed table."""

import datetime as dt
import re
from html import unescape

import pytest

from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import ReferrerType, ScreeningOutcome
from passend.privacy.tests.factories import DpiaToetsFactory

pytestmark = pytest.mark.django_db
R = ReferrerType
ROW = re.compile(r'<th scope="row"[^>]*>(.*?)</th>((?:<td[^>]*>.*?</td>)+)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


@pytest.fixture
def team(tenancy):
    DpiaToetsFactory(team=tenancy.a.team)
    return tenancy.a.team


def facts(team, n, on, **fields):
    CasusFeitFactory.create_batch(
        n, team=team, gemeente=team.gemeenten.first(), registered_on=on, **fields
    )


def rows(client, team, code, **query) -> dict[str, list[str]]:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    response = client.get(f"/teams/{team.slug}/monitoring/indicatoren/{code}/?{params}")
    assert response.status_code == 200
    body = response.content.decode()
    table = body[: body.index("Tellen en vertellen")] if "Tellen en vertellen" in body else body
    return {
        unescape(label).strip(): [unescape(c).strip() for c in CELL.findall(cells)]
        for label, cells in ROW.findall(table)
    }


def test_a_total_minus_the_visible_groups_gives_nothing_away(team, tenancy, as_user):
    on = dt.date(2026, 3, 5)
    facts(team, 3, on, referrer_type=R.HUISARTS)
    facts(team, 7, on, referrer_type=R.GI)
    facts(team, 12, on, referrer_type=R.GEMEENTE)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    found = rows(client, team, "aanmeldingen_verwijzer", **{"from": "2026-03", "to": "2026-03"})
    assert found[str(R.HUISARTS.label)][0] == "<5"
    assert found[str(R.GI.label)][0] == "<5"
    assert found[str(R.GEMEENTE.label)][0] == "12"
    assert found["Totaal"][0] == "22"
    labels = {str(r.label) for r in R}
    shown = [int(c[0]) for label, c in found.items() if label in labels and c[0].isdigit()]
    assert 22 - sum(shown) == 10  # two hidden groups: neither is recoverable


def test_a_period_minus_a_shorter_one_gives_no_month_away(team, tenancy, as_user):
    facts(team, 6, dt.date(2026, 1, 10))
    facts(team, 5, dt.date(2026, 2, 10))
    facts(team, 3, dt.date(2026, 3, 10))
    client = as_user(tenancy.a.users[Role.TEAMLID])
    quarter = rows(client, team, "aanmeldingen", **{"from": "2026-01", "to": "2026-03"})
    shorter = rows(client, team, "aanmeldingen", **{"from": "2026-01", "to": "2026-02"})
    (q,) = [c[0] for c in quarter.values()][:1]
    (s,) = [c[0] for c in shorter.values()][:1]
    assert q == "14"
    assert s == "<5"  # else 14 - 11 = the 3 of March


def test_a_percentage_of_a_small_count_is_not_shown(team, tenancy, as_user):
    on = dt.date(2026, 4, 1)
    facts(team, 2, on, screening_outcome=ScreeningOutcome.CRISIS, screened_on=on)
    facts(team, 20, on, screening_outcome=ScreeningOutcome.GESCHIKT, screened_on=on)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    found = rows(client, team, "crisis_aandeel", **{"from": "2026-04", "to": "2026-06"})
    cells = next(iter(found.values()))
    assert "–" in cells and "22" in cells
    assert not any(c.endswith("%") for c in cells)  # 9% of 22 would give the 2 away

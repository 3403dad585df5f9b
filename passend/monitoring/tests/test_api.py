"""The indicator API: definitions and values, the one suppression rule, the scope and the gate."""

import datetime as dt
from urllib.parse import urlencode

import pytest

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import ReferrerType, ScreeningOutcome, Urgency
from passend.core.tests.factories import GemeenteFactory, OrganisationFactory, RegionFactory
from passend.monitoring import definitions as D
from passend.monitoring.models import Indicator
from passend.privacy.tests.factories import DpiaToetsFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/monitoring/indicators"
CELL_KEYS = {"group", "value", "suppressed", "display"}


def url(path: str, team, **params) -> str:
    return f"{path}?{urlencode({'teamId': team.pk, **params})}"


def values_url(team, code: str, **params) -> str:
    return url(f"{LIST}/{code}/values", team, **params)


@pytest.fixture
def team(tenancy):
    DpiaToetsFactory(team=tenancy.a.team)
    return tenancy.a.team


@pytest.fixture
def teamlid(tenancy, as_user):
    return as_user(tenancy.a.users[Role.TEAMLID])


def facts(team, n: int, day: dt.date, gemeente=None, **fields):
    return CasusFeitFactory.create_batch(
        n, team=team, gemeente=gemeente or team.gemeenten.get(), registered_on=day, **fields
    )


def by_group(body, **match) -> dict:
    """{group value of the grouping (or "total"): cell} for the cells whose group has `match`."""
    name = body["groupBy"]
    found = {}
    for cell in body["cells"]:
        group = dict(cell["group"])
        key = group.pop(name, "total") if name else "total"
        if all(group.get(k) == v for k, v in match.items()) and set(group) == {"period", *match}:
            found[key] = cell
    return found


def assert_problem(response, status: int, param: str | None = None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    if param:
        assert [p["name"] for p in body["invalidParams"]] == [param]
    assert "cells" not in body
    return body


# --- definitions -----------------------------------------------------------------------------


def test_the_list_holds_the_basisset_and_the_regions_own_indicators(team, tenancy, teamlid):
    Indicator.objects.create(
        region=team.region,
        code="eigen_hoog",
        name_nl="Aanmeldingen met hoge urgentie",
        name_en="Registrations with high urgency",
        wat_nl="Hoeveel aanmeldingen hebben hoge urgentie?",
        waarom_nl="Om de druk te zien.",
        hoe_nl="Aanmeldingen met urgentie hoog.",
        conditions={"urgency": [Urgency.HOOG]},
    )
    Indicator.objects.create(
        region=RegionFactory(),
        code="andere_regio",
        name_nl="Van een andere regio",
        wat_nl="-",
        waarom_nl="-",
        hoe_nl="-",
    )
    response = teamlid.get(url(LIST, team))
    assert response.status_code == 200
    found = {d["code"]: d for d in response.json()}
    assert set(found) == D.basisset_codes() | {"eigen_hoog"}
    own = found["eigen_hoog"]
    assert own["basisset"] is False and own["version"] == 1 and own["section"] == "eigen"
    assert own["name"] == {"nl": "Aanmeldingen met hoge urgentie", "en": own["name"]["en"]}
    basis = found["aanmeldingen_verwijzer"]
    assert basis["basisset"] is True and basis["unit"] == "count"
    assert basis["defaultGroupBy"] == "referrerType"
    assert set(basis) == {
        "code",
        "version",
        "name",
        "wat",
        "waarom",
        "hoe",
        "unit",
        "subject",
        "section",
        "defaultGroupBy",
        "normDays",
        "basisset",
    }
    assert basis["wat"]["nl"] and basis["waarom"]["en"] and basis["hoe"]["nl"]
    detail = teamlid.get(url(f"{LIST}/eigen_hoog", team)).json()
    assert detail == own


def test_an_unknown_indicator_is_404_problem(team, teamlid):
    Indicator.objects.create(
        region=RegionFactory(), code="andere_regio", name_nl="-", wat_nl="-", waarom_nl="-"
    )
    assert_problem(teamlid.get(url(f"{LIST}/bestaat_niet", team)), 404)
    assert_problem(teamlid.get(values_url(team, "bestaat_niet")), 404)
    assert_problem(teamlid.get(values_url(team, "andere_regio")), 404)


# --- values: shape and suppression -----------------------------------------------------------


def test_cells_name_the_definition_period_grouping_and_filters(team, teamlid):
    gemeente = team.gemeenten.get()
    facts(team, 12, dt.date(2025, 2, 10), referrer_type=ReferrerType.GEMEENTE)
    facts(team, 7, dt.date(2025, 3, 10), referrer_type=ReferrerType.HUISARTS)
    response = teamlid.get(
        values_url(
            team,
            "aanmeldingen_verwijzer",
            **{"from": "2025-01", "to": "2025-03-31", "gemeente": gemeente.cbs_code},
        )
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["indicator"]["code"] == "aanmeldingen_verwijzer"
    assert body["indicator"]["version"] == 1
    assert body["period"] == {
        "key": "2025-Q1",
        "from": "2025-01-01",
        "to": "2025-03-31",
        "label": body["period"]["label"],
    }
    assert body["groupBy"] == "referrerType" and body["split"] is None
    assert body["compare"] is False
    assert body["filters"] == [
        {
            "name": "gemeente",
            "label": "gemeente",
            "value": gemeente.cbs_code,
            "valueLabel": gemeente.name,
        }
    ]
    assert all(set(c) == CELL_KEYS for c in body["cells"])
    cells = by_group(body)
    assert cells[ReferrerType.GEMEENTE] == {
        "group": {"period": "2025-Q1", "referrerType": ReferrerType.GEMEENTE},
        "value": 12,
        "suppressed": False,
        "display": "12",
    }
    assert cells[ReferrerType.HUISARTS]["value"] == 7
    assert cells["total"] == {
        "group": {"period": "2025-Q1"},
        "value": 19,
        "suppressed": False,
        "display": "19",
    }
    assert cells[ReferrerType.GI]["value"] == 0  # nobody: zero stays 0


def test_a_suppressed_cell_is_null_lt5_and_the_total_does_not_give_it_away(team, teamlid):
    day = dt.date(2025, 2, 10)
    facts(team, 12, day, referrer_type=ReferrerType.GEMEENTE)
    facts(team, 9, day, referrer_type=ReferrerType.HUISARTS)
    facts(team, 3, day, referrer_type=ReferrerType.GI)
    body = teamlid.get(
        values_url(team, "aanmeldingen_verwijzer", **{"from": "2025-01", "to": "2025-03"})
    ).json()
    cells = by_group(body)
    gi = cells[ReferrerType.GI]
    assert gi == {
        "group": {"period": "2025-Q1", "referrerType": ReferrerType.GI},
        "value": None,
        "suppressed": True,
        "display": "<5",
    }
    assert cells["total"]["value"] == 24
    # Total minus the visible parts: the remainder is spread over at least two hidden cells.
    hidden = [c for k, c in cells.items() if k != "total" and c["suppressed"]]
    visible = sum(c["value"] for k, c in cells.items() if k != "total" and not c["suppressed"])
    assert len(hidden) >= 2
    assert cells[ReferrerType.HUISARTS]["suppressed"]  # secondary: the smallest other part
    assert visible == 12 and cells["total"]["value"] - visible == 12
    assert 3 not in {c["value"] for c in body["cells"]}


def test_two_periods_difference_does_not_give_a_hidden_month_away(team, teamlid):
    facts(team, 6, dt.date(2025, 1, 10))
    facts(team, 7, dt.date(2025, 2, 10))
    facts(team, 3, dt.date(2025, 3, 10))

    def total(**params) -> dict:
        body = teamlid.get(values_url(team, "aanmeldingen", **params)).json()
        return by_group(body)["total"]

    quarter = total(**{"from": "2025-01", "to": "2025-03"})
    two_months = total(**{"from": "2025-01", "to": "2025-02"})
    assert quarter["value"] == 16
    # Either figure alone is fine, both together would give March away (16 - 13 = 3).
    assert two_months["suppressed"] and two_months["value"] is None

    trend = teamlid.get(
        values_url(team, "aanmeldingen", **{"from": "2025-01", "to": "2025-03", "period": "month"})
    ).json()
    assert trend["split"] == "month"
    months = {c["group"]["period"]: c for c in trend["cells"]}
    assert set(months) == {"2025-01", "2025-02", "2025-03", "2025-Q1"}
    assert months["2025-03"]["display"] == "<5" and months["2025-03"]["value"] is None
    assert months["2025-01"]["suppressed"]  # the smallest other month of the quarter
    assert months["2025-02"]["value"] == 7 and months["2025-Q1"]["value"] == 16
    column = {p["key"]: p["column"] for p in trend["periods"]}
    assert column == {"2025-01": "bucket", "2025-02": "bucket", "2025-03": "bucket"} | {
        "2025-Q1": "period"
    }


def test_compare_gives_the_previous_period_and_a_year_before(team, teamlid):
    facts(team, 8, dt.date(2025, 5, 10))
    facts(team, 6, dt.date(2025, 2, 10))
    facts(team, 2, dt.date(2024, 5, 10))
    body = teamlid.get(values_url(team, "aanmeldingen", periodKey="2025-Q2", compare="true")).json()
    assert body["compare"] is True
    found = {(c["group"]["period"], c["group"].get("comparison")): c for c in body["cells"]}
    assert found[("2025-Q2", None)]["value"] == 8
    assert found[("2025-Q1", "previous")]["value"] == 6
    assert found[("2024-Q2", "yearBefore")] == {
        "group": {"period": "2024-Q2", "comparison": "yearBefore"},
        "value": None,
        "suppressed": True,
        "display": "<5",
    }


def test_a_percentage_does_not_give_a_small_group_away(team, teamlid):
    day = dt.date(2025, 2, 10)
    facts(team, 10, day, screened_on=day, screening_outcome=ScreeningOutcome.GESCHIKT)
    facts(team, 3, day, screened_on=day, screening_outcome=ScreeningOutcome.CRISIS)
    body = teamlid.get(
        values_url(team, "crisis_aandeel", **{"from": "2025-01", "to": "2025-03"})
    ).json()
    assert body["indicator"]["unit"] == "share"
    total = [c for c in body["cells"] if set(c["group"]) == {"period"}]
    assert len(total) == 1 and total[0]["suppressed"] and total[0]["value"] is None
    assert "%" not in total[0]["display"]
    n = [c for c in body["cells"] if c["group"].get("statistic") == "n"]
    # The number of cases may be shown, the share (3 of 13) not: n × share would give 3.
    assert all(c["value"] in (13, None) for c in n)
    assert 3 not in {c["value"] for c in body["cells"]}


# --- bad parameters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"from": "2025-13", "to": "2025-12"}, "from"),
        ({"from": "2025-01-02", "to": "2025-03"}, "from"),
        ({"from": "2025-01"}, "to"),
        ({"from": "2025-06", "to": "2025-01"}, "to"),
        ({"from": "2025-01", "to": "2025-02-27"}, "to"),
        ({"periodKey": "2025-Q5"}, "periodKey"),
        ({"period": "week"}, "period"),
        ({"groupBy": "schoenmaat"}, "groupBy"),
        ({"groupBy": "participation"}, "groupBy"),  # an event dimension on cases
        ({"schoenmaat": "42"}, "schoenmaat"),
        ({"referrerType": "99"}, "referrerType"),
        ({"ageGroup": "100+"}, "ageGroup"),
    ],
)
def test_a_bad_parameter_is_400_problem_naming_it(team, teamlid, params, param):
    body = assert_problem(teamlid.get(values_url(team, "aanmeldingen", **params)), 400, param)
    assert body["detail"] == body["invalidParams"][0]["reason"]


def test_the_team_parameter_is_required_and_an_id(team, teamlid):
    assert_problem(teamlid.get(LIST), 400, "teamId")
    assert_problem(teamlid.get(f"{LIST}?teamId=abc"), 400, "teamId")
    assert_problem(teamlid.get(f"{LIST}/aanmeldingen/values"), 400, "teamId")


# --- scope and gate --------------------------------------------------------------------------


def test_another_team_is_404(team, tenancy, teamlid):
    other = tenancy.b.team
    DpiaToetsFactory(team=other)
    facts(other, 9, dt.date(2025, 2, 10))
    assert_problem(teamlid.get(url(LIST, other)), 404)
    assert_problem(teamlid.get(values_url(other, "aanmeldingen")), 404)


@pytest.mark.parametrize("role", [Role.AANMELDER, Role.AANBIEDER])
def test_roles_without_aggregates_are_404(team, tenancy, as_user, role):
    client = as_user(tenancy.a.users[role])
    assert_problem(client.get(url(LIST, team)), 404)
    assert_problem(client.get(values_url(team, "aanmeldingen")), 404)


def test_without_a_dpia_every_route_is_409(tenancy, teamlid):
    team = tenancy.a.team
    for path in (url(LIST, team), url(f"{LIST}/aanmeldingen", team)):
        assert assert_problem(teamlid.get(path), 409)["title"] == "DPIA nog niet vastgelegd"
    assert_problem(teamlid.get(values_url(team, "aanmeldingen")), 409)


def test_a_beleidsadviseur_counts_only_the_granted_gemeente(team, tenancy, as_user):
    own = team.gemeenten.get()
    other = GemeenteFactory(region=team.region, name="Andergem")
    team.gemeenten.add(other)
    facts(team, 6, dt.date(2025, 2, 10), gemeente=own)
    facts(team, 9, dt.date(2025, 2, 10), gemeente=other)
    adviser = tenancy.a.users[Role.BELEIDSADVISEUR]
    organisation = OrganisationFactory(name="Gemeente Eigen", gemeente=own)
    Membership.objects.filter(user=adviser, team=team).update(organisation=organisation)
    client = as_user(adviser)
    period = {"from": "2025-01", "to": "2025-03"}

    body = client.get(values_url(team, "aanmeldingen", groupBy="gemeente", **period)).json()
    cells = by_group(body)
    assert set(cells) == {own.cbs_code, "total"}
    assert cells["total"]["value"] == 6
    filtered = client.get(values_url(team, "aanmeldingen", gemeente=own.cbs_code, **period))
    assert by_group(filtered.json())["total"]["value"] == 6

    refused = client.get(values_url(team, "aanmeldingen", gemeente=other.cbs_code, **period))
    body = assert_problem(refused, 400, "gemeente")
    assert "Andergem" not in refused.content.decode() and "cells" not in body

    teamlid = as_user(tenancy.a.users[Role.TEAMLID])
    whole = teamlid.get(values_url(team, "aanmeldingen", **period)).json()
    assert by_group(whole)["total"]["value"] == 15


def test_a_regions_own_indicator_computes(team, teamlid):
    Indicator.objects.create(
        region=team.region,
        code="eigen_hoog",
        name_nl="Aanmeldingen met hoge urgentie",
        wat_nl="Hoeveel aanmeldingen hebben hoge urgentie?",
        waarom_nl="Om de druk te zien.",
        hoe_nl="Aanmeldingen met urgentie hoog.",
        conditions={"urgency": [Urgency.HOOG]},
        group_by="referrerType",
    )
    day = dt.date(2025, 2, 10)
    facts(team, 7, day, urgency=Urgency.HOOG, referrer_type=ReferrerType.GEMEENTE)
    facts(team, 5, day, urgency=Urgency.HOOG, referrer_type=ReferrerType.HUISARTS)
    facts(team, 20, day, urgency=Urgency.NORMAAL)
    response = teamlid.get(values_url(team, "eigen_hoog", **{"from": "2025-01", "to": "2025-03"}))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["indicator"]["basisset"] is False and body["indicator"]["version"] == 1
    cells = by_group(body)
    assert cells["total"]["value"] == 12
    assert cells[ReferrerType.GEMEENTE]["value"] == 7
    assert cells[ReferrerType.HUISARTS]["value"] == 5

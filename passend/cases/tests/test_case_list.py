"""The team's case list: filters, name search, paging, htmx partial; transitions are logged."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.cases.services import transition
from passend.cases.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db


def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


@pytest.fixture
def cases(tenancy):
    team = tenancy.a.team
    gemeente = team.gemeenten.first()
    old = timezone.now() - dt.timedelta(days=40)
    made = {
        "baby": CasusFactory(
            team=team,
            first_name="Bo",
            last_name="Wiegstra",
            birth_date=years_ago(2),
            gemeente=gemeente,
        ),
        "teen": CasusFactory(
            team=team,
            first_name="Tess",
            last_name="Duinhof",
            birth_date=years_ago(14),
            referrer_type="04",
            registered_at=old,
        ),
        "adult": CasusFactory(
            team=team,
            first_name="Ravi",
            last_name="Kwelder",
            birth_date=years_ago(19),
            casushouder=tenancy.a.users[Role.SCREENER],
        ),
    }
    transition(made["teen"], to=CaseState.IN_SCREENING, actor=tenancy.a.users[Role.SCREENER])
    CasusFactory(
        team=tenancy.b.team, first_name="Bo", last_name="Wiegstra", birth_date=years_ago(2)
    )
    return made


def shown(response):
    return sorted(c.first_name for c in response.context["page"].object_list)


def test_filters_and_name_search(tenancy, as_user, cases):
    client = as_user(tenancy.a.users[Role.SCREENER])
    url = f"/teams/{tenancy.a.team.slug}/casussen/"
    assert shown(client.get(url)) == ["Bo", "Ravi", "Tess"], "only the own team"
    assert shown(client.get(url, {"status": "in_screening"})) == ["Tess"]
    assert shown(client.get(url, {"gemeente": tenancy.a.team.gemeenten.first().pk})) == ["Bo"]
    assert shown(client.get(url, {"verwijzer": "04"})) == ["Tess"]
    assert shown(client.get(url, {"leeftijd": "0-3"})) == ["Bo"]
    assert shown(client.get(url, {"leeftijd": "12-15"})) == ["Tess"]
    assert shown(client.get(url, {"leeftijd": "18+"})) == ["Ravi"]
    assert shown(client.get(url, {"mijn": "on"})) == ["Ravi"]
    assert shown(client.get(url, {"wacht_dagen": "30"})) == ["Tess"]
    assert shown(client.get(url, {"naam": "duinhof"})) == ["Tess"]
    assert shown(client.get(url, {"naam": "Bo Wiegstra"})) == ["Bo"]
    bad = client.get(url, {"wacht_dagen": "-3", "naam": "Tess"})
    assert shown(bad) == [] and "Tess" in bad.content.decode(), "bad filter: message, input kept"


def test_paging_and_htmx_partial(tenancy, as_user):
    for i in range(27):
        CasusFactory(team=tenancy.a.team, first_name=f"Kind{i}")
    client = as_user(tenancy.a.users[Role.SCREENER])
    url = f"/teams/{tenancy.a.team.slug}/casussen/"
    first = client.get(url)
    assert (
        len(first.context["page"].object_list) == 25 and "Pagina 1 van 2" in first.content.decode()
    )
    assert len(client.get(url, {"pagina": 2}).context["page"].object_list) == 2
    partial = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="casus-resultaten")
    assert "<html" not in partial.content.decode() and "27 casussen" in partial.content.decode()
    # Each case shown on the page is one read in the access log.
    shown_ids = {str(c.pk) for c in first.context["page"].object_list}
    logged = set(
        AccessLogEntry.objects.filter(purpose="casuslijst bekijken").values_list(
            "subject_id", flat=True
        )
    )
    assert shown_ids <= logged


def test_referrer_sees_only_own_cases(tenancy, as_user, cases):
    own = CasusFactory(
        team=tenancy.a.team, first_name="Eigen", aanmelder=tenancy.a.users[Role.AANMELDER]
    )
    client = as_user(tenancy.a.users[Role.AANMELDER])
    response = client.get(f"/teams/{tenancy.a.team.slug}/casussen/")
    assert shown(response) == ["Eigen"]
    assert (
        client.get(f"/teams/{tenancy.a.team.slug}/casussen/{cases['teen'].pk}/").status_code == 404
    )
    assert client.get(f"/teams/{tenancy.a.team.slug}/casussen/{own.pk}/").status_code == 200


def test_same_refusal_in_ui_and_api_and_every_transition_is_logged(tenancy, as_user, cases):
    casus = cases["teen"]
    client = as_user(tenancy.a.users[Role.SCREENER])
    api = client.post(
        f"/api/v1/cases/{casus.pk}/transitions",
        {"toState": "in_behandeling"},
        content_type="application/json",
    )
    assert api.status_code == 409
    page = client.post(
        f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/", {"outcome": "geschikt"}
    ).content.decode()
    assert api.json()["detail"] in page.replace("&#x27;", "'")
    client.post(
        f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/",
        {"outcome": "niet_geschikt", "reason": "geen vastloper"},
    )
    assert Casus.objects.get(pk=casus.pk).state == CaseState.AFGEWEZEN
    purposes = list(
        AccessLogEntry.objects.filter(
            subject_type="casus", subject_id=str(casus.pk), action="update"
        )
        .order_by("id")
        .values_list("purpose", flat=True)
    )
    assert "statuswijziging: in_screening → afgewezen" in purposes

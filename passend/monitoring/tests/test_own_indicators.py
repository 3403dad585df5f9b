"""The region's own indicators, defined in the UI (issue 13 §1): a measure, the cases, a
numerator and a grouping over the record's fields; versioned; refused per field."""

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.analytics.tests.factories import CasusFeitFactory
from passend.cases.codes import ReferrerType, ScreeningOutcome
from passend.core.refusals import InvalidInput, NotAllowed
from passend.core.tests.factories import GemeenteFactory, RegionFactory
from passend.monitoring import definitions as D
from passend.monitoring import periods as P
from passend.monitoring import selectors, services
from passend.monitoring.indicator_views import dashboard_url
from passend.monitoring.models import Indicator

pytestmark = pytest.mark.django_db


def base(team) -> str:
    return f"/teams/{team.slug}/monitoring/eigen-indicatoren/"


def form_data(**changes) -> dict:
    data = {
        "code": "crisis_via_gi",
        "name_nl": "Crisis bij aanmeldingen via de GI",
        "name_en": "Crisis among GI registrations",
        "wat_nl": "Welk deel van de aanmeldingen via de GI is een crisis?",
        "waarom_nl": "De gemeenten vragen welke kinderen via de GI komen.",
        "hoe_nl": "Aanmeldingen met soort verwijzer GI; de teller: uitkomst screening crisis.",
        "unit": D.SHARE,
        "date": "registered_on",
        "field": "",
        "group_by": "",
        "where__referrerType": [ReferrerType.GI.value],
        "teller__screeningOutcome": [ScreeningOutcome.CRISIS.value],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def this_month() -> P.Period:
    today = timezone.localdate()
    return P.Period.between(today.replace(day=1), P.month_end(P.month_index(today)))


@pytest.fixture
def team(tenancy):
    return tenancy.a.team


@pytest.fixture
def chair(tenancy):
    return tenancy.a.users[Role.VOORZITTER]


def facts(team, n, **fields):
    gemeente = team.gemeenten.first()
    return CasusFeitFactory.create_batch(
        n, team=team, gemeente=gemeente, registered_on=timezone.localdate(), **fields
    )


def own(team, code="crisis_via_gi", **changes) -> Indicator:
    fields = {
        "code": code,
        "name_nl": "Aanmeldingen via de GI",
        "wat_nl": "Hoeveel?",
        "waarom_nl": "Daarom.",
        "hoe_nl": "Tellen.",
        "unit": D.COUNT,
        "conditions": {"referrerType": [ReferrerType.GI.value]},
    }
    fields.update(changes)
    return Indicator.objects.create(region=team.region, **fields)


# --- creating through the UI ----------------------------------------------------------------


def test_a_voorzitter_creates_a_share_that_joins_the_definitions_and_computes(
    tenancy, team, chair, as_user
):
    facts(team, 5, referrer_type=ReferrerType.GI, screening_outcome=ScreeningOutcome.CRISIS)
    facts(team, 7, referrer_type=ReferrerType.GI, screening_outcome=ScreeningOutcome.GESCHIKT)
    facts(team, 9, referrer_type=ReferrerType.GEMEENTE, screening_outcome=ScreeningOutcome.CRISIS)
    client = as_user(chair)
    response = client.post(base(team) + "nieuw/", form_data())
    assert response.status_code == 302
    # To the indicator on the dashboard (the list until the dashboard has the page).
    assert response["Location"] == (dashboard_url(team, "crisis_via_gi") or base(team))

    indicator = Indicator.objects.get(region=team.region, code="crisis_via_gi")
    assert indicator.version == 1 and indicator.created_by == chair and indicator.active
    assert indicator.conditions == {"referrerType": ["04"]}
    assert indicator.numerator == {"screeningOutcome": ["crisis"]}

    definition = D.get(team, "crisis_via_gi")
    assert definition is not None and definition in D.for_team(team)
    assert not definition.basisset and definition.section == "eigen"
    # Region-wide: the other team of the region has it too.
    assert D.get(tenancy.b.team, "crisis_via_gi") is not None

    table = selectors.indicator_table(chair, team, definition, period=this_month())
    share = table.main(table.total)
    assert not share.suppressed
    assert share.value == round(5 / 12 * 100)
    n = table.main(table.total, "n")
    assert n.value == 12

    listing = client.get(base(team)).content.decode()
    assert "Crisis bij aanmeldingen via de GI" in listing and "crisis_via_gi" in listing


def test_a_count_grouped_by_gemeente_computes_per_group(team, chair, as_user):
    facts(team, 6, referrer_type=ReferrerType.GI)
    facts(team, 3, referrer_type=ReferrerType.HUISARTS)
    data = form_data(code="", unit=D.COUNT, group_by="gemeente", teller__screeningOutcome=None)
    response = as_user(chair).post(base(team) + "nieuw/", data)
    assert response.status_code == 302
    # Without a code, one is made from the name.
    indicator = Indicator.objects.get(region=team.region)
    assert indicator.code == "crisis_bij_aanmeldingen_via_de_gi"
    assert indicator.numerator == {} and indicator.group_by == "gemeente"
    table = selectors.indicator_table(chair, team, indicator.definition(), period=this_month())
    assert table.group_by == "gemeente"
    assert table.main(table.total).value == 6


def test_a_duration_needs_its_field_and_keeps_it(team, chair, as_user):
    client = as_user(chair)
    response = client.post(
        base(team) + "nieuw/", form_data(unit=D.DURATION, teller__screeningOutcome=None)
    )
    assert response.status_code == 200
    assert "Kies welke doorlooptijd de indicator meet." in response.context["form"].errors["field"]
    response = client.post(
        base(team) + "nieuw/",
        form_data(unit=D.DURATION, field="days_to_advice", teller__screeningOutcome=["crisis"]),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(region=team.region)
    assert indicator.field == "days_to_advice"
    assert indicator.numerator == {}  # a numerator applies to a share only


# --- validation on the form -----------------------------------------------------------------


def test_a_share_without_numerator_is_refused_next_to_the_numerator_keeping_the_input(
    team, chair, as_user
):
    response = as_user(chair).post(base(team) + "nieuw/", form_data(teller__screeningOutcome=None))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Een aandeel heeft een teller nodig" in form.errors["numerator"][0]
    body = response.content.decode()
    # Shown in the numerator's fieldset, linked from the error summary, input kept.
    assert 'id="form-errors"' in body
    assert 'href="#id_numerator"' in body
    fieldset = body[body.index('id="id_numerator"') :]
    assert "Een aandeel heeft een teller nodig" in fieldset[: fieldset.index("</fieldset>")]
    assert 'value="Crisis bij aanmeldingen via de GI"' in body
    assert _checked(body, "where__referrerType", "04")
    assert not Indicator.objects.exists()


def _checked(body: str, name: str, value: str) -> bool:
    import re

    for tag in re.findall(r"<input[^>]*>", body):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return "checked" in tag
    return False


def test_a_basisset_code_is_refused_next_to_the_code(team, chair, as_user):
    taken = D.basisset()[0].code
    response = as_user(chair).post(base(team) + "nieuw/", form_data(code=taken))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["code"] == [
        "De basisset heeft al een indicator met deze code. Kies een andere code."
    ]
    body = response.content.decode()
    assert 'href="#id_code"' in body and f'value="{taken}"' in body
    assert _checked(body, "where__referrerType", "04")
    assert _checked(body, "teller__screeningOutcome", "crisis")
    assert not Indicator.objects.exists()


def test_another_own_indicators_code_is_refused(team, chair):
    own(team, code="dubbel")
    with pytest.raises(InvalidInput) as refused:
        services.create_indicator(team, by=chair, **_service_fields(code="dubbel"))
    assert refused.value.errors["code"] == ["De regio heeft al een eigen indicator met deze code."]


def _service_fields(**changes):
    fields = {
        "code": "eigen",
        "name_nl": "Eigen",
        "wat_nl": "Wat?",
        "waarom_nl": "Waarom?",
        "hoe_nl": "Hoe?",
        "unit": D.COUNT,
        "date": "registered_on",
    }
    fields.update(changes)
    return fields


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "Met Spaties"}, "code"),
        ({"date": "birth_date"}, "date"),
        ({"conditions": {"referrerType": ["99"]}}, "conditions"),
        ({"conditions": {"participation": ["aanwezig"]}}, "conditions"),
        ({"conditions": {"bestaatniet": ["x"]}}, "conditions"),
        ({"unit": D.SHARE, "numerator": {"gemeente": ["GM9999"]}}, "numerator"),
        ({"group_by": "participation"}, "group_by"),
        ({"name_nl": ""}, "name_nl"),
    ],
)
def test_the_service_refuses_what_the_engine_cannot_compute(team, chair, changes, field):
    with pytest.raises(InvalidInput) as refused:
        services.create_indicator(team, by=chair, **_service_fields(**changes))
    assert field in refused.value.errors


def test_a_gemeente_of_the_region_is_a_known_value(team, chair):
    gemeente = team.gemeenten.first()
    indicator = services.create_indicator(
        team, by=chair, **_service_fields(conditions={"gemeente": [gemeente.cbs_code]})
    )
    assert indicator.conditions == {"gemeente": [gemeente.cbs_code]}
    other = GemeenteFactory(region=RegionFactory())
    with pytest.raises(InvalidInput):
        fields = _service_fields(code="ander", conditions={"gemeente": [other.cbs_code]})
        services.create_indicator(team, by=chair, **fields)


# --- versions -------------------------------------------------------------------------------


def test_a_computed_change_raises_the_version_a_text_change_does_not(team, chair, as_user):
    indicator = services.create_indicator(
        team,
        by=chair,
        **_service_fields(conditions={"referrerType": [ReferrerType.GI.value]}),
    )
    assert indicator.version == 1
    client = as_user(chair)
    url = base(team) + f"{indicator.pk}/wijzigen/"
    page = client.get(url)
    assert page.status_code == 200
    assert _checked(page.content.decode(), "where__referrerType", "04")

    data = form_data(
        name_nl="Andere naam", wat_nl="Andere vraag", unit=D.COUNT, active="on", code=None
    )
    data["teller__screeningOutcome"] = []
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name_nl, indicator.version) == ("Andere naam", 1)

    data["where__referrerType"] = [ReferrerType.GI.value, ReferrerType.HUISARTS.value]
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.version == 2
    assert indicator.conditions == {"referrerType": ["02", "04"]}
    assert D.get(team, indicator.code).version == 2

    data["group_by"] = "ageGroup"
    client.post(url, data)
    indicator.refresh_from_db()
    assert indicator.version == 3


def test_the_code_stays(team, chair):
    indicator = own(team)
    with pytest.raises(InvalidInput) as refused:
        services.update_indicator(indicator, by=chair, team=team, code="anders")
    assert "code" in refused.value.errors


# --- deactivating ---------------------------------------------------------------------------


def test_deactivating_takes_it_off_the_definitions(team, chair, as_user):
    indicator = own(team)
    assert D.get(team, indicator.code) is not None
    response = as_user(chair).post(base(team) + f"{indicator.pk}/deactiveren/")
    assert response.status_code == 302 and response["Location"] == base(team)
    indicator.refresh_from_db()
    assert not indicator.active
    assert D.get(team, indicator.code) is None
    # Activated again through the edit form.
    services.update_indicator(indicator, by=chair, team=team, active=True)
    assert D.get(team, indicator.code) is not None


# --- who may ------------------------------------------------------------------------------


def test_the_beheerder_may_too(team, tenancy, as_user):
    beheerder = tenancy.a.users[Role.BEHEERDER]
    response = as_user(beheerder).post(base(team) + "nieuw/", form_data())
    assert response.status_code == 302
    assert Indicator.objects.filter(region=team.region).count() == 1


@pytest.mark.parametrize("role", [Role.TEAMLID, Role.BELEIDSADVISEUR, Role.SCREENER])
def test_roles_without_define_indicators_are_refused(team, tenancy, as_user, role):
    indicator = own(team)
    client = as_user(tenancy.a.users[role])
    assert client.get(base(team)).status_code == 404
    assert client.get(base(team) + "nieuw/").status_code == 404
    assert client.post(base(team) + "nieuw/", form_data(code="poging")).status_code == 404
    assert client.post(base(team) + f"{indicator.pk}/wijzigen/", form_data()).status_code == 404
    assert client.post(base(team) + f"{indicator.pk}/deactiveren/").status_code == 404
    indicator.refresh_from_db()
    assert indicator.active and indicator.version == 1
    assert not Indicator.objects.filter(code="poging").exists()
    with pytest.raises(NotAllowed):
        services.create_indicator(team, by=tenancy.a.users[role], **_service_fields())


def test_another_regions_indicator_is_404(team, chair, as_user):
    other_team_region = RegionFactory(name="Testregio Heuvelland", slug="heuvelland")
    theirs = Indicator.objects.create(
        region=other_team_region,
        code="van_hen",
        name_nl="Van een andere regio",
        wat_nl="?",
        waarom_nl="?",
        hoe_nl="?",
    )
    client = as_user(chair)
    assert client.get(base(team) + f"{theirs.pk}/wijzigen/").status_code == 404
    assert client.post(base(team) + f"{theirs.pk}/wijzigen/", form_data()).status_code == 404
    assert client.post(base(team) + f"{theirs.pk}/deactiveren/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.active and theirs.name_nl == "Van een andere regio"
    assert "Van een andere regio" not in client.get(base(team)).content.decode()
    with pytest.raises(NotAllowed):
        services.deactivate_indicator(theirs, by=chair, team=team)
    with pytest.raises(NotAllowed):
        services.deactivate_indicator(theirs, by=chair)


def test_the_other_team_of_the_region_edits_the_regions_indicator(tenancy, team, as_user):
    indicator = own(team)
    other_chair = tenancy.b.users[Role.VOORZITTER]
    url = base(tenancy.b.team) + f"{indicator.pk}/wijzigen/"
    assert as_user(other_chair).get(url).status_code == 200


# --- links --------------------------------------------------------------------------------


def test_the_monitoring_page_links_for_definers_only(team, tenancy, as_user):
    link = f'href="{base(team)}"'
    chair_page = as_user(tenancy.a.users[Role.VOORZITTER]).get(f"/teams/{team.slug}/monitoring/")
    assert link in chair_page.content.decode()
    teamlid_page = as_user(tenancy.a.users[Role.TEAMLID]).get(f"/teams/{team.slug}/monitoring/")
    assert link not in teamlid_page.content.decode()
    beheer = as_user(tenancy.a.users[Role.BEHEERDER]).get(f"/teams/{team.slug}/beheer/")
    assert link in beheer.content.decode()


def test_the_form_offers_the_record_fields_with_dutch_labels(team, chair, as_user):
    body = as_user(chair).get(base(team) + "nieuw/").content.decode()
    for legend in ("Wat willen we weten", "Wat telt het", "Welke casussen", "Teller"):
        assert legend in body
    assert "Uitsplitsen naar" in body
    assert "het versturen van het advies" in body  # a date, in Dutch
    assert "gecertificeerde instelling" in body  # a value of referrerType
    assert "<details" in body


def test_an_indicator_made_in_the_ui_shows_on_the_dashboard_and_in_the_api(
    tenancy, team, chair, as_user
):
    """Acceptance (issue 13): a region-defined indicator created through the UI shows up on
    the dashboard and in the API, with its figures suppressed by the same rule."""
    from passend.privacy.tests.factories import DpiaToetsFactory

    DpiaToetsFactory(team=team)
    facts(team, 6, referrer_type=ReferrerType.GI, screening_outcome=ScreeningOutcome.CRISIS)
    facts(team, 8, referrer_type=ReferrerType.GI, screening_outcome=ScreeningOutcome.GESCHIKT)
    client = as_user(chair)
    data = form_data(unit=D.COUNT, teller__screeningOutcome=None, group_by="screeningOutcome")
    assert client.post(base(team) + "nieuw/", data).status_code == 302

    # The dashboard: its section of the region's own indicators, and its own page.
    section = client.get(f"/teams/{team.slug}/monitoring/eigen/")
    assert section.status_code == 200
    assert "Crisis bij aanmeldingen via de GI" in section.content.decode()
    page = client.get(f"/teams/{team.slug}/monitoring/indicatoren/crisis_via_gi/")
    assert page.status_code == 200 and ">14<" in page.content.decode()

    # The API: in the list, with its version, and its values.
    listing = client.get(f"/api/v1/monitoring/indicators?teamId={team.pk}").json()
    mine = next(d for d in listing if d["code"] == "crisis_via_gi")
    assert mine["basisset"] is False and mine["version"] == 1
    values = client.get(
        f"/api/v1/monitoring/indicators/crisis_via_gi/values?teamId={team.pk}"
    ).json()
    cells = {(c["group"].get("screeningOutcome"), c["group"]["period"]): c for c in values["cells"]}
    year = str(timezone.localdate().year)
    assert cells[(None, year)]["value"] == 14
    assert cells[(ScreeningOutcome.CRISIS.value, year)]["value"] == 6
    assert cells[(ScreeningOutcome.GESCHIKT.value, year)]["value"] == 8

"""The rules behind the cases API that a hostile tester tried: who may be assigned, malformed
bodies, the team filter, records of another case, and that the services decide the rights
(with only active memberships)."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Toestemming
from passend.cases.services import (
    REFERRER_BY_ORGANISATION,
    assign,
    new_draft,
    record_consent,
    register,
    withdraw_consent,
)
from passend.cases.tests.factories import CasusFactory, OuderFactory, ToestemmingFactory
from passend.core.refusals import InvalidInput, NotAllowed
from passend.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from passend.regions.models import OrganisationType

pytestmark = pytest.mark.django_db

JSON = "application/json"


def patch(client, url, body):
    return client.patch(url, body, content_type=JSON)


def post(client, url, body):
    return client.post(url, body, content_type=JSON)


@pytest.fixture
def casus(tenancy):
    casus = CasusFactory(team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])
    OuderFactory(casus=casus)
    return casus


def problem_names(response) -> set[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"] for p in response.json()["invalidParams"]}


# -- user fields: only active members of the case's team with a case-work role ---------------


@pytest.mark.parametrize("field", ["casushouder", "procesregisseur", "experts"])
@pytest.mark.parametrize("who", ["teamlid of team B", "aanbieder of team A", "inactive teamlid"])
def test_api_assigns_only_case_workers_of_the_cases_team(tenancy, as_user, casus, field, who):
    if who == "teamlid of team B":
        user = tenancy.b.users[Role.TEAMLID]
    elif who == "aanbieder of team A":
        user = tenancy.a.users[Role.AANBIEDER]
    else:
        user = UserFactory(username="oud.teamlid")
        MembershipFactory(user=user, team=tenancy.a.team, role=Role.TEAMLID, active=False)
    value = [user.pk] if field == "experts" else user.pk
    screener = as_user(tenancy.a.users[Role.SCREENER])
    response = patch(screener, f"/api/v1/cases/{casus.pk}", {field: value})
    assert response.status_code == 400, response.content
    assert problem_names(response) == {field}
    casus.refresh_from_db()
    assert casus.casushouder is None and casus.procesregisseur is None
    assert not casus.experts.exists()


def test_api_assigns_the_teams_case_workers_and_the_referrer_as_casushouder(
    tenancy, as_user, casus
):
    a = tenancy.a.users
    screener = as_user(a[Role.SCREENER])
    body = {
        "casushouder": a[Role.AANMELDER].pk,
        "procesregisseur": a[Role.PROCESREGISSEUR].pk,
        "experts": [a[Role.TEAMLID].pk, a[Role.PROCESREGISSEUR].pk],
    }
    response = patch(screener, f"/api/v1/cases/{casus.pk}", body)
    assert response.status_code == 200, response.content
    casus.refresh_from_db()
    assert casus.casushouder == a[Role.AANMELDER]
    assert set(casus.experts.all()) == {a[Role.TEAMLID], a[Role.PROCESREGISSEUR]}
    notulist = patch(
        screener, f"/api/v1/cases/{casus.pk}", {"procesregisseur": a[Role.NOTULIST].pk}
    )
    assert notulist.status_code == 400 and problem_names(notulist) == {"procesregisseur"}


def test_registering_through_the_api_cannot_assign_strangers(tenancy, as_user):
    team = tenancy.a.team
    body = {
        "team": team.pk,
        "firstName": "Fenna",
        "lastName": "Strandloper",
        "birthDate": "2013-04-01",
        "gemeente": team.gemeenten.first().pk,
        "referrerType": "01",
        "question": "Ze wil weer naar school.",
        "sectors": ["onderwijs"],
        "livingSituation": "thuis",
        "youthInformed": True,
        "parentsInformed": True,
        "experts": [tenancy.b.users[Role.TEAMLID].pk],
    }
    response = post(as_user(tenancy.a.users[Role.SCREENER]), "/api/v1/cases", body)
    assert response.status_code == 400 and problem_names(response) == {"experts"}
    refused = post(as_user(tenancy.a.users[Role.AANMELDER]), "/api/v1/cases", body)
    assert refused.status_code == 403, "assigning is for the screener"
    assert not Casus.objects.exists()


def test_the_screening_form_offers_and_accepts_the_same_people(tenancy, as_user, casus):
    Casus.objects.filter(pk=casus.pk).update(state=CaseState.IN_SCREENING)
    ToestemmingFactory(casus=casus, ouder=casus.ouders.get())
    ToestemmingFactory(casus=casus, ouder=None)
    client = as_user(tenancy.a.users[Role.SCREENER])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/"
    page = client.get(f"{url}screening/").content.decode()
    assert f'value="{tenancy.a.users[Role.TEAMLID].pk}"' in page
    assert f'value="{tenancy.a.users[Role.AANBIEDER].pk}"' not in page
    stranger = tenancy.b.users[Role.TEAMLID]
    response = client.post(url, {"outcome": "geschikt", "experts": [stranger.pk]})
    assert response.status_code == 200 and "geen beschikbare keuze" in response.content.decode()
    with pytest.raises(InvalidInput) as refused:
        assign(casus, actor=tenancy.a.users[Role.SCREENER], experts=[stranger])
    assert set(refused.value.errors) == {"experts"}


# -- malformed bodies: 400 problem+json, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    ("method", "route", "body"),
    [
        ("patch", "perspective", []),
        ("patch", "perspective", True),
        ("patch", "perspective", "tekst"),
        ("patch", "perspective", {"youthWish": ["x"]}),
        ("patch", "case-direction", True),
        ("patch", "case-direction", []),
        ("patch", "case-direction", {"wlzTransition": "misschien"}),
        ("patch", "", []),
        ("patch", "", True),
        ("patch", "", {"parents": [{}]}),
        ("patch", "", {"experts": [{}]}),
        ("patch", "", {"reasons": [{}]}),
        ("patch", "", {"birthDate": "0001-01-01"}),
        ("post", "transitions", []),
        ("post", "transitions", True),
        ("post", "closures", []),
        ("post", "closures", {"outcome": "passende_plek", "fittingPlaceOn": "0001-01-01"}),
        ("post", "consents", []),
        ("post", "consents", {"parent": {}, "method": "digitaal", "givenOn": "2026-01-01"}),
        ("post", "consents", {"parent": None, "method": "digitaal", "givenOn": "0001-01-01"}),
        ("patch", "consents/{consent}", []),
        ("patch", "consents/{consent}", {"withdrawnOn": "0001-01-01"}),
    ],
)
def test_a_malformed_body_is_400_problem_json(tenancy, as_user, casus, method, route, body):
    Casus.objects.filter(pk=casus.pk).update(state=CaseState.FOLLOW_UP)
    consent = ToestemmingFactory(casus=casus, ouder=None)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/api/v1/cases/{casus.pk}/{route.format(consent=consent.pk)}".rstrip("/")
    response = getattr(client, method)(url, json.dumps(body), content_type=JSON)
    assert response.status_code == 400, (url, body, response.content)
    assert response.json()["status"] == 400 and problem_names(response)


def test_a_list_of_cases_for_a_body_is_400(tenancy, as_user):
    response = post(as_user(tenancy.a.users[Role.AANMELDER]), "/api/v1/cases", [{}])
    assert response.status_code == 400 and problem_names(response)
    nested = post(as_user(tenancy.a.users[Role.AANMELDER]), "/api/v1/cases", {"parents": [[]]})
    assert nested.status_code == 400 and problem_names(nested)


# -- records of another case, the team filter --------------------------------------------------


def test_a_consent_of_another_case_is_404_with_one_denied_entry_naming_it(tenancy, as_user, casus):
    other = ToestemmingFactory(casus=CasusFactory(team=tenancy.a.team), ouder=None)
    client = as_user(tenancy.a.users[Role.SCREENER])
    before = AccessLogEntry.objects.count()
    today = timezone.localdate().isoformat()
    response = patch(
        client, f"/api/v1/cases/{casus.pk}/consents/{other.pk}", {"withdrawnOn": today}
    )
    assert response.status_code == 404
    (entry,) = AccessLogEntry.objects.order_by("id")[before:]
    assert entry.outcome == Outcome.DENIED
    assert (entry.subject_type, entry.subject_id) == ("toestemming", str(other.pk))
    page = client.post(
        f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/",
        {"formulier": "intrekken", "consent": other.pk, "withdrawn_on": today},
    )
    assert page.status_code == 404
    assert (
        AccessLogEntry.objects.filter(
            outcome=Outcome.DENIED, subject_type="toestemming", subject_id=str(other.pk)
        ).count()
        == 2
    )
    other.refresh_from_db()
    assert other.withdrawn_on is None


def test_the_case_list_team_filter_goes_through_the_team_resolution(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.SCREENER])
    before = AccessLogEntry.objects.filter(outcome=Outcome.DENIED).count()
    response = client.get("/api/v1/cases", {"teamId": tenancy.b.team.pk})
    assert response.status_code == 404
    denied = AccessLogEntry.objects.filter(outcome=Outcome.DENIED)
    assert denied.count() == before + 1
    assert denied.latest("id").team == tenancy.b.team
    assert client.get("/api/v1/cases", {"teamId": tenancy.a.team.pk}).status_code == 200
    referrer = as_user(tenancy.a.users[Role.AANMELDER])
    assert referrer.get("/api/v1/cases", {"teamId": tenancy.a.team.pk}).status_code == 200
    assert referrer.get("/api/v1/cases", {"teamId": 999999}).status_code == 404


# -- the services decide the rights -----------------------------------------------------------


def test_consent_rights_live_in_the_services(tenancy, casus):
    today = timezone.localdate()
    teamlid, screener = tenancy.a.users[Role.TEAMLID], tenancy.a.users[Role.SCREENER]
    with pytest.raises(NotAllowed):
        record_consent(casus, actor=teamlid, ouder=None, method="digitaal", given_on=today)
    consent = record_consent(casus, actor=screener, ouder=None, method="digitaal", given_on=today)
    with pytest.raises(NotAllowed):
        withdraw_consent(consent, actor=teamlid, withdrawn_on=today)
    with pytest.raises(NotAllowed):
        withdraw_consent(consent, actor=tenancy.b.users[Role.SCREENER], withdrawn_on=today)
    with pytest.raises(InvalidInput) as refused:
        record_consent(casus, actor=screener, ouder=None, method="mondeling", given_on=today)
    assert set(refused.value.errors) == {"witness"}
    later = today + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        withdraw_consent(consent, actor=screener, withdrawn_on=later)
    assert set(refused.value.errors) == {"withdrawn_on"}
    foreign_parent = OuderFactory(casus=CasusFactory(team=tenancy.a.team))
    with pytest.raises(InvalidInput) as refused:
        record_consent(
            casus, actor=screener, ouder=foreign_parent, method="digitaal", given_on=today
        )
    assert set(refused.value.errors) == {"ouder"}
    assert Toestemming.objects.count() == 1


def test_api_consent_by_a_team_member_without_the_right_is_403(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.TEAMLID])
    body = {"parent": None, "method": "digitaal", "givenOn": timezone.localdate().isoformat()}
    response = post(client, f"/api/v1/cases/{casus.pk}/consents", body)
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert not Toestemming.objects.exists()


def test_registering_and_changing_rights_live_in_the_service(tenancy, casus):
    with pytest.raises(NotAllowed):
        register(new_draft(tenancy.a.team, actor=tenancy.a.users[Role.TEAMLID]), actor=None)
    draft = new_draft(tenancy.a.team, actor=tenancy.a.users[Role.TEAMLID])
    draft.first_name, draft.last_name = "Noa", "Fictief"
    with pytest.raises(NotAllowed):
        register(draft, actor=tenancy.a.users[Role.TEAMLID], submit=False)
    casus.address = "Elders 1"
    with pytest.raises(NotAllowed):
        register(casus, actor=tenancy.a.users[Role.TEAMLID], submit=False)
    casus.refresh_from_db()
    assert casus.address is None
    Casus.objects.filter(pk=casus.pk).update(youth_informed=True, parents_informed=True)
    casus.refresh_from_db()
    casus.parents_informed = False
    with pytest.raises(InvalidInput) as refused:
        register(casus, actor=tenancy.a.users[Role.SCREENER], submit=False)
    assert set(refused.value.errors) == {"parents_informed"}


# -- the referrer type of a new registration, from the organisation (active memberships) ------

COD327_BY_ORGANISATION_TYPE = {
    "gemeente": "01",
    "wijkteam": "01",
    "huisartsenpraktijk": "02",
    "jgz": "03",
    "gi": "04",
    "ziekenhuis": "05",
    "zorgaanbieder": "L1",
    "school": "L2",
    "samenwerkingsverband": "L2",
    "leerplicht": "L2",
    "expertisecentrum": "L4",
    "overig": "01",
}


@pytest.mark.parametrize(("kind", "code"), COD327_BY_ORGANISATION_TYPE.items())
def test_each_organisation_type_gives_its_referrer_code(tenancy, as_user, kind, code):
    user = UserFactory(username=f"verwijzer.{kind}")
    organisation = OrganisationFactory(type=kind, regions=[tenancy.a.team.region])
    MembershipFactory(
        user=user, team=tenancy.a.team, role=Role.AANMELDER, organisation=organisation
    )
    draft = new_draft(tenancy.a.team, actor=user)
    assert (draft.referrer_type, draft.aanmelder_organisation) == (code, organisation)
    response = as_user(user).post(
        f"/teams/{tenancy.a.team.slug}/aanmelden/",
        {
            "first_name": "Jesse",
            "last_name": "Fictief",
            "birth_date": "2012-04-03",
            "gemeente": tenancy.a.team.gemeenten.first().pk,
        },
    )
    assert response.status_code == 302
    saved = Casus.objects.get()
    assert (saved.referrer_type, saved.aanmelder_organisation) == (code, organisation)


def test_the_table_knows_every_organisation_type_but_overig():
    assert set(REFERRER_BY_ORGANISATION) == set(OrganisationType.values) - {"overig"}


def test_no_organisation_and_an_inactive_membership_give_gemeentelijke_toegang(tenancy, as_user):
    user = UserFactory(username="verwijzer.zonder")
    MembershipFactory(user=user, team=tenancy.a.team, role=Role.AANMELDER)
    huisarts = OrganisationFactory(type="huisartsenpraktijk", regions=[tenancy.a.team.region])
    MembershipFactory(
        user=user, team=tenancy.a.team, role=Role.TEAMLID, organisation=huisarts, active=False
    )
    draft = new_draft(tenancy.a.team, actor=user)
    assert (draft.referrer_type, draft.aanmelder_organisation) == ("01", None)
    team = tenancy.a.team
    body = {
        "team": team.pk,
        "firstName": "Fenna",
        "lastName": "Strandloper",
        "birthDate": "2013-04-01",
        "gemeente": team.gemeenten.first().pk,
        "referrerType": "01",
        "question": "Ze wil weer naar school.",
        "sectors": ["onderwijs"],
        "livingSituation": "thuis",
        "youthInformed": True,
        "parentsInformed": True,
    }
    response = post(as_user(user), "/api/v1/cases", body)
    assert response.status_code == 201, response.content
    assert response.json()["aanmelderOrganisation"] is None, "an inactive membership counts not"

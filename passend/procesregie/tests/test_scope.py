"""Procesregie routes reach a case and its records only through the one case scope, and a
refusal is logged on the record that was asked for (security review, issue 9)."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.tests.factories import CasusFactory
from passend.procesregie.models import Actie, Doel, Escalatie, Toekomstplan

from .factories import (
    ActieFactory,
    DoelFactory,
    EscalatieFactory,
    RegiegesprekFactory,
    ToekomstplanFactory,
    case_at_work,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


def denied():
    return AccessLogEntry.objects.filter(outcome=Outcome.DENIED)


def call(client, method, url, body=None):
    if method == "get":
        return client.get(url)
    if method == "page-post":
        return client.post(url, body or {})
    return getattr(client, method)(url, body or {}, content_type=JSON)


def routes(casus, objects):
    """Every page and API route of the module on `casus`, read and write."""
    page = f"/teams/{casus.team.slug}/casussen/{casus.pk}/procesregie/"
    api = f"/api/v1/cases/{casus.pk}/"
    goal = {"term": "kort", "description": "Veilige plek"}
    action = {"description": "Bellen", "deadline": timezone.localdate().isoformat()}
    escalation = {
        "fromLevel": "casusregisseur",
        "toLevel": "expertteam",
        "reason": "Vastgelopen",
        "escalatedOn": timezone.localdate().isoformat(),
    }
    o = objects
    return [
        ("get", page, None),
        ("get", f"{page}doelen/nieuw/", None),
        ("page-post", f"{page}doelen/nieuw/", goal),
        ("get", f"{page}doelen/{o['goal'].pk}/", None),
        ("page-post", f"{page}doelen/{o['goal'].pk}/", goal),
        ("get", f"{page}acties/nieuw/", None),
        ("page-post", f"{page}acties/nieuw/", action),
        ("get", f"{page}acties/{o['action'].pk}/", None),
        ("page-post", f"{page}acties/{o['action'].pk}/gedaan/", None),
        ("get", f"{page}escalaties/nieuw/", None),
        ("page-post", f"{page}escalaties/nieuw/", None),
        ("get", f"{page}escalaties/{o['escalation'].pk}/", None),
        ("get", f"{page}regiegesprekken/nieuw/", None),
        ("get", f"{page}regiegesprekken/{o['gesprek'].pk}/", None),
        ("get", f"{page}toekomstplan/", None),
        ("page-post", f"{page}toekomstplan/", None),
        ("get", f"{api}goals", None),
        ("post", f"{api}goals", goal),
        ("get", f"{api}actions", None),
        ("post", f"{api}actions", action),
        ("get", f"/api/v1/actions/{o['action'].pk}", None),
        ("patch", f"/api/v1/actions/{o['action'].pk}", {"status": "gedaan"}),
        ("get", f"{api}escalations", None),
        ("post", f"{api}escalations", escalation),
        ("get", f"{api}escalations/{o['escalation'].pk}", None),
        ("patch", f"{api}escalations/{o['escalation'].pk}", {"outcome": "x"}),
        ("get", f"{api}future-plans", None),
        ("post", f"{api}future-plans", {"dream": "x"}),
        ("get", f"{api}future-plans/{o['plan'].pk}", None),
        ("patch", f"{api}future-plans/{o['plan'].pk}", {"dream": "x"}),
        ("get", f"{api}direction-checks", None),
    ]


def records(casus, owner):
    goal = DoelFactory(casus=casus)
    return {
        "goal": goal,
        "action": ActieFactory(casus=casus, goal=goal, owner=owner),
        "escalation": EscalatieFactory(casus=casus),
        "gesprek": RegiegesprekFactory(casus=casus),
        "plan": ToekomstplanFactory(casus=casus),
    }


@pytest.mark.parametrize("role", [Role.PROCESREGISSEUR, Role.VOORZITTER])
def test_another_users_draft_is_404_with_one_denied_entry_on_every_route(tenancy, as_user, role):
    """Finding: POST /cases/{draftId}/goals answered 201 ("allowed") while the case is 404."""
    user = tenancy.a.users[role]
    draft = CasusFactory(team=tenancy.a.team, is_draft=True)
    objects = records(draft, owner=user)
    client = as_user(user)
    for method, url, body in routes(draft, objects):
        before = denied().count()
        response = call(client, method, url, body)
        assert response.status_code == 404, (method, url, response.status_code)
        assert denied().count() == before + 1, (method, url)
        assert denied().order_by("-id").first().team == tenancy.a.team
    assert Doel.objects.count() == 1 and Actie.objects.get().status == "open"
    assert not Escalatie.objects.exclude(pk=objects["escalation"].pk).exists()
    assert Toekomstplan.objects.get().dream != "x"


def test_work_on_an_own_draft_is_a_state_conflict(tenancy, as_user):
    """The author of a draft reaches it, but no procesregie is recorded on it: 409."""
    voorzitter = tenancy.a.users[Role.VOORZITTER]
    draft = CasusFactory(team=tenancy.a.team, is_draft=True, aanmelder=voorzitter)
    client = as_user(voorzitter)
    response = client.post(
        f"/api/v1/cases/{draft.pk}/goals", {"term": "kort", "description": "x"}, content_type=JSON
    )
    assert response.status_code == 409, response.content
    assert "aanmelding" in response.json()["detail"]
    assert not Doel.objects.exists()


def test_someone_elses_action_is_logged_as_the_action(tenancy, as_user):
    """Finding: GET /actions/6 of another team was logged as "casus 6"."""
    casus_b = case_at_work(tenancy.b.team)
    action = ActieFactory(casus=casus_b, owner=tenancy.b.users[Role.TEAMLID])
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    for response in (
        client.get(f"/api/v1/actions/{action.pk}"),
        client.patch(f"/api/v1/actions/{action.pk}", {"status": "gedaan"}, content_type=JSON),
    ):
        assert response.status_code == 404
        entry = denied().order_by("-id").first()
        assert (entry.subject_type, entry.subject_id) == ("actie", str(action.pk))
        assert entry.team == tenancy.b.team
    assert denied().count() == 2
    action.refresh_from_db()
    assert action.status == "open"


def test_a_record_of_another_case_is_logged_as_that_record(tenancy, as_user):
    """Finding: nested routes logged the child id as a case id."""
    casus, other = case_at_work(tenancy.a.team), case_at_work(tenancy.a.team)
    objects = records(other, owner=tenancy.a.users[Role.TEAMLID])
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    api = f"/api/v1/cases/{casus.pk}"
    page = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/procesregie"
    cases = [
        (client.get, f"{api}/escalations/{objects['escalation'].pk}", "escalatie"),
        (client.patch, f"{api}/escalations/{objects['escalation'].pk}", "escalatie"),
        (client.get, f"{api}/future-plans/{objects['plan'].pk}", "toekomstplan"),
        (client.patch, f"{api}/future-plans/{objects['plan'].pk}", "toekomstplan"),
        (client.get, f"{page}/doelen/{objects['goal'].pk}/", "doel"),
        (client.get, f"{page}/acties/{objects['action'].pk}/", "actie"),
        (client.post, f"{page}/acties/{objects['action'].pk}/gedaan/", "actie"),
        (client.get, f"{page}/escalaties/{objects['escalation'].pk}/", "escalatie"),
        (client.get, f"{page}/regiegesprekken/{objects['gesprek'].pk}/", "regiegesprek"),
    ]
    for method, url, subject_type in cases:
        before = denied().count()
        kwargs = {"content_type": JSON} if url.startswith("/api/") and method != client.get else {}
        response = method(url, {}, **kwargs) if method != client.get else method(url)
        assert response.status_code == 404, url
        assert denied().count() == before + 1, url
        entry = denied().order_by("-id").first()
        expected_id = {
            "escalatie": objects["escalation"],
            "toekomstplan": objects["plan"],
            "doel": objects["goal"],
            "actie": objects["action"],
            "regiegesprek": objects["gesprek"],
        }[subject_type].pk
        assert (entry.subject_type, entry.subject_id) == (subject_type, str(expected_id)), url
        assert entry.team == tenancy.a.team
    assert Actie.objects.get().status == "open"


def test_my_actions_of_another_team_is_404_with_one_denied_entry(tenancy, as_user):
    """Finding: /actions?teamId=<other team> answered 200 with an empty list."""
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.get(f"/api/v1/actions?teamId={tenancy.b.team.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    entry = denied().get()
    assert (entry.subject_type, entry.team) == ("team", tenancy.b.team)
    own = client.get(f"/api/v1/actions?teamId={tenancy.a.team.pk}")
    assert own.status_code == 200 and own.json()["results"] == []


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.AANMELDER, Role.BEHEERDER])
def test_action_owner_must_work_on_the_teams_cases(tenancy, as_user, role):
    """Finding: any user was accepted as action owner; an aanbieder of the team too."""
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    for owner in (tenancy.a.users[role], tenancy.b.users[Role.TEAMLID]):
        response = client.post(
            f"/api/v1/cases/{casus.pk}/actions",
            {"description": "x", "owner": owner.pk, "deadline": timezone.localdate().isoformat()},
            content_type=JSON,
        )
        assert response.status_code == 400, (owner, response.content)
        assert [p["name"] for p in response.json()["invalidParams"]] == ["owner"]
    action = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID])
    response = client.patch(
        f"/api/v1/actions/{action.pk}", {"owner": tenancy.a.users[role].pk}, content_type=JSON
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["owner"]
    page = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/procesregie/acties/nieuw/"
    response = client.post(
        page,
        {
            "description": "Plek zoeken",
            "owner": tenancy.a.users[role].pk,
            "deadline": timezone.localdate().isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 200 and 'id="id_owner-error"' in response.content.decode()
    assert Actie.objects.get() == action
    action.refresh_from_db()
    assert action.owner == tenancy.a.users[Role.TEAMLID]


def test_completing_a_lapsed_action_is_a_state_conflict_409(tenancy, as_user):
    """A state refusal is 409 everywhere (procesregie answered 400)."""
    casus = case_at_work(tenancy.a.team)
    lapsed = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID], status="vervallen")
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.patch(f"/api/v1/actions/{lapsed.pk}", {"status": "gedaan"}, content_type=JSON)
    assert response.status_code == 409
    assert response.json()["detail"] == "Deze actie is vervallen en kan niet meer af."
    lapsed.refresh_from_db()
    assert lapsed.status == "vervallen"


@pytest.mark.parametrize(
    "body", ["[]", "true", '{"rows": [{}]}', '{"rows": [{"domain": "wonen"}, {}]}']
)
def test_malformed_future_plan_patch_is_400(tenancy, as_user, body):
    """Finding: PATCH …/future-plans/{id} with {"rows":[{}]} crashed with a 500."""
    casus = case_at_work(tenancy.a.team, in_closed_youth_care=True)
    plan = ToekomstplanFactory(casus=casus)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    url = f"/api/v1/cases/{casus.pk}/future-plans/{plan.pk}"
    response = client.patch(url, body, content_type=JSON)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"]
    post = client.post(f"/api/v1/cases/{casus.pk}/future-plans", body, content_type=JSON)
    assert post.status_code in (400, 409)  # the plan exists: a valid body would be 409


def test_every_write_route_answers_400_on_malformed_bodies(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    objects = records(casus, owner=tenancy.a.users[Role.TEAMLID])
    Toekomstplan.objects.all().delete()
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    api = f"/api/v1/cases/{casus.pk}"
    writes = [
        ("post", f"{api}/goals"),
        ("post", f"{api}/actions"),
        ("patch", f"/api/v1/actions/{objects['action'].pk}"),
        ("post", f"{api}/escalations"),
        ("patch", f"{api}/escalations/{objects['escalation'].pk}"),
        ("post", f"{api}/future-plans"),
    ]
    for method, url in writes:
        for body in ("[]", "true", "[{}]", '"x"', "null", "17"):
            response = getattr(client, method)(url, body, content_type=JSON)
            assert response.status_code == 400, (method, url, body, response.status_code)
            assert response.json()["invalidParams"], (url, body)
    deadline = timezone.localdate().isoformat()
    specific = [
        ("post", f"{api}/actions", {"goal": 999999, "description": "x", "deadline": deadline}),
        ("post", f"{api}/actions", {"owner": 999999, "description": "x", "deadline": deadline}),
        ("post", f"{api}/actions", {"owner": 2**70, "description": "x", "deadline": deadline}),
        ("post", f"{api}/actions", {"goal": "x", "description": "x", "deadline": deadline}),
        ("patch", f"/api/v1/actions/{objects['action'].pk}", {"goal": 999999}),
        ("patch", f"/api/v1/actions/{objects['action'].pk}", {"owner": [1]}),
        ("patch", f"{api}/escalations/{objects['escalation'].pk}", {"toLevel": "hemel"}),
        ("patch", f"{api}/escalations/{objects['escalation'].pk}", {"escalatedOn": None}),
        ("post", f"{api}/future-plans", {"rows": [{}]}),
        ("post", f"{api}/future-plans", {"rows": [{"domain": "maan"}]}),
        ("post", f"{api}/future-plans", {"rows": {"domain": "wonen"}}),
        ("post", f"{api}/goals", {"term": "kort", "description": "x", "order": 10**9}),
    ]
    for method, url, body in specific:
        response = getattr(client, method)(url, body, content_type=JSON)
        assert response.status_code == 400, (method, url, body, response.status_code)
        assert response.json()["invalidParams"], (url, body)
    assert Doel.objects.count() == 1 and not Toekomstplan.objects.exists()


def test_escalation_dated_0001_01_01_is_refused_on_the_field(tenancy, as_user):
    """Finding: an escalation dated 0001-01-01 was accepted."""
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/api/v1/cases/{casus.pk}/escalations"
    registered = timezone.localdate(casus.registered_at)
    data = {"fromLevel": "casusregisseur", "toLevel": "expertteam", "reason": "Vastgelopen"}
    for day in ("0001-01-01", "1899-12-31", (registered - dt.timedelta(days=1)).isoformat()):
        response = client.post(url, {**data, "escalatedOn": day}, content_type=JSON)
        assert response.status_code == 400, (day, response.content)
        assert [p["name"] for p in response.json()["invalidParams"]] == ["escalatedOn"]
    created = client.post(url, {**data, "escalatedOn": registered.isoformat()}, content_type=JSON)
    assert created.status_code == 201
    response = client.patch(
        f"{url}/{created.json()['id']}",
        {"outcome": "Geregeld", "outcomeOn": "0001-01-01"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["outcomeOn"]
    page = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/procesregie/escalaties/nieuw/"
    response = client.post(
        page,
        {
            "from_level": "casusregisseur",
            "to_level": "expertteam",
            "reason": "Vastgelopen",
            "escalated_on": "0001-01-01",
        },
    )
    assert response.status_code == 200
    assert 'id="id_escalated_on-error"' in response.content.decode()
    assert Escalatie.objects.count() == 1


def test_other_dates_that_make_no_sense_are_refused_on_the_field(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    api = f"/api/v1/cases/{casus.pk}"
    checks = [
        (f"{api}/goals", {"term": "kort", "description": "x", "achievedOn": "0001-01-01"}),
        (f"{api}/actions", {"description": "x", "ownerName": "GI", "deadline": "0001-01-01"}),
        (f"{api}/actions", {"description": "x", "ownerName": "GI", "deadline": "9999-12-31"}),
    ]
    for url, body in checks:
        response = client.post(url, body, content_type=JSON)
        assert response.status_code == 400, (body, response.content)
        names = [p["name"] for p in response.json()["invalidParams"]]
        assert names == [next(k for k in body if k in ("achievedOn", "deadline"))]
    page = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/procesregie/regiegesprekken/nieuw/"
    response = client.post(page, {"held_on": "0001-01-01", "participants": "Moeder"})
    assert response.status_code == 200
    assert 'id="id_held_on-error"' in response.content.decode()
    assert not Doel.objects.exists() and not Actie.objects.exists()

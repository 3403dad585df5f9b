import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services
from passend.advice.models import Advies
from passend.cases.codes import CaseState
from passend.core.api.problems import to_camel

from .conftest import FULL, works_for

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def camel(data: dict) -> dict:
    return {to_camel(k): v for k, v in data.items()}


def test_api_flow_draft_approve_dispatch_follow_up(world, as_user):
    a = world.a
    client = as_user(a.users[Role.TEAMLID])
    response = client.post(
        f"/api/v1/cases/{a.casus.pk}/advices",
        {**camel(FULL), "candidateProviders": [a.other.pk]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    advice_id = body["id"]
    assert body["status"] == "zwaarwegend" and body["scenarioA"] == FULL["scenario_a"]
    assert body["case"] == a.casus.pk and body["conflicts"] == []
    response = client.patch(
        f"/api/v1/advices/{advice_id}",
        {"routes": "Via de huisarts"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["routes"] == "Via de huisarts"
    assert (
        client.post(
            f"/api/v1/advices/{advice_id}/approvals", {}, content_type="application/json"
        ).status_code
        == 403
    )

    client = as_user(a.users[Role.VOORZITTER])
    response = client.post(
        f"/api/v1/advices/{advice_id}/dispatches", {}, content_type="application/json"
    )
    assert response.status_code == 409 and response["Content-Type"] == PROBLEM
    assert "nog niet goedgekeurd" in response.json()["detail"]
    assert (
        client.post(
            f"/api/v1/advices/{advice_id}/approvals", {}, content_type="application/json"
        ).status_code
        == 201
    )
    response = client.post(
        f"/api/v1/advices/{advice_id}/dispatches",
        {"recipients": ["verwijzer"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["recipients"] == ["verwijzer"] and response.json()["sentAt"]
    a.casus.refresh_from_db()
    assert a.casus.state == CaseState.ADVIES_UITGEBRACHT
    response = client.patch(
        f"/api/v1/advices/{advice_id}", {"routes": "x"}, content_type="application/json"
    )
    assert response.status_code == 409

    client = as_user(a.users[Role.PROCESREGISSEUR])
    follow_ups = client.get(f"/api/v1/advices/{advice_id}/follow-ups").json()
    assert len(follow_ups) == 1 and follow_ups[0]["doneOn"] is None
    response = client.post(
        f"/api/v1/advices/{advice_id}/follow-ups",
        {"doneOn": timezone.localdate().isoformat(), "implementationStatus": "compromis"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["implementationStatus"] == "compromis"
    a.casus.refresh_from_db()
    assert a.casus.state == CaseState.FOLLOW_UP
    response = client.post(
        f"/api/v1/advices/{advice_id}/follow-ups",
        {"doneOn": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM


def test_api_refuses_approval_on_conflict_and_records_the_declaration(world, as_user):
    a = world.a
    expert = a.users[Role.TEAMLID]
    works_for(expert, a.team, a.provider)
    client = as_user(expert)
    response = client.post(
        f"/api/v1/cases/{a.casus.pk}/advices",
        {**camel(FULL), "candidateProviders": [a.provider.pk]},
        content_type="application/json",
    )
    advice_id = response.json()["id"]
    assert response.json()["conflicts"] == [
        {"userId": expert.pk, "organisationId": a.provider.pk, "resolved": False, "decision": ""}
    ]
    chair = as_user(a.users[Role.VOORZITTER])
    response = chair.post(
        f"/api/v1/advices/{advice_id}/approvals", {}, content_type="application/json"
    )
    assert response.status_code == 409 and "belangenverstrengeling" in response.json()["detail"]
    response = chair.post(
        f"/api/v1/advices/{advice_id}/conflict-declarations",
        {"user": expert.pk, "organisation": a.provider.pk, "decision": "teruggetreden"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert expert not in a.casus.experts.all()
    assert len(chair.get(f"/api/v1/advices/{advice_id}/conflict-declarations").json()) == 1
    assert (
        chair.post(
            f"/api/v1/advices/{advice_id}/approvals", {}, content_type="application/json"
        ).status_code
        == 201
    )


def test_api_status_override_needs_reason(world, as_user):
    a = world.a
    client = as_user(a.users[Role.TEAMLID])
    response = client.post(
        f"/api/v1/cases/{a.casus.pk}/advices",
        {**camel(FULL), "status": "bindend"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["statusReason"]


def test_api_referrer_sees_sent_advice_only_and_asks_clarification(world, as_user):
    a = world.a
    advies = services.save_advice(
        services.new_advice(a.casus, actor=a.users[Role.TEAMLID]),
        actor=a.users[Role.TEAMLID],
        data=dict(FULL),
    )
    referrer = as_user(a.users[Role.AANMELDER])
    assert referrer.get(f"/api/v1/cases/{a.casus.pk}/advices").json() == []
    assert referrer.get(f"/api/v1/advices/{advies.pk}").status_code == 404
    services.approve_advice(advies, actor=a.users[Role.VOORZITTER])
    services.send_advice(advies, actor=a.users[Role.VOORZITTER])
    referrer = as_user(a.users[Role.AANMELDER])
    listed = referrer.get(f"/api/v1/cases/{a.casus.pk}/advices").json()
    assert [x["id"] for x in listed] == [advies.pk] and listed[0]["conflicts"] == []
    assert referrer.get(f"/api/v1/advices/{advies.pk}/conflict-declarations").status_code == 403
    response = referrer.post(
        f"/api/v1/advices/{advies.pk}/clarification-requests",
        {"question": "Wat als de wachtlijst lang is?"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["party"] == "verwijzer"
    request_id = response.json()["id"]
    response = referrer.patch(
        f"/api/v1/clarification-requests/{request_id}",
        {"answer": "Zelf antwoorden"},
        content_type="application/json",
    )
    assert response.status_code == 403
    member = as_user(a.users[Role.TEAMLID])
    response = member.patch(
        f"/api/v1/clarification-requests/{request_id}",
        {"answer": "Dan start plan B."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["answeredAt"]
    response = member.patch(
        f"/api/v1/clarification-requests/{request_id}",
        {"answer": "Nog eens"},
        content_type="application/json",
    )
    assert response.status_code == 409
    letter = as_user(a.users[Role.AANMELDER]).get(
        f"/api/v1/advices/{advies.pk}/letter", HTTP_ACCEPT="application/pdf"
    )
    assert letter.status_code in (200, 503)
    assert Advies.objects.get().toelichtingsverzoeken.count() == 1


def test_api_drafting_refused_outside_treatment(world, as_user):
    a = world.a
    a.casus.state = CaseState.AANGEMELD
    a.casus.save()
    response = as_user(a.users[Role.TEAMLID]).post(
        f"/api/v1/cases/{a.casus.pk}/advices", camel(FULL), content_type="application/json"
    )
    assert response.status_code == 409 and "in behandeling" in response.json()["detail"]

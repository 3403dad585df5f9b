"""API of the procesregie module: flows, refusals, and encryption at rest."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from passend.accounts.roles import Role
from passend.procesregie.models import Actie, Escalatie

from .factories import ActieFactory, case_at_work

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_plan_van_aanpak_flow(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    base = f"/api/v1/cases/{casus.pk}"
    goal = client.post(
        f"{base}/goals", {"term": "kort", "description": "Veilige slaapplek"}, content_type=JSON
    )
    assert goal.status_code == 201, goal.content
    goal_id = goal.json()["id"]
    deadline = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    teamlid = tenancy.a.users[Role.TEAMLID]
    action = client.post(
        f"{base}/actions",
        {
            "goal": goal_id,
            "description": "Crisisbed regelen",
            "owner": teamlid.pk,
            "deadline": deadline,
        },
        content_type=JSON,
    )
    assert action.status_code == 201, action.content
    body = action.json()
    assert body["overdue"] is True and body["caseReference"] == casus.reference
    assert [g["description"] for g in client.get(f"{base}/goals").json()] == ["Veilige slaapplek"]
    # The owner sees it under "mine", filtered on overdue, and marks it done.
    owner = as_user(teamlid)
    mine = owner.get("/api/v1/actions?overdue=true").json()
    assert [a["id"] for a in mine["results"]] == [body["id"]]
    done = owner.patch(f"/api/v1/actions/{body['id']}", {"status": "gedaan"}, content_type=JSON)
    assert done.status_code == 200 and done.json()["doneOn"] == timezone.localdate().isoformat()
    assert owner.get("/api/v1/actions?overdue=true").json()["results"] == []


def test_action_owner_outside_the_team_is_refused(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    response = client.post(
        f"/api/v1/cases/{casus.pk}/actions",
        {
            "description": "x",
            "owner": tenancy.b.users[Role.TEAMLID].pk,
            "deadline": timezone.localdate().isoformat(),
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "lid zijn van het team" in response.content.decode()
    assert not Actie.objects.exists()


def test_teamlid_may_not_set_goals_or_escalate(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    goal = client.post(
        f"/api/v1/cases/{casus.pk}/goals", {"term": "kort", "description": "x"}, content_type=JSON
    )
    assert goal.status_code == 403
    assert "procesregisseur of voorzitter" in goal.json()["detail"]


def test_escalation_flow_and_order(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/api/v1/cases/{casus.pk}/escalations"
    data = {
        "fromLevel": "cce",
        "toLevel": "expertteam",
        "reason": "Vastgelopen",
        "escalatedOn": timezone.localdate().isoformat(),
    }
    down = client.post(url, data, content_type=JSON)
    assert down.status_code == 400 and "hoger niveau" in down.content.decode()
    data["toLevel"] = "landelijk"
    created = client.post(url, data, content_type=JSON)
    assert created.status_code == 201, created.content
    outcome = client.patch(
        f"{url}/{created.json()['id']}",
        {"outcome": "Landelijk team zoekt mee.", "outcomeOn": timezone.localdate().isoformat()},
        content_type=JSON,
    )
    assert outcome.status_code == 200, outcome.content
    assert Escalatie.objects.get().outcome == "Landelijk team zoekt mee."
    assert client.get(url).json()[0]["toLevel"] == "landelijk"


def test_future_plan_create_patch_and_direction_check(tenancy, as_user):
    today = timezone.localdate()
    birth = today.replace(year=today.year - 17) - dt.timedelta(days=200)
    casus = case_at_work(
        tenancy.a.team,
        birth_date=birth,
        in_closed_youth_care=True,
        legal_framework="machtiging_gesloten",
    )
    client = as_user(tenancy.a.users[Role.TEAMLID])
    base = f"/api/v1/cases/{casus.pk}"
    check = client.get(f"{base}/direction-checks").json()
    assert check["expectedDirector"] == "gi"
    assert {a["code"] for a in check["alerts"]} == {"toekomstplan_nodig", "achttien_nadert"}
    plan = client.post(
        f"{base}/future-plans",
        {
            "dream": "Eigen kamer",
            "checkOwnPlan": "ja",
            "rows": [{"domain": "wonen", "supporter": "Mentor", "status": "in_gang"}],
        },
        content_type=JSON,
    )
    assert plan.status_code == 201, plan.content
    assert plan.json()["rows"][0]["domain"] == "wonen"
    again = client.post(f"{base}/future-plans", {"dream": "x"}, content_type=JSON)
    assert again.status_code == 409
    patched = client.patch(
        f"{base}/future-plans/{plan.json()['id']}",
        {"rows": [{"domain": "financien", "supporter": "Bewindvoerder", "status": "geregeld"}]},
        content_type=JSON,
    )
    assert patched.status_code == 200
    assert {r["domain"] for r in patched.json()["rows"]} == {"wonen", "financien"}
    check = client.get(f"{base}/direction-checks").json()
    assert [a["code"] for a in check["alerts"]] == ["achttien_nadert"]
    assert check["hasFuturePlan"] is True


def test_notulist_reads_but_cannot_write(tenancy, as_user):
    casus = case_at_work(tenancy.a.team)
    other = ActieFactory(casus=casus, owner=tenancy.a.users[Role.TEAMLID])
    client = as_user(tenancy.a.users[Role.NOTULIST])
    assert client.get(f"/api/v1/cases/{casus.pk}/actions").status_code == 200
    response = client.patch(f"/api/v1/actions/{other.pk}", {"status": "gedaan"}, content_type=JSON)
    assert response.status_code == 403
    response = client.post(f"/api/v1/cases/{casus.pk}/future-plans", {}, content_type=JSON)
    assert response.status_code == 403


def test_free_text_is_encrypted_in_the_database(tenancy):
    casus = case_at_work(tenancy.a.team)
    ActieFactory(casus=casus, description="Bijzonder geheim plan", owner_name="Tante Truus")
    Escalatie.objects.create(
        casus=casus,
        from_level="casusregisseur",
        to_level="expertteam",
        reason="Vertrouwelijke reden",
        escalated_on=timezone.localdate(),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT description, owner_name FROM procesregie_actie")
        row = cursor.fetchone()
        cursor.execute("SELECT reason FROM procesregie_escalatie")
        reason = cursor.fetchone()[0]
    assert "geheim" not in row[0] and "Truus" not in row[1] and "Vertrouwelijke" not in reason

"""Withdrawn consent gates case work, end to end: after the young person withdraws consent on a
case in behandeling, the case goes on no agenda, gets no minutes and no advice (pages and API,
one Dutch message, 409 in the API), reading stays possible and logged, and the werkvoorraad of
the voorzitter and the casushouder lists it. New consent makes the work possible again."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice import services as advice
from passend.advice.models import Advies
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.codes import CaseState
from passend.cases.tests.factories import CasusFactory, with_consent
from passend.cases.workflow import case_work_refusal
from passend.meetings.models import Casusbespreking, Overleg

pytestmark = pytest.mark.django_db

FULL = {"most_fitting_care": "Gezinsbehandeling thuis met één vaste hulpverlener."}


def noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def work_items(client, team, kind):
    rows = client.get(f"/api/v1/work-items?teamId={team.pk}").json()
    return [row for row in rows if row["kind"] == kind]


def test_withdrawn_consent_blocks_agenda_minutes_and_advice_until_new_consent(tenancy, as_user):
    a = tenancy.a
    team, today = a.team, timezone.localdate()
    referrer, member = a.users[Role.AANMELDER], a.users[Role.TEAMLID]
    casus = CasusFactory(
        team=team,
        state=CaseState.IN_BEHANDELING,
        aanmelder=referrer,
        casushouder=referrer,
        birth_date=dt.date(today.year - 14, 1, 1),
    )
    with_consent(casus)
    held = Overleg.objects.create(team=team, starts_at=noon(today))
    item = Casusbespreking.objects.create(overleg=held, casus=casus, order=1)
    upcoming = Overleg.objects.create(team=team, starts_at=noon(today + dt.timedelta(days=7)))
    draft = advice.save_advice(
        advice.new_advice(casus, actor=member), actor=member, data=dict(FULL)
    )

    # The young person withdraws consent (recorded by the screener through the API).
    screener = as_user(a.users[Role.SCREENER])
    own = casus.consents.get(ouder=None)
    response = screener.patch(
        f"/api/v1/cases/{casus.pk}/consents/{own.pk}",
        {"withdrawnOn": today.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    message = case_work_refusal(casus)
    assert message and "ingetrokken" in message

    # Agenda: not offered on the meeting's picker, refused on the case tab and in the API.
    chair = as_user(a.users[Role.VOORZITTER])
    page = chair.get(f"/teams/{team.slug}/overleggen/{upcoming.pk}/agenda/").content.decode()
    assert f'value="{casus.pk}"' not in page and message in page
    response = chair.post(
        f"/teams/{team.slug}/casussen/{casus.pk}/overleg/", {"overleg": upcoming.pk}
    )
    assert response.status_code == 200 and message in response.content.decode()
    response = chair.post(
        f"/api/v1/meetings/{upcoming.pk}/case-discussions",
        {"case": casus.pk},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    assert not upcoming.discussions.exists()

    # Minutes: refused on the page and in the API; nothing is stored.
    writer = as_user(a.users[Role.NOTULIST])
    url = f"/teams/{team.slug}/overleggen/{held.pk}/besprekingen/{item.pk}/"
    response = writer.post(url, {"participation": "aanwezig", "minutes_part1": "Verslag."})
    assert response.status_code == 200 and message in response.content.decode()
    response = writer.patch(
        f"/api/v1/meetings/{held.pk}/case-discussions/{item.pk}",
        {"participation": "aanwezig", "minutesPart1": "Verslag."},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    item.refresh_from_db()
    assert item.participation == "" and item.minutes_recorded_at is None

    # Advice: no change to the draft (page and API), no approval.
    drafter = as_user(member)
    base = f"/teams/{team.slug}/casussen/{casus.pk}/advies/"
    response = drafter.post(f"{base}{draft.pk}/bewerken/", {**FULL, "routes": "Via de huisarts"})
    assert response.status_code == 200 and message in response.content.decode()
    response = drafter.patch(
        f"/api/v1/advices/{draft.pk}", {"routes": "Via de huisarts"}, "application/json"
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    chair = as_user(a.users[Role.VOORZITTER])
    response = chair.post(f"/api/v1/advices/{draft.pk}/approvals", {}, "application/json")
    assert response.status_code == 409 and response.json()["detail"] == message
    response = chair.post(base, {"formulier": "goedkeuren", "advies": draft.pk}, follow=True)
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert not draft.routes and not draft.is_approved

    # Reading stays possible, and is logged.
    before = AccessLogEntry.objects.filter(outcome=Outcome.ALLOWED).count()
    assert chair.get(base).status_code == 200
    assert chair.get(f"/api/v1/meetings/{held.pk}/case-discussions/{item.pk}").status_code == 200
    assert AccessLogEntry.objects.filter(outcome=Outcome.ALLOWED).count() >= before + 2

    # The werkvoorraad of the voorzitter (team) and the casushouder (own case) lists it.
    page = chair.get(f"/teams/{team.slug}/werkvoorraad/").content.decode()
    assert "Toestemming ingetrokken" in page and casus.reference in page
    rows = work_items(chair, team, "toestemming")
    assert [r["caseId"] for r in rows] == [casus.pk]
    assert "ingetrokken" in rows[0]["title"] and rows[0]["due"] == today.isoformat()
    assert rows[0]["url"] == f"/teams/{team.slug}/casussen/{casus.pk}/"
    assert [r["caseId"] for r in work_items(as_user(referrer), team, "toestemming")] == [casus.pk]
    assert work_items(as_user(member), team, "toestemming") == [], "not the casushouder"

    # New consent of the young person: the work is possible again.
    response = as_user(a.users[Role.SCREENER]).post(
        f"/api/v1/cases/{casus.pk}/consents",
        {"parent": None, "method": "digitaal", "givenOn": today.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    chair = as_user(a.users[Role.VOORZITTER])
    response = chair.post(
        f"/api/v1/meetings/{upcoming.pk}/case-discussions",
        {"case": casus.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert work_items(chair, team, "toestemming") == []
    writer = as_user(a.users[Role.NOTULIST])
    response = writer.post(url, {"participation": "aanwezig", "minutes_part1": "Verslag."})
    assert response.status_code == 302
    drafter = as_user(member)
    response = drafter.patch(
        f"/api/v1/advices/{draft.pk}", {"routes": "Via de huisarts"}, "application/json"
    )
    assert response.status_code == 200
    response = as_user(a.users[Role.VOORZITTER]).post(
        f"/api/v1/advices/{draft.pk}/approvals", {}, "application/json"
    )
    assert response.status_code == 201
    assert Advies.objects.get(pk=draft.pk).is_approved


def test_a_compulsory_framework_with_a_reason_is_a_basis_without_consent(tenancy, as_user):
    a = tenancy.a
    team, today = a.team, timezone.localdate()
    casus = CasusFactory(
        team=team,
        state=CaseState.IN_BEHANDELING,
        legal_framework="ots",
        legal_basis_reason="Ondertoezichtstelling uitgesproken door de kinderrechter.",
    )
    assert casus.consents.count() == 0 and case_work_refusal(casus) is None
    upcoming = Overleg.objects.create(team=team, starts_at=noon(today + dt.timedelta(days=7)))
    chair = as_user(a.users[Role.VOORZITTER])
    response = chair.post(
        f"/api/v1/meetings/{upcoming.pk}/case-discussions",
        {"case": casus.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    response = as_user(a.users[Role.TEAMLID]).post(
        f"/api/v1/cases/{casus.pk}/advices", FULL, content_type="application/json"
    )
    assert response.status_code == 201
    assert work_items(as_user(a.users[Role.VOORZITTER]), team, "toestemming") == []

    # OTS without a recorded reason is no basis: blocked like missing consent.
    casus.legal_basis_reason = ""
    casus.save()
    assert case_work_refusal(casus)
    response = as_user(a.users[Role.VOORZITTER]).post(
        f"/api/v1/advices/{response.json()['id']}/approvals", {}, "application/json"
    )
    assert response.status_code == 409
    assert response.json()["detail"] == case_work_refusal(casus)

"""Consent gates case work in procesregie: sharing (escalations), meetings (regiegesprekken)
and the toekomstplan stop when the consent the young person's age requires is gone; the
team's own planning (goals, actions) goes on, and everything stays readable (and logged)."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.models import Casus
from passend.cases.tests.factories import OuderFactory, ToestemmingFactory
from passend.cases.workflow import case_work_refusal
from passend.procesregie.models import Escalatie, Regiegesprek, Toekomstplan

from .factories import EscalatieFactory, case_at_work

pytestmark = pytest.mark.django_db
JSON = "application/json"


def withdrawn_case(team, **fields) -> Casus:
    """A case in behandeling whose young person withdrew the consent yesterday."""
    casus = case_at_work(team, **fields)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    casus.consents.filter(ouder=None).update(withdrawn_on=yesterday)
    return casus


def twelve_today() -> dt.date:
    """The birth date of someone who turns 12 today (born 29 February: 1 March counts)."""
    today = timezone.localdate()
    if (today.month, today.day) == (3, 1):
        return dt.date(today.year - 12, 2, 28) + dt.timedelta(days=1)
    if (today.month, today.day) == (2, 29):
        return dt.date(today.year - 12, 2, 29)
    return today.replace(year=today.year - 12)


def escalation(**overrides):
    data = {
        "fromLevel": "casusregisseur",
        "toLevel": "expertteam",
        "reason": "Vastgelopen",
        "escalatedOn": timezone.localdate().isoformat(),
    }
    return {**data, **overrides}


def test_withdrawn_consent_blocks_sharing_and_meetings_in_the_api(tenancy, as_user):
    casus = withdrawn_case(tenancy.a.team, in_closed_youth_care=True)
    message = case_work_refusal(casus)
    assert message and "ingetrokken" in message
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    api = f"/api/v1/cases/{casus.pk}"
    existing = EscalatieFactory(casus=casus)
    for response in (
        client.post(f"{api}/escalations", escalation(), content_type=JSON),
        client.patch(f"{api}/escalations/{existing.pk}", {"outcome": "x"}, content_type=JSON),
        client.post(f"{api}/future-plans", {"dream": "Eigen kamer"}, content_type=JSON),
    ):
        assert response.status_code == 409, response.content
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == message
    assert Escalatie.objects.get() == existing and not existing.outcome
    assert not Toekomstplan.objects.exists()


def test_withdrawn_consent_blocks_the_same_work_on_the_pages_with_the_same_message(
    tenancy, as_user
):
    casus = withdrawn_case(tenancy.a.team, in_closed_youth_care=True)
    message = case_work_refusal(casus)
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    tab = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/procesregie/"
    today = timezone.localdate().isoformat()
    posts = [
        (
            "escalaties/nieuw/",
            {
                "from_level": "casusregisseur",
                "to_level": "expertteam",
                "reason": "Geen plek te vinden",
                "escalated_on": today,
            },
            "Geen plek te vinden",
        ),
        ("regiegesprekken/nieuw/", {"held_on": today, "participants": "Moeder, GI"}, "Moeder, GI"),
    ]
    for path, data, kept in posts:
        response = client.post(tab + path, data)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert message in page, path
        assert kept in page, "what was entered stays"
    assert not Escalatie.objects.exists() and not Regiegesprek.objects.exists()
    page = client.get(tab).content.decode()
    assert message in page
    assert "Opschalen</a>" not in page and "Regiegesprek vastleggen" not in page
    assert "Doel toevoegen" in page, "the team's own planning goes on"


def test_goals_and_actions_go_on_and_reading_stays_possible_and_logged(tenancy, as_user):
    casus = withdrawn_case(tenancy.a.team)
    EscalatieFactory(casus=casus)
    client = as_user(tenancy.a.users[Role.PROCESREGISSEUR])
    api = f"/api/v1/cases/{casus.pk}"
    goal = client.post(
        f"{api}/goals", {"term": "kort", "description": "Toestemming herstellen"}, content_type=JSON
    )
    assert goal.status_code == 201
    action = client.post(
        f"{api}/actions",
        {
            "description": "Gesprek met de jeugdige over de toestemming",
            "owner": tenancy.a.users[Role.PROCESREGISSEUR].pk,
            "deadline": timezone.localdate().isoformat(),
        },
        content_type=JSON,
    )
    assert action.status_code == 201, action.content
    for rest in ("escalations", "goals", "actions", "future-plans", "direction-checks"):
        before = AccessLogEntry.objects.filter(outcome=Outcome.ALLOWED).count()
        assert client.get(f"{api}/{rest}").status_code == 200, rest
        entry = AccessLogEntry.objects.order_by("-id").first()
        assert AccessLogEntry.objects.filter(outcome=Outcome.ALLOWED).count() == before + 1
        assert (entry.subject_type, entry.subject_id) == ("casus", str(casus.pk))
    tab = f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/procesregie/"
    assert client.get(tab).status_code == 200


def test_consent_lapses_when_the_young_person_turns_12(tenancy, as_user):
    """Only the parents consented: enough at 11 years and 364 days, not on the 12th birthday."""
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    results = {}
    for label, birth in (
        ("11y364d", twelve_today() + dt.timedelta(days=1)),
        ("12y", twelve_today()),
    ):
        casus = case_at_work(tenancy.a.team, consent=False, birth_date=birth)
        ToestemmingFactory(casus=casus, ouder=OuderFactory(casus=casus))
        response = client.post(
            f"/api/v1/cases/{casus.pk}/escalations", escalation(), content_type=JSON
        )
        results[label] = response.status_code
    assert results == {"11y364d": 201, "12y": 409}


def test_a_compulsory_framework_with_a_reason_is_a_basis_without_consent(tenancy, as_user):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    without_reason = withdrawn_case(tenancy.a.team, legal_framework="ots")
    with_reason = withdrawn_case(
        tenancy.a.team, legal_framework="ots", legal_basis_reason="Uitspraak kinderrechter."
    )
    for casus, expected in ((without_reason, 409), (with_reason, 201)):
        response = client.post(
            f"/api/v1/cases/{casus.pk}/escalations", escalation(), content_type=JSON
        )
        assert response.status_code == expected, response.content

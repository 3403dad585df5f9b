"""Werkvoorraad: each user sees what waits for them, from every module, and nothing of others."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from passend.accounts.roles import Role
from passend.advice.models import Advies, Opvolging, Toelichtingsverzoek
from passend.audit.models import AccessLogEntry
from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.cases.tests.factories import CasusFactory
from passend.inbox.selectors import work_items
from passend.procesregie.models import Actie, Toekomstplan

pytestmark = pytest.mark.django_db


def case(team, state, **fields):
    casus = CasusFactory(team=team, **fields)
    Casus.objects.filter(pk=casus.pk).update(state=state)
    casus.refresh_from_db()
    return casus


def items(user, team, kind, today=None):
    sections = {s.kind: s for s in work_items(user, team, today or timezone.localdate())}
    return [i.casus.reference for i in sections[kind].items] if kind in sections else None


def test_screenings_wait_for_the_screener_oldest_first_and_only_own_team(tenancy):
    team = tenancy.a.team
    new = case(team, CaseState.AANGEMELD)
    old = case(team, CaseState.IN_SCREENING)
    Casus.objects.filter(pk=old.pk).update(registered_at=timezone.now() - dt.timedelta(days=30))
    case(tenancy.b.team, CaseState.AANGEMELD)
    case(team, CaseState.IN_BEHANDELING)
    assert items(tenancy.a.users[Role.SCREENER], team, "screening") == [
        old.reference,
        new.reference,
    ]
    assert items(tenancy.a.users[Role.TEAMLID], team, "screening") is None, "not a screener"
    section = next(s for s in work_items(tenancy.a.users[Role.SCREENER], team, dt.date.today()))
    assert section.items[0].overdue and not section.items[1].overdue, "waiting > 2 weeks"


def test_approval_waits_for_the_voorzitter_only(tenancy):
    casus = case(tenancy.a.team, CaseState.IN_BEHANDELING)
    Advies.objects.create(casus=casus, most_fitting_care="Gezinshuis.")
    assert items(tenancy.a.users[Role.VOORZITTER], tenancy.a.team, "goedkeuring") == [
        casus.reference
    ]
    assert items(tenancy.a.users[Role.TEAMLID], tenancy.a.team, "goedkeuring") is None


def test_follow_up_and_short_term_solution_show_for_involved_members_and_the_chair(tenancy):
    team, today = tenancy.a.team, timezone.localdate()
    director, other = tenancy.a.users[Role.PROCESREGISSEUR], tenancy.a.users[Role.TEAMLID]
    casus = case(team, CaseState.ADVIES_UITGEBRACHT, procesregisseur=director)
    advies = Advies.objects.create(
        casus=casus,
        sent_at=timezone.now() - dt.timedelta(days=60),
        short_term_solution="Logeeropvang twee weekenden per maand.",
        short_term_end_date=today + dt.timedelta(days=10),
    )
    Opvolging.objects.create(advies=advies, due_on=today - dt.timedelta(days=1))
    later = case(team, CaseState.ADVIES_UITGEBRACHT, procesregisseur=director)
    later_advice = Advies.objects.create(casus=later, sent_at=timezone.now())
    Opvolging.objects.create(advies=later_advice, due_on=today + dt.timedelta(days=50))
    assert items(director, team, "follow_up") == [casus.reference], "only what is due"
    assert items(director, team, "kortetermijn") == [casus.reference]
    assert items(other, team, "follow_up") == [], "not involved"
    assert items(tenancy.a.users[Role.VOORZITTER], team, "follow_up") == [casus.reference]
    reminder = items(director, team, "kortetermijn", today=today - dt.timedelta(days=10))
    assert reminder == [], "the reminder starts two weeks before the end date"


def test_open_clarification_request_and_overdue_own_action(tenancy):
    team, today = tenancy.a.team, timezone.localdate()
    member = tenancy.a.users[Role.TEAMLID]
    casus = case(team, CaseState.ADVIES_UITGEBRACHT)
    casus.experts.add(member)
    advies = Advies.objects.create(casus=casus, sent_at=timezone.now())
    Toelichtingsverzoek.objects.create(advies=advies, party="verwijzer", question="Wat bedoelt u?")
    Actie.objects.create(
        casus=casus, description="Bel de school", owner=member, deadline=today - dt.timedelta(1)
    )
    Actie.objects.create(
        casus=casus,
        description="Mail de GI",
        owner=tenancy.a.users[Role.PROCESREGISSEUR],
        deadline=today - dt.timedelta(1),
    )
    assert items(member, team, "toelichting") == [casus.reference]
    assert items(member, team, "acties") == [casus.reference], "own actions only"


def test_age_signals_with_exact_birthdays_and_the_toekomstplan(tenancy):
    team, today = tenancy.a.team, dt.date(2026, 11, 22)
    chair = tenancy.a.users[Role.VOORZITTER]
    closed = case(
        team,
        CaseState.IN_BEHANDELING,
        birth_date=dt.date(2010, 5, 22),  # 16.5 exactly today
        in_closed_youth_care=True,
    )
    case(team, CaseState.IN_BEHANDELING, birth_date=dt.date(2010, 5, 23), in_closed_youth_care=True)
    nearing = case(team, CaseState.FOLLOW_UP, birth_date=dt.date(2009, 2, 28))
    assert items(chair, team, "leeftijd", today) == [nearing.reference, closed.reference]
    Toekomstplan.objects.create(casus=closed)
    assert items(chair, team, "leeftijd", today) == [nearing.reference]


def test_page_and_api_show_the_items_and_log_the_cases(tenancy, as_user):
    team = tenancy.a.team
    waiting = case(team, CaseState.AANGEMELD)
    client = as_user(tenancy.a.users[Role.SCREENER])
    page = client.get(f"/teams/{team.slug}/werkvoorraad/")
    assert page.status_code == 200
    assert waiting.reference in page.content.decode()
    assert AccessLogEntry.objects.filter(
        purpose="werkvoorraad bekijken", subject_id=str(waiting.pk)
    ).exists()
    data = client.get(f"/api/v1/work-items?teamId={team.pk}").json()
    assert [row["caseReference"] for row in data if row["kind"] == "screening"] == [
        waiting.reference
    ]
    assert client.get(f"/api/v1/work-items?teamId={tenancy.b.team.pk}").status_code == 404
    assert client.get("/api/v1/work-items").status_code == 400


def test_a_screening_is_overdue_only_after_more_than_fourteen_days(tenancy, as_user):
    """The threshold of the werkvoorraad: waiting 14 days is not overdue yet, 15 days is."""
    team, today = tenancy.a.team, timezone.localdate()
    waiting = {}
    for days in (13, 14, 15):
        casus = case(team, CaseState.AANGEMELD)
        noon = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days), dt.time(12))
        )
        Casus.objects.filter(pk=casus.pk).update(registered_at=noon)
        waiting[casus.pk] = days
    rows = as_user(tenancy.a.users[Role.SCREENER]).get(f"/api/v1/work-items?teamId={team.pk}")
    overdue = {
        waiting[row["caseId"]]: row["overdue"] for row in rows.json() if row["kind"] == "screening"
    }
    assert overdue == {13: False, 14: False, 15: True}


def test_items_are_worded_in_the_language_of_the_reader(tenancy, as_user):
    """The selector returns data; the title is made in the reader's language when it is read."""
    team = tenancy.a.team
    waiting = case(team, CaseState.AANGEMELD)
    day = timezone.localdate(waiting.registered_at).strftime("%d-%m-%Y")
    client = as_user(tenancy.a.users[Role.SCREENER])
    page = client.get(f"/teams/{team.slug}/werkvoorraad/").content.decode()
    assert f"aangemeld sinds {day}" in page
    client.cookies["django_language"] = "en"
    page = client.get(f"/teams/{team.slug}/werkvoorraad/").content.decode()
    assert f"registered since {day}" in page and "sinds" not in page
    rows = client.get(f"/api/v1/work-items?teamId={team.pk}").json()
    assert [r["title"] for r in rows if r["kind"] == "screening"] == [f"registered since {day}"]
    # The same items, read once in Dutch and once in English.
    section = work_items(tenancy.a.users[Role.SCREENER], team, timezone.localdate())[0]
    with translation.override("en"):
        assert section.items[0].title == f"registered since {day}"
    with translation.override("nl"):
        assert section.items[0].title == f"aangemeld sinds {day}"

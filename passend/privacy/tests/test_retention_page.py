"""The beheerder's retention page: the period, what is due, the runs, and a dry run."""

import datetime as dt

import pytest
import time_machine

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Statuswijziging
from passend.conftest import login
from passend.privacy.models import RetentieRun
from passend.privacy.retention import apply_retention
from passend.procesregie.tests.factories import case_at_work

pytestmark = pytest.mark.django_db

URL = "/teams/{}/beheer/privacy/bewaartermijn/"


def closed(team, day: dt.date):
    casus = case_at_work(team, state=CaseState.AFGESLOTEN, consent=False)
    Statuswijziging.objects.create(
        casus=casus,
        to_state=CaseState.AFGESLOTEN,
        at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC),
    )
    return casus


def test_the_page_shows_the_period_what_is_due_and_a_dry_run_changes_nothing(client, tenancy):
    team = tenancy.a.team
    casus = closed(team, dt.date(2026, 1, 10))
    closed(tenancy.b.team, dt.date(2026, 1, 10))
    login(client, tenancy.a.users[Role.BEHEERDER])
    with time_machine.travel(dt.datetime(2026, 8, 1, 12, tzinfo=dt.UTC), tick=False):
        apply_retention(dry_run=True, team=tenancy.b.team)  # another team's: not listed
        page = client.get(URL.format(team.slug))
        html = page.content.decode()
        assert page.status_code == 200
        assert "<title>Bewaartermijn – Expertteam a" in html
        assert "6 maanden na het afsluiten" in html
        assert "Er is nog geen run geweest." in html
        response = client.post(URL.format(team.slug), follow=True)
    html = response.content.decode()
    assert "Proefdraai klaar: 1 casus(sen) en 0 concept(en)" in html
    assert "proefdraai (niets veranderd)" in html and "vanaf deze pagina" in html
    run = RetentieRun.objects.get(counts__team=team.slug)
    assert (run.dry_run, run.by) == (True, tenancy.a.users[Role.BEHEERDER])
    assert Casus.objects.get(pk=casus.pk).anonymised_at is None


def test_the_page_is_for_the_beheerder_only(client, tenancy):
    login(client, tenancy.a.users[Role.VOORZITTER])
    assert client.get(URL.format(tenancy.a.team.slug)).status_code in (403, 404)
    assert client.post(URL.format(tenancy.a.team.slug)).status_code in (403, 404)
    assert not RetentieRun.objects.exists()


def test_the_api_lists_the_runs_of_the_team(client, tenancy):
    team = tenancy.a.team
    closed(team, dt.date(2026, 1, 10))
    with time_machine.travel(dt.datetime(2026, 8, 1, 12, tzinfo=dt.UTC), tick=False):
        apply_retention(dry_run=True)
        login(client, tenancy.a.users[Role.BEHEERDER])
        body = client.get(f"/api/v1/teams/{team.pk}/retention-runs").json()
    assert body["retentionMonths"] == 6
    assert body["due"] == {"casussen": 1, "concepten": 0}
    assert [(r["dryRun"], r["casussen"], r["trigger"]) for r in body["runs"]] == [
        (True, 1, "command")
    ]
    login(client, tenancy.a.users[Role.VOORZITTER])
    assert client.get(f"/api/v1/teams/{team.pk}/retention-runs").status_code == 404

"""Which cases the retention run takes, and when: the boundary day, the decision of the
screening, abandoned drafts, the team's own period; open cases never."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.utils import timezone

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.cases import attachments
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Ouder, Statuswijziging
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.cases.tests.files import PNG
from passend.jobs.testing import run_jobs
from passend.privacy.retention import (
    anonymise_case,
    apply_retention,
    checkpoint_sqlite,
    due_cases,
    due_drafts,
)
from passend.procesregie.tests.factories import case_at_work

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=TZ)


def final_case(team, state, on: str, **fields):
    """A case that reached `state` (closed, rejected, redirected) at 10:00 on `on`."""
    casus = case_at_work(team, state=state, consent=False, **fields)
    Statuswijziging.objects.create(casus=casus, from_state="", to_state=state, at=at(on))
    return casus


def due_on(team, day: str, hour: int = 12) -> set[int]:
    return set(due_cases(team, now=at(day, hour)).values_list("pk", flat=True))


def test_a_closed_case_goes_the_day_after_its_period_not_on_the_last_day(tenancy):
    team = tenancy.a.team
    casus = final_case(team, CaseState.AFGESLOTEN, "2026-01-10")
    assert due_on(team, "2026-07-10", 23) == set()
    assert due_on(team, "2026-07-11", 0) == {casus.pk}


@pytest.mark.parametrize(
    "state", [CaseState.AFGEWEZEN, CaseState.DOORVERWEZEN, CaseState.CRISIS_DOORVERWEZEN]
)
def test_rejected_and_redirected_registrations_count_from_the_decision(tenancy, state):
    team = tenancy.a.team
    casus = final_case(team, state, "2026-03-31", registered_at=at("2025-06-01"))
    Statuswijziging.objects.create(casus=casus, to_state=CaseState.AANGEMELD, at=at("2025-06-01"))
    assert due_on(team, "2026-09-30") == set()
    assert due_on(team, "2026-10-01") == {casus.pk}


def test_the_team_period_applies_and_the_other_team_keeps_its_own(tenancy):
    team_a, team_b = tenancy.a.team, tenancy.b.team
    team_a.retention_months = 12
    team_a.save(update_fields=["retention_months"])
    long_kept = final_case(team_a, CaseState.AFGESLOTEN, "2026-01-10")
    short_kept = final_case(team_b, CaseState.AFGESLOTEN, "2026-01-10")
    assert due_on(team_a, "2026-07-11") == set()
    assert due_on(team_b, "2026-07-11") == {short_kept.pk}
    assert due_on(team_a, "2027-01-10") == set()
    assert due_on(team_a, "2027-01-11") == {long_kept.pk}


def test_open_cases_are_never_touched_however_old(tenancy):
    team = tenancy.a.team
    open_states = [s for s in CaseState if s not in ("afgesloten", "afgewezen")]
    open_states = [s for s in open_states if s not in ("doorverwezen", "crisis_doorverwezen")]
    cases = [final_case(team, state, "2020-01-01") for state in open_states]
    for casus in cases:  # and an earlier closure does not count once reopened
        Statuswijziging.objects.create(casus=casus, to_state="afgesloten", at=at("2019-01-01"))
    with time_machine.travel(at("2026-12-01"), tick=False):
        run = apply_retention()
    assert run.counts["casussen"] == 0
    assert not Casus.objects.filter(anonymised_at__isnull=False).exists()


def test_the_last_closure_counts_after_a_reopening(tenancy):
    team = tenancy.a.team
    casus = final_case(team, CaseState.AFGESLOTEN, "2026-05-01")
    Statuswijziging.objects.create(casus=casus, to_state="afgesloten", at=at("2025-01-01"))
    assert due_on(team, "2026-11-01") == set()
    assert due_on(team, "2026-11-02") == {casus.pk}


def test_abandoned_drafts_go_entirely_after_thirty_days(
    tenancy, django_capture_on_commit_callbacks
):
    team, author = tenancy.a.team, tenancy.a.users[Role.AANMELDER]
    with time_machine.travel(at("2026-03-01"), tick=False):
        old = CasusFactory(team=team, aanmelder=author, is_draft=True, first_name="Verlaten")
        OuderFactory(casus=old)
        upload = SimpleUploadedFile("brief.png", PNG, content_type="image/png")
        with django_capture_on_commit_callbacks(execute=True):
            name = attachments.add(old, file=upload, actor=author).file.name
    with time_machine.travel(at("2026-03-02"), tick=False):
        recent = CasusFactory(team=team, aanmelder=author, is_draft=True)
    sent_long_ago = final_case(team, CaseState.AANGEMELD, "2020-01-01")

    assert set(due_drafts(team, now=at("2026-03-31", 23))) == set()
    assert set(due_drafts(team, now=at("2026-04-01", 0))) == {old}
    with (
        time_machine.travel(at("2026-04-01", 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run = apply_retention()
    assert (run.counts["concepten"], run.counts["casussen"]) == (1, 0)
    assert not Casus.objects.filter(pk=old.pk).exists()
    assert not Ouder.objects.filter(casus_id=old.pk).exists()
    assert not default_storage.exists(name)
    assert Casus.objects.filter(pk__in=[recent.pk, sent_long_ago.pk]).count() == 2
    entry = AccessLogEntry.objects.get(subject_type="casus", subject_id=str(old.pk))
    assert (entry.action, entry.purpose) == ("delete", "bewaartermijn concept")


def test_every_run_is_recorded_and_logged_and_a_dry_run_may_be_limited_to_a_team(tenancy):
    team_a, team_b = tenancy.a.team, tenancy.b.team
    final_case(team_a, CaseState.AFGESLOTEN, "2026-01-10")
    final_case(team_b, CaseState.AFGESLOTEN, "2026-01-10")
    user = tenancy.a.users[Role.BEHEERDER]
    with time_machine.travel(at("2026-08-01"), tick=False):
        run = apply_retention(dry_run=True, team=team_a, by=user, trigger="pagina")
    assert run.counts["teams"] == {team_a.slug: {"casussen": 1, "concepten": 0}}
    assert (run.by, run.trigger, run.dry_run) == (user, "pagina", True)
    entry = AccessLogEntry.objects.get(subject_type="bewaartermijnrun", subject_id=str(run.pk))
    assert (entry.username, entry.purpose, entry.team) == (
        user.username,
        "bewaartermijn proefdraai",
        team_a,
    )
    assert not Casus.objects.filter(anonymised_at__isnull=False).exists()


def test_the_daily_job_runs_the_real_run(tenancy):
    casus = final_case(tenancy.a.team, CaseState.AFGESLOTEN, "2026-01-10")
    with time_machine.travel(at("2026-08-01"), tick=False):
        call_command("apply_retention", "--enqueue")
        assert Casus.objects.get(pk=casus.pk).anonymised_at is None
        run_jobs()
    casus.refresh_from_db()
    assert casus.anonymised_at is not None and casus.first_name == ""


def test_erasure_on_request_is_logged_as_such_and_refuses_an_unknown_reason(tenancy):
    casus = case_at_work(tenancy.a.team, first_name="Verzoeker")
    voorzitter = tenancy.a.users[Role.VOORZITTER]
    with pytest.raises(ValueError):
        anonymise_case(casus, reason="zomaar", actor=voorzitter)
    counts = anonymise_case(casus, reason="avg", actor=voorzitter)
    assert counts["cleared.cases.Casus"] == 1 and counts["deleted.cases.Ouder"] >= 1
    assert casus.first_name == "" and casus.anonymised_at is not None
    entry = AccessLogEntry.objects.get(subject_type="casus", action="delete")
    assert (entry.purpose, entry.username) == ("AVG-verzoek", voorzitter.username)
    assert "Verzoeker" not in str([getattr(entry, f.attname) for f in entry._meta.fields])


@pytest.mark.parametrize("secure", [True, False])
def test_sqlite_leaves_no_deleted_value_in_the_file(tmp_path, secure):
    """The connection settings zero what is deleted, and the checkpoint empties the WAL; the
    control (secure_delete off) shows the scan finds a value left in a free page."""
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"  # VACUUM is the DBA's (README)
        return
    path = Path(tmp_path) / "probe.sqlite3"
    db = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="probe")
    try:
        with db.cursor() as cursor:
            if not secure:
                cursor.execute("PRAGMA secure_delete=OFF")
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("CREATE TABLE probe (id integer primary key, value text)")
            cursor.execute("INSERT INTO probe (value) VALUES (%s)", ["Geheim-Zeearend" * 20])
            cursor.execute("INSERT INTO probe (value) VALUES (%s)", ["blijft"])
            cursor.execute("DELETE FROM probe WHERE id = 1")
        assert checkpoint_sqlite(db)
    finally:
        db.close()
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    data += wal.read_bytes() if wal.exists() else b""
    assert (b"Geheim-Zeearend" in data) is (not secure)
    assert sqlite3.connect(path).execute("SELECT value FROM probe").fetchall() == [("blijft",)]


def test_an_anonymised_case_takes_no_step_and_says_so_on_its_page(tenancy, as_user):
    """The husk keeps its state for the figures, but nothing leads back into case work: no
    reopening, and its page and the case list say what happened instead of a name."""
    from django.urls import reverse

    from passend.cases.services.casework import transition
    from passend.core.refusals import StateConflict

    voorzitter = tenancy.a.users[Role.VOORZITTER]
    casus = final_case(tenancy.a.team, CaseState.AFGESLOTEN, "2025-01-10", first_name="Huskje")
    anonymise_case(casus, reason="retention")
    with pytest.raises(StateConflict, match="geanonimiseerd"):
        transition(casus, to=CaseState.HEROPEND, actor=voorzitter, reason="opnieuw")
    casus.refresh_from_db()
    assert casus.state == CaseState.AFGESLOTEN

    client = as_user(voorzitter)
    page = client.get(reverse("cases:detail", args=[tenancy.a.team.slug, casus.pk]))
    assert page.status_code == 200
    assert "Geanonimiseerde casus" in page.content.decode()
    listing = client.get(reverse("cases:list", args=[tenancy.a.team.slug]) + "?status=afgesloten")
    assert "geanonimiseerd" in listing.content.decode()

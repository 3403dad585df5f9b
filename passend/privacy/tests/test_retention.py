"""Retention that deletes (issue 12, first acceptance point), on SQLite and on PostgreSQL.

A closed case past its period is scanned raw afterwards (every table, and on SQLite the
database bytes) and none of its personal values, nor any of its ciphertexts, is found; its
analytics rows and the indicator counts are unchanged; the dry run changes nothing; a second
run changes nothing; the attachment files are gone from storage."""

import datetime as dt

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from passend.accounts.roles import Role
from passend.advice.models import Advies, Opvolging
from passend.analytics.models import CasusFeit, FeitCode, GebeurtenisFeit
from passend.audit.models import AccessLogEntry
from passend.audit.services import verify_chain
from passend.cases.models import Casus, NameToken, Ouder, Statuswijziging, Toestemming
from passend.meetings.models import Casusbespreking
from passend.privacy.models import RetentieRun
from passend.privacy.retention import apply_retention
from passend.procesregie.models import Escalatie
from passend.procesregie.tests.factories import case_at_work

from .retention_world import (
    SECRETS,
    all_values,
    build_closed_case,
    database_bytes,
    fernet_tokens,
    table_dump,
)

pytestmark = pytest.mark.django_db

# What every run itself writes (its record, its access-log entry): not case data.
RUN_TABLES = ("privacy_retentierun", "audit_accesslogentry", "audit_chainhead")
CLOSED_ON = dt.date(2026, 1, 10)
# Six months after 10 January, plus one day: past the default period.
PAST_PERIOD = dt.datetime(2026, 7, 11, 12, 0, tzinfo=dt.UTC)


def analytics_dump() -> dict:
    """The analytics rows, whole, but for the link to the case (cut by design)."""
    facts = [
        {k: v for k, v in row.items() if k not in ("casus_id", "unlinked_at")}
        for row in CasusFeit.objects.order_by("key").values()
    ]
    events = list(GebeurtenisFeit.objects.order_by("feit__key", "kind", "seq").values())
    codes = list(FeitCode.objects.order_by("feit__key", "dimension", "code").values())
    return {"facts": facts, "events": events, "codes": codes}


def _grouped(queryset, *fields) -> list:
    return sorted(tuple(row.values()) for row in queryset.values(*fields).annotate(n=Count("pk")))


def indicator_counts() -> dict:
    """The counts a monitor or a report would show, from the case records and the facts."""
    return {
        "cases": _grouped(Casus.objects, "team_id", "state", "closure_outcome", "gender"),
        "screening": _grouped(Casus.objects, "screening_outcome", "referrer_type", "urgency"),
        "transitions": _grouped(Statuswijziging.objects, "to_state"),
        "discussions": _grouped(Casusbespreking.objects, "participation"),
        "advice": _grouped(Advies.objects, "status", "implementation_status"),
        "follow_ups": _grouped(Opvolging.objects, "implementation_status", "in_fitting_place"),
        "escalations": _grouped(Escalatie.objects, "to_level"),
        "facts": _grouped(CasusFeit.objects, "team_id", "age_group", "state", "closure_outcome"),
        "events": _grouped(GebeurtenisFeit.objects, "kind", "code"),
    }


def monitoring_figures(world) -> list:
    """Every figure the monitoring page shows the team's voorzitter, over a period that holds
    the closed case's registration (its record stays, so its counts do)."""
    from passend.monitoring.selectors import summary

    figures = summary(world["chair"], world["team"], today=CLOSED_ON)
    cells = [(t.key, c.key, c.count) for t in figures["tables"] for c in t.cells]
    totals = [(t.key, t.total) for t in figures["tables"]]
    assert any(count not in (0, "0") for _key, _cell, count in cells)  # the case is counted
    return cells + totals


@pytest.fixture
def world(tenancy, django_capture_on_commit_callbacks):
    """The closed case (with everything) and an open case of the same team as a control."""
    team = tenancy.a.team
    author = tenancy.a.users[Role.AANMELDER]
    with time_machine.travel(dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        control = case_at_work(team, first_name="Controle", last_name="Openzaak")
        tokens_before = fernet_tokens()
        with django_capture_on_commit_callbacks(execute=True):
            casus, files = build_closed_case(team, author=author, closed_on=CLOSED_ON)
    return {
        "team": team,
        "chair": tenancy.a.users[Role.VOORZITTER],
        "casus": casus,
        "control": control,
        "files": files,
        "tokens": fernet_tokens() - tokens_before,
        "pseudonyms": [
            casus.bsn_pseudonym,
            casus.name_pseudonym,
            *NameToken.objects.filter(casus=casus).values_list("digest", flat=True),
        ],
    }


def test_closed_case_past_its_period_keeps_no_personal_value(
    world, django_capture_on_commit_callbacks
):
    casus, control = world["casus"], world["control"]
    assert len(world["tokens"]) >= 40  # the case really has its encrypted values
    raw_before = "\n".join(all_values())
    assert SECRETS["closure_reason"] in raw_before and SECRETS["transition_reason"] in raw_before
    assert all(default_storage.exists(name) for name in world["files"])
    analytics_before, counts_before = analytics_dump(), indicator_counts()
    monitoring_before = monitoring_figures(world)
    control_row = next(r for r in table_dump()["cases_casus"] if r[0] == str(control.pk))

    with time_machine.travel(PAST_PERIOD, tick=False):
        dump_before = table_dump(exclude=RUN_TABLES)
        dry = apply_retention(dry_run=True)
        assert dry.dry_run and dry.counts["casussen"] == 1
        assert dry.counts["teams"] == {world["team"].slug: {"casussen": 1, "concepten": 0}}
        assert table_dump(exclude=RUN_TABLES) == dump_before  # the dry run changed nothing

        with django_capture_on_commit_callbacks(execute=True):
            run = apply_retention()
        assert not run.dry_run and run.counts["casussen"] == 1
        assert run.counts["records"]["deleted.cases.Ouder"] == 1
        assert run.counts["records"]["files"] == 1

        dump_after = table_dump(exclude=RUN_TABLES)
        again = apply_retention()
        assert again.counts["casussen"] == 0
        assert table_dump(exclude=RUN_TABLES) == dump_after  # the second run changed nothing

    # Raw: every table, every column, as text.
    raw = "\n".join(all_values())
    for key, secret in SECRETS.items():
        assert secret not in raw, f"{key} ({secret!r}) survives in the database"
    for token in world["tokens"]:
        assert token not in raw, "a ciphertext of the case survives in the database"
    for digest in world["pseudonyms"]:
        assert digest not in raw, "a pseudonym or name-index digest survives"
    if connection.vendor == "sqlite":
        image = database_bytes()
        for key, secret in SECRETS.items():
            assert secret.encode() not in image, f"{key} survives in the SQLite file"
        for token in world["tokens"]:
            assert token.encode() not in image, "a ciphertext survives in the SQLite file"

    # The husk stays for the workflow and the counts; the records of the case are gone.
    casus.refresh_from_db()
    assert casus.anonymised_at == PAST_PERIOD
    assert (casus.state, casus.closure_outcome, casus.reference) == (
        "afgesloten",
        "passende_plek",
        casus.reference,
    )
    assert (casus.first_name, casus.last_name, casus.bsn, casus.birth_date) == ("", "", None, None)
    assert (casus.birth_month, casus.address, casus.bsn_pseudonym) == (None, None, "")
    assert not Ouder.objects.filter(casus=casus).exists()
    assert not NameToken.objects.filter(casus=casus).exists()
    assert Toestemming.objects.get(casus=casus).witness is None
    assert not casus.bijlagen.exists()
    assert not any(default_storage.exists(name) for name in world["files"])
    assert not CasusFeit.objects.filter(casus=casus).exists()
    assert analytics_dump() == analytics_before
    assert indicator_counts() == counts_before
    assert monitoring_figures(world) == monitoring_before

    # The open case of the same team is untouched, and the access log still verifies.
    assert control_row in table_dump()["cases_casus"]
    control.refresh_from_db()
    assert (control.first_name, control.anonymised_at) == ("Controle", None)
    assert verify_chain()[0]
    entry = AccessLogEntry.objects.get(
        subject_type="casus", subject_id=str(casus.pk), action="delete"
    )
    assert (entry.purpose, entry.username) == ("bewaartermijn", "(systeem)")
    assert RetentieRun.objects.filter(dry_run=False).count() == 2


def test_the_command_prints_the_counts_and_the_dry_run_changes_nothing(world, capsys):
    with time_machine.travel(PAST_PERIOD, tick=False):
        call_command("apply_retention", "--dry-run")
        out = capsys.readouterr().out
        assert "Proefdraai: 1 casus(sen) en 0 concept(en)" in out
        assert Casus.objects.get(pk=world["casus"].pk).anonymised_at is None
        call_command("apply_retention")
        out = capsys.readouterr().out
        assert "1 casus(sen) en 0 concept(en) verwerkt" in out
    assert Casus.objects.get(pk=world["casus"].pk).anonymised_at is not None


def test_secure_delete_is_on_for_sqlite():
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"  # nothing to switch on there
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1

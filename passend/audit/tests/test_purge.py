"""The access log's retention: entries older than five years go, the chain still verifies,
tampering afterwards is still detected, and with nothing old nothing changes."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from passend.audit.models import AccessLogEntry, ChainHead
from passend.audit.purge import purge_access_log, purge_cutoff
from passend.audit.services import CHECKPOINT_TYPE, check_chain, log_system, verify_chain

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def entries_on(day: dt.date, n: int = 2) -> None:
    with time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=UTC), tick=False):
        for i in range(n):
            log_system(action="read", subject_type="casus", subject_ids=[i], purpose="inzien")


def rows() -> list[tuple]:
    return list(AccessLogEntry.objects.order_by("id").values_list())


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def old_and_new():
    entries_on(dt.date(2020, 3, 1), 3)
    entries_on(dt.date(2021, 6, 1), 2)
    entries_on(dt.date(2026, 6, 1), 2)
    assert verify_chain() == (True, 7, None)


def test_old_entries_go_and_the_rest_verifies_from_the_checkpoint(old_and_new):
    last_old = AccessLogEntry.objects.order_by("id")[2]
    before = dt.datetime(2021, 1, 1, tzinfo=UTC)
    with time_machine.travel(dt.datetime(2026, 6, 10, tzinfo=UTC), tick=False):
        purged = purge_access_log(before=before)
    assert purged == {"deleted": 3, "last_hash": last_old.entry_hash}
    kept = AccessLogEntry.objects.order_by("id")
    assert [e.timestamp.year for e in kept] == [2021, 2021, 2026, 2026, 2026]
    checkpoint = kept.last()
    assert checkpoint.subject_type == CHECKPOINT_TYPE
    assert checkpoint.subject_id == last_old.entry_hash
    assert "3 regels" in checkpoint.purpose
    assert kept.first().prev_hash == last_old.entry_hash
    assert verify_chain() == (True, 5, None)
    assert ChainHead.objects.get().length == 5
    entries_on(dt.date(2026, 7, 1))  # the chain goes on
    assert verify_chain() == (True, 7, None)
    # A second purge, years later, removes the first checkpoint too and still verifies.
    assert purge_access_log(before=dt.datetime(2026, 7, 1, tzinfo=UTC))["deleted"] == 5
    assert verify_chain() == (True, 3, None)


def _purged():
    purge_access_log(before=dt.datetime(2021, 1, 1, tzinfo=UTC))
    assert verify_chain()[0]
    return list(AccessLogEntry.objects.order_by("id"))


def _delete_rows(ids) -> None:
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_accesslog_no_update")
        cursor.execute(f"DELETE FROM {table} WHERE id IN ({','.join(str(i) for i in ids)})")
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_accesslog_no_update")


@pytest.mark.parametrize("victim", ["first kept", "checkpoint", "prefix with checkpoint"])
def test_removing_entries_after_the_purge_is_still_detected(old_and_new, victim):
    kept = _purged()
    ids = {
        "first kept": [kept[0].pk],
        "checkpoint": [kept[-1].pk],
        "prefix with checkpoint": [e.pk for e in kept],
    }[victim]
    if victim == "prefix with checkpoint":
        entries_on(dt.date(2026, 8, 1))
    _delete_rows(ids)
    assert not verify_chain()[0]


def test_changing_an_entry_after_the_purge_is_still_detected(old_and_new):
    kept = _purged()
    table = AccessLogEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_accesslog_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_accesslog_no_update")
        cursor.execute(f"UPDATE {table} SET purpose = 'iets anders' WHERE id = %s", [kept[1].pk])
    result = check_chain()
    assert (result.intact, result.broken) == (False, kept[1].pk)


def test_with_nothing_old_nothing_changes(old_and_new):
    before_rows, head = rows(), ChainHead.objects.get()
    assert purge_access_log(before=dt.datetime(2019, 1, 1, tzinfo=UTC)) == {
        "deleted": 0,
        "last_hash": "",
    }
    assert purge_access_log(before=dt.datetime(2021, 1, 1, tzinfo=UTC), dry_run=True) == {
        "deleted": 3,
        "last_hash": "",
    }
    assert rows() == before_rows
    assert ChainHead.objects.get().last_hash == head.last_hash


def test_the_database_still_refuses_deletes_after_a_purge(old_and_new):
    _purged()
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # the model refuses; no delete trigger there
        return
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(f"DELETE FROM {AccessLogEntry._meta.db_table}")


def test_the_command_keeps_five_years(old_and_new, capsys):
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=UTC), tick=False):
        assert purge_cutoff().date() == dt.date(2021, 3, 2)
        call_command("purge_access_log", "--dry-run")
        assert "Proefdraai: 3 regel(s) van vóór 2021-03-02" in capsys.readouterr().out
        assert len(rows()) == 7
        call_command("purge_access_log")
        assert "3 regel(s) van vóór 2021-03-02 verwijderd" in capsys.readouterr().out
    assert verify_chain() == (True, 5, None)
    call_command("verify_access_log")

"""The access log's HMAC key rotates: entries carry the id of their key, verification finds it."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory, override_settings

from passend.audit import chain
from passend.audit.models import AccessLogEntry, Action
from passend.audit.services import check_chain, log_access, verify_chain

OLD, NEW = "oude-auditsleutel", "nieuwe-auditsleutel"


def write(tenancy, *ids):
    request = RequestFactory().get("/teams/x/leden/")
    request.user = tenancy.a.users["voorzitter"]
    return log_access(
        request,
        action=Action.READ,
        subject_type="medewerker",
        subject_ids=ids,
        purpose="sleutelrotatie",
        team=tenancy.a.team,
    )


def verify_command() -> str:
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    return out.getvalue()


def test_key_id_is_short_stable_and_reveals_not_the_key():
    assert chain.key_id(OLD) == chain.key_id(OLD) != chain.key_id(NEW)
    assert len(chain.key_id(OLD)) == 16 and OLD not in chain.key_id(OLD)


@pytest.mark.django_db
def test_rotating_the_audit_key_keeps_old_and_new_entries_verifiable(tenancy):
    with override_settings(PASSEND_AUDIT_KEY=OLD):
        before = write(tenancy, "1", "2")
    assert {e.key_id for e in before} == {chain.key_id(OLD)}
    with override_settings(PASSEND_AUDIT_KEY=NEW, PASSEND_AUDIT_KEY_FALLBACKS=[OLD]):
        after = write(tenancy, "3")
        assert after[0].key_id == chain.key_id(NEW)
        assert verify_chain() == (True, 3, None)
        assert "3 entries verified" in verify_command()


@pytest.mark.django_db
def test_entries_of_a_key_that_is_no_longer_configured_are_named_not_called_tampered(tenancy):
    with override_settings(PASSEND_AUDIT_KEY=OLD):
        first = write(tenancy, "1", "2")
    with override_settings(PASSEND_AUDIT_KEY=NEW):
        write(tenancy, "3", "4")
        result = check_chain()
        assert not result.intact and result.broken is None and not result.truncated
        assert result.checked == 2  # the two new entries: their content is verified
        assert result.unknown_keys == {chain.key_id(OLD): (2, first[0].pk)}
        with pytest.raises(CommandError) as refused:
            verify_command()
    message = str(refused.value)
    assert f"2 entries (from entry {first[0].pk})" in message
    assert f"unknown audit key id {chain.key_id(OLD)}" in message
    assert "broken" not in message and OLD not in message


@pytest.mark.django_db
def test_an_altered_entry_is_still_found_after_a_rotation(tenancy):
    with override_settings(PASSEND_AUDIT_KEY=OLD):
        entries = write(tenancy, "1", "2", "3")
    with connection.cursor() as cursor:  # a DBA going around the triggers
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER audit_accesslog_no_update")
        cursor.execute(
            "UPDATE audit_accesslogentry SET purpose = 'verdoezeld' WHERE id = %s",
            [entries[1].pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
    with override_settings(PASSEND_AUDIT_KEY=NEW, PASSEND_AUDIT_KEY_FALLBACKS=[OLD]):
        assert verify_chain() == (False, 1, entries[1].pk)


@pytest.mark.django_db
def test_without_an_audit_key_rotating_the_secret_key_keeps_the_log_verifiable(tenancy):
    with override_settings(PASSEND_AUDIT_KEY="", SECRET_KEY="oude-secret"):
        write(tenancy, "1")
    with override_settings(
        PASSEND_AUDIT_KEY="", SECRET_KEY="nieuwe-secret", SECRET_KEY_FALLBACKS=["oude-secret"]
    ):
        write(tenancy, "2")
        assert verify_chain() == (True, 2, None)
    with override_settings(PASSEND_AUDIT_KEY="", SECRET_KEY="nieuwe-secret"):
        result = check_chain()  # the old secret key is gone: its entries are named, not failed
        assert list(result.unknown_keys) == [chain.key_id("audit:oude-secret")]
        assert result.checked == 1


@pytest.mark.django_db
def test_a_configured_audit_key_does_not_accept_keys_derived_from_the_secret_key(tenancy):
    with override_settings(PASSEND_AUDIT_KEY=""):
        write(tenancy, "1")
    with override_settings(PASSEND_AUDIT_KEY=NEW):
        assert list(check_chain().unknown_keys) == [
            chain.key_id(chain.derived_key("test-only-key"))
        ]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_migration_backfills_the_key_that_signed_each_entry_and_keeps_the_log_append_only():
    """An installation that already rotated its secret key (the old code then called the whole
    log tampered): the backfill finds the key derived from the old secret key."""
    apps = _migrate(("audit", "0002_append_only_triggers"))
    old_model = apps.get_model("audit", "AccessLogEntry")
    head_model = apps.get_model("audit", "ChainHead")
    prev = chain.GENESIS
    for n in range(3):
        entry = old_model(
            action="read",
            outcome="allowed",
            username="(anoniem)",
            subject_type="casus",
            subject_id=str(n),
            purpose="voor de sleutel-id",
            access_point="web GET /",
        )
        entry.prev_hash = prev
        entry.entry_hash = prev = chain.entry_digest(entry, prev, "audit:oude-secret")
        entry.save()
    head_model.objects.create(pk=1, last_hash=prev, length=3)
    with override_settings(
        PASSEND_AUDIT_KEY="", SECRET_KEY="nieuwe-secret", SECRET_KEY_FALLBACKS=["oude-secret"]
    ):
        _migrate(("audit", "0003_accesslogentry_key_id"))
        assert set(AccessLogEntry.objects.values_list("key_id", flat=True)) == {
            chain.key_id("audit:oude-secret")
        }
        assert verify_chain() == (True, 3, None)
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_accesslogentry SET key_id = 'x'")


def test_production_refuses_to_start_without_an_audit_key():
    env = {k: v for k, v in os.environ.items() if k != "PASSEND_AUDIT_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="passend.settings.production",
        DJANGO_SECRET_KEY="s" * 50,
        DATABASE_URL="sqlite:///:memory:",
        PASSEND_FIELD_SALT_KEYS="zout",
        PASSEND_PSEUDONYM_KEY="pseudoniem",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "PASSEND_AUDIT_KEY must be set in production" in result.stderr

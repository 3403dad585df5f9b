"""Each entry records the id of the HMAC key that signed it (audit/chain.py).

Existing entries were signed with the key of the code before key ids: PASSEND_AUDIT_KEY from the
environment or, without it, a key derived from the secret key. The backfill does not assume which:
it tries every candidate (the configured audit key and fallbacks, and the keys derived from the
secret key and its fallbacks) and stores the id of the key whose HMAC matches the entry. An entry
that no candidate matches (altered, or signed with a key no longer configured) gets the id of the
key the old code would use now, so `verify_access_log` reports it as before (broken there).

The log is append-only, also in the database (migration 0002). This backfill is the one
deliberate exception: it sets only the new column, never a hashed field, with the trigger
lifted inside the migration's transaction and put back before it commits. On SQLite, adding a
NOT NULL column rebuilds the table, which drops the trigger: it is re-created here either way.
"""

import hashlib
import hmac
import os

from django.conf import settings
from django.db import migrations, models

# Frozen copies of audit/chain.py as of this migration (a migration must not follow later code).
HASHED_FIELDS = (
    "timestamp",
    "action",
    "outcome",
    "user_id",
    "username",
    "roles",
    "organisation",
    "team_id",
    "on_behalf_of",
    "subject_type",
    "subject_id",
    "purpose",
    "access_point",
    "client_address",
)


def derived_key(secret_key: str) -> str:
    return f"audit:{secret_key}"


def key_id(key: str) -> str:
    return hmac.new(key.encode(), b"passend-audit-key-id", hashlib.sha256).hexdigest()[:16]


SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_accesslog_no_update"
SQLITE_CREATE = """
    CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'audit_accesslogentry is append-only'); END;
"""
POSTGRES_DISABLE = "ALTER TABLE audit_accesslogentry DISABLE TRIGGER audit_accesslog_no_update"
POSTGRES_ENABLE = "ALTER TABLE audit_accesslogentry ENABLE TRIGGER audit_accesslog_no_update"


def _candidates() -> list[str]:
    configured = getattr(settings, "PASSEND_AUDIT_KEY", "") or os.environ.get(
        "PASSEND_AUDIT_KEY", ""
    )
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    keys = [configured, *getattr(settings, "PASSEND_AUDIT_KEY_FALLBACKS", [])]
    keys += [derived_key(secret) for secret in secrets if secret]
    return list(dict.fromkeys(k for k in keys if k))


def _digest(row: dict, key: str) -> str:
    parts = [row["prev_hash"]]
    for name in HASHED_FIELDS:
        value = row[name]
        parts.append(value.isoformat() if hasattr(value, "isoformat") else str(value or ""))
    return hmac.new(key.encode(), "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def backfill(apps, schema_editor):
    entry_model = apps.get_model("audit", "AccessLogEntry")
    vendor = schema_editor.connection.vendor
    candidates = _candidates() or [derived_key("")]
    default_id = key_id(candidates[0])
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DISABLE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    rows = entry_model.objects.order_by("id").values("id", "entry_hash", "prev_hash", *HASHED_FIELDS)
    by_key: dict[str, list[int]] = {}
    for row in rows.iterator(chunk_size=2000):
        found = next((k for k in candidates if _digest(row, k) == row["entry_hash"]), None)
        by_key.setdefault(key_id(found) if found else default_id, []).append(row["id"])
    for kid, ids in by_key.items():
        for start in range(0, len(ids), 500):
            entry_model.objects.filter(id__in=ids[start : start + 500]).update(key_id=kid)
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_ENABLE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def recreate_sqlite_trigger(apps, schema_editor):
    """Reversing the AddField rebuilds the SQLite table (dropping the trigger): put it back."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
        schema_editor.execute(SQLITE_CREATE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_sqlite_trigger),
        migrations.AddField(
            model_name="accesslogentry",
            name="key_id",
            field=models.CharField(default="", editable=False, max_length=16),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

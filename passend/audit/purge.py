"""The access log's own retention (5 years): old entries go, the chain stays verifiable.

The log is a hash chain from a genesis hash. A purge deletes the oldest entries (a prefix of
the chain, by id, up to the first entry from the cut-off on) and appends a checkpoint entry
whose subject is the hash of the last entry removed and whose purpose says how many went; the
chain head's length drops by that number. ``check_chain`` starts at the newest checkpoint's
hash instead of the genesis, so the remaining entries verify as before, while removing or
changing any remaining entry, or the checkpoint itself, still breaks the chain.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from passend.advice.rules import add_months

from .models import AccessLogEntry, Action, ChainHead
from .services import CHECKPOINT_TYPE, log_system

KEEP_YEARS = 5
TRIGGER = "audit_accesslog_no_update"  # audit migration 0002: no UPDATE or DELETE of rows


def purge_cutoff(now=None) -> dt.datetime:
    """The start of the day five years ago: entries before it are past their retention."""
    today = timezone.localdate(now or timezone.now())
    day = add_months(today, -12 * KEEP_YEARS)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _prefix(before: dt.datetime):
    """The entries to go: every entry before the first one from `before` on (in chain order,
    so the rest stays one unbroken chain)."""
    first_kept = (
        AccessLogEntry.objects.filter(timestamp__gte=before)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    old = AccessLogEntry.objects.all()
    return old.filter(id__lt=first_kept) if first_kept is not None else old


@transaction.atomic
def purge_access_log(*, before, actor=None, dry_run: bool = False) -> dict:
    """Delete the access-log entries older than `before` and write the checkpoint. Returns
    {"deleted": n, "last_hash": hash or ""}; with nothing old (or a dry run) nothing changes."""
    ChainHead.objects.select_for_update().filter(pk=1).first()  # appends wait for the purge
    old = _prefix(before)
    count = old.count()
    if not count or dry_run:
        return {"deleted": count, "last_hash": ""}
    last = old.order_by("-id").first()
    with connection.cursor() as cursor:
        # The model refuses deletes (append-only) and on PostgreSQL so does a trigger: this is
        # the one sanctioned removal. The trigger is off only inside this transaction (DDL is
        # transactional there, and the table lock keeps every other writer out meanwhile).
        table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
        postgres = connection.vendor == "postgresql"
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGER}")
        cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [last.pk])  # noqa: S608
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGER}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ChainHead.objects.filter(pk=1).update(length=F("length") - count)
    log_system(
        action=Action.DELETE,
        subject_type=CHECKPOINT_TYPE,
        subject_ids=[last.entry_hash],
        purpose=(
            f"bewaartermijn toegangslog: {count} regels van vóór "
            f"{timezone.localdate(before):%Y-%m-%d} verwijderd"
        ),
        actor=actor,
        access_point="taak toegangslog opschonen",
    )
    return {"deleted": count, "last_hash": last.entry_hash}

"""Backup and restore round trip: seed, `backup_database`, `restore_database`, compare, verify.

    python bench/backup_roundtrip.py --count 10000
    python bench/backup_roundtrip.py --count 10000 \
        --database-url postgres://postgres@127.0.0.1:5432/passend_backup_bench
    python bench/backup_roundtrip.py --smoke

Seeds the demo region (--smoke: one team) and N synthetic cases (default 10,000) into an empty
database (default: a temporary SQLite file; a PostgreSQL database given with --database-url is
migrated and must hold no cases), each with a parent, real encrypted fields, the name index and
one access-log entry; every 25th case gets an encrypted PDF attachment. Then backs up with
`backup_database`, restores with `restore_database` into a fresh database of the same kind (a
temporary SQLite file, or a temporary PostgreSQL database next to the source, dropped
afterwards) in a separate process, and checks there: every table identical (rows and SHA-256),
sample cases decrypt and name search finds them, `verify_access_log` passes. Prints sizes and
seconds; exits 1 on a difference. Keys: fixed bench values, set for both processes (a backup is
unreadable without them).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import smoke  # bench/smoke.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
KEYS = {
    "DJANGO_SECRET_KEY": "bench-backup-secret-key-not-for-production",
    "PASSEND_FIELD_SALT_KEYS": "bench-backup-salt",
    "PASSEND_PSEUDONYM_KEY": "bench-backup-pseudonym",
    "PASSEND_AUDIT_KEY": "bench-backup-audit",
}
CHECK = """
import json
from django.core.management import call_command
from passend.cases import pseudonyms
from passend.cases.models import Casus, NameToken
from passend.core.backup import table_checksums
call_command("verify_access_log")
sample = list(Casus.objects.order_by("pk").values_list("pk", "last_name")[:50])
found = all(
    NameToken.objects.filter(casus_id=pk, digest__in=pseudonyms.search_digests(last)[0]).exists()
    for pk, last in sample
)
print(json.dumps({"tables": table_checksums(), "sample": sample, "found": found}))
"""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of cases (10000)")
    parser.add_argument("--database-url", help="source database (default: temporary SQLite)")
    parser.add_argument("--attachment-every", type=int, default=25, help="(25)")
    parser.add_argument("--smoke", action="store_true", help="tiny run on temporary SQLite (CI)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.count, args.attachment_every = min(args.count, 20), 5
    return args


def environment(url: str, var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    return {
        **env,
        **KEYS,
        "DJANGO_SETTINGS_MODULE": "passend.settings.dev",
        "DATABASE_URL": url,
        "PASSEND_VAR_DIR": str(var),
    }


def manage(*args: str, url: str, var: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(url, var),
        capture_output=True,
        text=True,
        check=False,
    )


def small_world():
    """--smoke: one team and one team member instead of the demo region (seconds, not tens)."""
    from passend.accounts.roles import Role
    from passend.core.tests.factories import MembershipFactory, TeamFactory, UserFactory

    team = TeamFactory()
    return MembershipFactory(team=team, user=UserFactory(), role=Role.TEAMLID)


def seed(count: int, every: int, *, demo_region: bool = True) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.test import RequestFactory

    from passend.accounts.models import Membership
    from passend.accounts.roles import Role
    from passend.audit.models import Action
    from passend.audit.services import log_access
    from passend.cases import attachments
    from passend.cases.models import Casus, Ouder
    from passend.cases.services import save_case
    from passend.cases.tests.files import pdf
    from passend.demo import case_data
    from passend.demo.region import load_demo_region

    if demo_region:
        load_demo_region()
        members = Membership.objects.select_related("team", "user").order_by("pk")
        member = members.filter(role=Role.TEAMLID).first()
    else:
        member = small_world()
    team, actor = member.team, member.user
    request = RequestFactory().get(f"/teams/{team.slug}/casussen/")
    request.user = actor
    firsts = case_data.FIRST_NAMES_GIRLS + case_data.FIRST_NAMES_BOYS
    lasts = [h + t for h in case_data.SURNAME_HEADS for t in case_data.SURNAME_TAILS]
    for start in range(0, count, 500):
        with transaction.atomic():
            batch = []
            for n in range(start, min(start + 500, count)):
                casus = save_case(
                    Casus(
                        team=team,
                        first_name=firsts[n % len(firsts)],
                        last_name=f"{lasts[n % len(lasts)].capitalize()}{n}",
                        bsn=f"{100000000 + n:09d}" if n % 3 else "",
                        referrer_type="01",
                        question="Synthetische back-upbenchmark.",
                        is_draft=False,
                    )
                )
                Ouder.objects.create(casus=casus, first_name="Ouder", last_name=f"Bench{n}")
                if n % every == 0:
                    upload = SimpleUploadedFile(f"verslag-{n}.pdf", pdf(f"bench {n}"))
                    attachments.add(casus, file=upload, actor=actor)
                batch.append(casus.pk)
            log_access(
                request,
                action=Action.READ,
                subject_type="casus",
                subject_ids=batch,
                purpose="back-upbenchmark",
                team=team,
            )


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def main(argv=None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="passend-backup-bench-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    source_url = args.database_url or (
        smoke.database_url() if args.smoke else f"sqlite:///{work / 'bron.sqlite3'}"
    )
    source_var, target_var = work / "bron", work / "hersteld"
    os.environ.update(environment(source_url, source_var))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from passend.cases.models import Casus
    from passend.core.backup import table_checksums

    smoke.migrate()
    if Casus.objects.exists():
        print("the source database holds cases; give an empty one", file=sys.stderr)
        return 2
    print(f"source: {connection.vendor} {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    seed(args.count, args.attachment_every, demo_region=not args.smoke)
    print(f"seeded {args.count} cases: {time.perf_counter() - started:.1f} s")

    archive = work / "passend-backup.tar.gz"
    started = time.perf_counter()
    call_command("backup_database", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    backup_seconds = time.perf_counter() - started
    expected = table_checksums()
    if connection.vendor == "sqlite":
        database_bytes = size(Path(connection.settings_dict["NAME"]))
        target_url = f"sqlite:///{work / 'hersteld.sqlite3'}"
        target_name = None
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            database_bytes = cursor.fetchone()[0]
        target_name = f"{connection.settings_dict['NAME']}_restore"[:63]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{target_name}"')
        target_url = source_url.rsplit("/", 1)[0] + f"/{target_name}"
    print(
        f"backup: {backup_seconds:.1f} s, archive {mb(size(archive))} "
        f"(database {mb(database_bytes)}, attachments {mb(size(source_var / 'media'))})"
    )
    try:
        started = time.perf_counter()
        restored = manage("restore_database", str(archive), url=target_url, var=target_var)
        restore_seconds = time.perf_counter() - started
        if restored.returncode != 0:
            print(restored.stdout + restored.stderr, file=sys.stderr)
            return 1
        print(f"restore (separate process, incl. start-up): {restore_seconds:.1f} s")
        started = time.perf_counter()
        checked = manage("shell", "-c", CHECK, url=target_url, var=target_var)
        if checked.returncode != 0:
            print(checked.stdout + checked.stderr, file=sys.stderr)
            return 1
        result = json.loads(checked.stdout.strip().splitlines()[-1])
        print(f"verify (log chain, checksums, search): {time.perf_counter() - started:.1f} s")
    finally:
        if target_name:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
    tables = {table: tuple(value) for table, value in result["tables"].items()}
    different = sorted(
        t for t in expected.keys() | tables.keys() if expected.get(t) != tables.get(t)
    )
    rows = sum(count for count, _digest in expected.values())
    print(f"tables: {len(expected)}, rows: {rows}, different: {different or 'none'}")
    print(f"sample of {len(result['sample'])} cases found by name: {result['found']}")
    print(f"attachments restored: {mb(size(target_var / 'media'))}; access log: intact")
    return 0 if not different and result["found"] else 1


if __name__ == "__main__":
    sys.exit(main())

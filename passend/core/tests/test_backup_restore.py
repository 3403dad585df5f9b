"""Backup and restore round trip, on the database the suite runs on (SQLite or PostgreSQL).

Data with encrypted fields, an attachment and access-log entries is backed up with
`backup_database`, restored with `restore_database` into a fresh database (a temporary file or
a temporary PostgreSQL database) by a separate process with production settings, and compared:
every table the same (rows and checksum), the cases decrypt with the keys, name search finds
them, the attachment is the same file and `verify_access_log` passes. With other keys the
names do not decrypt and the log does not verify.
"""

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory, override_settings

from passend.accounts.roles import Role
from passend.audit.models import Action
from passend.audit.services import log_access, verify_chain
from passend.cases import attachments
from passend.cases.management.commands.reencrypt_cases import reset_key_cache
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.cases.tests.files import pdf
from passend.core import backup

pytestmark = pytest.mark.django_db(transaction=True)

KEYS = {
    "DJANGO_SECRET_KEY": "herstel-secret-key-voor-de-test",
    "PASSEND_FIELD_SALT_KEYS": "herstel-zout",
    "PASSEND_PSEUDONYM_KEY": "herstel-pseudoniem",
    "PASSEND_AUDIT_KEY": "herstel-audit",
}
FILE = pdf("herstel")
CASES = [("Hanna", "Hersteldam", "123456782", dt.date(2011, 4, 9)), ("Ids", "Terugveld", "", None)]

CHECK = """
import hashlib, json
from django.core.management import call_command
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from passend.cases import attachments, pseudonyms
from passend.cases.models import Bijlage, Casus, NameToken
from passend.core.backup import table_checksums

def content(attachment):
    try:
        return hashlib.sha256(attachments.read(attachment)).hexdigest()
    except Exception as error:
        return type(error).__name__

def verified():
    try:
        call_command("verify_access_log")
        return "intact"
    except CommandError as error:
        return str(error)

def birth_dates():
    try:
        dates = Casus.objects.order_by("pk").values_list("birth_date", flat=True)
        return [str(d or "") for d in dates]
    except ValidationError:  # a Fernet token that does not decrypt is no date
        return "unreadable"

names = Casus.objects.order_by("pk").values_list("first_name", "last_name", "bsn")
found = NameToken.objects.filter(digest__in=pseudonyms.search_digests("hersteldam")[0])
print(json.dumps({
    "tables": table_checksums(),
    "cases": [[first, last, bsn or ""] for first, last, bsn in names],
    "birth_dates": birth_dates(),
    "found": sorted(found.values_list("casus__last_name", flat=True)),
    "files": [content(b) for b in Bijlage.objects.order_by("pk")],
    "log": verified(),
}))
"""


def in_settings(media: Path) -> dict:
    return {
        "SECRET_KEY": KEYS["DJANGO_SECRET_KEY"],
        "SECRET_KEY_FALLBACKS": [],
        "SALT_KEY": [KEYS["PASSEND_FIELD_SALT_KEYS"]],
        "PASSEND_PSEUDONYM_KEY": KEYS["PASSEND_PSEUDONYM_KEY"],
        "PASSEND_PSEUDONYM_KEY_FALLBACKS": [],
        "PASSEND_AUDIT_KEY": KEYS["PASSEND_AUDIT_KEY"],
        "PASSEND_AUDIT_KEY_FALLBACKS": [],
        "MEDIA_ROOT": media,
        "STORAGES": {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        },
    }


@pytest.fixture
def target_url(tmp_path):
    """A fresh, empty database of the vendor under test."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'hersteld.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_hersteld"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    port = f":{params['PORT']}" if params.get("PORT") else ""
    yield f"postgres://{params['USER']}{password}@{params['HOST']}{port}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, url: str, var: Path, **env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passend.settings.production",
        "DJANGO_ALLOWED_HOSTS": "passend.example.org",
        "DATABASE_URL": url,
        "PASSEND_VAR_DIR": str(var),
        **KEYS,
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def restored_content(url: str, var: Path, **env) -> dict:
    result = manage("shell", "-c", CHECK, url=url, var=var, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def source(tenancy, tmp_path):
    """Committed data under known keys, files on disk; yields what it should look like."""
    media = tmp_path / "bron-media"
    with override_settings(**in_settings(media)):
        reset_key_cache()
        try:
            for first, last, bsn, birth in CASES:
                casus = CasusFactory(
                    team=tenancy.a.team, first_name=first, last_name=last, bsn=bsn, birth_date=birth
                )
            OuderFactory(casus=casus, last_name="Terugveld-Ouder")
            attachments.add(
                casus,
                file=SimpleUploadedFile("herstel.pdf", FILE),
                actor=tenancy.a.users[Role.TEAMLID],
            )
            request = RequestFactory().get("/teams/x/casussen/")
            request.user = tenancy.a.users[Role.VOORZITTER]
            log_access(
                request,
                action=Action.READ,
                subject_type="casus",
                subject_ids=[casus.pk, casus.pk - 1],
                purpose="voor de back-up",
                team=tenancy.a.team,
            )
            assert verify_chain()[0]
            yield media, backup.table_checksums()
        finally:
            reset_key_cache()


def backup_to(path: Path, media: Path) -> str:
    with override_settings(**in_settings(media)):
        reset_key_cache()
        try:
            out = io.StringIO()
            call_command("backup_database", str(path), stdout=out)
            return out.getvalue()
        finally:
            reset_key_cache()


def test_round_trip_gives_identical_content_that_decrypts(source, target_url, tmp_path):
    media, tables = source
    archive = tmp_path / "passend.tar.gz"
    said = backup_to(archive, media)
    assert "It holds no keys" in said and "not next to this file" in said
    assert archive.stat().st_mode & 0o077 == 0, "the archive is readable by its owner only"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert backup.DUMPS[connection.vendor] in names
    assert any(n.startswith("media/bijlagen/") for n in names), "the attachment is included"
    assert manifest["media_files"] == 1 and manifest["vendor"] == connection.vendor
    assert not any(value in json.dumps(manifest) for value in KEYS.values()), "ids, no keys"

    var = tmp_path / "hersteld"
    result = manage("restore_database", str(archive), url=target_url, var=var)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr
    restored = restored_content(target_url, var)
    assert {t: tuple(v) for t, v in restored["tables"].items()} == tables
    assert restored["cases"] == [[first, last, bsn] for first, last, bsn, _birth in CASES]
    assert restored["birth_dates"] == [str(birth or "") for *_names, birth in CASES]
    assert restored["found"] == ["Hersteldam"], "name search works on the restored copy"
    assert restored["files"] == [hashlib.sha256(FILE).hexdigest()]
    assert restored["log"] == "intact"
    assert next((var / "media" / "bijlagen").iterdir()).read_bytes() != FILE, "still encrypted"

    # A target with data is not overwritten by accident; with --force it is, identically.
    again = manage("restore_database", str(archive), url=target_url, var=var)
    assert again.returncode != 0 and "--force" in again.stderr
    forced = manage("restore_database", "--force", str(archive), url=target_url, var=var)
    assert forced.returncode == 0, forced.stderr
    assert restored_content(target_url, var)["tables"] == restored["tables"]

    # Without the keys the copy is unreadable.
    wrong = {
        "DJANGO_SECRET_KEY": "een-andere-secret-key",
        "PASSEND_FIELD_SALT_KEYS": "een-ander-zout",
        "PASSEND_PSEUDONYM_KEY": "een-andere-pseudoniemsleutel",
        "PASSEND_AUDIT_KEY": "een-andere-auditsleutel",
    }
    unreadable = restored_content(target_url, var, **wrong)
    assert not {"Hanna", "Hersteldam", "123456782"} & {v for c in unreadable["cases"] for v in c}
    assert unreadable["birth_dates"] == "unreadable"
    assert unreadable["files"] == ["InvalidToken"]
    assert unreadable["found"] == []
    assert "unknown audit key id" in unreadable["log"]
    warned = manage("restore_database", "--force", str(archive), url=target_url, var=var, **wrong)
    assert "will not decrypt" in warned.stderr and "will not verify" in warned.stderr


def test_restore_refuses_another_vendor_or_file(source, target_url, tmp_path):
    media, _tables = source
    archive = tmp_path / "passend.tar.gz"
    backup_to(archive, media)
    other = "postgres://nobody@127.0.0.1:1/none" if connection.vendor == "sqlite" else None
    other = other or f"sqlite:///{tmp_path / 'leeg.sqlite3'}"
    refused = manage("restore_database", str(archive), url=other, var=tmp_path / "x")
    assert refused.returncode != 0 and "same kind of database" in refused.stderr
    junk = tmp_path / "geen-backup.tar.gz"
    with tarfile.open(junk, "w:gz"):
        pass
    refused = manage("restore_database", str(junk), url=target_url, var=tmp_path / "y")
    assert refused.returncode != 0 and "Not a Passend backup" in refused.stderr


@pytest.mark.vendor("postgresql")  # the client tools are only needed for PostgreSQL
def test_backup_without_pg_dump_says_what_to_install(tenancy, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match=r"pg_dump not found.*PostgreSQL client tools"):
        call_command("backup_database", str(tmp_path / "b.tar.gz"))
    assert not (tmp_path / "b.tar.gz").exists()

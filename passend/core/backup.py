"""Backup and restore of the whole installation: the database and the attachment files.

One archive (tar.gz) holds ``manifest.json``, the database (SQLite: a copy made with the
sqlite3 online backup API, consistent while the app keeps writing in WAL mode; PostgreSQL:
``pg_dump -Fc``) and ``media/`` (MEDIA_ROOT: the attachments, encrypted at rest with the same
keys as the database fields). Database and files belong together: a case without its
attachments, or files without the rows that name them, is not a restore. The database is copied
first, then the files, so every file the copy refers to is in the archive (a file added in
between is an unused extra; attachments are not deleted in normal use).

The archive holds no keys. Without DJANGO_SECRET_KEY, PASSEND_FIELD_SALT_KEYS,
PASSEND_PSEUDONYM_KEY and PASSEND_AUDIT_KEY it is unreadable: names, BSN and files do not
decrypt, name search and the access log cannot be verified. The manifest records only key
*ids* (fingerprints), so a restore can say when the configured keys are not the backup's.
"""

import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import OperationalError, connection, connections
from django.utils import timezone

from passend.audit.chain import verification_keys

FORMAT = "passend-backup"
VERSION = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


# -- keys: ids only --------------------------------------------------------------------------


def _fingerprint(key: bytes) -> str:
    return hmac.new(key, b"passend-backup-key-id", hashlib.sha256).hexdigest()[:16]


def key_ids() -> dict:
    """Non-secret ids of the keys in force: the first field key (encrypts), the pseudonym key,
    the audit key."""
    from passend.audit.chain import current_key_id
    from passend.cases import pseudonyms
    from passend.cases.models import Casus

    field_keys = Casus._meta.get_field("last_name").keys
    return {
        "fields": _fingerprint(field_keys[0]),
        "pseudonym": _fingerprint(pseudonyms._keys()[0]),
        "audit": current_key_id(),
    }


def configured_field_key_ids() -> set[str]:
    from passend.cases.models import Casus

    return {_fingerprint(key) for key in Casus._meta.get_field("last_name").keys}


def configured_pseudonym_key_ids() -> set[str]:
    from passend.cases import pseudonyms

    return {_fingerprint(key) for key in pseudonyms._keys()}


# -- content: what a round trip must keep ----------------------------------------------------


def table_checksums(using: str = "default") -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 over every row, in primary-key order, per table."""
    conn = connections[using]
    result = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            quoted = conn.ops.quote_name(table)
            pk = conn.introspection.get_primary_key_column(cursor, table)
            order = conn.ops.quote_name(pk) if pk else "1"
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608
            digest, count = hashlib.sha256(), 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(row)).encode())
                count += 1
            result[table] = (count, digest.hexdigest())
    return result


def has_data(using: str = "default") -> list[str]:
    """Tables of the target database that hold rows (empty list: safe to restore into)."""
    conn = connections[using]
    full = []
    with conn.cursor() as cursor:
        for table in conn.introspection.table_names(cursor):
            cursor.execute(f"SELECT 1 FROM {conn.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                full.append(table)
    return sorted(full)


# -- media -----------------------------------------------------------------------------------


def media_root() -> Path | None:
    """The directory of the attachment files, or None when they are not on the file system
    (another storage backend keeps its own backups)."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(default_storage.location)
    return None


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


# -- PostgreSQL client tools -----------------------------------------------------------------


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found on PATH. Install the PostgreSQL client tools (the same major "
            "version as the server or newer, e.g. the postgresql-client package) and try again."
        )
    return path


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    env = {**os.environ}
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if options.get(option):
            env[variable] = str(options[option])
    return [*args, "--dbname", settings_dict["NAME"]], env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# -- backup ----------------------------------------------------------------------------------


def _dump_database(target: Path) -> None:
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # Online backup: a consistent snapshot, also while other processes write (WAL).
            connection.connection.backup(copy)
        finally:
            copy.close()
    elif vendor == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        _run([_pg_tool("pg_dump"), "--format=custom", "--file", str(target), *args], env)
    else:
        raise BackupError(f"No backup for database vendor {vendor!r}.")


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode = 0o700 if info.isdir() else 0o600
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def backup(path: Path) -> dict:
    """Write the archive to `path` (mode 0600); returns the manifest."""
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"No backup for database vendor {vendor!r}.")
    root = media_root()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="passend-backup-") as work:
        dump = Path(work) / DUMPS[vendor]
        _dump_database(dump)  # first the database, then the files it refers to
        files = _media_files(root) if root else []
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now().isoformat(),
            "vendor": vendor,
            "database": DUMPS[vendor],
            "database_bytes": dump.stat().st_size,
            "media": root is not None,
            "media_files": len(files),
            "media_bytes": sum(f.stat().st_size for f in files),
            "key_ids": key_ids(),
        }
        partial = path.with_name(path.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=DUMPS[vendor], filter=_private)
            for file in files:
                name = f"{MEDIA}/{file.relative_to(root).as_posix()}"
                tar.add(file, arcname=name, filter=_private)
        partial.replace(path)  # a finished archive or none: never half a backup under the name
    return manifest


# -- restore ---------------------------------------------------------------------------------


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("Not a Passend backup (no manifest.json).") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError("Not a Passend backup of a format this version can restore.")
    return manifest


def _restore_sqlite(dump: Path) -> None:
    name = connection.settings_dict["NAME"]
    connection.close()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(name, timeout=20)
    try:
        source.backup(target)  # replaces every page of the target, under its write lock
    finally:
        target.close()
        source.close()


def _restore_postgresql(dump: Path) -> None:
    args, env = _pg_args(connection.settings_dict)
    connection.close()
    command = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl"]
    command += ["--exit-on-error"]
    _run([*command, "--single-transaction", *args, str(dump)], env)


def restore(path: Path, *, force: bool = False) -> tuple[dict, list[str]]:
    """Replace the database and the media files with the archive's. Returns (manifest,
    warnings). Refuses a target that holds data unless `force`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    warnings = []
    with tarfile.open(path, mode="r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(tar)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['vendor']} database; the target is "
                f"{connection.vendor}. Restore it into the same kind of database."
            )
        root = media_root()
        try:
            full = has_data()
        except OperationalError as error:
            raise BackupError(f"Cannot open the target database: {error}".strip()) from error
        media_present = bool(root and _media_files(root))
        if (full or media_present) and not force:
            where = ", ".join(full[:5]) + (" …" if len(full) > 5 else "")
            raise BackupError(
                "The target is not empty ("
                + (f"tables with rows: {where}" if full else "")
                + ("; " if full and media_present else "")
                + (f"files in {root}" if media_present else "")
                + "). A restore replaces everything in it: run again with --force to do so."
            )
        if manifest["key_ids"]["fields"] not in configured_field_key_ids():
            warnings.append(
                "The configured DJANGO_SECRET_KEY / PASSEND_FIELD_SALT_KEYS are not the keys "
                "this backup was made with: names, BSN and attachments will not decrypt."
            )
        if manifest["key_ids"]["pseudonym"] not in configured_pseudonym_key_ids():
            warnings.append(
                "PASSEND_PSEUDONYM_KEY (and its fallbacks) is not the key of this backup: name "
                "search and duplicate recognition find nothing until reencrypt_cases has run "
                "with the backup's key as fallback."
            )
        if manifest["key_ids"]["audit"] not in verification_keys():
            warnings.append(
                "PASSEND_AUDIT_KEY (and its fallbacks) does not hold the key of this backup: "
                "verify_access_log will not verify the restored log."
            )
        tar.extractall(work, filter="data")
        dump = Path(work) / manifest["database"]
        if connection.vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
        if manifest["media"] and root is not None:
            _replace_media(Path(work) / MEDIA, root)
        elif manifest["media_files"] and root is None:
            warnings.append(
                "The backup holds attachment files but the file storage here is not "
                "the file system: they were not restored."
            )
    return manifest, warnings


def _replace_media(source: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, root, dirs_exist_ok=True)

"""Backups that restore: the database, public media and private evidence in one timestamped
folder with a manifest of SHA-256 checksums (`manage.py backup`), and the way back into an empty
database and empty storage (`manage.py restore`).

- PostgreSQL: `pg_dump --format=custom` / `pg_restore --single-transaction`; SQLite: the online
  backup API (a consistent copy while the site runs).
- Files go through Django's storage API, so local folders and S3 buckets work alike.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection

MANIFEST = "manifest.json"
FORMAT = 1
#: Storage alias -> folder inside the backup.
STORAGE_FOLDERS = {"default": "media", "private": "private"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def walk(storage: Storage, folder: str = ""):
    """Every file name in a storage (recursively), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from walk(storage, f"{folder}/{sub}" if folder else sub)


def _pg_args_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    # The commands are fixed (pg_dump/pg_restore); only settings and paths are arguments.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(target: Path) -> str:
    vendor = connection.vendor
    name = settings.DATABASES["default"]["NAME"]
    if vendor == "postgresql":
        args, env = _pg_args_env()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", *args,
             "--file", str(target / "database.dump"), "--dbname", str(name)],
            env,
        )  # fmt: skip
        return "database.dump"
    if vendor == "sqlite":
        source = sqlite3.connect(str(name))
        copy = sqlite3.connect(str(target / "database.sqlite3"))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return "database.sqlite3"
    raise BackupError(f"no backup for a {vendor} database")


def backup(output: Path) -> Path:
    """Write a backup folder below `output`; returns its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(output) / f"goedwerk-backup-{stamp}"
    target.mkdir(parents=True)
    database = _dump_database(target)
    counts = {}
    for alias, folder in STORAGE_FOLDERS.items():
        storage = storages[alias]
        counts[folder] = 0
        for name in walk(storage):
            destination = target / folder / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, destination.open("wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
            counts[folder] += 1
    files = {
        path.relative_to(target).as_posix(): {"sha256": sha256(path), "size": path.stat().st_size}
        for path in sorted(target.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "database": {"vendor": connection.vendor, "file": database},
        "storages": dict(STORAGE_FOLDERS),
        "counts": counts,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return target


def verify(source: Path) -> dict:
    """The manifest, after checking that every file is there, unchanged, and nothing is extra."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    present = {
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    listed = set(manifest["files"])
    if present != listed:
        raise BackupError(
            f"files differ from the manifest: missing {sorted(listed - present)[:5]}, "
            f"extra {sorted(present - listed)[:5]}"
        )
    for name, entry in manifest["files"].items():
        if sha256(source / name) != entry["sha256"]:
            raise BackupError(f"checksum mismatch: {name}")
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(source: Path) -> dict:
    """Restore a verified backup into an empty database and empty storages."""
    source = Path(source)
    manifest = verify(source)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"the backup holds a {vendor} database, this is {connection.vendor}")
    if not _database_is_empty():
        raise BackupError("the database is not empty: restore only into an empty database")
    for alias in STORAGE_FOLDERS:
        if next(walk(storages[alias]), None) is not None:
            raise BackupError(
                f"the {alias!r} storage is not empty: restore only into empty storage"
            )

    database = source / manifest["database"]["file"]
    if vendor == "postgresql":
        args, env = _pg_args_env()
        connection.close()
        _run(
            ["pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-acl",
             *args, "--dbname", str(settings.DATABASES["default"]["NAME"]), str(database)],
            env,
        )  # fmt: skip
    else:
        connection.close()
        with sqlite3.connect(str(database)) as backup_db:
            target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
            try:
                backup_db.backup(target)
            finally:
                target.close()

    for alias, folder in manifest["storages"].items():
        storage = storages[alias]
        prefix = f"{folder}/"
        for name in sorted(n for n in manifest["files"] if n.startswith(prefix)):
            stored_as = name[len(prefix) :]
            with (source / name).open("rb") as handle:
                saved = storage.save(stored_as, File(handle, name=stored_as))
            if saved != stored_as:
                raise BackupError(f"{alias}: {stored_as} was stored as {saved}")
    return manifest

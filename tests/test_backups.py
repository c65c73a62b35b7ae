"""Backups: restore checks every file against the manifest and refuses a non-empty target
before touching anything. (The full round trip on PostgreSQL with the demo content is
bench/backup_roundtrip.sh, run by CI.)"""

import hashlib
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError

from goedwerk.backups import MANIFEST, walk


def _fake_backup(folder, files: dict[str, bytes], vendor="sqlite"):
    folder.mkdir()
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    manifest = {
        "format": 1,
        "database": {"vendor": vendor, "file": "database.sqlite3"},
        "storages": {"default": "media", "private": "private"},
        "counts": {"media": 1, "private": 1},
        "files": {
            name: {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            for name, content in files.items()
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest))
    return folder


FILES = {
    "database.sqlite3": b"not really a database",
    "media/original_images/haven.png": b"png",
    "private/evidence/abc.pdf": b"%PDF-1.4",
}


def test_check_accepts_an_intact_backup(tmp_path, capsys):
    backup = _fake_backup(tmp_path / "backup", FILES)
    call_command("restore", str(backup), "--check")
    assert "verified" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: (b / "private/evidence/abc.pdf").write_bytes(b"%PDF-1.5"), "checksum mismatch"),
        (lambda b: (b / "media/original_images/haven.png").unlink(), "missing"),
        (lambda b: (b / "media/extra.txt").write_bytes(b"x"), "extra"),
        (lambda b: (b / MANIFEST).write_text("{"), "no readable"),
    ],
)
def test_damaged_backups_are_refused(tmp_path, damage, message):
    backup = _fake_backup(tmp_path / "backup", FILES)
    damage(backup)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(backup), "--check")


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    from django.db import connection

    backup = _fake_backup(tmp_path / "backup", FILES, vendor=connection.vendor)
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(backup))
    # Nothing was written to the storages.
    assert list(walk(storages["default"])) == []
    assert list(walk(storages["private"])) == []


@pytest.mark.django_db
def test_restore_refuses_another_database_vendor(tmp_path):
    backup = _fake_backup(tmp_path / "backup", FILES, vendor="oracle")
    with pytest.raises(CommandError, match="oracle"):
        call_command("restore", str(backup))


def test_walk_lists_every_file_in_a_storage_recursively():
    storage = storages["private"]
    for name in ("evidence/b.pdf", "evidence/a.pdf", "top.txt", "evidence/deep/c.pdf"):
        storage.save(name, ContentFile(b"x"))
    assert list(walk(storage)) == [
        "top.txt",
        "evidence/a.pdf",
        "evidence/b.pdf",
        "evidence/deep/c.pdf",
    ]

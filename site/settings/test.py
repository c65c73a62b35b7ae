"""Test settings: fast hashing, in-memory e-mail, private files in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ALLOWED_HOSTS = ["*"]
GOEDWERK_ENVIRONMENT = "test"

_tmp = Path(os.environ.get("GOEDWERK_TEST_FILES", tempfile.mkdtemp(prefix="goedwerk-test-")))
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
# Tests never use object storage configured in the environment (tests/partners/test_storage_s3.py
# switches to a local fake explicitly).
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
# Tests never send texts to a machine translator configured in the environment
# (tests/home/test_machine_translation.py configures a local fake explicitly).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off in tests, which change content without publishing; tests/test_pagecache.py turns it on.
GOEDWERK_PAGE_CACHE = False
SESSION_ENGINE = "django.contrib.sessions.backends.db"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite: the test database is a file (not the default in-memory one), so tests can run real
# concurrent writers against it with the settings production uses (WAL, busy timeout).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # In memory-backed /dev/shm where there is one: as fast as SQLite's own in-memory database.
    _shm = Path("/dev/shm")  # noqa: S108
    _db_dir = Path(tempfile.mkdtemp(prefix="goedwerk-db-", dir=_shm)) if _shm.is_dir() else _tmp
    DATABASES["default"]["TEST"] = {"NAME": str(_db_dir / "test.sqlite3")}  # noqa: F405

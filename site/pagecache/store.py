"""Keys, versions and lifetimes of the page cache."""

import math
import uuid
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.module_loading import import_string

KEY_PREFIX = "goedwerk:page"


def _prefix() -> str:
    """The prefix of this release's keys: the pages of an earlier release are never found."""
    return f"{KEY_PREFIX}:{getattr(settings, 'GOEDWERK_RELEASE', 'dev')}"


def enabled() -> bool:
    return getattr(settings, "GOEDWERK_PAGE_CACHE", False)


def cache():
    return caches[getattr(settings, "GOEDWERK_PAGE_CACHE_ALIAS", "default")]


def _version_key(path: str) -> str:
    return f"{_prefix()}:v:{path}"


def response_key(host: str, path: str, version: str, language: str = "") -> str:
    return f"{_prefix()}:r:{version}:{host}:{language}:{path}"


def path_version(path: str, *, create: bool = False) -> str | None:
    """The current version of ``path``: None when it has none (nothing of it is cached, or the
    version was evicted, which makes whatever was stored under the old one unreachable)."""
    key = _version_key(path)
    version = cache().get(key)
    if version is None and create:
        cache().add(key, uuid.uuid4().hex, timeout=None)
        version = cache().get(key)
    return version


def purge_path(path: str) -> None:
    """Forget every cached copy of ``path`` (every host, every language)."""
    cache().set(_version_key(path), uuid.uuid4().hex, timeout=None)


def purge_url(url: str) -> None:
    purge_path(urlsplit(url).path or "/")


def _expiry_functions():
    return [import_string(name) for name in getattr(settings, "GOEDWERK_PAGE_CACHE_EXPIRY", [])]


def next_change(now: datetime | None = None) -> datetime | None:
    """The earliest moment at or after ``now`` at which what a page shows changes by itself
    (a job fair starts or ends), from every function in GOEDWERK_PAGE_CACHE_EXPIRY."""
    now = now or timezone.now()
    moments = [moment for fn in _expiry_functions() if (moment := fn(now)) is not None]
    return min(moments, default=None)


def lifetime(now: datetime | None = None) -> int:
    """Seconds a page rendered at ``now`` may be kept, by this cache and by any other (the
    timeout in the cache and s-maxage are both this). 0: do not keep it."""
    now = now or timezone.now()
    seconds = getattr(settings, "GOEDWERK_PAGE_CACHE_SECONDS", 600)
    change = next_change(now)
    if change is not None:
        seconds = min(seconds, math.ceil((change - now).total_seconds()))
    return max(seconds, 0)

"""Background tasks: production queues them in the database and `manage.py db_worker` runs them;
development and tests run them at once. Wagtail enqueues its own (reference index updates)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, ReferenceIndex

from events.factories import JobFairPageFactory

from .partners import helpers

ROOT = Path(__file__).resolve().parents[1]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _settings_value(module: str, expression: str, **env) -> str:
    """Import a settings module in a clean interpreter with the given environment."""
    code = f"import {module} as s; print({expression})"
    clean = {k: v for k, v in os.environ.items() if k not in {"TASKS_BACKEND", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x" * 60, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_production_queues_in_the_database_and_development_runs_at_once():
    backend = "s.TASKS['default']['BACKEND']"
    assert _settings_value("goedwerk.settings.production", backend) == (
        "django_tasks_db.DatabaseBackend"
    )
    assert _settings_value("goedwerk.settings.dev", backend) == (
        "django_tasks.backends.immediate.ImmediateBackend"
    )
    assert _settings_value(
        "goedwerk.settings.dev", backend, TASKS_BACKEND="django_tasks_db.DatabaseBackend"
    ) == ("django_tasks_db.DatabaseBackend")


def test_sessions_live_in_the_shared_cache_and_the_database_with_redis():
    engine = "getattr(s, 'SESSION_ENGINE', 'django.contrib.sessions.backends.db')"
    cache = "s.CACHES['default']['BACKEND']"
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/6"}
    assert _settings_value("goedwerk.settings.production", engine, **redis) == (
        "django.contrib.sessions.backends.cached_db"
    )
    assert _settings_value("goedwerk.settings.production", cache, **redis) == (
        "django.core.cache.backends.redis.RedisCache"
    )
    # Without a shared cache: plain database sessions (a per-process cache would go stale).
    assert _settings_value("goedwerk.settings.production", engine) == (
        "django.contrib.sessions.backends.db"
    )


@pytest.mark.django_db(transaction=True)
def test_wagtail_enqueues_into_the_database_and_db_worker_runs_it():
    # Earlier transactional tests (the browser tests) flush what the migrations made: the root
    # collection and the root page come back when they are missing.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(
            title="Root", slug="root", locale=Locale.objects.get_or_create(language_code="nl")[0]
        )
    )
    image = Image.objects.create(title="Haven", file=helpers.png_file("haven.png"))
    with override_settings(TASKS=DATABASE_QUEUE):
        fair = root.add_child(
            instance=JobFairPageFactory.build(image=image, image_alt="Haven", slug="markt")
        )
        queued = DBTaskResult.objects.filter(
            task_path="wagtail.tasks.update_reference_index_task", status="READY"
        )
        assert queued.filter(args_kwargs__args__2=str(fair.pk)).exists()
        # Nothing has run yet: the page's reference to its image is not indexed.
        assert not ReferenceIndex.get_references_to(image).exists()

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() >= 1
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(fair.pk)).exists()


@pytest.mark.django_db
def test_tests_run_tasks_at_once():
    # Earlier transactional tests (the browser tests) flush what the migrations made: the root
    # collection and the root page come back when they are missing.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(
            title="Root", slug="root", locale=Locale.objects.get_or_create(language_code="nl")[0]
        )
    )
    image = Image.objects.create(title="Haven", file=helpers.png_file("haven.png"))
    fair = root.add_child(
        instance=JobFairPageFactory.build(image=image, image_alt="Haven", slug="markt")
    )
    assert not DBTaskResult.objects.exists()
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(fair.pk)).exists()

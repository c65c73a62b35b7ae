"""Serve the demo site under gunicorn with production settings; print requests/second and queries
per page for the home page and a campaign page.

Usage: uv run python bench/public_pages.py [--requests N] [--concurrency C] [--workers W]
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="goedwerk.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "goedwerk.settings.dev"}
    manage(dev_env, "migrate", "--no-input", "-v0")
    manage(dev_env, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v0")


QUERY_COUNT_SCRIPT = """
import django, json, sys
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for path in sys.argv[1:]:
    client.get(path, secure=True)  # warm caches once, as a running server would
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, secure=True)
    counts[path] = [response.status_code, len(ctx.captured_queries)]
print(json.dumps(counts))
"""

FIND_PAGES_SCRIPT = """
import django
django.setup()
from wagtail.models import Locale, Page
nl = Locale.objects.get(language_code="nl")
pages = Page.objects.live().filter(locale=nl).specific()
home = next(p for p in pages if type(p).__name__ == "HomePage")
campaign = next((p for p in pages if type(p).__name__ == "CampaignPage"), home)
print(home.get_url(), campaign.get_url())
"""


def python(env: dict[str, str], script: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def hammer(url: str, requests: int, concurrency: int) -> tuple[float, int]:
    def fetch(_):
        req = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(req, timeout=30) as response:
            response.read()
            return response.status

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        statuses = list(pool.map(fetch, range(requests)))
    elapsed = time.perf_counter() - start
    return requests / elapsed, sum(1 for s in statuses if s != 200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="goedwerk-bench-") as tmp:
        env = production_env(Path(tmp))
        print("Preparing a database with the demo content…", flush=True)
        prepare(env)
        home_path, campaign_path = python(env, FIND_PAGES_SCRIPT).split()
        counts = python(env, QUERY_COUNT_SCRIPT, home_path, campaign_path)

        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "goedwerk.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + home_path, timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            print(f"\nqueries per page (second request): {counts}")
            print(f"{'page':<40} {'req/s':>8} {'errors':>7}")
            for label, path in (
                ("home " + home_path, home_path),
                ("campaign " + campaign_path, campaign_path),
            ):
                hammer(base + path, min(20, args.requests), args.concurrency)  # warm-up
                rate, errors = hammer(base + path, args.requests, args.concurrency)
                print(f"{label:<40} {rate:8.1f} {errors:7d}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()

"""Serve the demo site under gunicorn with production settings; print requests/second and queries
per page for the home page and a campaign page, from the page cache and rendered (uncached), beside
a static file served by the same gunicorn (WhiteNoise) as the ceiling, with the ratios. Also the
cold start (gunicorn started to the first 200) and the workers' memory after the run.

Usage: uv run python bench/public_pages.py [--requests N] [--concurrency C] [--workers W]
       [--redis redis://127.0.0.1:6379/11]
"""

import argparse
import os
import re
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


def worker_rss_mib(master_pid: int) -> list[float]:
    """Resident memory of gunicorn's workers (the master's children), from /proc."""
    sizes = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return sizes


def static_path(html: str) -> str:
    """The first collected static file the page links to (the style sheet)."""
    match = re.search(r'href="(/static/[^"]+\.css)"', html)
    if not match:
        raise SystemExit("no style sheet found in the home page")
    return match.group(1)


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
    parser.add_argument(
        "--redis",
        default="",
        help="REDIS_URL for the cache (as in production); default: the database cache, which "
        "production uses without Redis",
    )
    parser.add_argument(
        "--no-preload", action="store_true", help="GUNICORN_PRELOAD=false (each worker imports)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="goedwerk-bench-") as tmp:
        env = production_env(Path(tmp))
        if args.redis:
            env["REDIS_URL"] = args.redis
        print("Preparing a database with the demo content…", flush=True)
        prepare(env)
        home_path, campaign_path = python(env, FIND_PAGES_SCRIPT).split()
        counts = python(
            {**env, "GOEDWERK_PAGE_CACHE": "false"}, QUERY_COUNT_SCRIPT, home_path, campaign_path
        )

        port = free_port()
        started = time.perf_counter()
        # deploy/gunicorn.conf.py, as in production (preloaded app, forked workers).
        server_env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_ACCESS_LOG": "",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_PRELOAD": "false" if args.no_preload else "true",
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "goedwerk.wsgi"],
            cwd=ROOT,
            env=server_env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            html = ""
            for _ in range(600):
                try:
                    with urllib.request.urlopen(base + home_path, timeout=1) as response:
                        html = response.read().decode()
                    break
                except OSError:
                    time.sleep(0.05)
            cold_start = time.perf_counter() - started
            print(
                f"\ncold start (gunicorn started -> first 200 of {home_path}): {cold_start:.2f} s"
            )
            print(f"queries per page (second request, page cache off): {counts}")
            cache = "Redis" if args.redis else "database cache (no REDIS_URL)"
            print(f"page cache in: {cache}; uncached = the same page with a query string")
            static = static_path(html)
            print(f"static ceiling: {static} served by WhiteNoise in the same gunicorn")
            print(f"{'page':<40} {'req/s':>8} {'errors':>7} {'ratio':>7}")
            hammer(base + static, min(20, args.requests), args.concurrency)
            ceiling, errors = hammer(base + static, args.requests, args.concurrency)
            print(f"{'static ' + static[-30:]:<40} {ceiling:8.1f} {errors:7d} {1:7.2f}")
            for label, path in (
                ("home " + home_path, home_path),
                ("campaign " + campaign_path, campaign_path),
            ):
                for kind, url in (("cached", path), ("uncached", path + "?bench=1")):
                    hammer(base + url, min(20, args.requests), args.concurrency)  # warm-up
                    rate, errors = hammer(base + url, args.requests, args.concurrency)
                    name = f"{label} {kind}"
                    print(f"{name:<40} {rate:8.1f} {errors:7d} {rate / ceiling:7.2f}")
            rss = ", ".join(f"{size:.0f}" for size in worker_rss_mib(server.pid))
            print(f"worker memory after the run (RSS, MiB): {rss}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)  # gunicorn lets requests finish (graceful_timeout)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()

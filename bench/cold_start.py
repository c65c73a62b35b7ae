"""Cold start and worker memory of the production web process (issue #14: under 3 s, about
92 MiB per worker).

Starts gunicorn as the image does (``deploy/gunicorn.conf.py``, production settings, preload on)
and prints the seconds from starting it to the first 200 of ``/nl/`` (wall time, and the CPU
time the master spent until then: on a busy machine the wall time is mostly waiting for a CPU),
then sends ``--requests`` requests to a mix of public pages (every live page of every language,
the search page with a query, a static file) and prints each worker's RSS. The same two numbers
for a baseline: gunicorn with the same configuration serving a three-line WSGI application that
answers with one static file, i.e. what Python and gunicorn cost before the site.

The database must be migrated and hold content (``load_demo``); give it as ``DATABASE_URL``:

    createdb -h 127.0.0.1 -U postgres goedwerk_cold
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/goedwerk_cold
    DJANGO_SETTINGS_MODULE=goedwerk.settings.dev uv run python manage.py migrate
    DJANGO_SETTINGS_MODULE=goedwerk.settings.dev uv run python manage.py load_demo
    uv run python bench/cold_start.py [--requests 2000] [--workers 2] [--concurrency 4]

The static files are collected into a temporary folder first (not timed). The image runs from
compiled bytecode (``UV_COMPILE_BYTECODE``, ``compileall`` in the Dockerfile); a virtual
environment made by ``uv sync`` without it compiles every module on each start (about three
times the CPU time), so the script says whether ``.pyc`` files are there (``--compile`` writes
them first). Only loopback addresses are used; every loop is bounded.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ["home", "events", "partners", "site"]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from public_pages import free_port  # noqa: E402

PAGES_SCRIPT = """
import django
django.setup()
from wagtail.models import Page
for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
    url = page.get_url()
    if url:
        print(url)
"""

BASELINE_APP = """
from pathlib import Path

BODY = Path({path!r}).read_bytes()


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/css"), ("Content-Length", str(len(BODY)))])
    return [BODY]
"""


def bytecode_status() -> str:
    """Whether the installed packages have compiled bytecode next to them (as in the image)."""
    import django

    source = Path(django.__file__).parent / "db" / "models" / "query.py"
    compiled = list((source.parent / "__pycache__").glob("query.*.pyc"))
    return "compiled (.pyc present)" if compiled else "NOT compiled (every start compiles)"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_memory(master_pid: int) -> str:
    """Each worker's RSS (which counts the pages it shares with the preloading master) and, in
    brackets, its private memory (USS: what one more worker costs), in MiB, from /proc."""
    sizes = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            fields = {}
            for line in Path(f"/proc/{child}/smaps_rollup").read_text().splitlines()[1:]:
                name, value = line.split(":", 1)
                fields[name] = int(value.split()[0]) / 1024
            private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
            sizes.append(f"{fields['Rss']:.0f} ({private:.0f} private)")
    return ", ".join(sizes)


def fetch(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def start(args, env, app: str, first_path: str):
    """gunicorn with deploy/gunicorn.conf.py: (process, port, wall s, master CPU s, body)."""
    port = free_port()
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_MAX_REQUESTS": "0",  # no worker is replaced during the run
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app],
        cwd=ROOT,
        env=server_env,
    )
    deadline = started + 300
    while time.perf_counter() < deadline:
        try:
            status, body = fetch(f"http://127.0.0.1:{port}{first_path}")
            if status == 200:
                wall = time.perf_counter() - started
                return server, port, wall, cpu_seconds(server.pid), body
        except OSError:
            time.sleep(0.02)
    stop(server)
    raise SystemExit(f"no 200 from {app} within 300 s")


def stop(server) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def hammer(port: int, paths: list[str], requests: int, concurrency: int) -> tuple[float, dict]:
    def one(number):
        return fetch(f"http://127.0.0.1:{port}{paths[number % len(paths)]}")[0]

    begun = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        statuses = list(pool.map(one, range(requests)))
    counted: dict[int, int] = {}
    for status in statuses:
        counted[status] = counted.get(status, 0) + 1
    return time.perf_counter() - begun, counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--compile", action="store_true", help="compileall the venv first")
    parser.add_argument("--no-page-cache", action="store_true", help="GOEDWERK_PAGE_CACHE=false")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("set DATABASE_URL to a migrated database with content (see --help)")
    if args.compile:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "-j", "0", sys.prefix, *PROJECT],
            cwd=ROOT,
            check=False,
            capture_output=True,
        )

    with tempfile.TemporaryDirectory(prefix="goedwerk-cold-") as tmp:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="goedwerk.settings.production",
            SECRET_KEY=secrets.token_urlsafe(60),
            ALLOWED_HOSTS="localhost,127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=str(Path(tmp) / "static"),
            MEDIA_ROOT=str(Path(tmp) / "media"),
            PRIVATE_MEDIA_ROOT=str(Path(tmp) / "private"),
            PYTHONDONTWRITEBYTECODE="1",  # as in the image: nothing is compiled on the way
        )
        if args.no_page_cache:
            env["GOEDWERK_PAGE_CACHE"] = "false"
        for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            # migrate: nothing to do on a migrated database but the production cache's table.
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
        pages = subprocess.run(
            [sys.executable, "-c", PAGES_SCRIPT],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        print(f"bytecode: {bytecode_status()}; workers: {args.workers}; preload: on")
        print(f"load average: {os.getloadavg()[0]:.1f} (2 cores: above 2 the wall time waits)")

        server, port, wall, cpu, body = start(args, env, "goedwerk.wsgi", "/nl/")
        try:
            match = re.search(rb'href="(/static/[^"]+\.css)"', body)
            static = match.group(1).decode() if match else "/static/css/main.css"
            paths = [*pages, "/nl/zoeken/?q=werk", "/pl/zoeken/?q=praca", static]
            print(f"site: first 200 of /nl/ after {wall:.2f} s (master CPU {cpu:.2f} s)")
            took, statuses = hammer(port, paths, args.requests, args.concurrency)
            print(
                f"site: {args.requests} requests to {len(paths)} paths in {took:.1f} s "
                f"(statuses {statuses}); worker RSS (MiB): {worker_memory(server.pid)}"
            )
        finally:
            stop(server)

        static_file = Path(tmp) / "static" / static.removeprefix("/static/")
        app_dir = Path(tmp) / "baseline"
        app_dir.mkdir()
        (app_dir / "cold_baseline.py").write_text(BASELINE_APP.format(path=str(static_file)))
        base_env = {**env, "PYTHONPATH": str(app_dir)}
        server, port, wall, cpu, _ = start(args, base_env, "cold_baseline", "/")
        try:
            print(f"baseline: first 200 after {wall:.2f} s (master CPU {cpu:.2f} s)")
            took, statuses = hammer(port, ["/"], args.requests, args.concurrency)
            memory = worker_memory(server.pid)
            print(f"baseline: {args.requests} requests in {took:.1f} s; worker RSS (MiB): {memory}")
        finally:
            stop(server)


if __name__ == "__main__":
    main()

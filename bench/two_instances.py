"""Two web instances, one PostgreSQL, one Redis, one port: does the site behave as with one?

Starts two gunicorn instances (production settings, SECURE_SSL_REDIRECT off) on loopback ports
against a fresh PostgreSQL database and one Redis database, and a tiny round-robin TCP proxy in
front of them, then checks:

  sessions     a login made on A is valid on B; a logout on B ends it on A
  rate limits  failed logins alternating A/B through the proxy count together (6th: HTTP 429)
  publishing   a page published in the admin on A is live on B at once; unpublished, gone
  report save  a colleague's stale save on B after a save on A is refused (HTTP 409)

Prints a pass/fail table and exits non-zero on any failure. Loopback only; every request has a
timeout and the whole run a deadline.

    .venv/bin/python bench/two_instances.py            # ports 18150 (proxy), 18151, 18152
"""

import argparse
import base64
import contextlib
import hmac
import http.client
import itertools
import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SETUP_TIMEOUT = 1800  # migrating a fresh database; slow on a busy 2-core machine
CHECKS_TIMEOUT = 300
DEADLINE = time.monotonic() + SETUP_TIMEOUT + CHECKS_TIMEOUT
PASSWORD = "Twee-Instanties-2026!"  # noqa: S105 - a throw-away bench account
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


# --- A round-robin TCP proxy ----------------------------------------------------------------


class RoundRobinProxy(threading.Thread):
    """Each new client connection goes to the next backend; bytes are copied both ways."""

    def __init__(self, port: int, backends: list[int]):
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", port))
        self.backends = itertools.cycle(backends)
        self.served: list[int] = []

    def run(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            backend = next(self.backends)
            self.served.append(backend)
            upstream = socket.create_connection(("127.0.0.1", backend), timeout=30)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def stop(self):
        self.server.close()


# --- A minimal browser: cookies by hand (the cookies are Secure; this is plain HTTP) ---------


class Browser:
    def __init__(self, name: str):
        self.name = name
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, data: dict | None = None):
        if time.monotonic() > DEADLINE:
            raise TimeoutError("the bench ran past its deadline")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": "127.0.0.1", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            if "csrftoken" in self.cookies:
                data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ('""', "") or "Max-Age=0" in value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        conn.close()
        return response.status, response.getheader("Location") or "", content.decode()

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, data):
        self.get(port, path)  # the form first, as a person would: the CSRF cookie
        return self.request(port, "POST", path, data)


# --- Setting up ---------------------------------------------------------------------------------

SETUP = """
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site
from home.models import ContentPage, HomePage
from partners.factories import MembershipFactory, OrganisationFactory, ReportingPeriodFactory
from partners.models import Covenant, Indicator, Membership

User = get_user_model()
nl, _ = Locale.objects.get_or_create(language_code="nl")
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Bench", slug="bench-home", locale=nl))
site = Site.objects.get(is_default_site=True)
site.root_page = home
site.save()
news = home.add_child(instance=ContentPage(title="Bench news", slug="bench-news", live=False))
news.save_revision()
org = OrganisationFactory(name="Bench B.V.", slug="bench")
covenant = Covenant.objects.filter(locale=nl).first()
period = ReportingPeriodFactory(covenant=covenant, name="Bench period")
for email in ("een@bench.example", "twee@bench.example"):
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    MembershipFactory(organisation=org, user=user, role=Membership.Role.REPORTER)
staff = User.objects.create_superuser("staf@bench.example", "staf@bench.example", PASSWORD)
EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
TOTP.activate(staff, TOTP_SECRET)
indicator = Indicator.objects.filter(
    commitment__covenant=period.covenant, commitment__party="employer", value_type="count"
).order_by("commitment__order", "order").first()
print(news.pk, period.pk, indicator.pk)
"""


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=SETUP_TIMEOUT, **kwargs)


def wait_for(port: int, seconds: float = 90):
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/nl/account/login/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"instance on {port} did not come up")


def totp_code() -> str:
    """RFC 6238, as an authenticator app computes it (30 s steps, 6 digits, SHA-1)."""
    key = base64.b32decode(TOTP_SECRET)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


# --- The checks -------------------------------------------------------------------------------


def check_sessions(a, b):
    browser = Browser("reporter")
    status, location, _ = browser.post(
        a, "/nl/account/login/", {"login": "een@bench.example", "password": PASSWORD}
    )
    logged_in = status == 302 and "/account/login/" not in location
    status_b, _location_b, _ = browser.get(b, "/nl/portaal/bench/")
    valid_on_b = status_b == 200
    browser.post(b, "/nl/account/logout/", {})
    status_a, location_a, _ = browser.get(a, "/nl/portaal/bench/")
    ended_on_a = status_a == 302 and "/account/login/" in location_a
    return [
        ("login on A, dashboard on B", logged_in and valid_on_b, f"B answered {status_b}"),
        ("logout on B ends the session on A", ended_on_a, f"A answered {status_a}"),
    ]


def check_rate_limits(proxy_port, proxy):
    """allauth allows 5 failed logins per address in 5 minutes, counted in the cache. Failures
    alternate between A and B; after the fifth even the right password is refused with HTTP 429.
    With a per-process cache each instance would have counted only 2 or 3, and let it in."""
    browser = Browser("attacker")
    browser.get(proxy_port, "/nl/account/login/")  # the CSRF cookie, once
    start = len(proxy.served)
    attempts = [("fout", 200)] * 5 + [(PASSWORD, 429)]
    statuses = []
    for password, _expected in attempts:  # one connection each: the proxy alternates A, B, ...
        status, _, _ = browser.request(
            proxy_port,
            "POST",
            "/nl/account/login/",
            {"login": "twee@bench.example", "password": password},
        )
        statuses.append(status)
    backends = sorted(set(proxy.served[start:]))
    ok = statuses == [expected for _, expected in attempts] and len(backends) == 2
    return [
        (
            "5 failed logins on A and B: the right password is refused",
            ok,
            f"{statuses} via ports {backends} (302 would be a login)",
        )
    ]


def check_publishing(a, b, page_id):
    staff = Browser("staff")
    staff.post(a, "/nl/account/login/", {"login": "staf@bench.example", "password": PASSWORD})
    status, _, _ = staff.post(a, "/nl/account/2fa/authenticate/", {"code": totp_code()})
    admin_ok = staff.get(a, "/admin/")[0] == 200
    visitor = Browser("visitor")
    before = visitor.get(b, "/nl/bench-news/")[0]
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    staff.post(a, publish, {})
    after = visitor.get(b, "/nl/bench-news/")[0]
    unpublish = f"/admin/bulk/wagtailcore/page/unpublish/?id={page_id}"
    staff.post(a, unpublish, {})
    gone = visitor.get(b, "/nl/bench-news/")[0]
    return [
        ("staff sign in with MFA on A", admin_ok, f"2FA step {status}"),
        (
            "published on A: live on B; unpublished: gone",
            (before, after, gone) == (404, 200, 404),
            f"B answered {before} -> {after} -> {gone}",
        ),
    ]


def check_report_saves(a, b, period_id, indicator_id):
    path = f"/nl/portaal/bench/rapportages/{period_id}/"
    one, two = Browser("een"), Browser("twee")
    for browser, port, email in ((one, a, "een"), (two, b, "twee")):
        browser.post(
            port, "/nl/account/login/", {"login": f"{email}@bench.example", "password": PASSWORD}
        )
    # Both open the empty report (version 0); one saves on A, then the other on B.
    field = f"i{indicator_id}"
    first, to_first, _ = one.post(a, path, {"version": "0", field: "120"})
    second, _, html = two.post(b, path, {"version": "0", field: "130"})
    third, to_third, _ = two.request(b, "POST", path, {"version": csrf_version(html), field: "130"})
    saved = [to_first, to_third] == [path, path]  # a saved draft comes back to the report
    return [
        (
            "save on A, stale save on B refused, fresh save accepted",
            (first, second, third) == (302, 409, 302) and saved,
            f"A {first}, B stale {second}, B fresh {third}",
        )
    ]


def csrf_version(html: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', html)
    return match.group(1) if match else "0"


# --- Main -------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=18150, help="proxy; instances on +1, +2")
    parser.add_argument("--database", default="goedwerk_scale_two")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    a, b = args.port + 1, args.port + 2
    static = tempfile.mkdtemp(prefix="goedwerk-scale-two-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goedwerk.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{args.pg}/{args.database}",
        "REDIS_URL": args.redis,
        "STATIC_ROOT": f"{static}/static",
        "MEDIA_ROOT": f"{static}/media",
        "PRIVATE_MEDIA_ROOT": f"{static}/private",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{args.port}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "LOG_LEVEL": "WARNING",
    }
    pg_env = {**env, "PGHOST": urlsplit(args.pg).hostname or "127.0.0.1"}
    started = time.monotonic()
    print(f"Setting up {args.database}, Redis {args.redis}, ports {args.port} -> {a}, {b}")
    run(["dropdb", "--if-exists", args.database], pg_env, capture_output=True)
    run(["createdb", args.database], pg_env)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    setup = SETUP.replace("PASSWORD", repr(PASSWORD)).replace("TOTP_SECRET", repr(TOTP_SECRET))
    ids = run([PYTHON, "manage.py", "shell", "-c", setup], env, capture_output=True, text=True)
    page_id, period_id, indicator_id = ids.stdout.split()[-3:]
    run([PYTHON, "-c", "import redis,sys; redis.from_url(sys.argv[1]).flushdb()", args.redis], env)

    servers = [
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "goedwerk.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for port in (a, b)
    ]
    proxy = RoundRobinProxy(args.port, [a, b])
    proxy.start()
    rows = []
    global DEADLINE  # the checks have their own time budget, from now
    DEADLINE = time.monotonic() + CHECKS_TIMEOUT
    try:
        wait_for(a)
        wait_for(b)
        for check in (
            lambda: check_sessions(a, b),
            # Before the rate limits: those lock out the second reporter's address.
            lambda: check_report_saves(a, b, period_id, indicator_id),
            lambda: check_rate_limits(args.port, proxy),
            lambda: check_publishing(a, b, page_id),
        ):
            try:
                rows += check()
            except Exception as error:  # a broken check is a failed row, not a crash
                rows.append((getattr(check, "__name__", "check"), False, repr(error)))
    finally:
        proxy.stop()
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
        run(["dropdb", "--if-exists", args.database], pg_env, capture_output=True)

    width = max(len(label) for label, _, _ in rows)
    print(f"\n  {'check':<{width}}  result  detail")
    for label, ok, detail in rows:
        print(f"  {label:<{width}}  {'PASS' if ok else 'FAIL':<6}  {detail}")
    failed = sum(not ok for _, ok, _ in rows)
    print(f"\n{len(rows) - failed} passed, {failed} failed ({time.monotonic() - started:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

"""deploy/gunicorn.conf.py: values from the environment, and a real gunicorn with production
settings that answers /healthz without a Host header and writes no Server header."""

import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
GUNICORN_ENV = [
    "PORT",
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_MAX_WORKERS",
    "GUNICORN_TIMEOUT",
    "FORWARDED_ALLOW_IPS",
    "GUNICORN_PRELOAD",
]


def load_config(monkeypatch, **env):
    for name in GUNICORN_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_defaults(monkeypatch):
    config = load_config(monkeypatch)
    assert config["bind"] == ["0.0.0.0:8000"]
    cpus = len(os.sched_getaffinity(0))
    assert config["workers"] == min(2 * cpus + 1, 8)
    assert config["timeout"] == 120
    assert config["graceful_timeout"] == 30
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert "%({x-forwarded-for}i)s" in config["access_log_format"]
    assert "%(M)s" in config["access_log_format"]
    assert config["preload_app"] is True
    assert load_config(monkeypatch, GUNICORN_PRELOAD="false")["preload_app"] is False


def test_environment_overrides(monkeypatch):
    config = load_config(
        monkeypatch,
        PORT="9001",
        GUNICORN_WORKERS="5",
        GUNICORN_TIMEOUT="300",
        FORWARDED_ALLOW_IPS="*",
    )
    assert config["bind"] == ["0.0.0.0:9001"]
    assert (config["workers"], config["timeout"]) == (5, 300)
    assert config["forwarded_allow_ips"] == "*"
    assert load_config(monkeypatch, GUNICORN_MAX_WORKERS="1")["workers"] == 1


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raw_request(port, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def head_of(response: bytes) -> tuple[str, dict[str, str]]:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return head[0], {name.lower(): value for name, value in headers.items()}


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "GUNICORN_WORKERS": "1",
        "DJANGO_SETTINGS_MODULE": "goedwerk.settings.production",
        "SECRET_KEY": "gunicorn-test-" + "x" * 50,
        "ALLOWED_HOSTS": "goedwerk.example",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('gunicorn')}/db.sqlite3",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "goedwerk.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            raw_request(port, b"GET /healthz HTTP/1.0\r\n\r\n")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start:\n{process.stdout.read().decode()}")
            time.sleep(0.3)
    yield port
    process.terminate()
    process.wait(timeout=30)


def test_liveness_without_host_header_and_no_server_header(gunicorn):
    status, headers = head_of(raw_request(gunicorn, b"GET /healthz HTTP/1.0\r\n\r\n"))
    assert status == "HTTP/1.0 200 OK"
    assert "server" not in headers
    assert headers["content-type"] == "application/json"


def test_liveness_with_a_foreign_host_over_plain_http(gunicorn):
    request = b"GET /healthz HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    status, headers = head_of(raw_request(gunicorn, request))
    assert status == "HTTP/1.1 200 OK"
    assert "server" not in headers


def test_ordinary_pages_still_refuse_a_foreign_host(gunicorn):
    request = b"GET /nl/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    status, headers = head_of(raw_request(gunicorn, request))
    assert status.split(" ")[1] == "400"
    assert "server" not in headers


def test_ordinary_pages_redirect_plain_http_to_https(gunicorn):
    request = b"GET /nl/ HTTP/1.1\r\nHost: goedwerk.example\r\nConnection: close\r\n\r\n"
    status, headers = head_of(raw_request(gunicorn, request))
    assert status.split(" ")[1] == "301"
    assert headers["location"] == "https://goedwerk.example/nl/"


def test_overlong_request_line_is_refused(gunicorn):
    request = b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: goedwerk.example\r\n\r\n"
    status, headers = head_of(raw_request(gunicorn, request))
    assert status.split(" ")[1] in {"400", "414"}
    assert "server" not in headers

"""gunicorn configuration for goedwerk: `gunicorn -c deploy/gunicorn.conf.py goedwerk.wsgi`.

Every value can be changed through the environment (see .env.example):

- PORT (8000), GUNICORN_BIND (overrides PORT, e.g. "unix:/run/goedwerk.sock")
- GUNICORN_WORKERS: default 2 x CPUs + 1, capped at GUNICORN_MAX_WORKERS (8)
- GUNICORN_THREADS (1), GUNICORN_TIMEOUT (120 s: the insight exports take long on large data),
  GUNICORN_GRACEFUL_TIMEOUT (30 s), GUNICORN_KEEPALIVE (5 s, the proxy keeps connections open)
- FORWARDED_ALLOW_IPS: the proxies whose X-Forwarded-* headers gunicorn believes. Defaults to
  the local machine; compose sets "*" because the web container is reachable only from the
  proxy on the internal network (its port is not published).
- GUNICORN_ACCESS_LOG ("-" = stdout; "" = off), LOG_LEVEL (info)
- GUNICORN_PRELOAD (true): import the application once in the master and fork the workers from it

The responses carry no "Server: gunicorn" header (see `_drop_server_header` below): the proxy
in front removes its own, and the version of the application server is nobody's business.
"""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = [os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_int('PORT', 8000)}"]
workers = _int("GUNICORN_WORKERS", min(2 * _cpus() + 1, _int("GUNICORN_MAX_WORKERS", 8)))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (with jitter so they do not all restart at
# once): a slow leak never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# The application is imported once, in the master, and the workers are forked from it: a start
# (or a worker replaced after max_requests) costs one import instead of one per worker, all
# competing for the same CPUs, and the workers share the imported code's memory. Nothing opens
# a database connection at import time, so no connection is shared across the fork. (A HUP then
# restarts the workers without re-reading the code: deploy by restarting the container.)
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").strip().lower() in {
    "1",
    "true",
    "yes",
    "on",
}
# Heartbeat files in memory, not on the container's (possibly read-only) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Request limits: a request line up to 4 KB (long enough for every URL the site makes, short
# enough to refuse junk), at most 50 header fields of at most 8 KB each (cookies included).
# Bodies are capped by the proxy (12 MB) and by Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Logs on stdout/stderr for the container runtime. The access log starts with the client's
# address as the proxy saw it (X-Forwarded-For), then the proxy's, and ends with the time the
# request took in milliseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = (
    '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)
proc_name = "goedwerk"


def _drop_server_header() -> None:
    """gunicorn writes "Server: gunicorn" into every response (gunicorn.http.wsgi.Response);
    there is no setting for it, so the header is filtered out of its default headers. The
    config file runs in the master before the workers fork, so every worker inherits this.
    tests/test_gunicorn.py checks it against a real gunicorn."""
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers
    if getattr(original, "goedwerk_no_server", False):
        return

    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    default_headers.goedwerk_no_server = True
    wsgi.Response.default_headers = default_headers


_drop_server_header()


def pre_fork(server, worker):
    """With preload, move everything the master has loaded out of the garbage collector's
    reach right before a worker is forked (Python's advice for fork without exec): the worker's
    collections then never write to those objects, so the pages it shares with the master stay
    shared instead of being copied into each worker (its private memory, not its RSS)."""
    if server.cfg.preload_app:
        import gc

        gc.freeze()

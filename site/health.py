"""Health endpoints for container orchestration and load balancers.

`/healthz` (liveness) says only that this process answers: no database, no cache, no templates.
`/readyz` (readiness) also checks the database (`SELECT 1`) and the cache (a set and a get); it
answers 503 with a JSON body naming what failed, so a load balancer stops sending traffic to an
instance that cannot serve.

Both are answered by `HealthCheckMiddleware`, which sits FIRST in MIDDLEWARE, before
SecurityMiddleware (SSL redirect) and CommonMiddleware (host validation). The checks come from
inside the container or from the proxy, often without the public host name and over plain HTTP,
so they must answer whatever the Host header says (or without one) and never redirect. The
middleware therefore never calls `request.get_host()` (which validates ALLOWED_HOSTS and raises
DisallowedHost) and never builds absolute URLs. Nothing in the answer depends on the host, so
nothing can be poisoned through it.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseNotAllowed, JsonResponse

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def check_cache() -> None:
    key = f"goedwerk:readyz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def liveness():
    return _no_store(JsonResponse({"status": "ok"}))


def readiness():
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means "not ready"; details go to the log only
            logger.warning("Readiness check %s failed: %r", name, error)
            results[name] = "fail"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    body = {"status": "ok" if ready else "fail", "checks": results}
    return _no_store(JsonResponse(body, status=200 if ready else 503))


ENDPOINTS = {LIVENESS_PATH: liveness, READINESS_PATH: readiness}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware sees the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return _no_store(HttpResponseNotAllowed(["GET", "HEAD"]))
        return endpoint()

"""`/healthz`: can this process reach its database, cache and broker?

Answered by a middleware placed before all others, so that probes from a
container runtime or load balancer work without an allowed Host header,
without TLS and without a language prefix.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from config.celery import app as celery_app

HEALTH_PATH = "/healthz"
UP, DOWN, EAGER = "up", "down", "eager"

logger = logging.getLogger(__name__)


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return UP


def check_cache() -> str:
    cache.set("healthz", "ok", timeout=10)
    return UP if cache.get("healthz") == "ok" else DOWN


# Seconds the broker check may wait for a connection and for each answer. Without a socket
# timeout a Redis that accepts connections but never answers (a hung host) would hold the
# probe, and the web worker serving it, until the server kills the worker.
BROKER_TIMEOUT = 2


def check_broker() -> str:
    if celery_app.conf.task_always_eager:
        # Embedded mode: tasks run in-process, there is no broker to lose.
        return EAGER
    timeouts = {"socket_timeout": BROKER_TIMEOUT, "socket_connect_timeout": BROKER_TIMEOUT}
    with celery_app.connection_for_write(transport_options=timeouts) as conn:
        conn.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT
        )
    return UP


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def health_report() -> dict[str, str]:
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception:
            logger.warning("health check %s failed", name, exc_info=True)
            report[name] = DOWN
    return report


def health_response() -> HttpResponse:
    checks = health_report()
    healthy = all(state != DOWN for state in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.rstrip("/") == HEALTH_PATH:
            return health_response()
        return self.get_response(request)

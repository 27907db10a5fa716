"""`/healthz` against a Redis that accepts connections and never answers (a hung host).

A probe that hangs instead of answering 503 keeps a web worker busy until the server kills
it, and the orchestrator sees a timeout instead of the reason.
"""

import socket
import threading
import time

import pytest

pytestmark = pytest.mark.django_db

# The checks' own timeouts are 2 s each (cache set, broker connect): well within a probe's.
PROBE_BUDGET_SECONDS = 8


@pytest.fixture
def silent_redis():
    """A TCP listener that accepts, but never replies; everything is closed after 20 s at the
    latest, so that a check that hangs fails the test instead of hanging it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    accepted = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return
        for connection in accepted:
            connection.close()
        server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    timer = threading.Timer(20, stop.set)
    timer.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    timer.cancel()
    stop.set()
    thread.join(timeout=2)


def test_a_hung_redis_makes_it_unavailable_within_the_probe_budget(
    client, settings, silent_redis, real_broker
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": silent_redis,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    real_broker.conf.broker_url = silent_redis

    started = time.monotonic()
    response = client.get("/healthz")
    seconds = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "up", "cache": "down", "broker": "down"}
    assert seconds < PROBE_BUDGET_SECONDS

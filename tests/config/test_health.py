import json

import pytest

from config.settings_test import TEST_REDIS_URL
from tests.support.subprocess_django import BASE_ENV, ROOT

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_embedded_mode_is_healthy_with_the_broker_reported_as_eager(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "up", "cache": "up", "broker": "eager"},
    }
    assert response["Cache-Control"] == "no-store"


def test_with_postgres_redis_cache_and_redis_broker_all_are_up(client, redis_cache, real_broker):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "up", "cache": "up", "broker": "up"}


def test_a_cache_that_is_down_makes_it_unavailable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "up", "cache": "down", "broker": "eager"},
    }


def test_a_broker_that_is_down_makes_it_unavailable(client, real_broker):
    real_broker.conf.broker_url = CLOSED_PORT_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"


def test_a_database_that_is_down_makes_it_unavailable():
    import subprocess
    import sys

    probe = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, json.dumps(r.json()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **BASE_ENV,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
        },
        check=False,
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body)["checks"] == {"database": "down", "cache": "up", "broker": "eager"}

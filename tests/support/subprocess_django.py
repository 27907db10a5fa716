"""Run a snippet under config.settings in a fresh interpreter with exactly the environment given."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_ENV = {
    "PATH": os.environ["PATH"],
    "HOME": os.environ.get("HOME", str(ROOT)),
    "LANG": "C.UTF-8",
}


def run_manage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**BASE_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SETTINGS_PROBE = """
import json, django
django.setup()
from django.conf import settings
from config.celery import app
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY_LENGTH": len(settings.SECRET_KEY),
    "DATABASE": {k: settings.DATABASES["default"].get(k)
                 for k in ("ENGINE", "NAME", "HOST", "CONN_MAX_AGE")},
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION"),
    "EAGER": app.conf.task_always_eager,
    "BROKER": app.conf.broker_url,
    "DELIVERY": settings.EMAIL_DELIVERY_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "HSTS": settings.SECURE_HSTS_SECONDS,
    "PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "TIME_ZONE": settings.TIME_ZONE,
    "USE_TZ": settings.USE_TZ,
    "LOG_FORMATTER": settings.LOGGING["handlers"]["stderr"]["formatter"],
    "STORAGE": settings.STORAGES["default"]["BACKEND"],
}))
"""


def probe_settings(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=ROOT,
        env={**BASE_ENV, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)

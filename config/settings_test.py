"""Test settings: PostgreSQL and Redis at 127.0.0.1 unless the environment says otherwise.

Tasks run eagerly by default; the tests that need a real worker start one
(see tests/conftest.py) and switch the Celery app to the Redis broker.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")

from config.settings import *  # noqa: F403

TEST_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = TEST_REDIS_URL
CELERY_RESULT_BACKEND = None
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

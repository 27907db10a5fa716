import pytest

from config.celery import app as celery_app
from config.settings_test import TEST_REDIS_URL


@pytest.fixture
def real_broker():
    """Celery sends to the test Redis instead of running tasks in-process, for this test."""
    celery_app.conf.task_always_eager = False
    yield celery_app
    celery_app.conf.task_always_eager = True
    celery_app.conf.broker_url = TEST_REDIS_URL

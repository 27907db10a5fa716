import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, StaffFactory, UserFactory
from tests.support.worker import WorkerProcess, use_eager_tasks, use_redis_broker


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    # Django's test set-up swaps EMAIL_BACKEND for locmem; the outbox is what we test.
    settings.EMAIL_BACKEND = "notifications.backends.OutboxBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def start_worker(django_db_serialized_rollback, transactional_db, tmp_path):
    """Start real Celery workers (subprocesses); all are stopped after the test.

    Their test commits for real; serialized rollback brings back the reference data
    (sectors, bridges, municipalities) that the flush after such a test removes.
    """
    workers: list[WorkerProcess] = []
    use_redis_broker()

    def start(**extra_env: str) -> WorkerProcess:
        worker = WorkerProcess(tmp_path / f"worker-{len(workers)}.log", extra_env).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    use_eager_tasks()

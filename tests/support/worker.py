"""A real Celery worker in a subprocess, using the test Redis and the test PostgreSQL database."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, log_path: Path, extra_env: dict[str, str] | None = None) -> None:
        self.log_path = log_path
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "WorkerProcess":
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.TEST_REDIS_URL,
            "LOG_LEVEL": "INFO",
            **self.extra_env,
        }
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log_path.read_text():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_path.read_text()}")
            time.sleep(0.1)
        raise RuntimeError(f"worker not ready after {timeout}s:\n{self.log_path.read_text()}")

    def pool_children(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_pool_child(self) -> None:
        """SIGKILL the process running the task, as the OOM killer would."""
        for pid in self.pool_children():
            os.kill(pid, signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL the whole worker: the main process and its pool."""
        assert self.process is not None
        children = self.pool_children()
        self.process.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


def use_redis_broker() -> None:
    """Make this process send tasks to the test Redis instead of running them eagerly."""
    redis.Redis.from_url(settings.TEST_REDIS_URL).flushdb()
    celery_app.conf.task_always_eager = False


def use_eager_tasks() -> None:
    celery_app.conf.task_always_eager = True
    redis.Redis.from_url(settings.TEST_REDIS_URL).flushdb()


def wait_for(condition, timeout: float = 30, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")

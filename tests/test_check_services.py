import subprocess
import sys

from tests.support.subprocess_django import BASE_ENV, ROOT


def _check(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/check_services.py"],
        cwd=ROOT,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_make_test_says_clearly_when_postgres_and_redis_are_not_running():
    result = _check(
        DATABASE_URL="postgres://postgres@127.0.0.1:1/test", REDIS_URL="redis://127.0.0.1:1/0"
    )

    assert result.returncode == 1
    assert "PostgreSQL is not reachable at postgres://postgres@127.0.0.1:1/test" in result.stderr
    assert "Redis is not reachable at redis://127.0.0.1:1/0" in result.stderr
    assert "docker compose" in result.stderr


def test_make_test_goes_on_when_both_are_reachable():
    assert _check().returncode == 0

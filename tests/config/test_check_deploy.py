"""`manage.py check --deploy` with the environment docker compose really gives the app.

tests/config/test_settings_modes.py checks the bare minimum (DJANGO_DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS); here it is .env.example as an operator fills it in plus what
docker-compose.yml adds (the proxy header for Caddy, the database and Redis URLs).
"""

import re
import secrets
from pathlib import Path

import yaml

from tests.support.subprocess_django import run_manage

ROOT = Path(__file__).resolve().parents[2]


def _env_example() -> dict[str, str]:
    """The variables .env.example sets (not the commented-out ones), SECRET_KEY filled in."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^([A-Z][A-Z0-9_]+)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    values["POSTGRES_PASSWORD"] = secrets.token_urlsafe(16)
    return values


def _compose_environment(dotenv: dict[str, str]) -> dict[str, str]:
    """The app services' `environment:` with ${POSTGRES_PASSWORD:?...} substituted."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["web"]["environment"]
    return {
        name: re.sub(r"\$\{(\w+)(:\?[^}]*)?\}", lambda m: dotenv[m.group(1)], str(value))
        for name, value in environment.items()
    }


def _served_by_compose() -> dict[str, str]:
    dotenv = _env_example()
    return {**dotenv, **_compose_environment(dotenv)}


def test_the_compose_environment_passes_check_deploy_without_any_warning():
    env = _served_by_compose()
    assert env["DJANGO_DEBUG"] == "0"
    assert env["SECURE_PROXY_SSL_HEADER"] == "HTTP_X_FORWARDED_PROTO,https"

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_fails_on_a_weak_secret_key():
    env = {**_served_by_compose(), "SECRET_KEY": "too-short-and-guessable"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 1
    assert "security.W009" in result.stderr + result.stdout

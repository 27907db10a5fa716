"""No Docker engine runs here: read docker-compose.yml and the Dockerfile, check what they name."""

import importlib
import re
from pathlib import Path

import pytest
import yaml

from config.env import env

ROOT = Path(__file__).resolve().parents[1]
APP_SERVICES = ("migrate", "web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _documented_variables() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]+)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_it_describes_the_whole_platform(compose):
    assert set(compose["services"]) == {"proxy", "migrate", "web", "worker", "beat", "db", "redis"}
    assert compose["services"]["db"]["image"] == "postgres:16"


def test_app_services_run_modules_that_exist(compose):
    web = " ".join(compose["services"]["web"]["command"])
    assert "gunicorn config.wsgi:application" in web
    importlib.import_module("config.wsgi")
    for service in ("worker", "beat"):
        command = compose["services"][service]["command"]
        assert command[:3] == ["celery", "-A", "config"]
        assert importlib.import_module("config.celery").app.main == "ruhrbridge"
    assert "manage.py migrate" in " ".join(compose["services"]["migrate"]["command"])


def test_services_wait_for_the_one_shot_migration(compose):
    for service in ("web", "worker", "beat"):
        depends = compose["services"][service]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert compose["services"]["migrate"]["restart"] == "no"


def test_every_variable_compose_sets_is_one_settings_read(compose):
    for service in APP_SERVICES:
        assert set(compose["services"][service]["environment"]) <= env.names, service


def test_env_example_lists_every_variable_settings_read():
    assert env.names - _documented_variables() == set()


def test_services_that_others_wait_for_have_health_checks(compose):
    for service in ("web", "worker", "db", "redis"):
        assert "healthcheck" in compose["services"][service], service
    assert "/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_the_proxy_serves_static_and_media_from_volumes_and_the_rest_from_web(compose):
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    volumes = compose["services"]["proxy"]["volumes"]

    assert "static:/srv/static:ro" in volumes
    assert "media:/srv/media:ro" in volumes
    assert "reverse_proxy web:8000" in caddyfile
    assert "static:/app/staticfiles" in compose["services"]["migrate"]["volumes"]


def test_the_image_runs_gunicorn_as_a_user_who_is_not_root():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    assert "compilemessages" in dockerfile
    assert "collectstatic" in dockerfile
    assert "gunicorn" in dockerfile
    assert "--require-hashes -r requirements.lock" in dockerfile

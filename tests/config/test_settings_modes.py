from config.settings import BASE_DIR
from tests.support.subprocess_django import probe_settings, run_manage

SERVED = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "x7Rk2p9Qm4Vt8Wz1Lc6Hn3Bs5Df0Gj2Ky7Pq9Xe4Ua8Mi1Ow6Tr3Zb5Nv0Cl2Sh",
    "ALLOWED_HOSTS": "ruhrbridge.example",
}


def test_with_no_environment_it_runs_embedded():
    settings = probe_settings({})

    assert settings["DEBUG"] is True
    assert settings["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASE"]["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert settings["EAGER"] is True
    assert settings["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["DELIVERY"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["EMAIL_BACKEND"] == "notifications.backends.OutboxBackend"
    assert settings["SECRET_KEY_LENGTH"] >= 50
    assert (settings["TIME_ZONE"], settings["USE_TZ"]) == ("Europe/Berlin", True)
    assert settings["LOG_FORMATTER"] == "plain"


def test_database_redis_and_mail_urls_switch_to_served_services():
    settings = probe_settings(
        {
            "DATABASE_URL": "postgres://rb:pw@db.internal:5432/ruhrbridge",
            "REDIS_URL": "redis://cache.internal:6379/0",
            "EMAIL_URL": "smtp://user:pw@mail.example:587/?tls=True",
        }
    )

    assert settings["DATABASE"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "ruhrbridge",
        "HOST": "db.internal",
        "CONN_MAX_AGE": 60,
    }
    assert settings["CACHE"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["CACHE_LOCATION"] == "redis://cache.internal:6379/0"
    assert settings["EAGER"] is False
    assert settings["BROKER"] == "redis://cache.internal:6379/0"
    assert settings["DELIVERY"] == "django.core.mail.backends.smtp.EmailBackend"
    assert settings["EMAIL_HOST"] == "mail.example"


def test_each_variable_switches_only_its_own_part():
    only_database = probe_settings({"DATABASE_URL": "postgres://rb@db.internal/ruhrbridge"})
    only_redis = probe_settings({"REDIS_URL": "redis://cache.internal:6379/0"})

    assert only_database["DATABASE"]["ENGINE"] == "django.db.backends.postgresql"
    assert only_database["EAGER"] is True
    assert only_database["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert only_redis["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert only_redis["EAGER"] is False


def test_served_mode_turns_on_https_safeguards_and_json_logs():
    settings = probe_settings(SERVED)

    assert settings["DEBUG"] is False
    assert settings["SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["HSTS"] == 365 * 24 * 3600
    assert settings["LOG_FORMATTER"] == "json"
    assert settings["PROXY_SSL_HEADER"] is None


def test_the_proxy_ssl_header_comes_from_the_environment():
    settings = probe_settings({**SERVED, "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https"})

    assert settings["PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_uploads_go_to_s3_when_a_bucket_is_set():
    settings = probe_settings({"AWS_STORAGE_BUCKET_NAME": "ruhrbridge-media"})

    assert settings["STORAGE"] == "storages.backends.s3.S3Storage"


def test_served_mode_refuses_to_start_without_secret_key_and_allowed_hosts():
    result = run_manage("check", env={"DJANGO_DEBUG": "0"})

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "RuhrBridge refuses to start: DJANGO_DEBUG=0 needs SECRET_KEY and ALLOWED_HOSTS set "
        "(see .env.example)."
    ]
    assert "Traceback" not in result.stderr


def test_served_mode_names_the_one_missing_variable():
    result = run_manage("check", env={"DJANGO_DEBUG": "0", "SECRET_KEY": SERVED["SECRET_KEY"]})

    assert result.returncode == 1
    assert "needs ALLOWED_HOSTS set" in result.stderr


def test_check_deploy_passes_in_served_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=SERVED)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_logs_go_to_stderr_as_json_lines_in_served_mode():
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "import logging; logging.getLogger('ruhrbridge').warning('hello')",
        env=SERVED,
    )

    assert result.stdout == ""
    assert '"message": "hello"' in result.stderr
    assert '"level": "WARNING"' in result.stderr


def test_errors_go_to_sentry_from_web_and_celery_when_a_dsn_is_set():
    probe = (
        "import sentry_sdk; client = sentry_sdk.get_client(); "
        "print(client.is_active(), sorted(client.integrations))"
    )
    result = run_manage(
        "shell", "-v", "0", "-c", probe, env={"SENTRY_DSN": "https://public@sentry.example/1"}
    )

    active, integrations = result.stdout.split(" ", 1)
    assert active == "True"
    assert "'celery'" in integrations
    assert "'django'" in integrations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["ruhrbridge.example"]
    return settings


def test_plain_http_is_redirected_to_https(client, served):
    response = client.get("/de/", HTTP_HOST="ruhrbridge.example")

    assert response.status_code == 301
    assert response.url == "https://ruhrbridge.example/de/"


def test_behind_a_tls_proxy_the_forwarded_header_counts_as_https(client, served):
    served.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    response = client.get("/de/", HTTP_HOST="ruhrbridge.example", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200


def test_the_forwarded_header_is_ignored_unless_configured(client, served):
    response = client.get("/de/", HTTP_HOST="ruhrbridge.example", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301


def test_healthz_is_exempt_from_the_https_redirect(client, served):
    response = client.get("/healthz", HTTP_HOST="ruhrbridge.example")

    assert response.status_code == 200


def test_healthz_answers_probes_that_use_an_internal_host_name(client, served):
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200


def test_other_pages_refuse_unknown_hosts(client, served):
    client.raise_request_exception = False

    response = client.get("/de/", HTTP_HOST="evil.example", secure=True)

    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.text


def test_pages_forbid_framing_and_sniffing(client):
    response = client.get("/de/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"

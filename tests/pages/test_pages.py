import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        (
            "/de/",
            [
                "Vereinigtes Königreich",
                "Niederlande",
                "Israel",
                "Nordamerika",
                "Wasserstoff",
                "Cybersicherheit",
                "Digitale Gesundheit",
                "Elektromobilität",
            ],
        ),
        (
            "/en/",
            [
                "United Kingdom",
                "Netherlands",
                "Israel",
                "North America",
                "Hydrogen",
                "Cybersecurity",
                "Digital health",
                "E-mobility",
            ],
        ),
    ],
)
def test_the_home_page_says_what_the_platform_is(client, path, texts):
    response = client.get(path)

    for text in texts:
        assert text in response.text


@pytest.mark.parametrize(
    ("path", "heading", "must_say"),
    [
        ("/de/legal/imprint/", "<h1>Impressum</h1>", "Kronprinzenstraße 30"),
        ("/en/legal/imprint/", "<h1>Imprint</h1>", "45128 Essen"),
        ("/de/legal/privacy/", "<h1>Datenschutzerklärung</h1>", "Fassung vom 2026-11-24"),
        ("/en/legal/privacy/", "<h1>Privacy notice</h1>", "Art. 17"),
        (
            "/de/legal/accessibility/",
            "<h1>Erklärung zur Barrierefreiheit</h1>",
            "Was noch nicht geprüft ist",
        ),
        (
            "/en/legal/accessibility/",
            "<h1>Accessibility statement</h1>",
            "What has not been checked yet",
        ),
    ],
)
def test_the_legal_pages_exist_in_both_languages(client, path, heading, must_say):
    response = client.get(path)

    assert response.status_code == 200
    assert heading in response.text
    assert must_say in response.text


def test_every_page_footer_links_the_legal_pages_and_gives_the_agencys_address(client):
    response = client.get("/de/accounts/login/")

    for link in ("/de/legal/imprint/", "/de/legal/privacy/", "/de/legal/accessibility/"):
        assert f'href="{link}"' in response.text
    assert "Business Metropole Ruhr GmbH" in response.text
    assert "Kronprinzenstraße 30" in response.text


def test_every_page_has_a_skip_link_and_landmarks(client):
    text = client.get("/en/").text

    assert '<a class="skip-link" href="#main">Skip to content</a>' in text
    for landmark in (
        '<header class="site-header">',
        '<main id="main"',
        '<footer class="site-footer">',
    ):
        assert landmark in text


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/de/does-not-exist/", "Seite nicht gefunden"),
        ("/en/does-not-exist/", "Page not found"),
    ],
)
def test_a_missing_page_gets_a_friendly_404_in_its_language(client, path, text):
    response = client.get(path)

    assert response.status_code == 404
    assert text in response.text
    assert "Business Metropole Ruhr GmbH" in response.text


@pytest.mark.parametrize(
    ("language", "text"), [("de", "Etwas ist schiefgegangen"), ("en", "Something went wrong")]
)
def test_a_server_error_gets_a_friendly_page_in_the_current_language(language, text):
    with translation.override(language):
        response = server_error(RequestFactory().get(f"/{language}/"))

    assert response.status_code == 500
    assert text in response.content.decode()


def test_browsers_asking_for_favicon_ico_get_the_site_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.url == "/static/img/favicon.svg"

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_root_redirects_to_german_by_default(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/de/"


def test_the_root_follows_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.url == "/en/"


def test_the_language_cookie_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.url == "/de/"


def test_a_signed_in_persons_saved_language_wins_over_cookie_and_browser(client):
    client.force_login(UserFactory(preferred_language="en"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.url == "/en/"


@pytest.mark.parametrize(
    ("prefix", "lang", "text"),
    [
        ("/de/", "de", "Innovation Bridges vom Ruhrgebiet in die Welt"),
        ("/en/", "en", "Innovation Bridges from the Ruhr to the world"),
    ],
)
def test_each_prefix_speaks_its_language_whatever_the_browser_says(client, prefix, lang, text):
    response = client.get(prefix, HTTP_ACCEPT_LANGUAGE="zh")

    assert f'<html lang="{lang}"' in response.text
    assert text in response.text


def test_the_prefix_wins_over_a_signed_in_persons_saved_language(client):
    client.force_login(UserFactory(preferred_language="en"))

    response = client.get("/de/")

    assert '<html lang="de"' in response.text


def test_the_language_switch_keeps_the_current_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/de/legal/privacy/"})

    assert response.status_code == 302
    assert response.url == "/en/legal/privacy/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_language_switch_remembers_the_choice_of_a_signed_in_person(client, user):
    user.preferred_language = "de"
    user.save()
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "en", "next": "/de/"})

    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_the_language_switch_ignores_an_unknown_language(client, user):
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/de/"})

    user.refresh_from_db()
    assert response.url == "/de/"
    assert user.preferred_language == "en"


def test_every_page_offers_the_switch_to_the_other_language(client):
    response = client.get("/de/legal/imprint/")

    assert '<form method="post" action="/i18n/setlang/"' in response.text
    assert 'name="language" value="en"' in response.text
    assert 'name="next" value="/de/legal/imprint/"' in response.text


def test_public_pages_link_their_other_language_with_hreflang(client):
    response = client.get("/en/legal/accessibility/")

    assert (
        '<link rel="alternate" hreflang="de" href="http://testserver/de/legal/accessibility/">'
        in response.text
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/legal/accessibility/">'
        in response.text
    )


@pytest.mark.parametrize(
    "path",
    [
        "/de/accounts/signup/",
        "/en/accounts/signup/",
        "/de/accounts/login/",
        "/en/accounts/password/reset/",
    ],
)
def test_account_pages_live_under_the_language_prefix(client, path):
    assert client.get(path).status_code == 200


def test_health_admin_and_static_files_have_no_language_prefix(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/").url.startswith("/admin/login/")
    assert client.get("/de/healthz").status_code == 404

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _login_url(language: str) -> str:
    with translation.override(language):
        return reverse("account_login")


def test_it_signs_in_a_verified_user(client, user, password):
    response = client.post(_login_url("en"), {"login": user.email, "password": password})

    assert response.status_code == 302
    assert client.get("/en/").context["user"] == user


def test_a_wrong_password_gets_a_clear_message(client, user):
    response = client.post(_login_url("en"), {"login": user.email, "password": "wrong"})

    assert "The email address and/or password you specified are not correct." in response.text


def test_repeated_failures_block_further_attempts_with_a_clear_message(client, user, password):
    for _ in range(5):
        client.post(_login_url("en"), {"login": user.email, "password": "wrong"})

    response = client.post(_login_url("en"), {"login": user.email, "password": password})

    assert "Too many failed login attempts. Try again later." in response.text
    assert not client.get("/en/").context["user"].is_authenticated


def test_the_block_message_is_german_on_german_pages(client, user):
    for _ in range(6):
        response = client.post(_login_url("de"), {"login": user.email, "password": "wrong"})

    assert "Zu viele gescheiterte Anmeldeversuche" in response.text

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


def test_too_many_sign_ups_from_one_address_get_a_clear_message(client):
    for number in range(10):
        client.post("/en/accounts/signup/", {"email": f"bot{number}@example.org"})

    response = client.post("/en/accounts/signup/", {"email": "bot@example.org"})

    assert response.status_code == 429
    assert "You tried this too often in a short time." in response.text


def test_too_many_password_resets_for_one_address_get_a_clear_message(client, user):
    for _ in range(3):
        client.post("/en/accounts/password/reset/", {"email": user.email})

    response = client.post("/en/accounts/password/reset/", {"email": user.email})

    assert response.status_code == 429
    assert "Too many attempts" in response.text


def test_everyone_can_set_up_two_factor_authentication(client, user):
    client.force_login(user)

    response = client.get("/en/accounts/2fa/")

    assert response.status_code == 200
    assert "Authenticator app" in response.text

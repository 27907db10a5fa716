import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Ada Lovelace",
    "email": "ada@example.org",
    "password1": "Analytical-Engine-1843",
    "password2": "Analytical-Engine-1843",
    "accept_privacy": "on",
}


def _url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def _sign_up(client, language: str, capture, **overrides):
    with capture(execute=True):
        return client.post(_url("account_signup", language), {**SIGNUP, **overrides})


def _confirmation_link(message) -> str:
    return re.search(r"https?://testserver(/\S+/confirm-email/\S+/)", message.body).group(1)


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("en", "Please confirm your email address", "Thank you for registering with RuhrBridge"),
        (
            "de",
            "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            "Danke für Ihre Registrierung bei RuhrBridge",
        ),
    ],
)
def test_it_signs_up_verifies_and_signs_in(
    client, django_capture_on_commit_callbacks, language, subject, greeting
):
    response = _sign_up(client, language, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    user = User.objects.get(email="ada@example.org")
    assert user.preferred_language == language
    row = OutboundEmail.objects.get(to_email="ada@example.org")
    assert (row.status, row.language) == ("sent", language)
    assert subject in row.subject
    message = mail.outbox[0]
    assert greeting in message.body
    assert greeting in message.alternatives[0][0]

    link = _confirmation_link(message)
    assert link.startswith(f"/{language}/accounts/confirm-email/")
    assert client.get(link).status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(email="ada@example.org").verified

    response = client.post(
        _url("account_login", language),
        {"login": "ada@example.org", "password": SIGNUP["password1"]},
    )
    assert response.status_code == 302
    assert client.get(f"/{language}/").context["user"] == user


def test_an_unverified_user_cannot_sign_in(client, django_capture_on_commit_callbacks):
    _sign_up(client, "en", django_capture_on_commit_callbacks)
    client.logout()

    response = client.post(
        _url("account_login", "en"), {"login": "ada@example.org", "password": SIGNUP["password1"]}
    )

    assert response.status_code == 302
    assert response.url == _url("account_email_verification_sent", "en")
    assert not client.get("/en/").context["user"].is_authenticated


def test_it_stores_the_privacy_consent_with_its_version_and_time(
    client, settings, django_capture_on_commit_callbacks
):
    _sign_up(client, "en", django_capture_on_commit_callbacks)

    user = User.objects.get(email="ada@example.org")
    assert user.privacy_consent_version == settings.PRIVACY_NOTICE_VERSION
    assert user.privacy_consent_at is not None
    assert user.full_name == "Ada Lovelace"


def test_it_refuses_sign_up_without_privacy_consent_and_creates_nothing(
    client, django_capture_on_commit_callbacks
):
    data = {key: value for key, value in SIGNUP.items() if key != "accept_privacy"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("account_signup", "en"), data)

    assert response.status_code == 200
    assert "Please accept the privacy notice to create an account." in response.text
    assert not User.objects.exists()
    assert mail.outbox == []


def test_it_hashes_passwords_with_argon2(client, django_capture_on_commit_callbacks):
    _sign_up(client, "en", django_capture_on_commit_callbacks)

    assert User.objects.get().password.startswith("argon2")


def test_the_signup_page_shows_the_consent_with_a_link_to_the_privacy_notice(client):
    response = client.get(_url("account_signup", "de"))

    assert "Ich habe die Datenschutzerklärung gelesen" in response.text
    assert 'href="/de/legal/privacy/"' in response.text


def test_password_reset_mail_speaks_the_recipients_language(
    client, user, django_capture_on_commit_callbacks
):
    assert user.preferred_language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("account_reset_password", "de"), {"email": user.email})

    message = mail.outbox[0]
    assert "Someone asked to reset the password of your RuhrBridge account" in message.body
    assert OutboundEmail.objects.get().language == "en"

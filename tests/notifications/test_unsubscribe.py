import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.privacy import personal_data_export
from companies.self_service.emails import membership_decision_announce
from notifications.bounces import email_events_record, provider_event
from notifications.enums import EMAIL_KINDS, NotificationKind, UnsubscribeMethod
from notifications.models import (
    NotificationSetting,
    OutboundEmail,
    SuppressedAddress,
    Unsubscribe,
)
from notifications.selectors import wants_email
from notifications.services import email_enqueue, match_digest_send
from notifications.unsubscribe import MAX_AGE, unsubscribe, unsubscribe_token
from tests.factories import CompanyMemberFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

KIND = NotificationKind.INTRODUCTION_REQUESTED


def _url(token: str, language: str = "en") -> str:
    return f"/{language}/unsubscribe/{token}/"


def test_a_valid_link_shows_what_is_stopped_and_changes_nothing_until_the_button(client, user):
    response = client.get(_url(unsubscribe_token(user_id=user.pk, kind=KIND)))

    assert response.status_code == 200
    assert "Someone asks to meet your company" in response.content.decode()
    assert wants_email(user=user, kind=KIND)


def test_the_button_switches_the_kind_off_at_once_and_records_it(user):
    client = Client(enforce_csrf_checks=True)
    url = _url(unsubscribe_token(user_id=user.pk, kind=KIND))
    page = client.get(url)

    response = client.post(url, {"csrfmiddlewaretoken": page.context["csrf_token"]})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not wants_email(user=user, kind=KIND)
    assert wants_email(user=user, kind=NotificationKind.ANNOUNCEMENT)
    record = Unsubscribe.objects.get(user=user)
    assert (record.kind, record.method) == (KIND, UnsubscribeMethod.PAGE)


def test_the_page_form_without_a_csrf_token_is_refused(user):
    client = Client(enforce_csrf_checks=True)

    response = client.post(_url(unsubscribe_token(user_id=user.pk, kind=KIND)))

    assert response.status_code == 403
    assert wants_email(user=user, kind=KIND)


def test_a_mail_programs_one_click_post_works_without_csrf_token_or_sign_in(user):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        _url(unsubscribe_token(user_id=user.pk, kind="all")),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert NotificationSetting.objects.get(user=user).email_kinds == []
    for kind in EMAIL_KINDS:
        assert not wants_email(user=user, kind=kind)
    assert Unsubscribe.objects.get(user=user).method == UnsubscribeMethod.ONE_CLICK


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_tampered_link_says_it_is_not_valid_and_changes_nothing(client, user, language):
    token = unsubscribe_token(user_id=user.pk, kind=KIND)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    page = client.get(_url(tampered, language))
    posted = client.post(_url(tampered, language))
    one_click = client.post(
        _url(tampered, language),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert page.status_code == posted.status_code == one_click.status_code == 404
    assert f'<html lang="{language}"' in page.content.decode()
    assert page.templates[0].name == "notifications/unsubscribe_invalid.html"
    assert wants_email(user=user, kind=KIND)
    assert not Unsubscribe.objects.exists()


def test_a_link_from_almost_a_year_ago_still_works(client, user):
    with mock.patch("time.time", return_value=time.time() - MAX_AGE.total_seconds() + 3600):
        token = unsubscribe_token(user_id=user.pk, kind=KIND)

    client.post(_url(token))

    assert not wants_email(user=user, kind=KIND)


def test_the_invalid_link_page_says_so_in_words(client):
    response = client.get(_url("not-a-token"))

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert "Nothing has been changed" in response.content.decode()


def test_a_link_older_than_a_year_is_not_valid_and_changes_nothing(client, user):
    with mock.patch("time.time", return_value=time.time() - MAX_AGE.total_seconds() - 3600):
        token = unsubscribe_token(user_id=user.pk, kind=KIND)

    response = client.post(_url(token))

    assert response.status_code == 404
    assert "older than a year" in response.content.decode()
    assert wants_email(user=user, kind=KIND)


def test_a_link_to_all_offers_to_stop_every_email_one_can_choose(client, user):
    response = client.get(_url(unsubscribe_token(user_id=user.pk, kind=KIND)))
    all_url = response.context["all_url"]

    client.post(all_url)

    assert NotificationSetting.objects.get(user=user).email_kinds == []


# --- The link and the headers in e-mails -------------------------------------------------


def _headers_and_bodies(email: OutboundEmail) -> tuple[dict, str, str]:
    return email.headers, email.text_body, email.html_body


def test_an_email_one_may_stop_carries_the_one_click_headers_and_the_link(
    django_capture_on_commit_callbacks, user
):
    with django_capture_on_commit_callbacks(execute=True):
        email, _created = email_enqueue(
            to=user.email,
            subject="News",
            text_body="Hello",
            html_body="<html><body><p>Hello</p></body></html>",
            language="de",
            unsubscribe=(user, KIND),
        )

    link = email.headers["List-Unsubscribe"]
    assert link.startswith("<http") and "/de/unsubscribe/" in link
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = link.strip("<>")
    assert url in email.text_body
    assert url in email.html_body and email.html_body.rstrip().endswith("</html>")
    sent = mail.outbox[0]
    assert sent.extra_headers["List-Unsubscribe"] == link


def test_the_link_in_an_email_unsubscribes(client, user):
    email, _created = email_enqueue(
        to=user.email, subject="News", text_body="Hello", unsubscribe=(user, KIND)
    )
    path = email.headers["List-Unsubscribe"].strip("<>").split("://", 1)[1].partition("/")[2]

    client.post(
        "/" + path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert not wants_email(user=user, kind=KIND)


def test_the_weekly_digest_carries_the_headers(user):
    match_digest_send(user=user, subject="Digest", text_body="Matches", html_body="", language="en")

    email = OutboundEmail.objects.get()
    assert "List-Unsubscribe" in email.headers
    assert "strong-matches" not in email.text_body  # the kind is inside the signed token


def test_a_membership_decision_email_carries_the_headers():
    membership = MembershipFactory(status="approved", decided_at=timezone.now())
    CompanyMemberFactory(company=membership.company)

    membership_decision_announce(membership_id=membership.pk, base_url="https://x.example")

    email = OutboundEmail.objects.get()
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_password_reset_email_carries_no_unsubscribe_link(client):
    person = UserFactory()

    client.post("/en/accounts/password/reset/", {"email": person.email})

    email = OutboundEmail.objects.get(to_email=person.email)
    assert "List-Unsubscribe" not in email.headers
    assert "unsubscribe" not in email.text_body.lower()


def test_the_confirmation_email_of_a_new_address_carries_no_unsubscribe_link(client):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "new.person@example.org",
            "password1": "Analytical-Engine-1843",
            "password2": "Analytical-Engine-1843",
            "full_name": "New Person",
            "accept_privacy": "on",
        },
    )

    email = OutboundEmail.objects.get(to_email="new.person@example.org")
    assert "List-Unsubscribe" not in email.headers


# --- The person's data ------------------------------------------------------------------


def test_the_data_export_names_the_unsubscribes_and_the_persons_undeliverable_address(user):
    unsubscribe(user=user, kind=KIND)
    email_events_record(
        events=[
            provider_event(
                {
                    "id": "evt-1",
                    "type": "bounce",
                    "bounce_type": "hard",
                    "email": user.email.upper(),
                    "timestamp": "2026-11-20T10:00:00Z",
                }
            )
        ],
        source="webhook",
    )

    exported = personal_data_export(user=user)["notifications"]

    assert [item["kind"] for item in exported["unsubscribes"]] == [KIND]
    [address] = exported["undeliverable_addresses"]
    assert address["address"] == user.email.lower()
    assert address["events"][0]["bounce_type"] == "hard"


def test_someone_elses_undeliverable_address_is_not_in_the_export(user):
    SuppressedAddress.objects.create(
        email="someone.else@example.org",
        reason="complaint",
        source="import",
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )

    assert personal_data_export(user=user)["notifications"]["undeliverable_addresses"] == []

"""Each rate limit, hit at its configured number: the person reads a clear message and nothing is
created beyond the limit. The numbers come from where the limits are configured (allauth's
ACCOUNT_RATE_LIMITS, our `Limit`s), so the tests follow a changed setting.
"""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from bridges.models import Bridge
from companies.models import BridgeMembership, CompanyInvite, CompanyMember, JoinRequest
from companies.self_service import services as self_service
from leads import services as leads
from leads.models import Introduction
from matchmaking.models import MatchPair
from notifications.models import OutboundEmail
from tests.factories import PASSWORD, CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _allauth_number(action: str, key: str) -> int:
    """The number of the `key` part of an allauth limit, e.g. 5 for "5/5m/key"."""
    for part in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        number, _window, *rest = part.strip().split("/")
        if (rest[0] if rest else "ip") == key:
            return int(number)
    raise AssertionError(f"no {key} limit for {action}")


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_login_failures_for_one_address_block_even_the_right_password(client, settings):
    # A fast hasher: the limit, not Argon2, is under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    person = UserFactory(password=make_password(PASSWORD))
    for _ in range(_allauth_number("login_failed", "key")):
        client.post(_url("account_login"), {"login": person.email, "password": "wrong"})

    response = client.post(_url("account_login"), {"login": person.email, "password": PASSWORD})

    assert "Too many failed login attempts. Try again later." in response.text
    assert "_auth_user_id" not in client.session


def test_sign_ups_from_one_address_stop_at_the_limit(client):
    # Every posted sign-up counts, complete or not: the limit is reached with empty forms.
    for _ in range(_allauth_number("signup", "ip")):
        client.post(_url("account_signup"), {})

    response = client.post(
        _url("account_signup"),
        {
            "email": "one-more@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "One More",
            "accept_privacy": "on",
        },
    )

    assert response.status_code == 429
    assert "You tried this too often in a short time." in response.text
    assert not User.objects.filter(email="one-more@example.org").exists()


def test_password_resets_for_one_address_stop_at_the_limit(client):
    person = UserFactory()
    limit = _allauth_number("reset_password", "key")
    for _ in range(limit):
        client.post(_url("account_reset_password"), {"email": person.email})

    response = client.post(_url("account_reset_password"), {"email": person.email})

    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert OutboundEmail.objects.filter(to_email=person.email).count() == limit


def _owner_of(company):
    owner = UserFactory()
    CompanyMember.objects.create(company=company, user=owner, role="owner")
    return owner


def test_invitations_stop_at_the_limit_with_a_clear_message(client):
    company = CompanyFactory()
    owner = _owner_of(company)
    limit = self_service._invite_limits(actor=owner, company=company)[0].count
    for number in range(limit):
        self_service.invite_create(
            actor=owner, company=company, email=f"colleague{number}@example.org", role="member"
        )
    client.force_login(owner)

    response = client.post(
        _url("self_service:team", company.pk), {"email": "one-more@example.org", "role": "member"}
    )

    assert "You have sent many invitations in a short time." in response.text
    assert CompanyInvite.objects.filter(company=company).count() == limit


def test_requests_to_join_stop_at_the_limit_with_a_clear_message(client):
    person = UserFactory()
    limit = self_service._join_limits(actor=person, company=CompanyFactory())[0].count
    for _ in range(limit):
        company = CompanyFactory()
        _owner_of(company)
        self_service.join_request_create(actor=person, company_id=company.pk)
    one_more = CompanyFactory()
    _owner_of(one_more)
    client.force_login(person)

    response = client.post(_url("self_service:join_request", one_more.pk), {"message": "Hi"})

    assert "You have sent several requests in a short time." in response.text
    assert JoinRequest.objects.filter(user=person).count() == limit


def _approved(company, bridge):
    BridgeMembership.objects.create(
        company=company, bridge=bridge, status="approved", decided_at=timezone.now()
    )
    return company


def test_introduction_requests_stop_at_the_limit_with_a_clear_message(client, settings):
    # The open-request limit is a separate rule; raised so that the hourly one is reached.
    settings.INTRODUCTION_OPEN_REQUEST_LIMIT = 1000
    uk = Bridge.objects.get(slug="united-kingdom")
    asking = _approved(CompanyFactory(ruhr=True), uk)
    person = _owner_of(asking)
    limit = leads._request_limits(person, asking)[0].count
    for _ in range(limit):
        leads.introduction_request(
            actor=person, bridge=uk, requester=asking, recipient=_approved(CompanyFactory(), uk)
        )
    partner = _approved(CompanyFactory(), uk)
    MatchPair.objects.create(bridge=uk, company=asking, partner=partner, state="interested")
    client.force_login(person)

    response = client.post(
        _url("introductions:request", asking.pk, "united-kingdom", partner.pk),
        {"message": "Hello"},
        follow=True,
    )

    assert "You sent many requests in the last hour. Please try again later." in response.text
    assert Introduction.objects.filter(requester=asking).count() == limit

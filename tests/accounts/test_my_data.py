import json

import pytest

from accounts.models import User
from companies.models import CompanyMember
from tests.factories import PASSWORD, CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_my_data_needs_a_sign_in(client):
    response = client.get("/en/account/my-data/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_download_holds_the_account_and_the_companies_one_acts_for(client):
    user = UserFactory(email="ada@example.org", full_name="Ada Lovelace")
    CompanyMember.objects.create(
        company=CompanyFactory(name="Analytical Engines Ltd"), user=user, role="owner"
    )
    _signed_in(client, user)

    response = client.get("/en/account/my-data/export.json")

    assert response["Content-Disposition"].startswith('attachment; filename="ruhrbridge-my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "ada@example.org"
    assert data["account"]["full_name"] == "Ada Lovelace"
    assert data["companies"][0]["company"] == "Analytical Engines Ltd"
    assert "emails" in data


def _reauthenticated(client, user):
    asked = client.get("/en/account/delete/")
    assert asked.status_code == 302
    assert "/accounts/reauthenticate/" in asked["Location"]
    client.post(asked["Location"], {"password": PASSWORD})
    return client


def test_deleting_the_account_asks_for_the_password_and_a_confirmation(client):
    user = UserFactory()
    _reauthenticated(_signed_in(client, user), user)

    unconfirmed = client.post("/en/account/delete/")
    assert User.objects.filter(pk=user.pk).exists()
    assert "Tick the box" in unconfirmed.text

    response = client.post("/en/account/delete/", {"confirm": "yes"}, follow=True)

    assert not User.objects.filter(pk=user.pk).exists()
    assert "Your account and your personal data are deleted." in response.text


def test_the_last_owner_of_a_team_is_told_to_hand_over_and_keeps_the_account(client):
    owner, colleague = UserFactory(), UserFactory()
    company = CompanyFactory(name="Pennine Power Ltd")
    CompanyMember.objects.create(company=company, user=owner, role="owner")
    CompanyMember.objects.create(company=company, user=colleague, role="member")
    _signed_in(client, owner)

    page = client.get("/en/account/my-data/").text
    _reauthenticated(client, owner)
    response = client.post("/en/account/delete/", {"confirm": "yes"}, follow=True)

    assert "You are the last owner of Pennine Power Ltd" in page
    assert "You are the last owner of Pennine Power Ltd" in response.text
    assert User.objects.filter(pk=owner.pk).exists()

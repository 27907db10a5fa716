import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from demo.logins import (
    DEMO_PASSWORD,
    STAFF_EMAIL,
    STAFF_TOTP_SECRET,
    current_code,
    demo_logins_ensure,
)

pytestmark = pytest.mark.django_db


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, staff):
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2F"


@pytest.mark.parametrize("path", ["/en/staff/leads/", "/de/staff/leads/"])
def test_the_staff_pages_outside_the_admin_ask_for_an_authenticator_app_too(client, staff, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.endswith("/accounts/2fa/totp/activate/?next=" + path.replace("/", "%2F"))


def test_the_set_up_page_explains_why_in_the_users_language(client, staff):
    staff.preferred_language = "de"
    staff.save()
    client.force_login(staff)

    response = client.get("/admin/", follow=True)

    assert "bevor Sie den Verwaltungsbereich öffnen" in response.text


def test_staff_with_an_authenticator_app_reach_the_admin(client, staff):
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "RuhrBridge" in response.text


def test_people_who_are_not_staff_are_refused_by_the_admin(client, user):
    client.force_login(user)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert "You are not allowed to do this." in response.text


def test_the_admin_signs_in_through_allauth(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/de/accounts/login/?next=")
    assert response.status_code == 200


def test_the_demo_staff_user_signs_in_with_password_and_totp_and_reaches_the_admin(client):
    demo_logins_ensure()

    first = client.post(
        "/en/accounts/login/?next=/admin/", {"login": STAFF_EMAIL, "password": DEMO_PASSWORD}
    )
    assert first.status_code == 302
    assert first.url.startswith("/en/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302

    second = client.post(first.url, {"code": current_code(STAFF_TOTP_SECRET)})

    assert second.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_totp_code_keeps_staff_out(client):
    demo_logins_ensure()
    first = client.post("/en/accounts/login/", {"login": STAFF_EMAIL, "password": DEMO_PASSWORD})

    response = client.post(first.url, {"code": "000000"})

    assert response.status_code == 200
    assert "Incorrect code." in response.text
    assert client.get("/admin/").status_code == 302


def test_authenticator_secrets_are_stored_encrypted(db):
    demo_logins_ensure()

    stored = Authenticator.objects.get(type=Authenticator.Type.TOTP).data["secret"]

    assert STAFF_TOTP_SECRET not in stored

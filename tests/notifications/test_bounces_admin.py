import pytest

from notifications.models import SuppressedAddress
from tests.factories import CompanyContactFactory, UserFactory
from tests.support.admin import admin_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    return admin_client_for(client, staff)


def _suppress(address: str) -> None:
    SuppressedAddress.objects.create(
        email=address.lower(),
        reason="hard-bounce",
        source="webhook",
        first_seen="2026-03-03T10:00:00Z",
        last_seen="2026-03-03T10:00:00Z",
    )


def test_the_persons_page_says_since_when_the_address_is_undeliverable(staff_client):
    person = UserFactory(email="Gone@Example.org")
    _suppress(person.email)

    response = staff_client.get(f"/admin/accounts/user/{person.pk}/change/")

    assert "undeliverable since" in response.text
    assert "hard bounce" in response.text


def test_staff_filter_people_by_undeliverable_address(staff_client):
    gone = UserFactory(email="Gone@Example.org")
    fine = UserFactory()
    _suppress(gone.email)

    response = staff_client.get("/admin/accounts/user/?undeliverable=yes")

    assert gone.email in response.text
    assert fine.email not in response.text


def test_a_contact_persons_page_and_filter_show_the_undeliverable_address(staff_client):
    gone = CompanyContactFactory()
    fine = CompanyContactFactory()
    _suppress(gone.email)

    page = staff_client.get(f"/admin/companies/companycontact/{gone.pk}/change/")
    listed = staff_client.get("/admin/companies/companycontact/?undeliverable=yes")
    company = staff_client.get(f"/admin/companies/company/{gone.company_id}/change/")

    assert "undeliverable since" in page.text
    assert gone.email in listed.text and fine.email not in listed.text
    assert "undeliverable since" in company.text


def test_staff_see_the_undeliverable_addresses(staff_client):
    _suppress("gone@example.org")

    response = staff_client.get("/admin/notifications/suppressedaddress/")

    assert "gone@example.org" in response.text

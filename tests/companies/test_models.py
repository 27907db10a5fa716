import pytest
from django.db import IntegrityError

from bridges.models import Bridge, Municipality
from companies.models import Company, CompanyContact, email_digest
from tests.factories import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_company_is_unique_by_name_and_country_whatever_the_case():
    CompanyFactory(name="Pennine Power Ltd", country="GB")

    with pytest.raises(IntegrityError):
        CompanyFactory(name="PENNINE POWER LTD", country="GB")


def test_the_same_name_may_exist_in_another_country():
    CompanyFactory(name="Atlas B.V.", country="NL")

    assert CompanyFactory(name="Atlas B.V.", country="GB").pk


def test_a_german_company_needs_a_home_municipality():
    with pytest.raises(IntegrityError):
        Company.objects.create(name="Kölner Kabel AG", country="DE", city="Köln")


def test_a_partner_region_company_has_no_home_municipality():
    with pytest.raises(IntegrityError):
        Company.objects.create(
            name="Leeds Ltd", country="GB", home_municipality=Municipality.objects.get(name="Essen")
        )


def test_a_company_is_a_member_of_a_bridge_once():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError):
        MembershipFactory(company=membership.company, bridge=membership.bridge)


def test_a_decided_membership_records_when():
    with pytest.raises(IntegrityError):
        MembershipFactory(status="approved", decided_at=None)


def test_a_person_is_a_contact_of_a_company_once_but_may_be_one_of_two_companies():
    first, second = CompanyFactory(), CompanyFactory()
    digest = email_digest("Ann@Example.org")
    CompanyContact.objects.create(company=first, email="ann@example.org", email_digest=digest)
    CompanyContact.objects.create(company=second, email="ann@example.org", email_digest=digest)

    with pytest.raises(IntegrityError):
        CompanyContact.objects.create(company=first, email="ann@example.org", email_digest=digest)


def test_an_objected_contact_keeps_no_details():
    with pytest.raises(IntegrityError):
        CompanyContact.objects.create(
            company=CompanyFactory(),
            name="Ann",
            email="a@example.org",
            email_digest="x",
            objected_at="2026-01-01T00:00:00Z",
        )


def test_bridges_record_their_history(db):
    bridge = Bridge.objects.get(slug="israel")
    bridge.status = "paused"
    bridge.save()

    assert bridge.history.first().status == "paused"
    assert bridge.history.count() == 1

import pytest
from django.db import IntegrityError, connection, transaction

from bridges.models import Bridge, Municipality
from companies.models import Company, CompanyContact, email_digest
from tests.factories import CompanyFactory, MembershipFactory, UserFactory

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


def _check_deferred_constraints_now():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_database_refuses_a_company_whose_members_have_no_owner():
    from companies.models import CompanyMember

    company = CompanyFactory()
    owner = CompanyMember.objects.create(company=company, user=UserFactory(), role="owner")
    CompanyMember.objects.create(company=company, user=UserFactory(), role="member")

    with pytest.raises(IntegrityError, match="has members but no owner"), transaction.atomic():
        CompanyMember.objects.filter(pk=owner.pk).delete()
        _check_deferred_constraints_now()

    with pytest.raises(IntegrityError, match="has members but no owner"), transaction.atomic():
        CompanyMember.objects.filter(pk=owner.pk).update(role="admin")
        _check_deferred_constraints_now()

    assert CompanyMember.objects.get(pk=owner.pk).role == "owner"


def test_the_database_allows_handing_over_ownership_within_one_transaction():
    from companies.models import CompanyMember

    company = CompanyFactory()
    owner = CompanyMember.objects.create(company=company, user=UserFactory(), role="owner")
    heir = CompanyMember.objects.create(company=company, user=UserFactory(), role="member")

    with transaction.atomic():
        CompanyMember.objects.filter(pk=owner.pk).update(role="member")
        CompanyMember.objects.filter(pk=heir.pk).update(role="owner")
        _check_deferred_constraints_now()

    assert list(company.members.filter(role="owner")) == [heir]


def test_a_company_without_members_needs_no_owner():
    from companies.models import CompanyMember

    company = CompanyFactory()
    only = CompanyMember.objects.create(company=company, user=UserFactory(), role="owner")

    only.delete()
    _check_deferred_constraints_now()

    assert not company.members.exists()

import pytest

from accounts import privacy
from accounts.models import User
from companies.models import CompanyMember
from companies.services import company_member_add, company_member_set_role
from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_companies_a_person_acts_for():
    user = UserFactory()
    company = CompanyFactory(name="Pennine Power Ltd", country="GB")
    company_member_add(company=company, user=user)

    exported = privacy.personal_data_export(user=user)

    assert exported["companies"] == [
        {
            "company": "Pennine Power Ltd",
            "country": "GB",
            "role": "owner",
            "joined_at": CompanyMember.objects.get(user=user).joined_at.isoformat(),
        }
    ]


def test_when_the_last_owner_erases_their_account_an_admin_takes_over_before_a_member():
    owner, member, admin = UserFactory(), UserFactory(), UserFactory()
    company = CompanyFactory()
    for user in (owner, member, admin):
        company_member_add(company=company, user=user)
    company_member_set_role(company=company, user=admin, role="admin")

    privacy.personal_data_erase(user=owner)

    assert not User.objects.filter(pk=owner.pk).exists()
    roles = dict(company.members.values_list("user_id", "role"))
    assert roles == {member.pk: "member", admin.pk: "owner"}


def test_a_company_whose_only_member_erases_their_account_keeps_its_profile():
    owner = UserFactory()
    company = CompanyFactory()
    company_member_add(company=company, user=owner)

    privacy.personal_data_erase(user=owner)

    company.refresh_from_db()
    assert not company.members.exists()

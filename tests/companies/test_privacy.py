import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts import privacy
from accounts.models import User
from accounts.services import user_erase
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


def test_the_last_owner_of_a_team_must_hand_over_before_erasing_the_account():
    owner, admin = UserFactory(), UserFactory()
    company = CompanyFactory(name="Pennine Power Ltd")
    for user in (owner, admin):
        company_member_add(company=company, user=user)

    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="You are the last owner of Pennine Power Ltd"),
    ):
        user_erase(user=owner)

    assert User.objects.filter(pk=owner.pk).exists()
    company_member_set_role(company=company, user=admin, role="owner")
    user_erase(user=owner)
    assert not User.objects.filter(pk=owner.pk).exists()
    assert dict(company.members.values_list("user_id", "role")) == {admin.pk: "owner"}


def test_a_company_whose_only_member_erases_their_account_keeps_its_profile():
    owner = UserFactory()
    company = CompanyFactory()
    company_member_add(company=company, user=owner)

    user_erase(user=owner)

    company.refresh_from_db()
    assert not company.members.exists()

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.utils import translation

from bridges.models import Bridge
from companies.enums import MemberRole, MembershipStatus
from companies.models import BridgeMembership, CompanyMember
from companies.services import (
    company_member_add,
    company_member_remove,
    company_member_set_role,
    membership_decide,
)
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uk_manager():
    manager = UserFactory(is_staff=True)
    Bridge.objects.get(slug="united-kingdom").managers.add(manager)
    return manager


def test_a_manager_approves_an_application_and_history_records_who(uk_manager):
    membership = MembershipFactory()

    membership_decide(actor=uk_manager, membership_id=membership.pk, approve=True)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == uk_manager
    assert membership.history.first().status == MembershipStatus.APPROVED


def test_declining_needs_a_reason(uk_manager):
    membership = MembershipFactory()

    with translation.override("en"), pytest.raises(ValidationError, match="say why you decline"):
        membership_decide(actor=uk_manager, membership_id=membership.pk, approve=False)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPLIED


def test_a_manager_of_another_bridge_may_not_decide(uk_manager):
    membership = MembershipFactory(
        bridge=Bridge.objects.get(slug="israel"), company=CompanyFactory(country="IL")
    )

    with pytest.raises(PermissionDenied):
        membership_decide(actor=uk_manager, membership_id=membership.pk, approve=True)


def test_a_second_decision_gets_a_clear_message_and_changes_nothing(uk_manager):
    membership = MembershipFactory()
    membership_decide(actor=uk_manager, membership_id=membership.pk, approve=True)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        membership_decide(
            actor=StaffFactory(), membership_id=membership.pk, approve=False, reason="Too late"
        )

    assert "was already decided: approved by" in error.value.messages[0]
    assert "Nothing was changed." in error.value.messages[0]
    assert BridgeMembership.objects.get().status == MembershipStatus.APPROVED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_managers_deciding_at_once_one_wins_and_the_other_is_told():
    managers = [StaffFactory(), StaffFactory()]
    membership = MembershipFactory()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(manager, approve):
        barrier.wait()
        try:
            membership_decide(
                actor=manager, membership_id=membership.pk, approve=approve, reason="No fit"
            )
            outcomes.append("won")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(managers[0], True)),
        threading.Thread(target=decide, args=(managers[1], False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("won") == 1
    assert len(outcomes) == 2
    assert BridgeMembership.objects.get().history.count() == 2


def test_the_first_person_of_a_company_becomes_its_owner():
    company = CompanyFactory()

    first = company_member_add(company=company, user=UserFactory())
    second = company_member_add(company=company, user=UserFactory())

    assert (first.role, second.role) == (MemberRole.OWNER, MemberRole.MEMBER)


def test_a_person_is_a_member_of_a_company_once():
    member = company_member_add(company=CompanyFactory(), user=UserFactory())

    with pytest.raises(IntegrityError):
        CompanyMember.objects.create(company=member.company, user=member.user)


def test_the_last_owner_can_neither_step_down_nor_leave():
    company = CompanyFactory()
    owner = UserFactory()
    company_member_add(company=company, user=owner)
    company_member_add(company=company, user=UserFactory())

    with translation.override("en"):
        with pytest.raises(ValidationError, match="last owner"):
            company_member_set_role(company=company, user=owner, role=MemberRole.MEMBER)
        with pytest.raises(ValidationError, match="can neither leave nor be removed"):
            company_member_remove(company=company, user=owner)

    assert CompanyMember.objects.get(user=owner).role == MemberRole.OWNER


def test_an_owner_may_step_down_once_someone_else_owns_the_company():
    company = CompanyFactory()
    owner, colleague = UserFactory(), UserFactory()
    company_member_add(company=company, user=owner)
    company_member_add(company=company, user=colleague)
    company_member_set_role(company=company, user=colleague, role=MemberRole.OWNER)

    company_member_remove(company=company, user=owner)

    assert list(CompanyMember.objects.values_list("user", "role")) == [
        (colleague.pk, MemberRole.OWNER)
    ]

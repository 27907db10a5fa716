"""The team page: roles, removals, leaving, invitations and requests to join."""

import pytest
from django.urls import reverse
from django.utils import translation

from companies.enums import MemberRole
from companies.models import CompanyInvite, CompanyMember, JoinRequest
from companies.self_service import services
from tests.factories import CompanyMemberFactory, UserFactory
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def owner(client):
    membership = CompanyMemberFactory(company__name="Pennine Electrolysis Ltd")
    client.force_login(membership.user)
    return membership


def _colleague(company, role="member"):
    return CompanyMemberFactory(company=company, role=role).user


def _role_url(company, user):
    return reverse("self_service:team_role", args=[company.pk, user.pk])


def _remove_url(company, user):
    return reverse("self_service:team_remove", args=[company.pk, user.pk])


def _role_of(company, user):
    return CompanyMember.objects.get(company=company, user=user).role


def test_the_team_page_lists_the_members_for_the_team_only(client, owner):
    colleague = _colleague(owner.company)
    url = reverse("self_service:team", args=[owner.company.pk])

    assert colleague.email in client.get(url).content.decode()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_an_owner_makes_a_member_an_admin(client, owner):
    colleague = _colleague(owner.company)

    response = client.post(_role_url(owner.company, colleague), {"role": "admin"}, follow=True)

    assert _role_of(owner.company, colleague) == MemberRole.ADMIN
    assert "is now admin" in response.content.decode()


def test_an_admin_cannot_make_someone_an_owner(client, owner):
    admin = _colleague(owner.company, role="admin")
    colleague = _colleague(owner.company)
    client.force_login(admin)

    response = client.post(_role_url(owner.company, colleague), {"role": "owner"}, follow=True)

    assert "Only an owner can make someone an owner" in response.content.decode()
    assert _role_of(owner.company, colleague) == MemberRole.MEMBER


def test_a_plain_member_cannot_change_roles(client, owner):
    member = _colleague(owner.company)
    client.force_login(member)

    response = client.post(_role_url(owner.company, member), {"role": "owner"}, follow=True)

    assert "Only the owners and admins" in response.content.decode()
    assert _role_of(owner.company, member) == MemberRole.MEMBER


def test_an_unknown_role_posted_by_hand_is_refused(client, owner):
    colleague = _colleague(owner.company)

    response = client.post(_role_url(owner.company, colleague), {"role": "king"}, follow=True)

    assert "Please choose one of the roles." in response.content.decode()
    assert _role_of(owner.company, colleague) == MemberRole.MEMBER


def test_the_last_owner_cannot_step_down(client, owner):
    response = client.post(_role_url(owner.company, owner.user), {"role": "member"}, follow=True)

    assert "is the last owner of Pennine Electrolysis Ltd" in response.content.decode()
    assert _role_of(owner.company, owner.user) == MemberRole.OWNER


def test_the_last_owner_can_neither_leave_nor_be_removed(client, owner):
    admin = _colleague(owner.company, role="admin")

    response = client.post(_remove_url(owner.company, owner.user), follow=True)
    assert "can neither leave nor be removed" in response.content.decode()

    client.force_login(admin)
    client.post(_remove_url(owner.company, owner.user))

    assert _role_of(owner.company, owner.user) == MemberRole.OWNER


def test_an_owner_removes_a_member(client, owner):
    colleague = _colleague(owner.company)

    client.post(_remove_url(owner.company, colleague))

    assert not CompanyMember.objects.filter(user=colleague).exists()


def test_a_member_leaves_and_lands_on_the_dashboard(client, owner):
    colleague = _colleague(owner.company)
    client.force_login(colleague)

    response = client.post(_remove_url(owner.company, colleague))

    assert response.url == reverse("self_service:dashboard")
    assert not CompanyMember.objects.filter(user=colleague).exists()


def test_a_member_cannot_remove_a_colleague(client, owner):
    colleague, other = _colleague(owner.company), _colleague(owner.company)
    client.force_login(colleague)

    client.post(_remove_url(owner.company, other))

    assert CompanyMember.objects.filter(user=other).exists()


def test_a_team_change_by_get_changes_nothing(client, owner):
    colleague = _colleague(owner.company)

    client.get(_remove_url(owner.company, colleague))

    assert CompanyMember.objects.filter(user=colleague).exists()


def test_team_changes_for_another_company_are_a_404(client, owner):
    elsewhere = CompanyMemberFactory()

    response = client.post(_remove_url(elsewhere.company, elsewhere.user))

    assert response.status_code == 404
    assert CompanyMember.objects.filter(pk=elsewhere.pk).exists()


def test_an_owner_sends_an_invitation_from_the_team_page(client, owner):
    response = client.post(
        reverse("self_service:team", args=[owner.company.pk]),
        {"email": "Colleague@Example.org", "role": "admin"},
        follow=True,
    )

    invite = CompanyInvite.objects.get()
    assert (invite.email, invite.role, invite.invited_by) == (
        "colleague@example.org",
        "admin",
        owner.user,
    )
    assert "Invitation sent to colleague@example.org" in response.content.decode()


def test_an_invalid_address_is_refused_and_nothing_is_sent(client, owner):
    response = client.post(
        reverse("self_service:team", args=[owner.company.pk]),
        {"email": "colleague@", "role": "member"},
    )

    assert "Enter a valid email address." in response.content.decode()
    assert not CompanyInvite.objects.exists()


def test_withdrawing_an_invitation_disables_its_link(client, owner):
    invite = services.invite_create(
        actor=owner.user, company=owner.company, email="x@example.org", role="member"
    )

    client.post(reverse("self_service:team_invite_revoke", args=[owner.company.pk, invite.pk]))

    invite.refresh_from_db()
    assert invite.revoked_at is not None


def test_an_owner_approves_a_request_to_join_from_the_team_page(client, owner):
    asker = UserFactory(full_name="Alan Turing")
    request = services.join_request_create(actor=asker, company_id=owner.company.pk)

    response = client.post(
        reverse("self_service:team_request_decide", args=[owner.company.pk, request.pk]),
        {"decision": "approve"},
        follow=True,
    )

    assert "Alan Turing joined the team." in response.content.decode()
    assert _role_of(owner.company, asker) == MemberRole.MEMBER


def test_a_request_to_another_company_cannot_be_decided_through_ones_own(client, owner):
    elsewhere = CompanyMemberFactory().company
    request = services.join_request_create(actor=UserFactory(), company_id=elsewhere.pk)

    response = client.post(
        reverse("self_service:team_request_decide", args=[owner.company.pk, request.pk]),
        {"decision": "approve"},
    )

    assert response.status_code == 404
    assert JoinRequest.objects.get().status == "pending"


def test_the_team_page_does_a_constant_number_of_queries(client, owner):
    def add_row():
        _colleague(owner.company)
        services.join_request_create(actor=UserFactory(), company_id=owner.company.pk)
        CompanyInvite.objects.create(
            company=owner.company,
            email=f"{UserFactory.build().email}",
            expires_at="2999-01-01T00:00:00Z",
        )

    assert_constant_queries(client, reverse("self_service:team", args=[owner.company.pk]), add_row)

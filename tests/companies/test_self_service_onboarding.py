"""After sign-up: create a company, ask to join one, claim one, or accept an invite."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from companies.enums import JoinRequestKind, JoinRequestStatus, MemberRole
from companies.models import Company, CompanyInvite, CompanyMember, JoinRequest
from companies.self_service import services
from companies.signals import company_profile_changed
from notifications.models import OutboundEmail
from tests.factories import (
    CompanyContactFactory,
    CompanyFactory,
    CompanyMemberFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _create(client, **data):
    return client.post(
        reverse("self_service:company_create"),
        {"name": "Mersey Hydrogen Ltd", "country": "GB", "city": "Liverpool", **data},
    )


# --- Creating -----------------------------------------------------------------------------


def test_the_person_who_creates_a_company_becomes_its_owner(client, user):
    client.force_login(user)

    response = _create(client, website="https://mersey-h2.example")

    company = Company.objects.get(name="Mersey Hydrogen Ltd")
    assert response.status_code == 302
    assert response.url == reverse("self_service:profile_step", args=[company.pk, "basics"])
    assert CompanyMember.objects.get(company=company).user == user
    assert CompanyMember.objects.get(company=company).role == MemberRole.OWNER
    assert company.origin == "self"


def test_a_ruhr_company_gets_its_home_municipality_from_the_town(client, user):
    client.force_login(user)

    _create(client, name="Kettwig Wasserstoff GmbH", country="DE", city="Essen-Kettwig")

    assert Company.objects.get(name="Kettwig Wasserstoff GmbH").home_municipality.name == "Essen"


@pytest.fixture
def profile_signals():
    received = []

    def receiver(sender, company_id, **kwargs):
        received.append(company_id)

    company_profile_changed.connect(receiver, weak=False)
    yield received
    company_profile_changed.disconnect(receiver)


def test_creating_a_company_sends_one_profile_signal_after_commit(
    client, user, django_capture_on_commit_callbacks, profile_signals
):
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        _create(client)

    assert profile_signals == [Company.objects.get(name="Mersey Hydrogen Ltd").pk]


def test_a_duplicate_company_is_refused_with_an_offer_to_ask_to_join(client, user):
    existing = CompanyFactory(name="Mersey Hydrogen Ltd", country="GB")
    client.force_login(user)

    response = _create(client, name="mersey hydrogen ltd")

    assert response.status_code == 200
    assert "is already on RuhrBridge. Ask to join its team" in response.content.decode()
    assert reverse("self_service:join_request", args=[existing.pk]) in response.content.decode()
    assert Company.objects.count() == 1
    assert not CompanyMember.objects.exists()


def test_the_same_name_in_another_country_is_a_different_company(client, user):
    CompanyFactory(name="Mersey Hydrogen Ltd", country="NL", city="Rotterdam")
    client.force_login(user)

    _create(client)

    assert Company.objects.filter(name="Mersey Hydrogen Ltd").count() == 2


def test_a_german_company_outside_the_ruhr_is_refused_and_nothing_is_created(client, user):
    client.force_login(user)

    response = _create(client, name="Isar Solar GmbH", country="DE", city="München")

    assert "is not a town or city of the Ruhr" in response.content.decode()
    assert not Company.objects.exists()


def test_an_invalid_website_is_refused_and_nothing_is_created(client, user):
    client.force_login(user)

    response = _create(client, website="not a website")

    assert "Enter a valid URL." in response.content.decode()
    assert not Company.objects.exists()


def test_a_country_without_a_bridge_cannot_be_chosen(client, user):
    client.force_login(user)

    response = _create(client, country="FR", city="Paris")

    assert "Select a valid choice" in response.content.decode()
    assert not Company.objects.exists()


def test_fields_the_form_does_not_show_are_ignored_when_creating(client, user):
    other = CompanyFactory()
    client.force_login(user)

    _create(client, origin="import", visibility="public", open_to_matching="", owner=other.pk)

    company = Company.objects.get(name="Mersey Hydrogen Ltd")
    assert (company.origin, company.visibility, company.open_to_matching) == (
        "self",
        "members-only",
        True,
    )
    assert list(company.members.values_list("user", flat=True)) == [user.pk]


def test_the_onboarding_pages_need_a_signed_in_user(client):
    for name in ("self_service:start", "self_service:company_create", "self_service:join_search"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response.url


# --- Finding a company and asking to join --------------------------------------------------


def test_a_search_finds_companies_by_name_and_by_the_domain_of_ones_address(client):
    user = UserFactory(email="ada@pennine-h2.example")
    by_domain = CompanyFactory(
        name="Pennine Electrolysis Ltd", website="https://www.pennine-h2.example"
    )
    by_name = CompanyFactory(name="Salford Cells Ltd")
    CompanyFactory(name="Unrelated Ltd")
    client.force_login(user)

    response = client.get(reverse("self_service:join_search"), {"q": "salford"})

    assert [company.pk for company in response.context["companies"]] == [by_domain.pk, by_name.pk]


def test_a_hidden_company_is_found_only_by_people_of_its_e_mail_domain(client):
    hidden = CompanyFactory(
        name="Stealth Cells Ltd", website="https://stealth.example", visibility="hidden"
    )
    client.force_login(UserFactory(email="eve@elsewhere.example"))

    by_name = client.get(reverse("self_service:join_search"), {"q": "stealth"})
    page = client.get(reverse("self_service:join_request", args=[hidden.pk]))

    assert list(by_name.context["companies"]) == []
    assert page.status_code == 404
    client.force_login(UserFactory(email="bob@stealth.example"))
    found = client.get(reverse("self_service:join_search"), {"q": "stealth"})
    assert [company.pk for company in found.context["companies"]] == [hidden.pk]
    assert client.get(reverse("self_service:join_request", args=[hidden.pk])).status_code == 200


def test_a_request_to_join_waits_for_the_owners_and_admins_and_tells_them(
    client, user, django_capture_on_commit_callbacks
):
    owner = CompanyMemberFactory(user__preferred_language="de").user
    company = owner.company_memberships.get().company
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("self_service:join_request", args=[company.pk]), {"message": "I run sales."}
        )

    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert (request.kind, request.status, request.message) == ("join", "pending", "I run sales.")
    assert not CompanyMember.objects.filter(user=user).exists()
    email = OutboundEmail.objects.get(to_email=owner.email)
    assert email.language == "de"
    assert company.name in email.subject


def test_an_owner_approves_a_request_to_join_and_the_person_joins_as_member(user):
    owner = CompanyMemberFactory().user
    company = owner.company_memberships.get().company
    request = services.join_request_create(actor=user, company_id=company.pk)

    services.join_request_decide(actor=owner, request_id=request.pk, approve=True)

    assert CompanyMember.objects.get(company=company, user=user).role == MemberRole.MEMBER
    assert OutboundEmail.objects.filter(to_email=user.email).exists()


def test_a_plain_member_cannot_decide_a_request_to_join(user):
    company = CompanyFactory()
    CompanyMemberFactory(company=company)
    member = CompanyMemberFactory(company=company, role=MemberRole.MEMBER).user
    request = services.join_request_create(actor=user, company_id=company.pk)

    with pytest.raises(services.PermissionDenied):
        services.join_request_decide(actor=member, request_id=request.pk, approve=True)

    assert JoinRequest.objects.get().status == JoinRequestStatus.PENDING


def test_a_request_to_join_a_company_one_belongs_to_is_refused_and_nothing_is_stored(client):
    membership = CompanyMemberFactory()
    client.force_login(membership.user)

    response = client.post(reverse("self_service:join_request", args=[membership.company.pk]))

    assert "You already belong to the team of" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_asking_twice_is_refused_while_the_first_request_waits(client, user):
    company = CompanyMemberFactory().company
    client.force_login(user)
    url = reverse("self_service:join_request", args=[company.pk])
    client.post(url)

    response = client.post(url)

    assert "your request is waiting for a decision" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_requests_to_join_are_rate_limited_per_user(client, user):
    companies = [CompanyMemberFactory().company for _ in range(6)]
    client.force_login(user)
    for company in companies[:5]:
        client.post(reverse("self_service:join_request", args=[company.pk]))

    response = client.post(reverse("self_service:join_request", args=[companies[5].pk]))

    assert "several requests in a short time" in response.content.decode()
    assert JoinRequest.objects.count() == 5


def test_requests_to_join_are_rate_limited_per_company(user):
    company = CompanyMemberFactory().company
    for _ in range(20):
        services.join_request_create(actor=UserFactory(), company_id=company.pk)

    with pytest.raises(services.ValidationError, match="many requests in a short time"):
        services.join_request_create(actor=user, company_id=company.pk)

    assert JoinRequest.objects.count() == 20


# --- Claiming a company without members ----------------------------------------------------


def test_a_contact_of_a_company_without_members_claims_it_at_once_and_owns_it(client):
    company = CompanyFactory(origin="import")
    contact = CompanyContactFactory(company=company, email="Grace@Pennine.example")
    user = UserFactory(email="grace@pennine.example")
    client.force_login(user)

    response = client.post(reverse("self_service:join_request", args=[company.pk]))

    assert response.status_code == 302
    assert CompanyMember.objects.get(company=company).user == user
    assert CompanyMember.objects.get(company=company).role == MemberRole.OWNER
    request = JoinRequest.objects.get()
    assert (request.kind, request.status) == (JoinRequestKind.CLAIM, JoinRequestStatus.APPROVED)
    assert contact.email_digest


def test_an_unverified_address_does_not_claim_a_company(client):
    company = CompanyFactory(origin="import")
    CompanyContactFactory(company=company, email="grace@pennine.example")
    user = UserFactory(email="grace@pennine.example", verified_email=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)

    client.post(reverse("self_service:join_request", args=[company.pk]))

    assert not CompanyMember.objects.filter(company=company).exists()
    assert JoinRequest.objects.get().status == JoinRequestStatus.PENDING


def test_a_claim_by_someone_whose_domain_matches_the_website_waits_for_staff(client):
    company = CompanyFactory(origin="import", website="https://pennine.example")
    user = UserFactory(email="alan@pennine.example")
    client.force_login(user)

    client.post(reverse("self_service:join_request", args=[company.pk]))

    request = JoinRequest.objects.get()
    assert (request.kind, request.status) == (JoinRequestKind.CLAIM, JoinRequestStatus.PENDING)
    assert not CompanyMember.objects.exists()


def test_staff_approve_a_claim_and_the_claimant_becomes_the_owner(user):
    company = CompanyFactory(origin="import")
    request = services.join_request_create(actor=user, company_id=company.pk)

    services.join_request_decide(actor=StaffFactory(), request_id=request.pk, approve=True)

    assert CompanyMember.objects.get(company=company).role == MemberRole.OWNER


def test_only_staff_decide_a_claim(user):
    company = CompanyFactory(origin="import")
    request = services.join_request_create(actor=user, company_id=company.pk)

    with pytest.raises(services.PermissionDenied):
        services.join_request_decide(actor=UserFactory(), request_id=request.pk, approve=True)

    assert not CompanyMember.objects.exists()


def test_a_request_decided_twice_keeps_the_first_decision(user):
    company = CompanyFactory(origin="import")
    request = services.join_request_create(actor=user, company_id=company.pk)
    services.join_request_decide(actor=StaffFactory(), request_id=request.pk, approve=False)

    with pytest.raises(services.ValidationError, match="already decided"):
        services.join_request_decide(actor=StaffFactory(), request_id=request.pk, approve=True)

    assert not CompanyMember.objects.exists()


# --- Invites -------------------------------------------------------------------------------


@pytest.fixture
def owner():
    return CompanyMemberFactory(company__name="Pennine Electrolysis Ltd").user


def _invite(owner, email="new.colleague@example.org", role="member"):
    company = owner.company_memberships.get().company
    return services.invite_create(
        actor=owner, company=company, email=email, role=role, base_url="https://rb.example/"
    )


def test_an_invite_is_mailed_in_the_invitees_language_with_a_single_use_link(owner):
    UserFactory(email="new.colleague@example.org", preferred_language="de")

    invite = _invite(owner)

    email = OutboundEmail.objects.get(to_email="new.colleague@example.org")
    assert email.language == "de"
    assert "Pennine Electrolysis Ltd" in email.subject
    assert "https://rb.example/" in email.text_body
    # The token carries the second it was signed in, so compare what it opens, not its text.
    token = re.search(r"/invites/([^/\s]+)/", email.text_body).group(1)
    assert services.invite_from_token(token) == invite


def test_an_invite_to_someone_unknown_is_written_in_the_language_of_the_companys_side(owner):
    _invite(owner)

    assert OutboundEmail.objects.get().language == "en"


def test_the_invitee_accepts_and_joins_with_the_role_of_the_invite(client, owner):
    invite = _invite(owner, role="admin")
    invitee = UserFactory(email="new.colleague@example.org")
    client.force_login(invitee)
    url = reverse("self_service:invite_accept", args=[services.invite_token(invite)])

    assert "You are invited to join the team of" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert CompanyMember.objects.get(user=invitee).role == MemberRole.ADMIN
    invite.refresh_from_db()
    assert invite.accepted_by == invitee


def test_a_used_invite_cannot_be_used_again(client, owner):
    invite = _invite(owner)
    invitee = UserFactory(email="new.colleague@example.org")
    token = services.invite_token(invite)
    services.invite_accept(actor=invitee, token=token)
    services.team_member_remove(actor=invitee, company=invite.company, user_id=invitee.pk)
    client.force_login(invitee)

    response = client.post(reverse("self_service:invite_accept", args=[token]))

    assert "already been used" in response.content.decode()
    assert not CompanyMember.objects.filter(user=invitee).exists()


def test_an_expired_invite_is_refused_with_a_clear_message(client, owner):
    invite = _invite(owner)
    CompanyInvite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(1))
    client.force_login(UserFactory(email="new.colleague@example.org"))

    response = client.post(
        reverse("self_service:invite_accept", args=[services.invite_token(invite)])
    )

    assert "This invitation has expired" in response.content.decode()
    assert CompanyMember.objects.count() == 1


def test_an_invite_token_older_than_seven_days_is_refused_even_if_the_row_says_otherwise(
    owner, monkeypatch
):
    invite = _invite(owner)
    token = services.invite_token(invite)
    later = timezone.now().timestamp() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    with pytest.raises(services.ValidationError, match="expired"):
        services.invite_from_token(token)


def test_a_tampered_invite_link_is_refused(client, user):
    client.force_login(user)

    response = client.get(reverse("self_service:invite_accept", args=["forged:token"]))

    assert "This invitation link is not valid" in response.content.decode()


def test_an_invite_is_accepted_only_by_the_address_it_was_sent_to(client, owner):
    invite = _invite(owner)
    client.force_login(UserFactory(email="someone.else@example.org"))

    response = client.post(
        reverse("self_service:invite_accept", args=[services.invite_token(invite)])
    )

    assert "This invitation was sent to new.colleague@example.org" in response.content.decode()
    assert CompanyMember.objects.count() == 1
    invite.refresh_from_db()
    assert invite.accepted_at is None


def test_a_withdrawn_invite_no_longer_works(owner):
    invite = _invite(owner)
    services.invite_revoke(actor=owner, company=invite.company, invite_id=invite.pk)

    with pytest.raises(services.ValidationError, match="withdrawn"):
        services.invite_accept(
            actor=UserFactory(email="new.colleague@example.org"),
            token=services.invite_token(invite),
        )


def test_inviting_someone_already_in_the_team_is_refused(owner):
    with pytest.raises(services.ValidationError, match="already in the team"):
        _invite(owner, email=owner.email.upper())

    assert not CompanyInvite.objects.exists()


def test_invites_are_rate_limited_per_user(owner):
    for number in range(20):
        _invite(owner, email=f"colleague{number}@example.org")

    with pytest.raises(services.ValidationError, match="many invitations in a short time"):
        _invite(owner, email="one.more@example.org")

    assert CompanyInvite.objects.count() == 20


def test_invites_are_rate_limited_per_company(owner):
    company = owner.company_memberships.get().company
    admins = [CompanyMemberFactory(company=company, role="admin").user for _ in range(2)]
    for number in range(30):
        services.invite_create(
            actor=admins[number % 2] if number >= 20 else owner,
            company=company,
            email=f"colleague{number}@example.org",
            role="member",
        )

    with pytest.raises(services.ValidationError, match="has sent many invitations"):
        services.invite_create(
            actor=admins[0], company=company, email="one.more@example.org", role="member"
        )

    assert CompanyInvite.objects.count() == 30


def test_a_plain_member_cannot_invite(client):
    company = CompanyMemberFactory().company
    member = CompanyMemberFactory(company=company, role="member").user
    client.force_login(member)

    response = client.post(
        reverse("self_service:team", args=[company.pk]),
        {"email": "x@example.org", "role": "member"},
    )

    assert "Only the owners and admins" in response.content.decode()
    assert not CompanyInvite.objects.exists()


def test_an_invite_cannot_make_an_owner_even_when_posted_by_hand(client, owner):
    company = owner.company_memberships.get().company
    client.force_login(owner)

    response = client.post(
        reverse("self_service:team", args=[company.pk]), {"email": "x@example.org", "role": "owner"}
    )

    assert "Select a valid choice" in response.content.decode()
    assert not CompanyInvite.objects.exists()

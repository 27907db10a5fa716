"""Applying to a bridge, its status, the e-mail when staff decide, withdrawing."""

import pytest
from django.urls import reverse
from django.utils import translation

from bridges.models import Bridge
from companies.enums import MembershipStatus
from companies.models import BridgeMembership
from companies.self_service import services
from companies.services import membership_decide
from companies.signals import company_profile_changed
from notifications.models import OutboundEmail
from tests.factories import CompanyMemberFactory, MembershipFactory, StaffFactory
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


@pytest.fixture
def uk():
    return Bridge.objects.get(slug="united-kingdom")


def _apply(client, company, bridge, motivation="We want Ruhr partners for electrolysers."):
    return client.post(
        reverse("self_service:bridges", args=[company.pk]),
        {"bridge": bridge.pk, f"bridge{bridge.pk}-motivation": motivation},
        follow=True,
    )


def test_an_owner_applies_with_a_motivation_and_sees_the_status(client, owner, uk):
    response = _apply(client, owner.company, uk)

    membership = BridgeMembership.objects.get(company=owner.company)
    assert (membership.bridge, membership.status) == (uk, MembershipStatus.APPLIED)
    assert membership.motivation == "We want Ruhr partners for electrolysers."
    assert "Your application was sent to the bridge team." in response.content.decode()
    assert '<span class="status status-applied">applied</span>' in response.content.decode()


def test_a_partner_company_is_offered_only_the_bridges_of_its_country(client, owner):
    response = client.get(reverse("self_service:bridges", args=[owner.company.pk]))

    assert [row["bridge"].slug for row in response.context["rows"]] == ["united-kingdom"]


def test_a_partner_company_cannot_apply_to_another_regions_bridge_by_hand(client, owner):
    israel = Bridge.objects.get(slug="israel")
    _apply(client, owner.company, israel)

    with pytest.raises(services.ValidationError, match="Companies from United Kingdom cannot"):
        services.bridge_apply(
            actor=owner.user, company=owner.company, bridge_id=israel.pk, motivation="Hi"
        )
    assert not BridgeMembership.objects.exists()


def test_a_ruhr_company_applies_to_any_bridge(client):
    membership = CompanyMemberFactory(company__ruhr=True)
    client.force_login(membership.user)

    _apply(client, membership.company, Bridge.objects.get(slug="israel"))

    assert BridgeMembership.objects.get().bridge.slug == "israel"


def test_an_over_long_motivation_is_refused_and_nothing_is_stored(client, owner, uk):
    response = _apply(client, owner.company, uk, motivation="x" * 1001)

    assert "Ensure this value has at most 1000 characters (it has 1001)." in (
        response.content.decode()
    )
    assert not BridgeMembership.objects.exists()


def test_a_plain_member_cannot_apply(client, owner, uk):
    member = CompanyMemberFactory(company=owner.company, role="member").user
    client.force_login(member)

    response = _apply(client, owner.company, uk)

    assert "Only the owners and admins" in response.content.decode()
    assert not BridgeMembership.objects.exists()


def test_applying_twice_is_refused(client, owner, uk):
    _apply(client, owner.company, uk)

    response = _apply(client, owner.company, uk)

    assert BridgeMembership.objects.count() == 1
    assert response.status_code == 200


def test_posting_a_decision_or_status_with_an_application_changes_nothing(client, owner, uk):
    client.post(
        reverse("self_service:bridges", args=[owner.company.pk]),
        {
            "bridge": uk.pk,
            f"bridge{uk.pk}-motivation": "Hello",
            "status": "approved",
            f"bridge{uk.pk}-status": "approved",
            "decided_by": 1,
        },
    )

    membership = BridgeMembership.objects.get()
    assert (membership.status, membership.decided_by) == (MembershipStatus.APPLIED, None)


def test_the_company_people_get_an_email_in_their_language_when_staff_decide(
    owner, uk, django_capture_on_commit_callbacks
):
    german = CompanyMemberFactory(company=owner.company, user__preferred_language="de").user
    membership = MembershipFactory(company=owner.company, bridge=uk)

    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(
            actor=StaffFactory(),
            membership_id=membership.pk,
            approve=True,
            base_url="https://rb.example/",
        )

    english_mail = OutboundEmail.objects.get(to_email=owner.user.email)
    german_mail = OutboundEmail.objects.get(to_email=german.email)
    assert english_mail.language == "en"
    assert german_mail.language == "de"
    assert "Pennine Electrolysis Ltd is now a member of" in english_mail.subject
    assert "https://rb.example/en/my/companies/" in english_mail.text_body


def test_the_decline_email_gives_the_reason(owner, uk, django_capture_on_commit_callbacks):
    membership = MembershipFactory(company=owner.company, bridge=uk)

    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(
            actor=StaffFactory(),
            membership_id=membership.pk,
            approve=False,
            reason="Please complete your profile first.",
        )

    assert "Please complete your profile first." in OutboundEmail.objects.get().text_body


def test_no_email_goes_out_before_the_decision_commits(owner, uk):
    membership = MembershipFactory(company=owner.company, bridge=uk)

    membership_decide(actor=StaffFactory(), membership_id=membership.pk, approve=True)

    assert not OutboundEmail.objects.exists()


def test_an_owner_withdraws_an_application(client, owner, uk):
    membership = MembershipFactory(company=owner.company, bridge=uk)

    client.post(reverse("self_service:bridge_withdraw", args=[owner.company.pk, membership.pk]))

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.WITHDRAWN
    assert membership.decided_by == owner.user


def test_a_withdrawn_application_can_be_made_again(client, owner, uk):
    membership = MembershipFactory(company=owner.company, bridge=uk)
    services.bridge_withdraw(actor=owner.user, company=owner.company, membership_id=membership.pk)

    _apply(client, owner.company, uk, motivation="Again")

    membership.refresh_from_db()
    assert (membership.status, membership.motivation, membership.decided_at) == (
        MembershipStatus.APPLIED,
        "Again",
        None,
    )


def test_a_declined_application_cannot_be_withdrawn(client, owner, uk):
    membership = MembershipFactory(company=owner.company, bridge=uk)
    membership_decide(actor=StaffFactory(), membership_id=membership.pk, approve=False, reason="No")

    response = client.post(
        reverse("self_service:bridge_withdraw", args=[owner.company.pk, membership.pk]),
        follow=True,
    )

    assert "there is nothing to withdraw" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED


def test_another_companys_application_cannot_be_withdrawn(client, owner, uk):
    foreign = MembershipFactory(bridge=uk)

    response = client.post(
        reverse("self_service:bridge_withdraw", args=[owner.company.pk, foreign.pk])
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == MembershipStatus.APPLIED


def test_leaving_a_bridge_lets_matching_rescore(owner, uk, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, company_id, **kwargs):
        received.append(company_id)

    company_profile_changed.connect(receiver, weak=False)
    membership = MembershipFactory(company=owner.company, bridge=uk)
    membership_decide(actor=StaffFactory(), membership_id=membership.pk, approve=True)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.bridge_withdraw(
                actor=owner.user, company=owner.company, membership_id=membership.pk
            )
    finally:
        company_profile_changed.disconnect(receiver)

    assert received == [owner.company.pk]


def test_the_bridges_page_does_a_constant_number_of_queries(client, owner):
    bridges = iter(Bridge.objects.exclude(slug="united-kingdom").order_by("slug"))
    uk = Bridge.objects.get(slug="united-kingdom")

    def add_row():
        MembershipFactory(company=owner.company, bridge=next(bridges, uk))

    assert_constant_queries(
        client, reverse("self_service:bridges", args=[owner.company.pk]), add_row
    )

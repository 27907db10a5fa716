"""Fields a form does not show, posted anyway, change nothing.

Each company-facing form gets its own valid data plus what an attacker would add: ownership,
status, approval, staff flags, another company's or person's id, a lead stage. The tests assert
what the database holds afterwards: only what the form offers (and the service decides) is set.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from bridges.models import Bridge, Municipality, SettlementOffer, TwinningProject
from companies.models import (
    BridgeMembership,
    Company,
    CompanyContact,
    CompanyInvite,
    CompanyMember,
    JoinRequest,
)
from events.models import Delegation, DelegationApplication, Meeting, Registration
from leads.models import Introduction, Lead
from matchmaking.models import MatchPair
from notifications.models import NotificationSetting
from tests.factories import PASSWORD, CompanyFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def uk():
    return Bridge.objects.get(slug="united-kingdom")


@pytest.fixture
def stranger():
    """Someone else's company and person, whose ids the attacker posts."""
    company = CompanyFactory(name="Stranger Ltd")
    person = UserFactory()
    CompanyMember.objects.create(company=company, user=person, role="owner")
    return company, person


def _owner_client(company) -> tuple[Client, User]:
    person = UserFactory()
    CompanyMember.objects.create(company=company, user=person, role="owner")
    client = Client()
    client.force_login(person)
    return client, person


def _approved(company, bridge):
    BridgeMembership.objects.create(
        company=company, bridge=bridge, status="approved", decided_at=timezone.now()
    )
    return company


def _hostile(stranger_company, stranger_person) -> dict:
    """What an attacker adds to any form."""
    return {
        "owner": stranger_person.pk,
        "owners": stranger_person.pk,
        "user": stranger_person.pk,
        "company": stranger_company.pk,
        "company_id": stranger_company.pk,
        "status": "approved",
        "approved": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "visibility": "public",
        "origin": "staff",
        "stage": "won",
        "decided_at": "2026-01-01T00:00",
    }


def test_signing_up_cannot_make_oneself_staff(client):
    client.post(
        _url("account_signup"),
        {
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "New Person",
            "accept_privacy": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "on",
            "groups": "1",
        },
    )

    person = User.objects.get(email="new@example.org")
    assert (person.is_staff, person.is_superuser, person.groups.count()) == (False, False, 0)


def test_creating_a_company_sets_nothing_but_its_basics(stranger):
    client = Client()
    person = UserFactory()
    client.force_login(person)

    client.post(
        _url("self_service:company_create"),
        {"name": "Fresh Ltd", "country": "GB", "city": "York", **_hostile(*stranger)},
    )

    company = Company.objects.get(name="Fresh Ltd")
    assert (company.visibility, company.origin) == ("members-only", "self")
    assert list(company.members.values_list("user", "role")) == [(person.pk, "owner")]
    assert not BridgeMembership.objects.filter(company=company).exists()
    assert not User.objects.get(pk=person.pk).is_staff


def test_the_profile_keeps_visibility_and_origin_out_of_the_basics(stranger):
    company = CompanyFactory(name="Own Ltd")
    client, _person = _owner_client(company)

    client.post(
        _url("self_service:profile_step", company.pk, "basics"),
        {"name": "Own Ltd", "country": "GB", "city": "York", **_hostile(*stranger)},
    )

    company.refresh_from_db()
    assert (company.visibility, company.origin, company.city) == ("members-only", "self", "York")
    assert set(company.members.values_list("role", flat=True)) == {"owner"}
    assert stranger[0].members.count() == 1


def test_a_bridge_application_stays_an_application(uk, stranger):
    company = CompanyFactory()
    client, _person = _owner_client(company)
    prefix = f"bridge{uk.pk}"

    client.post(
        _url("self_service:bridges", company.pk),
        {
            "bridge": uk.pk,
            f"{prefix}-motivation": "We trade with the UK.",
            f"{prefix}-status": "approved",
            **_hostile(*stranger),
        },
    )

    membership = BridgeMembership.objects.get(company=company)
    assert (membership.status, membership.decided_at) == ("applied", None)


def test_an_invitation_is_for_ones_own_company_and_never_makes_an_owner(stranger):
    company = CompanyFactory()
    client, person = _owner_client(company)

    client.post(
        _url("self_service:team", company.pk),
        {"email": "new@example.org", "role": "owner", **_hostile(*stranger)},
    )
    client.post(
        _url("self_service:team", company.pk),
        {
            "email": "other@example.org",
            "role": "member",
            "invited_by": stranger[1].pk,
            **_hostile(*stranger),
        },
    )

    invites = list(CompanyInvite.objects.values_list("company", "email", "role", "invited_by"))
    assert invites == [(company.pk, "other@example.org", "member", person.pk)]


def test_a_request_to_join_waits_for_the_team(stranger):
    company = CompanyFactory()
    _owner_client(company)
    client = Client()
    person = UserFactory()
    client.force_login(person)

    client.post(
        _url("self_service:join_request", company.pk),
        {"message": "Let me in", "kind": "claim", **_hostile(*stranger)},
    )

    request = JoinRequest.objects.get()
    assert (request.user_id, request.company_id, request.status) == (
        person.pk,
        company.pk,
        "pending",
    )
    assert not company.members.filter(user=person).exists()


def test_an_introduction_request_and_its_answer_set_no_status_or_stage(uk, stranger):
    asking = _approved(CompanyFactory(ruhr=True), uk)
    asked = _approved(CompanyFactory(), uk)
    client, _person = _owner_client(asking)
    MatchPair.objects.create(bridge=uk, company=asking, partner=asked, state="interested")

    client.post(
        _url("introductions:request", asking.pk, "united-kingdom", asked.pk),
        {
            "message": "Hello",
            "recipient_accepted_at": "2026-01-01T00:00",
            "requester": stranger[0].pk,
            "recipient": stranger[0].pk,
            **_hostile(*stranger),
        },
    )
    introduction = Introduction.objects.get()
    assert (introduction.requester_id, introduction.recipient_id) == (asking.pk, asked.pk)
    assert (introduction.status, introduction.recipient_accepted_at) == ("pending", None)

    answering, _answerer = _owner_client(asked)
    answering.post(
        _url("introductions:accept", asked.pk, introduction.pk),
        {"outcome": "won", "reason": "x", **_hostile(*stranger)},
    )
    lead = Lead.objects.get()
    assert (lead.stage, lead.company_id, lead.partner_company_id) == (
        "introduced",
        asking.pk,
        asked.pk,
    )


def test_registering_for_an_event_is_for_ones_own_company_and_status(uk, stranger):
    event = EventFactory()
    company = _approved(CompanyFactory(), uk)
    client, person = _owner_client(company)
    url = _url("events:register", event.slug)

    client.post(url, {"attendance": "in_person", **_hostile(*stranger)})
    assert not Registration.objects.exists()  # another company's id is not a choice

    client.post(
        url,
        {
            **_hostile(*stranger),
            "attendance": "in_person",
            "company": company.pk,
            "status": "attended",
        },
    )
    registrations = list(Registration.objects.values_list("user", "company", "status"))
    assert registrations == [(person.pk, company.pk, "registered")]


def test_a_delegation_application_is_for_ones_own_company_and_waits(uk, stranger):
    event = EventFactory()
    delegation = Delegation.objects.create(
        event=event,
        bridge=uk,
        title_de="Delegation",
        title_en="Delegation",
        travel_date=event.starts_at.date(),
        application_deadline=event.starts_at,
        seats=2,
    )
    company = _approved(CompanyFactory(ruhr=True), uk)
    _approved(stranger[0], uk)
    client, _person = _owner_client(company)
    url = _url("delegations:apply", event.slug, delegation.pk)

    client.post(url, {"motivation": "We want to go.", **_hostile(*stranger)})
    assert not DelegationApplication.objects.exists()  # another company's id is not a choice

    client.post(
        url,
        {
            **_hostile(*stranger),
            "motivation": "We want to go.",
            "company": company.pk,
            "status": "selected",
        },
    )
    assert list(DelegationApplication.objects.values_list("company", "status")) == [
        (company.pk, "applied")
    ]


def test_a_municipalitys_offer_and_twinning_stay_in_its_own_municipality(uk, stranger):
    essen = Municipality.objects.get(name="Essen")
    dortmund = Municipality.objects.get(name="Dortmund")
    person = UserFactory()
    essen.users.add(person)
    client = Client()
    client.force_login(person)

    client.post(
        _url("bridges:offer_new", "essen"),
        {
            "title_de": "Labor",
            "title_en": "Lab",
            "kind": "lab",
            "municipality": dortmund.pk,
            **_hostile(*stranger),
            "status": "withdrawn",
        },
    )
    client.post(
        _url("bridges:twinning_new", "essen"),
        {
            "bridge": uk.pk,
            "partner_town": "Sunderland",
            "partner_country": "GB",
            "kind": "town-twinning",
            "status": "active",
            "municipality": dortmund.pk,
            "created_by": stranger[1].pk,
            **{key: value for key, value in _hostile(*stranger).items() if key != "status"},
        },
    )

    assert list(SettlementOffer.objects.values_list("municipality", "status")) == [
        (essen.pk, "open")
    ]
    assert list(TwinningProject.objects.values_list("municipality", flat=True)) == [essen.pk]


def test_notification_settings_change_only_ones_own(stranger):
    person = UserFactory()
    client = Client()
    client.force_login(person)
    before = NotificationSetting.objects.filter(user=stranger[1]).values().first()

    client.post(
        _url("notifications:settings"),
        {"email_kinds": [], "user": stranger[1].pk, "user_id": stranger[1].pk},
    )

    assert NotificationSetting.objects.filter(user=stranger[1]).values().first() == before
    assert NotificationSetting.objects.filter(user=person).exists()


def _contacts_post(parent, /, **fields) -> dict:
    return {
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": "Ann Contact",
        "contacts-0-email": "ann@example.org",
        "contacts-0-company": parent,
        **fields,
    }


def test_a_contact_person_belongs_to_the_company_whose_profile_it_is_on(stranger):
    company = CompanyFactory()
    client, _person = _owner_client(company)
    url = _url("self_service:profile_step", company.pk, "contacts")

    client.post(url, _contacts_post(stranger[0].pk))
    assert not CompanyContact.objects.exists()  # the inline key must be the page's company

    client.post(
        url,
        _contacts_post(
            company.pk,
            **{"contacts-0-objected_at": "2026-01-01T00:00", "contacts-0-source": "import"},
            **_hostile(*stranger),
        ),
    )
    contact = CompanyContact.objects.get()
    assert (contact.company_id, contact.objected_at) == (company.pk, None)
    assert contact.source != "import"


def test_a_meeting_request_waits_for_the_answer(uk, stranger):
    event = EventFactory(meetings_enabled=True)
    asking, asked = _approved(CompanyFactory(), uk), _approved(CompanyFactory(ruhr=True), uk)
    client, person = _owner_client(asking)
    _other_client, other = _owner_client(asked)
    mine, theirs = (
        Registration.objects.create(event=event, user=user, company=company, status="registered")
        for user, company in ((person, asking), (other, asked))
    )

    client.post(
        _url("meetings:request", event.slug),
        {
            "invitee": theirs.pk,
            "message": "Coffee?",
            "status": "accepted",
            "starts_at": event.starts_at.isoformat(),
            "table": "1",
            "requester": theirs.pk,
            **{key: value for key, value in _hostile(*stranger).items() if key != "status"},
        },
    )

    meeting = Meeting.objects.get()
    assert (meeting.requester_id, meeting.invitee_id) == (mine.pk, theirs.pk)
    assert (meeting.status, meeting.starts_at, meeting.table_id) == ("requested", None, None)


def test_accepting_an_invitation_gives_the_invited_role_in_the_inviting_company(stranger):
    from companies.self_service.services import invite_create, invite_token

    company = CompanyFactory()
    _client, owner = _owner_client(company)
    invite = invite_create(actor=owner, company=company, email="new@example.org", role="member")
    person = UserFactory(email="new@example.org")
    client = Client()
    client.force_login(person)

    client.post(
        _url("self_service:invite_accept", invite_token(invite)),
        {"role": "owner", **_hostile(*stranger)},
    )

    assert list(CompanyMember.objects.filter(user=person).values_list("company", "role")) == [
        (company.pk, "member")
    ]


def test_answering_an_introduction_sets_no_stage_or_outcome(uk, stranger):
    asking = _approved(CompanyFactory(ruhr=True), uk)
    asked = _approved(CompanyFactory(), uk)
    _asking_client, asker = _owner_client(asking)
    client, _person = _owner_client(asked)
    introduction = Introduction.objects.create(
        bridge=uk,
        requester=asking,
        recipient=asked,
        requested_by=asker,
        requester_accepted_at=timezone.now(),
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )

    client.post(
        _url("introductions:decline", asked.pk, introduction.pk),
        {"reason": "Not now", "outcome": "won", **_hostile(*stranger)},
    )

    introduction.refresh_from_db()
    assert (introduction.status, introduction.recipient_accepted_at) == ("declined", None)
    assert not Lead.objects.exists()

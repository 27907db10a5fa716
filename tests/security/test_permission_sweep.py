"""Every URL pattern of the project, opened by six kinds of people (see tests/security/access.py).

One test per pattern opens it as each role in turn (those who may not first, so a refused
attempt is shown to change nothing), with objects that belong to someone else. A GET page
that opens is also checked for a strict Content-Security-Policy and for inline code the policy
would block. The admin is swept separately: its patterns come from the ModelAdmins.
"""

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from bridges.models import Bridge, Municipality, SettlementOffer, TwinningProject
from companies.models import (
    BridgeMembership,
    CompanyContact,
    CompanyInvite,
    CompanyMember,
    JoinRequest,
    email_digest,
)
from companies.services import contact_objection_token
from events.models import Meeting, Registration
from events.services import calendar_feed_for
from leads.models import Introduction, Lead
from matchmaking.models import MatchPair
from tests.factories import CompanyFactory, EventFactory, StaffFactory, UserFactory
from tests.security.access import (
    ACCESS,
    ROLES,
    Access,
    url_patterns,
)
from tests.security.csp import assert_strict_csp


def test_every_url_pattern_says_who_may_open_it():
    undeclared = [key for key, _route in url_patterns() if key not in ACCESS]
    assert undeclared == [], "declare these URL patterns in tests/security/access.py"


def test_the_table_names_no_pattern_that_is_gone():
    keys = {key for key, _route in url_patterns()}
    assert sorted(set(ACCESS) - keys) == []


@dataclass
class World:
    """Objects that belong to someone else, and the six people who try to open them."""

    people: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        uk = Bridge.objects.get(slug="united-kingdom")
        self.owner = UserFactory()
        self.colleague = UserFactory()
        self.company = CompanyFactory(name="Somebody Else Ltd", visibility="hidden")
        CompanyMember.objects.create(company=self.company, user=self.owner, role="owner")
        CompanyMember.objects.create(company=self.company, user=self.colleague, role="member")
        self.membership = BridgeMembership.objects.create(
            company=self.company, bridge=uk, status="applied"
        )
        self.contact = CompanyContact.objects.create(
            company=self.company,
            name="Else Contact",
            email="else@somebody.example",
            email_digest=email_digest("else@somebody.example"),
        )
        self.invite = CompanyInvite.objects.create(
            company=self.company,
            email="friend@somebody.example",
            invited_by=self.owner,
            expires_at=timezone.now() + timezone.timedelta(days=7),
        )
        self.join = JoinRequest.objects.create(
            company=self.company, user=UserFactory(), kind="join"
        )
        essen = Municipality.objects.get(name="Essen")
        self.twinning_project = TwinningProject.objects.create(
            municipality=essen, bridge=uk, partner_town="Sunderland", partner_country="GB"
        )
        self.offer_object = SettlementOffer.objects.create(
            municipality=essen, title_de="Labor", title_en="Lab", kind="lab"
        )
        self.event = EventFactory(slug="israel-members", visibility="members")
        self.event.bridges.set([Bridge.objects.get(slug="israel")])
        self.registration = Registration.objects.create(
            event=self.event, user=self.owner, status="registered"
        )
        self.feed = calendar_feed_for(user=self.owner)

        other_company = self.viewer_company = CompanyFactory(name="Viewer Ltd")
        BridgeMembership.objects.create(
            company=other_company, bridge=uk, status="approved", decided_at=timezone.now()
        )
        people = {"anonymous": None, "staff": StaffFactory()}
        for role, member_role in (
            ("other_company_user", "owner"),
            ("company_admin", "admin"),
            ("member", "member"),
        ):
            people[role] = UserFactory()
            CompanyMember.objects.create(company=other_company, user=people[role], role=member_role)
        people["municipality_user"] = UserFactory()
        Municipality.objects.get(name="Dortmund").users.add(people["municipality_user"])
        self.people = people
        # Asked by the hidden company, waiting for the viewers' company to answer.
        self.introduction_object = Introduction.objects.create(
            bridge=uk,
            requester=self.company,
            recipient=other_company,
            requester_accepted_at=timezone.now(),
            expires_at=timezone.now() + timezone.timedelta(days=7),
        )

    # URL arguments, by the names used in ACCESS.
    def bridge(self):
        return {"slug": "united-kingdom"}

    def municipality(self):
        return {"slug": "essen"}

    def hidden_company(self):
        return {"pk": self.company.pk}

    def hidden_company_id(self):
        return {"company_id": self.company.pk}

    def company_id(self):
        return {"company_id": self.company.pk}

    def objection_token(self):
        return {"token": contact_objection_token(self.contact)}

    def invite_token(self):
        from companies.self_service.services import invite_token

        return {"token": invite_token(self.invite)}

    def twinning(self):
        return {"slug": "essen", "pk": self.twinning_project.pk}

    def offer(self):
        return {"slug": "essen", "pk": self.offer_object.pk}

    def profile_step(self):
        return {"company_id": self.company.pk, "step": "basics"}

    def team_member(self):
        return {"company_id": self.company.pk, "user_id": self.colleague.pk}

    def team_invite(self):
        return {"company_id": self.company.pk, "invite_id": self.invite.pk}

    def team_request(self):
        return {"company_id": self.company.pk, "request_id": self.join.pk}

    def members_only_event(self):
        return {"slug": self.event.slug}

    def feed_token(self):
        return {"token": self.feed.token}

    def bridge_membership(self):
        return {"company_id": self.company.pk, "membership_id": self.membership.pk}

    def bridge_matches(self):
        return {"company_id": self.company.pk, "bridge_slug": "united-kingdom"}

    def match_pair(self):
        return {**self.bridge_matches(), "partner_id": self.viewer_company.pk}

    def introduction(self):
        return {"company_id": self.company.pk, "introduction_id": self.introduction_object.pk}

    def settlement_offer_ask(self):
        return {**self.bridge_matches(), "offer_id": self.offer_object.pk}

    def settlement_partner_ask(self):
        return {**self.bridge_matches(), "partner_id": self.viewer_company.pk}

    def municipality_interest(self):
        return {"slug": "essen", "company_id": self.company.pk}

    def municipality_introduction(self):
        """Staff brokered the hidden company to Essen; nobody has answered."""
        self.municipality_introduction_object = Introduction.objects.create(
            bridge=Bridge.objects.get(slug="united-kingdom"),
            requester=self.company,
            recipient_municipality=Municipality.objects.get(name="Essen"),
            message="Their lab fits.",
            brokered_by=self.people["staff"],
            expires_at=timezone.now() + timezone.timedelta(days=7),
        )
        return {"slug": "essen", "introduction_id": self.municipality_introduction_object.pk}

    def meeting_event(self):
        self.event.meetings_enabled = True
        self.event.save(update_fields=["meetings_enabled"])
        return {"slug": self.event.slug}

    def meeting(self):
        """The hidden company's colleague asked its owner for a meeting; no answer yet."""
        self.meeting_event()
        self.meeting_object = Meeting.objects.create(
            event=self.event,
            requester=Registration.objects.create(
                event=self.event, user=self.colleague, status="registered"
            ),
            invitee=self.registration,
        )
        return {"slug": self.event.slug, "meeting_id": self.meeting_object.pk}

    def members_only_delegation(self):
        """A delegation to the members-only event; the hidden company has applied."""
        from events.models import Delegation, DelegationApplication

        delegation = Delegation.objects.create(
            event=self.event,
            bridge=Bridge.objects.get(slug="israel"),
            title_de="Delegation",
            title_en="Delegation",
            travel_plan_en="Secret travel plan",
            travel_date=self.event.starts_at.date(),
            application_deadline=self.event.starts_at,
            seats=2,
        )
        self.delegation_application = DelegationApplication.objects.create(
            delegation=delegation, company=self.company, motivation="We want to go."
        )
        return {"slug": self.event.slug, "pk": delegation.pk}

    def insights_table(self):
        return {"table": "members"}

    def unsubscribe_token(self):
        from notifications.unsubscribe import unsubscribe_token

        return {"token": unsubscribe_token(user_id=self.owner.pk, kind="announcement")}

    def notification(self):
        from notifications.services import notify

        self.notification_object = notify(
            user=self.owner, kind="registration-confirmed", params={"event": "Summit"}
        )
        return {"notification_id": self.notification_object.pk}

    def lead(self):
        from leads.services import lead_open

        self.lead_object, _created = lead_open(
            actor=None,
            bridge=Bridge.objects.get(slug="united-kingdom"),
            kind="partnership",
            company=self.company,
            partner_company=self.viewer_company,
            origin="staff",
        )
        return {"lead_id": self.lead_object.pk}


def _cases():
    for key, _route in url_patterns():
        if isinstance(ACCESS.get(key), Access):
            yield pytest.param(key, id=key)


def _role_order(access: Access) -> list[str]:
    """Those who may not first, then those who may, staff last: a POST by staff may change
    the world, everyone before them must have changed nothing."""
    denied = [role for role in ROLES if role not in access.allowed]
    allowed = [role for role in ROLES if role in access.allowed and role != "staff"]
    return denied + allowed + (["staff"] if "staff" in access.allowed else [])


def _url(key: str, arguments: dict) -> str:
    if key.startswith("/"):
        return key
    with translation.override("en"):
        return reverse(key, kwargs=arguments)


LAZY_OBJECTS = (
    "municipality_introduction_object",
    "meeting_object",
    "delegation_application",
    "notification_object",
    "lead_object",
)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for the whole sweep, built once (the sweep's main cost); each test runs in
    a savepoint inside it, so what one pattern's staff POST changes is gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db):
    for name in LAZY_OBJECTS:  # made by a pattern's arguments, inside the last test's savepoint
        shared_world.__dict__.pop(name, None)
    return shared_world


@pytest.mark.parametrize("key", list(_cases()))
def test_each_role_opens_only_what_it_may(key, world):
    access = ACCESS[key]
    url = _url(key, getattr(world, access.kwargs)() if access.kwargs else {})

    for role in _role_order(access):
        client = Client()
        if world.people[role] is not None:
            client.force_login(world.people[role])
        response = getattr(client, access.method)(url)
        if role in access.allowed:
            _assert_opens(response, role, url)
            if role != "staff":
                _assert_nothing_changed(world)
            continue
        if role == "anonymous" and response.status_code == 302:
            assert "/accounts/login/" in response["Location"], response["Location"]
        else:
            assert response.status_code == 404, f"{role} got {response.status_code} for {url}"
        _assert_nothing_changed(world)


def _assert_opens(response, role: str, url: str) -> None:
    assert response.status_code not in (403, 404, 405), f"{role} got {response.status_code}: {url}"
    if response.status_code == 302:
        location = response["Location"]
        assert "/accounts/login/" not in location or "/accounts/" in url, f"{role}: {url}"
    if response.request["REQUEST_METHOD"] == "GET" and response.status_code == 200:
        assert_strict_csp(response)


def _assert_nothing_changed(world: World) -> None:
    world.membership.refresh_from_db()
    world.twinning_project.refresh_from_db()
    world.offer_object.refresh_from_db()
    world.join.refresh_from_db()
    assert world.membership.status == "applied"
    assert world.twinning_project.status == "active"
    assert world.offer_object.status == "open"
    assert world.join.status == "pending"
    assert set(world.company.members.values_list("user_id", "role")) == {
        (world.owner.pk, "owner"),
        (world.colleague.pk, "member"),
    }
    assert world.invite.__class__.objects.get(pk=world.invite.pk).revoked_at is None
    assert not MatchPair.objects.exists()
    brokered = getattr(world, "municipality_introduction_object", None)
    assert list(
        Introduction.objects.order_by("pk").values_list(
            "pk", "status", "recipient_accepted_at", "closed_at"
        )
    ) == [
        (world.introduction_object.pk, "pending", None, None),
        *([(brokered.pk, "pending", None, None)] if brokered else []),
    ]
    # Only the lead of the staff board's sweep, still in its stage.
    lead = getattr(world, "lead_object", None)
    assert list(Lead.objects.values_list("pk", "stage")) == (
        [(lead.pk, "introduced")] if lead else []
    )
    meeting = getattr(world, "meeting_object", None)
    assert list(
        Registration.objects.order_by("pk").values_list("user", "status", "ics_sequence")
    ) == [
        (world.owner.pk, "registered", 0),
        *([(world.colleague.pk, "registered", 0)] if meeting else []),
    ]
    assert list(Meeting.objects.values_list("pk", "status", "starts_at", "ics_sequence")) == (
        [(meeting.pk, "requested", None, 0)] if meeting else []
    )
    application = getattr(world, "delegation_application", None)
    from events.models import DelegationApplication

    assert list(DelegationApplication.objects.values_list("pk", "status")) == (
        [(application.pk, "applied")] if application else []
    )
    notification = getattr(world, "notification_object", None)
    if notification is not None:
        notification.refresh_from_db()
        assert notification.read_at is None

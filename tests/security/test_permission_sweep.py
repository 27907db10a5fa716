"""Every URL pattern that takes an object id, slug or token, opened by six kinds of people,
with objects that belong to someone else.

The patterns come from the resolver, so a view added later without an entry in `ACCESS` fails
`test_every_url_with_parameters_says_who_may_open_it`: it cannot forget its permission check.
Denied means a 404 (the object does not exist for them) or, when signed out, a redirect to
sign in; never a page, and never a 403 that would confirm the object exists.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
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

ROLES = (
    "anonymous",
    "other_company_user",
    "member",
    "company_admin",
    "municipality_user",
    "staff",
)
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
STAFF = frozenset({"staff"})


@dataclass(frozen=True)
class Access:
    """Who may open the URL (with someone else's object), how, and with which arguments."""

    allowed: frozenset[str]
    kwargs: str = ""  # the name of a `World` method that returns the URL's arguments
    method: str = "get"
    why: str = ""


@dataclass(frozen=True)
class Skip:
    why: str


ACCESS: dict[str, Access | Skip] = {
    # Public pages: the slug names something public.
    "pages:bridge": Access(EVERYONE, "bridge"),
    "bridges:municipality": Access(EVERYONE, "municipality"),
    # A hidden company of another team: its people and staff only.
    "companies:detail": Access(STAFF, "hidden_company"),
    # The signed token is the permission: whoever holds the notice may object.
    "companies:contact_objection": Access(EVERYONE, "objection_token", why="signed token"),
    # Another municipality's items: only its people (and staff).
    "bridges:twinning_new": Access(STAFF, "municipality"),
    "bridges:twinning_edit": Access(STAFF, "twinning"),
    "bridges:twinning_end": Access(STAFF, "twinning", method="post"),
    "bridges:offer_new": Access(STAFF, "municipality"),
    "bridges:offer_edit": Access(STAFF, "offer"),
    "bridges:offer_withdraw": Access(STAFF, "offer", method="post"),
    # Another company's self-service pages: only its own people, not even staff (they use
    # the admin).
    "self_service:join_request": Access(NOBODY, "hidden_company_id"),
    # The signed token is the permission; for another address the page explains and accepts
    # nothing (checked below: nothing changes).
    "self_service:invite_accept": Access(EVERYONE, "invite_token", why="signed token"),
    "self_service:profile": Access(NOBODY, "company_id"),
    "self_service:profile_step": Access(NOBODY, "profile_step"),
    "self_service:team": Access(NOBODY, "company_id"),
    "self_service:team_role": Access(NOBODY, "team_member", method="post"),
    "self_service:team_remove": Access(NOBODY, "team_member", method="post"),
    "self_service:team_invite_revoke": Access(NOBODY, "team_invite", method="post"),
    "self_service:team_request_decide": Access(NOBODY, "team_request", method="post"),
    "self_service:bridges": Access(NOBODY, "company_id"),
    "self_service:bridge_withdraw": Access(NOBODY, "bridge_membership", method="post"),
    "matches:list": Access(NOBODY, "bridge_matches"),
    "matches:hidden": Access(NOBODY, "bridge_matches"),
    "matches:pair_decide": Access(NOBODY, "match_pair", method="post"),
    "matches:pair_clear": Access(NOBODY, "match_pair", method="post"),
    # Another company's introductions: only its own people, not even staff (the admin); the
    # other party too sees them only under its own company.
    "introductions:request": Access(NOBODY, "match_pair", method="post"),
    "introductions:list": Access(NOBODY, "company_id"),
    "introductions:detail": Access(NOBODY, "introduction"),
    "introductions:accept": Access(NOBODY, "introduction", method="post"),
    "introductions:decline": Access(NOBODY, "introduction", method="post"),
    "introductions:withdraw": Access(NOBODY, "introduction", method="post"),
    "introductions:outcome": Access(NOBODY, "introduction", method="post"),
    "settlement:company": Access(NOBODY, "bridge_matches"),
    "settlement:ask_offer": Access(NOBODY, "settlement_offer_ask", method="post"),
    "settlement:ask_company": Access(NOBODY, "settlement_partner_ask", method="post"),
    # Another municipality's settlement view: its people, and staff may look; a company
    # outside its view cannot be marked by anyone.
    "settlement:municipality": Access(STAFF, "municipality"),
    "settlement:interest": Access(NOBODY, "municipality_interest", method="post"),
    # An introduction staff brokered to another municipality: its people, and staff may
    # look; only its people answer, staff neither (the yes is the municipality's).
    "settlement:municipality_introduction": Access(STAFF, "municipality_introduction"),
    "settlement:municipality_introduction_accept": Access(
        NOBODY, "municipality_introduction", method="post"
    ),
    "settlement:municipality_introduction_decline": Access(
        NOBODY, "municipality_introduction", method="post"
    ),
    # The staff's lead board: staff (bridge managers for their bridges) only.
    "leads:move": Access(STAFF, "lead", method="post"),
    # The staff's key figures: a table's download, staff (their bridges' figures) only.
    "insights:export": Access(STAFF, "insights_table"),
    # A members-only event of a bridge the viewers' company is not on: it does not exist for
    # them. Staff see it; registering needs a company there, so they get a message.
    "events:detail": Access(STAFF, "members_only_event"),
    "events:register": Access(STAFF, "members_only_event", method="post"),
    "events:cancel": Access(STAFF, "members_only_event", method="post"),
    # One's own registration's calendar entry: nobody else's.
    "events:ics": Access(NOBODY, "members_only_event"),
    # The secret token is the permission: whoever holds the feed address reads it.
    "events:feed": Access(EVERYONE, "feed_token", why="secret token"),
    # 1:1 meetings of an event: its registered participants only (none of the viewers is);
    # staff see the people and the grid, and move booked meetings.
    "meetings:people": Access(STAFF, "meeting_event"),
    "meetings:request": Access(NOBODY, "meeting_event", method="post"),
    "meetings:agenda": Access(NOBODY, "meeting_event"),
    "meetings:grid": Access(STAFF, "meeting_event"),
    # Someone else's meeting: only its two people answer or cancel it.
    "meetings:accept": Access(NOBODY, "meeting", method="post"),
    "meetings:decline": Access(NOBODY, "meeting", method="post"),
    "meetings:cancel": Access(NOBODY, "meeting", method="post"),
    "meetings:move": Access(STAFF, "meeting", method="post"),
    # A delegation exists only for those who may see its event (a members-only one here).
    "delegations:detail": Access(STAFF, "members_only_delegation"),
    "delegations:apply": Access(STAFF, "members_only_delegation", method="post"),
    # Someone else's notification: it does not exist for anyone but its person.
    "notifications:open": Access(NOBODY, "notification", method="post"),
    # The signed token is the permission: whoever holds the e-mail may unsubscribe its person
    # (the page shows only the kind of e-mail; the POST changes their setting, nothing else).
    "unsubscribe": Access(EVERYONE, "unsubscribe_token", why="signed token"),
    # Not ours to sweep.
    "account_confirm_email": Skip("allauth: a signed key sent to the address"),
    "account_reset_password_from_key": Skip("allauth: a signed key sent to the address"),
}
ADMIN_PREFIX = "admin:"
UNNAMED = Skip("media files in development (DEBUG only)")


def _patterns(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if pattern.namespace and namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.pattern.regex.groups:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, pattern


def _parametrised_names() -> list[str]:
    with translation.override("en"):
        return sorted({name or "" for name, _pattern in _patterns()})


def test_every_url_with_parameters_says_who_may_open_it():
    undeclared = [
        name
        for name in _parametrised_names()
        if name and name not in ACCESS and not name.startswith(ADMIN_PREFIX)
    ]
    assert undeclared == [], "declare these URL names in ACCESS"


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
    for name in _parametrised_names():
        access = ACCESS.get(name) if name else UNNAMED
        if access is None and name.startswith(ADMIN_PREFIX):
            continue  # the admin is swept by `test_the_admin_is_for_staff_only`
        if isinstance(access, Access):
            for role in ROLES:
                yield pytest.param(name, role, id=f"{name}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), list(_cases()))
def test_someone_elses_objects_stay_hidden_from_those_who_may_not_see_them(client, name, role):
    from django.urls import reverse

    access = ACCESS[name]
    world = World()
    if world.people[role] is not None:
        client.force_login(world.people[role])
    with translation.override("en"):
        url = reverse(name, kwargs=getattr(world, access.kwargs)())

    response = getattr(client, access.method)(url)

    if role in access.allowed:
        assert response.status_code not in (403, 404), f"{role} should open {url}"
        if role != "staff":
            _assert_nothing_changed(world)
        return
    if role == "anonymous" and response.status_code == 302:
        assert "/accounts/login/" in response["Location"], response["Location"]
    else:
        assert response.status_code == 404, f"{role} got {response.status_code} for {url}"
    _assert_nothing_changed(world)


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


def _admin_urls():
    with translation.override("en"):
        for name, pattern in _patterns():
            if name and name.startswith(ADMIN_PREFIX):
                yield name, pattern


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "staff"])
def test_the_admin_is_for_staff_only(client, role):
    from django.urls import reverse

    world = World()
    if world.people[role] is not None:
        client.force_login(world.people[role])
    opened = []
    for name, pattern in _admin_urls():
        regex = pattern.pattern.regex
        if regex.groupindex:
            kwargs = {key: "companies" if key == "app_label" else "1" for key in regex.groupindex}
            url = reverse(name, kwargs=kwargs)
        else:
            url = reverse(name, args=["1"] * regex.groups)
        response = client.get(url)
        if response.status_code not in (302, 403, 404):
            opened.append((url, response.status_code))
        if response.status_code == 302:
            assert "login" in response["Location"], url
    assert opened == []


def test_the_sweep_covers_the_patterns_and_roles_it_reports():
    cases = list(_cases())
    assert len(cases) == len(ROLES) * len(
        [name for name, access in ACCESS.items() if isinstance(access, Access)]
    )

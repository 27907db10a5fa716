"""Hostile text in everything companies, municipalities and people type, rendered wherever it shows.

The payloads try a script element, breaking out of an attribute into a new element, and breaking
out of a single-quoted attribute into an event handler; the website tries a javascript: URL.
HTML must show them as text (escaped), e-mails' text parts as typed, exports as inert cells.
Each page is also asked to show the payload at all (escaped), so a page that stopped rendering
the field cannot pass by accident.
"""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from bridges.models import Bridge, Capability, Municipality, SettlementOffer, TwinningProject
from companies.models import BridgeMembership, Company, CompanyContact, CompanyMember
from companies.self_service.forms import BasicsForm, CompanyCreateForm
from leads.models import Introduction
from leads.services import lead_open
from matchmaking.models import Match
from notifications.models import OutboundEmail
from tests.factories import CompanyFactory, StaffFactory, UserFactory
from tests.security.csp import html_problems
from tests.support.admin import admin_client_for

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BREAK_OUT = '"><img src=x onerror=alert(1)>'
ATTRIBUTE = "' autofocus onfocus='alert(1)"
PAYLOAD = f"Evil {SCRIPT}{BREAK_OUT}{ATTRIBUTE}"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
JAVASCRIPT_URL = "javascript:alert(1)"
FORMULA = '=HYPERLINK("http://evil.example","click")'


def assert_inert_html(html: str, *, shown: bool = True) -> None:
    """No payload runs; with `shown`, the payload is on the page, escaped."""
    assert SCRIPT not in html
    assert "<img src=x" not in html
    assert html_problems(html) == []
    assert f'href="{JAVASCRIPT_URL}' not in html
    if shown:
        assert ESCAPED_SCRIPT in html


class HostileWorld:
    """An evil GB company on the UK bridge, matched with and introduced to a Ruhr company."""

    def __init__(self) -> None:
        self.uk = Bridge.objects.get(slug="united-kingdom")
        self.essen = Municipality.objects.get(name="Essen")
        self.evil = CompanyFactory(
            name=PAYLOAD, city="Leeds", description_en=PAYLOAD, visibility="public"
        )
        # An import or an old row could hold it; forms refuse it (see below).
        Company.objects.filter(pk=self.evil.pk).update(website=JAVASCRIPT_URL)
        self.viewer = CompanyFactory(ruhr=True, name="Viewer GmbH")
        self.viewer.offers.set(Capability.objects.all()[:1])  # so that its matches are listed
        for company in (self.evil, self.viewer):
            BridgeMembership.objects.create(
                company=company, bridge=self.uk, status="approved", decided_at=timezone.now()
            )
        self.evil_person = UserFactory(full_name=PAYLOAD)
        self.person = UserFactory()
        CompanyMember.objects.create(company=self.evil, user=self.evil_person, role="owner")
        CompanyMember.objects.create(company=self.viewer, user=self.person, role="owner")
        CompanyContact.objects.create(
            company=self.evil, name=PAYLOAD, role=PAYLOAD, email="evil@example.org"
        )
        self.twinning = TwinningProject.objects.create(
            municipality=self.essen,
            bridge=self.uk,
            partner_town=PAYLOAD[:100],
            partner_country="GB",
            description_en=PAYLOAD,
            contact_name=PAYLOAD[:100],
        )
        self.offer = SettlementOffer.objects.create(
            municipality=self.essen,
            title_en=PAYLOAD,
            title_de=PAYLOAD,
            kind="lab",
            description_en=PAYLOAD,
        )
        Match.objects.create(
            bridge=self.uk,
            kind="partnership",
            company=self.viewer,
            partner_company=self.evil,
            rank=1,
            score=0.9,
            scored_at=timezone.now(),
        )
        self.introduction = Introduction.objects.create(
            bridge=self.uk,
            requester=self.evil,
            recipient=self.viewer,
            message=PAYLOAD,
            requested_by=self.evil_person,
            requester_accepted_at=timezone.now(),
            expires_at=timezone.now() + timezone.timedelta(days=7),
        )
        self.lead, _created = lead_open(
            actor=None,
            bridge=self.uk,
            kind="partnership",
            company=self.evil,
            partner_company=self.viewer,
            origin="staff",
            why=PAYLOAD,
        )

    def client_for(self, user) -> Client:
        client = Client()
        client.force_login(user)
        return client


def _url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def world():
    return HostileWorld()


def _get(client: Client, url: str, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_public_pages_show_a_hostile_company_as_text(world):
    client = Client()
    assert_inert_html(_get(client, _url("companies:directory")))
    assert_inert_html(
        _get(client, _url("companies:directory"), HX_Request="true", HX_Target="directory-results")
    )
    assert_inert_html(_get(client, _url("companies:detail", world.evil.pk)))
    assert_inert_html(_get(client, _url("pages:bridge", "united-kingdom")), shown=False)
    assert_inert_html(_get(client, _url("bridges:municipality", "essen")))


def test_company_pages_show_hostile_partners_and_messages_as_text(world):
    client = world.client_for(world.person)
    matches = _url("matches:list", world.viewer.pk, "united-kingdom")
    assert_inert_html(_get(client, matches))
    introductions = _url("introductions:list", world.viewer.pk)
    assert_inert_html(_get(client, introductions))
    detail = _url("introductions:detail", world.viewer.pk, world.introduction.pk)
    assert_inert_html(_get(client, detail))
    assert_inert_html(_get(client, _url("self_service:dashboard")), shown=False)


def test_the_hostile_company_sees_its_own_texts_as_text(world):
    client = world.client_for(world.evil_person)
    for url in (
        _url("self_service:dashboard"),
        _url("self_service:team", world.evil.pk),
        _url("self_service:profile_step", world.evil.pk, "basics"),
        _url("self_service:profile_step", world.evil.pk, "contacts"),
        _url("settlement:company", world.evil.pk, "united-kingdom"),
    ):
        assert_inert_html(_get(client, url))


def test_staff_pages_and_the_admin_show_hostile_texts_as_text(world):
    client = admin_client_for(Client(), StaffFactory())
    assert_inert_html(_get(client, _url("leads:board")))
    assert_inert_html(_get(client, _url("leads:board"), HX_Request="true"))
    assert_inert_html(_get(client, _url("settlement:municipality", "essen")), shown=False)
    for model, pk in (
        ("companies_company", world.evil.pk),
        ("companies_companycontact", world.evil.contacts.get().pk),
        ("bridges_twinningproject", world.twinning.pk),
        ("bridges_settlementoffer", world.offer.pk),
        ("leads_introduction", world.introduction.pk),
        ("leads_lead", world.lead.pk),
        ("accounts_user", world.evil_person.pk),
    ):
        assert_inert_html(_get(client, _url(f"admin:{model}_changelist")), shown=False)
        assert_inert_html(_get(client, _url(f"admin:{model}_change", pk)))


def test_exports_make_formulas_inert_and_keep_the_text(world):
    Company.objects.filter(pk=world.viewer.pk).update(name=FORMULA)
    client = admin_client_for(Client(), StaffFactory())

    rows = list(csv.reader(io.StringIO(_get(client, _url("leads:export") + "?format=csv"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    assert PAYLOAD in cells

    response = client.get(_url("leads:export") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'" + FORMULA in values
    assert FORMULA not in values
    assert all(not str(value).startswith(("=", "+", "-", "@")) for value in values if value)


def test_the_json_download_of_ones_data_is_never_read_as_html(world):
    response = world.client_for(world.evil_person).get(_url("privacy:my_data_export"))

    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.content)["account"]["full_name"] == PAYLOAD


def test_emails_carry_hostile_texts_as_text(world, django_capture_on_commit_callbacks):
    from leads.services import introduction_request

    recipient = CompanyFactory(name="Other GmbH", ruhr=True)
    BridgeMembership.objects.create(
        company=recipient, bridge=world.uk, status="approved", decided_at=timezone.now()
    )
    CompanyMember.objects.create(company=recipient, user=UserFactory(), role="owner")
    with django_capture_on_commit_callbacks(execute=True):
        introduction_request(
            actor=world.evil_person,
            bridge=world.uk,
            requester=world.evil,
            recipient=recipient,
            message=PAYLOAD,
        )

    sent = OutboundEmail.objects.exclude(html_body="")
    assert sent.exists()
    for email in sent:
        # E-mails may style inline (no CSP applies there); hostile markup must still be text.
        assert SCRIPT not in email.html_body
        assert "<img src=x" not in email.html_body
        assert [p for p in html_problems(email.html_body) if "style" not in p] == []
        assert ESCAPED_SCRIPT in email.html_body
        assert PAYLOAD in email.text_body  # text parts show what was typed, unescaped


ADMIN_WEBSITE = Company._meta.get_field("website").formfield()


@pytest.mark.parametrize(
    "field",
    [
        CompanyCreateForm.base_fields["website"],
        BasicsForm.base_fields["website"],
        ADMIN_WEBSITE,  # the admin builds its form field from the model's
    ],
)
@pytest.mark.parametrize("website", [JAVASCRIPT_URL, "JavaScript:alert(1)", "data:text/html,x"])
def test_company_forms_refuse_a_website_that_is_not_http(field, website):

    with pytest.raises(ValidationError):
        field.clean(website)


def test_calendar_entries_keep_a_hostile_name_inside_its_own_line():
    """A name with a line break must not add a property (an attendee, an alarm) to the entry."""
    from events.meetings.calendar import meeting_ics
    from events.models import Meeting, Registration
    from tests.factories import EventFactory

    event = EventFactory(meetings_enabled=True)
    people = [UserFactory(), UserFactory()]
    requester, invitee = (
        Registration.objects.create(event=event, user=person, status="registered")
        for person in people
    )
    meeting = Meeting(
        event=event,
        requester=requester,
        invitee=invitee,
        status="accepted",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timezone.timedelta(minutes=20),
    )
    hostile = f"{PAYLOAD}\r\nATTENDEE:mailto:evil@example.org\r\nBEGIN:VALARM"

    lines = meeting_ics(meeting, partner=hostile, url="https://example.org/").decode().split("\r\n")

    assert not any(line.startswith(("ATTENDEE", "BEGIN:VALARM")) for line in lines)
    assert any(line.startswith("SUMMARY:") and "Evil <script>" in line for line in lines)


def test_the_import_vocabulary_download_makes_formulas_inert():
    from bridges.models import Sector

    Sector.objects.create(slug="formula", name_en=FORMULA, name_de=FORMULA)
    client = admin_client_for(Client(), StaffFactory())

    text = _get(client, _url("admin:companies_company_import_vocabulary"))

    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


def test_messages_people_write_to_each_other_show_as_text(world):
    """A request to join (for the team's owners), a meeting request (for the invitee) and a
    delegation application's motivation (for staff) carry text from someone else."""
    from companies.models import JoinRequest
    from events.models import Delegation, DelegationApplication, Meeting, Registration
    from tests.factories import EventFactory

    JoinRequest.objects.create(
        company=world.viewer, user=world.evil_person, kind="join", message=PAYLOAD
    )
    event = EventFactory(meetings_enabled=True)
    requester, invitee = (
        Registration.objects.create(event=event, user=user, company=company, status="registered")
        for user, company in ((world.evil_person, world.evil), (world.person, world.viewer))
    )
    Meeting.objects.create(event=event, requester=requester, invitee=invitee, message=PAYLOAD)
    delegation = Delegation.objects.create(
        event=event,
        bridge=world.uk,
        title_de="Delegation",
        title_en="Delegation",
        travel_date=event.starts_at.date(),
        application_deadline=event.starts_at,
        seats=2,
    )
    application = DelegationApplication.objects.create(
        delegation=delegation, company=world.evil, motivation=PAYLOAD
    )
    client = world.client_for(world.person)

    assert_inert_html(_get(client, _url("self_service:team", world.viewer.pk)))
    assert_inert_html(_get(client, _url("meetings:people", event.slug)))
    staff = admin_client_for(Client(), StaffFactory())
    change = _url("admin:events_delegationapplication_change", application.pk)
    assert_inert_html(_get(staff, change))
    assert_inert_html(_get(staff, _url("admin:events_delegationapplication_changelist")))

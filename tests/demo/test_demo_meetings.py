"""After load_demo the Manchester summit has 1:1 meetings: the demo company's agenda shows a
booked meeting, a request waits for its answer, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from companies.models import CompanyMember
from demo.logins import COMPANY_EMAIL
from demo.meetings import SUMMIT
from events.models import Event, Meeting, MeetingTable, Registration
from notifications.models import Notification, OutboundEmail

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def owner(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    return User.objects.get(email=COMPANY_EMAIL)


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        CompanyMember.objects.count(),
        Registration.objects.count(),
        MeetingTable.objects.count(),
        Meeting.objects.count(),
        Notification.objects.count(),
        OutboundEmail.objects.count(),
    )


def test_the_demo_company_sees_its_booked_meeting_on_its_agenda(owner, client):
    client.force_login(owner)

    with translation.override("en"):
        page = client.get(reverse("meetings:agenda", args=[SUMMIT])).content.decode()

    assert "Dr. Matthias Kornfeld" in page
    assert "Hüttenwerk Walsum Grünstahl GmbH" in page
    assert "14:10" in page
    assert "Table " in page


def test_a_request_waits_for_the_demo_company_with_its_matches_suggested(owner, client):
    client.force_login(owner)

    with translation.override("en"):
        page = client.get(reverse("meetings:people", args=[SUMMIT])).content.decode()

    waiting = Meeting.objects.get(invitee__user=owner, status="requested")
    assert waiting.requester.user.full_name == "Katrin Vogt"
    assert "Requests for you" in page
    assert "Suggested for you" in page
    assert Event.objects.get(slug=SUMMIT).meeting_tables.count() == 6


def test_loading_the_demo_twice_gives_the_same_meetings(owner):
    first = _counts()

    call_command("load_demo", stdout=io.StringIO())

    assert _counts() == first
    assert Meeting.objects.filter(status="accepted").count() == 3

"""Two matched participants of an event arrange a 1:1 meeting and both find it on their
agenda.

Set JOURNEY_SCREENSHOTS to a directory to keep a screenshot of each step.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import MeetingTable, Registration
from matchmaking import services as matching
from matchmaking.enums import MatchKind
from matchmaking.models import Match
from tests.browser.journeys import matching_pair, shot, sign_in
from tests.factories import CompanyMemberFactory, EventFactory
from tests.matchmaking.runs_support import uk

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _participants():
    """A Ruhr sensor maker and a UK grid operator whose offers answer each other's needs,
    one person of each registered for an event with meetings."""
    ruhr, british = matching_pair()
    jana = CompanyMemberFactory(
        company=ruhr,
        user__email="jana@emscher.example",
        user__full_name="Jana Kowalski",
        user__preferred_language="de",
    ).user
    tom = CompanyMemberFactory(
        company=british,
        user__email="tom@pennine-grid.example",
        user__full_name="Tom Ashworth",
        user__preferred_language="en",
    ).user
    start = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = EventFactory(
        meetings_enabled=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=9),
        time_zone="UTC",
        meetings_start=datetime.time(9),
        meetings_end=datetime.time(12),
    )
    event.bridges.set([uk()])
    MeetingTable.objects.create(event=event, name="Table 1")
    for person, company in ((jana, ruhr), (tom, british)):
        Registration.objects.create(event=event, user=person, company=company, status="registered")
    return event, ruhr, british, jana, tom


def test_two_matched_participants_arrange_a_meeting_and_both_see_it_on_their_agenda(
    browser, live_server, django_db_serialized_rollback
):
    event, ruhr, british, jana_user, tom_user = _participants()
    matching.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    assert Match.objects.filter(company=ruhr, partner_company=british).exists()

    # Jana finds Tom among the suggestions, with the reason, and asks for a meeting.
    jana = sign_in(browser, live_server.url, jana_user.email, "de-DE")
    jana.goto(f"/de/events/{event.slug}/meetings/")
    suggested = jana.locator("section[aria-labelledby=suggested-title]")
    card = suggested.locator("article", has_text="Tom Ashworth")
    expect(card).to_contain_text("Pennine Grid Security Ltd")
    expect(card.locator("ul li").first).to_be_visible()
    shot(jana, "meeting-1-suggestions-de")
    card.get_by_role("button").click()
    jana.locator("textarea[name=message]").fill("Gern vor der Mittagspause?")
    jana.locator("#request button[type=submit]").click()
    expect(jana.locator("main")).to_contain_text("Tom Ashworth")
    expect(jana.locator("#outgoing-title")).to_be_visible()
    shot(jana, "meeting-2-request-sent-de")

    # Tom sees the request and accepts it.
    tom = sign_in(browser, live_server.url, tom_user.email, "en-GB")
    tom.goto(f"/en/events/{event.slug}/meetings/")
    expect(tom.locator("main")).to_contain_text("Requests for you")
    expect(tom.locator("main")).to_contain_text("Gern vor der Mittagspause?")
    shot(tom, "meeting-3-request-received-en")
    tom.get_by_role("button", name="Accept").click()
    expect(tom.locator("main")).to_contain_text("Meeting booked")
    shot(tom, "meeting-3b-booked-en")

    # Both have it on their agenda: the time, the table and the other person.
    tom.goto(f"/en/events/{event.slug}/agenda/")
    for page, partner in ((tom, "Jana Kowalski"), (jana, "Tom Ashworth")):
        if page is jana:
            page.goto(f"/de/events/{event.slug}/agenda/")
        agenda = page.locator("main")
        expect(agenda).to_contain_text("09:00–09:20")
        expect(agenda).to_contain_text("Table 1")
        expect(agenda).to_contain_text(partner)
    shot(tom, "meeting-4-agenda-en")
    shot(jana, "meeting-5-agenda-de")

    for page in (jana, tom):
        assert page.csp_violations == []

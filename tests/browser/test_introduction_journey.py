"""Two companies meet through the double opt-in, and staff follow the lead.

Set JOURNEY_SCREENSHOTS to a directory to keep a screenshot of each step.
"""

import re

import pytest
from playwright.sync_api import expect

from companies.models import CompanyContact
from demo.logins import (
    DEMO_PASSWORD,
    STAFF_EMAIL,
    STAFF_TOTP_SECRET,
    current_code,
    demo_logins_ensure,
)
from leads.enums import LeadStage
from leads.models import Lead
from matchmaking import services as matching
from matchmaking.enums import MatchKind, RunStatus
from matchmaking.models import Match, MatchRun
from tests.browser.journeys import matching_pair, shot, sign_in, watch_csp
from tests.factories import CompanyContactFactory, CompanyMemberFactory
from tests.matchmaking.runs_support import uk

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _companies():
    """The matching pair, one person each (German and English) and a contact person each."""
    ruhr, british = matching_pair()
    ruhr_person = CompanyMemberFactory(
        company=ruhr, user__email="jana@emscher.example", user__preferred_language="de"
    ).user
    british_person = CompanyMemberFactory(
        company=british, user__email="tom@pennine-grid.example", user__preferred_language="en"
    ).user
    CompanyContactFactory(
        company=ruhr, name="Jana Kowalski", role="Vertrieb", email="vertrieb@emscher.example"
    )
    CompanyContactFactory(
        company=british, name="Tom Ashworth", role="Partnerships", email="tom@pennine-grid.example"
    )
    return ruhr, british, ruhr_person, british_person


def test_a_ruhr_and_a_uk_company_meet_through_a_double_opt_in_and_staff_follow_the_lead(
    browser, live_server, django_db_serialized_rollback
):
    ruhr, british, ruhr_person, british_person = _companies()
    matching.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    assert MatchRun.objects.get().status == RunStatus.SUCCEEDED
    assert Match.objects.filter(company=ruhr, partner_company=british).exists()

    # The Ruhr company sees the UK company with the reasons in German, from its own side.
    jana = sign_in(browser, live_server.url, ruhr_person.email, "de-DE")
    jana.goto(f"/de/my/companies/{ruhr.pk}/bridges/united-kingdom/matches/")
    card = jana.locator(f"#match-{british.pk}")
    expect(card).to_contain_text("Pennine Grid Security Ltd")
    expect(card).to_contain_text("Sie suchen")
    shot(jana, "1-ruhr-matches-de")

    # The UK company sees the Ruhr company, in English, from its side.
    tom = sign_in(browser, live_server.url, british_person.email, "en-GB")
    tom.goto(f"/en/my/companies/{british.pk}/bridges/united-kingdom/matches/")
    card = tom.locator(f"#match-{ruhr.pk}")
    expect(card).to_contain_text("Emscher Sensorik GmbH")
    expect(card).to_contain_text("You are looking for")
    shot(tom, "2-uk-matches-en")

    # The Ruhr company asks to be introduced.
    jana.locator(f"#match-{british.pk}").locator('a[href$="/introduce/"]').click()
    jana.locator("textarea[name=message]").fill(
        "Wir liefern Sensorik für Umspannwerke und suchen einen Partner für Incident Response."
    )
    shot(jana, "3-request-form-de")
    jana.locator("main form button[type=submit]").click()
    expect(jana.locator("main")).to_contain_text("Pennine Grid Security Ltd")
    expect(jana.locator("main")).not_to_contain_text("tom@pennine-grid.example")
    shot(jana, "4-request-sent-de")

    # The UK company answers yes from its list, and now sees the contact persons.
    tom.goto(f"/en/my/companies/{british.pk}/introductions/")
    tom.get_by_role("link", name=re.compile("Emscher Sensorik GmbH")).first.click()
    expect(tom.locator("main")).to_contain_text("Why you match")
    expect(tom.locator("main")).not_to_contain_text("vertrieb@emscher.example")
    shot(tom, "5-request-received-en")
    tom.get_by_role("button", name="Yes, introduce us").click()
    expect(tom.locator("main")).to_contain_text("Contact persons at Emscher Sensorik GmbH")
    expect(tom.locator("main")).to_contain_text("vertrieb@emscher.example")
    shot(tom, "6-accepted-contacts-en")

    # The Ruhr company sees the UK contact person too.
    jana.reload()
    expect(jana.locator("main")).to_contain_text("tom@pennine-grid.example")
    shot(jana, "7-accepted-contacts-de")
    assert not CompanyContact.objects.filter(objected_at__isnull=False).exists()

    # Staff see the lead on the board and move it to "meeting held".
    lead = Lead.objects.get()
    assert lead.stage == LeadStage.INTRODUCED
    demo_logins_ensure()
    staff_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    staff = staff_context.new_page()
    watch_csp(staff)
    staff.goto("/en/staff/leads/")
    staff.get_by_label("Email").fill(STAFF_EMAIL)
    staff.get_by_label("Password").fill(DEMO_PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    staff.get_by_label("Code").fill(current_code(STAFF_TOTP_SECRET))
    staff.get_by_role("button", name="Sign in").click()
    staff.goto("/en/staff/leads/")
    lead_card = staff.locator(f"#lead-{lead.pk}")
    expect(lead_card).to_contain_text("Emscher Sensorik GmbH")
    shot(staff, "8-staff-board-en")
    lead_card.locator("select[name=stage]").select_option(LeadStage.MEETING_HELD)
    lead_card.locator("button[type=submit]").click()
    expect(staff.locator(f".lead-column-{LeadStage.MEETING_HELD} #lead-{lead.pk}")).to_be_visible()
    lead.refresh_from_db()
    assert lead.stage == LeadStage.MEETING_HELD
    shot(staff, "9-staff-board-moved-en")

    for page in (jana, tom, staff):
        assert page.csp_violations == []
    staff_context.close()

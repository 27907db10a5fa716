"""The evidence journey: four people, one story, from a fresh database, through the UI only.

A UK company signs up in English, builds its profile and applies to the UK bridge; Dortmund
docks a twinning project and publishes a settlement offer in German; the bridge manager signs
in with a TOTP code, approves the application and runs matching in the admin; the UK company
asks to be introduced to a Ruhr company, which accepts in German and only then sees the
contact person; both register for RuhrSummit and book a 1:1 meeting, whose calendar file the
UK company downloads; Dortmund marks interest in the UK company, which wants to settle; the
bridge manager moves that lead on the board and downloads the leads as CSV.

Set up by the agency before anyone signs up (tests/browser/evidence_cast.py, with
factories): the bridge manager's account and authenticator, the Dortmund officer's account
linked to the city, the Ruhr company approved on the UK bridge with its person and contact
person, and the event with 1:1 meetings and a table. The bridges and municipalities come with
the migrations. Everything else happens in the browser.

Every page is audited (tests.browser.audit, through shot()); set JOURNEY_SCREENSHOTS to a
directory to keep a screenshot of each step.
"""

import csv
import io
import re

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import expect

from demo.logins import current_code
from events.models import Meeting
from leads.enums import LeadKind, LeadStage
from leads.models import Lead
from tests.browser import evidence_cast as cast
from tests.browser.journeys import shot, watch_csp
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

UK_EMAIL = "tom@pennine-grid.example"
UK_PASSWORD = "Grid-Defender-Manchester-1894"
UK_COMPANY = "Pennine Grid Security Ltd"
UK_CONTACT_EMAIL = "partnerships@pennine-grid.example"
TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _person(browser, base_url: str, locale: str):
    context = browser.new_context(base_url=base_url, locale=locale, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    watch_csp(page)
    return page


def test_four_people_carry_a_uk_company_from_sign_up_to_a_meeting_and_a_settlement_lead(
    browser, live_server, django_db_serialized_rollback
):
    setup = cast.cast_ensure()
    tom = _person(browser, live_server.url, "en-GB")
    lena = _person(browser, live_server.url, "de-DE")
    maren = _person(browser, live_server.url, "en-GB")
    jana = _person(browser, live_server.url, "de-DE")

    uk_company_signs_up_and_applies(tom)
    municipality_docks_a_twinning_and_publishes_an_offer(lena)
    manager_approves_and_runs_matching(maren)
    uk_company_requests_an_introduction(tom)
    ruhr_company_accepts_the_introduction_and_registers(jana)
    uk_company_registers_and_asks_for_a_meeting(tom)
    ruhr_company_accepts_the_meeting(jana)
    calendar_file = uk_company_downloads_the_meeting_calendar_file(tom, setup.event)
    # The meeting's calendar file is the two participants' only.
    assert lena.request.get(calendar_file).status == 404
    municipality_marks_interest_in_the_uk_company(lena)
    manager_moves_the_lead_and_exports_the_leads(maren)

    for page in (tom, lena, maren, jana):
        assert page.csp_violations == []
        page.context.close()


# --- The UK company, in English ------------------------------------------------------------


def uk_company_signs_up_and_applies(tom) -> None:
    tom.goto("/en/")
    shot(tom, "uk-01-home")
    tom.get_by_role("button", name="Register", exact=True).click()
    tom.get_by_label("Full name").fill("Tom Ashworth")
    tom.get_by_label("Email").fill(UK_EMAIL)
    tom.get_by_label("Password", exact=True).fill(UK_PASSWORD)
    tom.get_by_label("Password (again)").fill(UK_PASSWORD)
    tom.get_by_label("I have read the privacy notice").check()
    shot(tom, "uk-02-sign-up")
    tom.get_by_role("button", name="Create account").click()
    expect(tom.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    shot(tom, "uk-03-verify")

    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    tom.goto(link)
    shot(tom, "uk-04-confirm")
    tom.get_by_role("button", name="Confirm").click()
    tom.get_by_label("Email").fill(UK_EMAIL)
    tom.get_by_label("Password").fill(UK_PASSWORD)
    shot(tom, "uk-05-sign-in")
    tom.get_by_role("button", name="Sign in").click()
    expect(tom.locator(".site-header summary")).to_have_text("Tom")
    shot(tom, "uk-06-dashboard")

    tom.get_by_role("button", name="Create or join a company").click()
    shot(tom, "uk-07-start")
    tom.get_by_role("button", name="Create a company").click()
    tom.get_by_label("Name").fill(UK_COMPANY)
    tom.get_by_label("Country").select_option("GB")
    tom.get_by_label("City").fill("Manchester")
    tom.get_by_label("Website").fill("https://pennine-grid.example")
    shot(tom, "uk-08-create")
    tom.get_by_role("button", name="Create the company").click()

    expect(tom.get_by_role("heading", name="Basics")).to_be_visible()
    tom.get_by_label("Description (English)").fill(
        "Incident response and forensics for grid operators in the North of England."
    )
    tom.get_by_label("Size").select_option("small")
    shot(tom, "uk-09-basics")
    _save_and_continue(tom, "Sectors")
    tom.get_by_label("Cybersecurity").check()
    shot(tom, "uk-10-sectors")
    _save_and_continue(tom, "Offer and seek")
    tom.get_by_label("Filter the list").fill("forensics")
    tom.get_by_label("We offer: Incident response and forensics").check()
    tom.get_by_label("Filter the list").fill("detection")
    tom.get_by_label("We seek: Managed detection and response (MDR)").check()
    shot(tom, "uk-11-capabilities")
    _save_and_continue(tom, "Partnerships")
    tom.get_by_label("Distribution").check()
    tom.get_by_label("Settlement / EU market entry").check()
    shot(tom, "uk-12-partnerships")
    _save_and_continue(tom, "Settlement in the Ruhr")
    tom.get_by_label("Settlement timeline").select_option("6-12-months")
    tom.get_by_label("Planned headcount in the Ruhr").fill("8")
    tom.get_by_label("Office").check()
    tom.get_by_label("Municipalities may see the settlement intent").check()
    shot(tom, "uk-13-settlement")
    _save_and_continue(tom, "Contact persons")
    contact = tom.locator("fieldset.contact-form").first
    contact.get_by_label("Name").fill("Tom Ashworth")
    contact.get_by_label("Role").fill("Head of partnerships")
    contact.get_by_label("E-mail").fill(UK_CONTACT_EMAIL)
    shot(tom, "uk-14-contacts")
    _save_and_continue(tom, "Logo")
    shot(tom, "uk-14b-logo")

    tom.get_by_role("link", name="Bridges", exact=True).last.click()
    uk = tom.locator("#bridge-united-kingdom")
    uk.get_by_label("Why does your company want to join this bridge?").fill(
        "Ruhr utilities and their suppliers need incident response; we want to settle in "
        "the Ruhr to serve the EU market."
    )
    shot(tom, "uk-15-bridges")
    uk.get_by_role("button", name="Apply").click()
    expect(tom.get_by_text("Your application was sent to the bridge team.")).to_be_visible()
    expect(uk.locator(".status")).to_have_text("applied")
    shot(tom, "uk-16-applied")


def _save_and_continue(page, next_heading: str) -> None:
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name=next_heading)).to_be_visible()


def uk_company_requests_an_introduction(tom) -> None:
    tom.reload()
    uk = tom.locator("#bridge-united-kingdom")
    expect(uk.locator(".status")).to_have_text("approved")
    shot(tom, "uk-17-approved")
    uk.get_by_role("link", name="See your matches").click()
    card = tom.locator(".match-card", has_text=cast.RUHR_COMPANY)
    expect(card).to_contain_text("You are looking for")
    shot(tom, "uk-18-matches")
    card.get_by_role("button", name="Request introduction").click()
    expect(
        tom.get_by_role("heading", name=f"Request an introduction to {cast.RUHR_COMPANY}")
    ).to_be_visible()
    shot(tom, "uk-19-request-form")
    tom.get_by_label("Message").fill(
        "We respond to incidents at British substations and look for an MDR partner in the Ruhr."
    )
    tom.get_by_role("button", name="Send the request").click()
    expect(tom.locator("main")).to_contain_text(cast.RUHR_COMPANY)
    expect(tom.locator("main")).not_to_contain_text(cast.RUHR_CONTACT_EMAIL)
    shot(tom, "uk-20-request-sent")


def uk_company_registers_and_asks_for_a_meeting(tom) -> None:
    tom.get_by_role("link", name="Events", exact=True).click()
    shot(tom, "uk-21-events")
    tom.get_by_role("link", name=cast.EVENT_TITLE).first.click()
    expect(tom.get_by_role("heading", level=1)).to_have_text(cast.EVENT_TITLE)
    shot(tom, "uk-22-event")
    tom.locator(".registration-box").get_by_role("button", name="Register").click()
    expect(tom.get_by_text("You are registered. See you there!")).to_be_visible()
    shot(tom, "uk-23-registered")
    tom.locator(".registration-box").get_by_role("link", name="Meet people").click()
    card = tom.locator("section[aria-labelledby=suggested-title] article", has_text="Jana Kowalski")
    expect(card).to_contain_text(cast.RUHR_COMPANY)
    shot(tom, "uk-24-meet-people")
    card.get_by_role("button", name="Ask for a meeting").click()
    request = tom.locator("#request")
    expect(request.get_by_label("Whom would you like to meet?")).to_have_value(re.compile(r"\d+"))
    request.get_by_label("When").select_option(index=1)
    request.get_by_label("Message (optional)").fill("Shall we meet first thing?")
    shot(tom, "uk-25-meeting-request")
    request.get_by_role("button", name="Send the request").click()
    expect(tom.get_by_text("Your request has been sent.")).to_be_visible()
    expect(tom.locator("#outgoing-title")).to_be_visible()
    shot(tom, "uk-26-meeting-requested")


def uk_company_downloads_the_meeting_calendar_file(tom, event) -> str:
    tom.reload()
    expect(tom.locator("section[aria-labelledby=suggested-title]")).to_contain_text(
        "Meeting booked"
    )
    shot(tom, "uk-26b-meeting-booked")
    tom.get_by_role("link", name="My agenda").first.click()
    agenda = tom.locator("main")
    expect(agenda).to_contain_text("10:00–10:20")
    expect(agenda).to_contain_text("Jana Kowalski")
    expect(agenda).to_contain_text("Tisch 1")
    shot(tom, "uk-27-agenda")
    link = agenda.get_by_role("link", name="Calendar file")
    with tom.expect_download() as download:
        link.click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    meeting = Meeting.objects.get(event=event)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["UID"]) == meeting.ics_uid
    assert entry.decoded("DTSTART") == meeting.starts_at
    assert entry.decoded("DTSTART").tzinfo.key == "Europe/Berlin"
    assert entry.decoded("DTSTART").strftime("%H:%M") == "10:00"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert "Jana Kowalski" in str(entry["SUMMARY"])
    assert "Tisch 1" in str(entry["LOCATION"])
    return link.get_attribute("href")


# --- The Ruhr company, in German -----------------------------------------------------------


def _sign_in_german(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/de/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    shot(page, f"sign-in-{email.split('@')[0]}")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator(".site-header summary")).to_be_visible()


def ruhr_company_accepts_the_introduction_and_registers(jana) -> None:
    _sign_in_german(jana, cast.RUHR_PERSON_EMAIL)
    shot(jana, "ruhr-01-dashboard")
    jana.get_by_role("button", name="Brücken", exact=True).click()
    shot(jana, "ruhr-02-bridges")
    jana.locator("#bridge-united-kingdom").get_by_role(
        "link", name="Ihre Partnervorschläge ansehen"
    ).click()
    card = jana.locator(".match-card", has_text=UK_COMPANY)
    expect(card).to_contain_text("Möchte Sie kennenlernen")
    expect(card).to_contain_text("Sie suchen")
    shot(jana, "ruhr-03-matches")
    card.get_by_role("button", name="Anfrage beantworten").click()
    shot(jana, "ruhr-04-introductions")
    jana.get_by_role("link", name=re.compile(UK_COMPANY)).first.click()
    main = jana.locator("main")
    expect(main).to_contain_text("Warum Sie zusammenpassen")
    expect(main).not_to_contain_text(UK_CONTACT_EMAIL)
    shot(jana, "ruhr-05-introduction")
    jana.get_by_role("button", name="Ja, stellen Sie uns vor").click()
    expect(main).to_contain_text(f"Ansprechpersonen bei {UK_COMPANY}")
    expect(main).to_contain_text(UK_CONTACT_EMAIL)
    shot(jana, "ruhr-06-accepted")

    jana.get_by_role("link", name="Veranstaltungen", exact=True).click()
    shot(jana, "ruhr-06b-events")
    jana.get_by_role("link", name=cast.EVENT_TITLE).first.click()
    shot(jana, "ruhr-07-event")
    jana.locator(".registration-box").get_by_role("button", name="Registrieren").click()
    expect(jana.locator(".registration-box .status")).to_have_text("Sie sind angemeldet.")
    shot(jana, "ruhr-08-registered")


def ruhr_company_accepts_the_meeting(jana) -> None:
    jana.locator(".registration-box").get_by_role("link", name="Menschen treffen").click()
    incoming = jana.locator("section[aria-labelledby=incoming-title]")
    expect(incoming).to_contain_text("Tom Ashworth")
    expect(incoming).to_contain_text("Shall we meet first thing?")
    shot(jana, "ruhr-09-meeting-request")
    incoming.get_by_role("button", name="Annehmen").click()
    expect(
        jana.get_by_text("Das Gespräch ist gebucht; es steht in Ihrem Terminplan.")
    ).to_be_visible()
    shot(jana, "ruhr-10-meeting-booked")


# --- The municipality, in German -----------------------------------------------------------


def municipality_docks_a_twinning_and_publishes_an_offer(lena) -> None:
    _sign_in_german(lena, cast.CITY_OFFICER_EMAIL)
    shot(lena, "city-01-dashboard")
    lena.locator("section[aria-labelledby=municipalities-title]").get_by_role(
        "link", name="Dortmund"
    ).click()
    shot(lena, "city-02-municipality")
    lena.get_by_role("button", name="Partnerschaft hinzufügen").click()
    lena.get_by_label("Brücke").select_option(label="Innovation Bridge Vereinigtes Königreich")
    lena.get_by_label("Partnerstadt").fill("Leeds")
    lena.get_by_label("Partnerland").select_option("GB")
    lena.get_by_label("Seit (Jahr)").fill("1969")
    lena.get_by_label("Cybersicherheit").check()
    shot(lena, "city-03-twinning")
    lena.get_by_role("button", name="Speichern").click()
    expect(lena.get_by_text("Die Partnerschaft ist gespeichert.")).to_be_visible()
    expect(lena.get_by_role("heading", name="Leeds")).to_be_visible()
    shot(lena, "city-03b-twinning-saved")

    lena.get_by_role("button", name="Ansiedlungsangebot hinzufügen").click()
    lena.get_by_label("Titel (Deutsch)").fill("Büros im Dortmunder Technologiepark")
    lena.get_by_label("Titel (Englisch)").fill("Offices in Dortmund's technology park")
    lena.get_by_label("Art").select_option("office-space")
    lena.get_by_label("Cybersicherheit").check()
    lena.get_by_label("Fläche (m²)").fill("400")
    lena.get_by_label("Name der Ansprechperson").fill("Lena Wittkamp")
    lena.get_by_label("E-Mail der Ansprechperson").fill(cast.CITY_OFFICER_EMAIL)
    shot(lena, "city-04-offer")
    lena.get_by_role("button", name="Speichern").click()
    expect(lena.get_by_text("Das Ansiedlungsangebot ist gespeichert.")).to_be_visible()
    expect(lena.get_by_role("heading", name="Büros im Dortmunder Technologiepark")).to_be_visible()
    shot(lena, "city-05-published")


def municipality_marks_interest_in_the_uk_company(lena) -> None:
    lena.goto("/de/my/")
    shot(lena, "city-05b-dashboard")
    lena.locator("section[aria-labelledby=municipalities-title]").get_by_role(
        "link", name="Unternehmen mit Ansiedlungsplänen"
    ).click()
    card = lena.locator(".match-card", has_text=UK_COMPANY)
    expect(card).to_contain_text("Büros im Dortmunder Technologiepark")
    expect(card).to_contain_text("in 6 bis 12 Monaten")
    shot(lena, "city-06-settlement")
    card.get_by_role("button", name="Interesse bekunden").click()
    expect(
        lena.get_by_text(f"Interesse vermerkt: RuhrBridge stellt den Kontakt zu {UK_COMPANY} her.")
    ).to_be_visible()
    expect(lena.locator(".match-card", has_text=UK_COMPANY)).to_contain_text(
        "Interesse vermerkt am"
    )
    shot(lena, "city-07-interest")


# --- The bridge manager, in English --------------------------------------------------------


def manager_approves_and_runs_matching(maren) -> None:
    maren.goto("/admin/")
    maren.get_by_label("Email").fill(cast.MANAGER_EMAIL)
    maren.get_by_label("Password").fill(PASSWORD)
    shot(maren, "staff-01-sign-in")
    maren.get_by_role("button", name="Sign in").click()
    maren.get_by_label("Code").fill(current_code(cast.MANAGER_TOTP_SECRET))
    shot(maren, "staff-02-totp")
    maren.get_by_role("button", name="Sign in").click()
    expect(
        maren.get_by_role("heading", name="Curate bridges, companies and events")
    ).to_be_visible()
    shot(maren, "staff-03-admin")

    maren.get_by_role("link", name="Bridge memberships").click()
    maren.get_by_role("link", name="applied", exact=True).click()
    shot(maren, "staff-04-applications")
    maren.get_by_role("row", name=re.compile(UK_COMPANY)).get_by_role("checkbox").check()
    maren.get_by_role("combobox", name=re.compile(r"^Action")).select_option("approve")
    maren.get_by_role("button", name="Go").click()
    expect(maren.locator(".messagelist")).to_contain_text("decided")
    shot(maren, "staff-05-approved")

    maren.goto("/admin/")
    shot(maren, "staff-05b-admin")
    maren.get_by_role("link", name="Match runs").click()
    shot(maren, "staff-05c-runs-before")
    maren.get_by_role("link", name="Start match runs").click()
    maren.get_by_label("Bridge").select_option(label="Innovation Bridge United Kingdom")
    shot(maren, "staff-06-start-runs")
    maren.get_by_role("button", name="Start").click()
    expect(maren.locator(".messagelist")).to_contain_text("started")
    expect(maren.locator("#result_list .match-run-status")).to_have_text(["succeeded", "succeeded"])
    shot(maren, "staff-07-runs")


def manager_moves_the_lead_and_exports_the_leads(maren) -> None:
    maren.goto("/en/")
    shot(maren, "staff-07b-home")
    maren.locator(".site-header").get_by_text("Staff", exact=True).click()
    maren.get_by_role("link", name="Lead board").click()
    settlement = Lead.objects.get(kind=LeadKind.SETTLEMENT)
    card = maren.locator(f"#lead-{settlement.pk}")
    expect(card).to_contain_text(UK_COMPANY)
    expect(card).to_contain_text("Dortmund")
    expect(
        maren.locator(f".lead-column-{LeadStage.REQUESTED} #lead-{settlement.pk}")
    ).to_be_visible()
    partnership = Lead.objects.get(kind=LeadKind.PARTNERSHIP)
    expect(
        maren.locator(f".lead-column-{LeadStage.INTRODUCED} #lead-{partnership.pk}")
    ).to_be_visible()
    shot(maren, "staff-08-board")
    card.get_by_label("Move to").select_option(label="Introduced")
    card.get_by_role("button", name="Move").click()
    expect(
        maren.locator(f".lead-column-{LeadStage.INTRODUCED} #lead-{settlement.pk}")
    ).to_be_visible()
    shot(maren, "staff-09-moved")

    with maren.expect_download() as download:
        maren.get_by_role("link", name="CSV", exact=True).click()
    assert download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    by_kind = {row["kind"]: row for row in rows}
    assert len(rows) == 2
    assert by_kind["settlement"]["company"] == UK_COMPANY
    assert by_kind["settlement"]["stage"] == "introduced"
    assert "Dortmund" in by_kind["settlement"]["partner"]
    assert by_kind["settlement"]["settlement offer"]
    assert {by_kind["partnership"]["company"], by_kind["partnership"]["partner"]} == {
        UK_COMPANY,
        cast.RUHR_COMPANY,
    }

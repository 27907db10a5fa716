import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from demo.logins import (
    DEMO_PASSWORD,
    STAFF_EMAIL,
    STAFF_TOTP_SECRET,
    current_code,
    demo_logins_ensure,
)
from tests.browser.audit import audit
from tests.browser.journeys import watch_csp

pytestmark = pytest.mark.browser

PASSWORD = "Electrolyser-Pioneer-2026"


def _sign_up_and_verify(page) -> None:
    page.goto("/en/accounts/signup/")
    audit(page, "signup-en")
    page.get_by_label("Full name").fill("Ada Byron")
    page.get_by_label("Email").fill("ada@pennine-h2.example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    audit(page, "login-after-confirm-en")
    page.get_by_label("Email").fill("ada@pennine-h2.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".site-header summary")).to_have_text("Ada")


def test_a_new_user_creates_a_company_fills_its_profile_and_joins_the_uk_bridge(page):
    _sign_up_and_verify(page)

    page.locator(".site-header summary").click()
    page.get_by_role("link", name="My companies").click()
    audit(page, "my-companies-empty-en")
    page.get_by_role("button", name="Create or join a company").click()
    audit(page, "create-or-join-en")
    page.get_by_role("button", name="Create a company").click()
    audit(page, "create-company-en")
    page.get_by_label("Name").fill("Pennine Hydrogen Works Ltd")
    page.get_by_label("Country").select_option("GB")
    page.get_by_label("City").fill("Manchester")
    page.get_by_label("Website").fill("https://pennine-h2.example")
    page.get_by_role("button", name="Create the company").click()

    expect(page.get_by_role("heading", name="Basics")).to_be_visible()
    audit(page, "profile-basics-en")
    page.get_by_label("Description (English)").fill("We build PEM electrolysers for industry.")
    page.get_by_label("Size").select_option("small")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Sectors")).to_be_visible()
    audit(page, "profile-sectors-en")
    page.get_by_label("Hydrogen").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Offer and seek")).to_be_visible()
    audit(page, "profile-offer-seek-en")
    page.get_by_label("Filter the list").fill("storage")
    page.get_by_label("We offer: Hydrogen storage (pressurised, liquid, LOHC)").check()
    page.get_by_label("Filter the list").fill("offtake")
    page.get_by_label("We seek: Green hydrogen offtake").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Partnerships")).to_be_visible()
    audit(page, "profile-partnerships-en")

    page.get_by_role("link", name="Bridges", exact=True).last.click()
    audit(page, "company-bridges-en")
    uk = page.locator("#bridge-united-kingdom")
    uk.get_by_label("Why does your company want to join this bridge?").fill(
        "We look for Ruhr partners in steel and chemicals who need electrolysers."
    )
    uk.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Your application was sent to the bridge team.")).to_be_visible()
    expect(uk.locator(".status")).to_have_text("applied")
    audit(page, "company-bridges-applied-en")

    _staff_approve_in_the_admin(page.context.browser, page.url)

    page.reload()
    expect(page.locator("#bridge-united-kingdom .status")).to_have_text("approved")

    page.get_by_role("link", name="Companies", exact=True).first.click()
    page.get_by_label("Bridge", exact=True).select_option("united-kingdom")
    page.get_by_label("Sector", exact=True).select_option("hydrogen")
    expect(page).to_have_url(re.compile(r"bridge=united-kingdom.*sector=hydrogen"))
    expect(page.locator("#directory-results")).to_contain_text("Pennine Hydrogen Works Ltd")
    expect(page.locator("#directory-results")).to_contain_text("1 company")
    audit(page, "directory-filtered-en")
    assert page.csp_violations == []


def _staff_approve_in_the_admin(browser, some_url: str) -> None:
    """A bridge manager signs in with TOTP and approves the application in the admin."""
    demo_logins_ensure()
    base = re.match(r"https?://[^/]+", some_url).group(0)
    context = browser.new_context(base_url=base, locale="en-GB")
    staff = context.new_page()
    watch_csp(staff)
    staff.goto("/admin/companies/bridgemembership/?status__exact=applied")
    audit(staff, "admin-login-en")
    staff.get_by_label("Email").fill(STAFF_EMAIL)
    staff.get_by_label("Password").fill(DEMO_PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    staff.get_by_label("Code").fill(current_code(STAFF_TOTP_SECRET))
    staff.get_by_role("button", name="Sign in").click()
    audit(staff, "admin-bridge-memberships-en")

    staff.get_by_role("row", name=re.compile("Pennine Hydrogen Works Ltd")).get_by_role(
        "checkbox"
    ).check()
    staff.locator("select[name=action]").select_option("approve")
    staff.get_by_role("button", name=re.compile("Go|Ausführen")).click()
    expect(staff.locator(".messagelist")).to_contain_text(re.compile("entschieden|decided"))
    audit(staff, "admin-bridge-memberships-decided-en")
    context.close()

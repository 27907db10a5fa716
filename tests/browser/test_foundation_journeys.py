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

pytestmark = pytest.mark.browser


def test_a_visitor_switches_to_english_signs_up_verifies_and_signs_in(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/de/$"))
    audit(page, "home-de")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    audit(page, "home-en")

    page.get_by_role("button", name="Register", exact=True).click()
    audit(page, "signup-en")
    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password", exact=True).fill("Compiler-Pioneer-1952")
    page.get_by_label("Password (again)").fill("Compiler-Pioneer-1952")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    audit(page, "verify-email-sent-en")

    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    audit(page, "confirm-email-en")
    page.get_by_role("button", name="Confirm").click()
    audit(page, "login-en")
    page.get_by_label("Email").fill("grace@example.org")
    page.get_by_label("Password").fill("Compiler-Pioneer-1952")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator(".site-header summary")).to_have_text("Grace")
    audit(page, "signed-in-en")
    assert page.csp_violations == []


def test_the_demo_staff_user_signs_in_with_totp_and_reaches_the_admin(page):
    demo_logins_ensure()

    page.goto("/admin/")
    audit(page, "admin-login-de")
    page.get_by_label("E-Mail-Adresse").fill(STAFF_EMAIL)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    audit(page, "admin-totp-de")
    page.get_by_label("Code").fill(current_code(STAFF_TOTP_SECRET))
    page.get_by_role("button", name="Anmelden").click()

    expect(
        page.get_by_role("heading", name="Brücken, Unternehmen und Veranstaltungen pflegen")
    ).to_be_visible()
    audit(page, "admin-index-de")
    assert page.csp_violations == []

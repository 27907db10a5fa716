import pytest
from playwright.sync_api import expect

from events.models import Registration
from notifications.models import OutboundEmail
from tests.browser.audit import audit
from tests.browser.journeys import watch_csp
from tests.events.conftest import company_person
from tests.factories import PASSWORD, EventFactory

pytestmark = pytest.mark.browser
SUMMIT = "/en/events/gm-summit/"


def _sign_in(page, email: str) -> None:
    page.goto(f"/en/accounts/login/?next={SUMMIT}")
    audit(page, "login-en")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Greater Manchester–Germany Innovation Summit"
    )
    audit(page, "event-detail-en")


def test_register_for_the_summit_get_waitlisted_when_full_and_move_up_after_a_cancellation(
    page, live_server
):
    EventFactory(
        slug="gm-summit", title_en="Greater Manchester–Germany Innovation Summit", capacity=1
    )
    first, _company = company_person()
    second, _company = company_person()

    _sign_in(page, first.email)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered. See you there!")).to_be_visible()
    expect(page.get_by_text("0 of 1 left")).to_be_visible()
    audit(page, "event-registered-en")

    other = page.context.browser.new_context(base_url=live_server.url)
    waiting_page = other.new_page()
    watch_csp(waiting_page)
    _sign_in(waiting_page, second.email)
    waiting_page.get_by_role("button", name="Join the waiting list").click()
    expect(waiting_page.locator(".message-info")).to_contain_text(
        "The event is full: you are number 1 on the waiting list."
    )
    audit(waiting_page, "event-waitlisted-en")

    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    audit(page, "event-cancelled-en")

    waiting_page.reload()
    expect(waiting_page.locator(".registration-box .status")).to_have_text("You are registered.")
    assert Registration.objects.get(user=second).status == "registered"
    assert OutboundEmail.objects.filter(to_email=second.email).count() == 1
    assert page.csp_violations == []
    other.close()

"""What the browser journeys share: signing in, watching the CSP, screenshots, and two
companies whose profiles answer each other across the UK bridge."""

import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.audit import audit
from tests.factories import PASSWORD
from tests.matchmaking.runs_support import member


def watch_csp(page) -> None:
    """Collect the console's Content Security Policy complaints in `page.csp_violations`, and
    keep the last response that loaded the page's document for audit() to validate."""
    page.csp_violations = []
    page.document_response = None
    page.on("response", lambda response: _document_response_keep(page, response))
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_violations.append(message.text)
        ),
    )


def _document_response_keep(page, response) -> None:
    if response.request.resource_type == "document" and response.frame == page.main_frame:
        page.document_response = response


def shot(page, name: str) -> None:
    """Audit the step (accessibility and markup) and keep a screenshot of it when
    JOURNEY_SCREENSHOTS names a directory."""
    audit(page, name)
    directory = os.environ.get("JOURNEY_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def sign_in(browser, base_url: str, email: str, locale: str, password: str = PASSWORD):
    """A new browser context in which the person has signed in through the login page."""
    context = browser.new_context(base_url=base_url, locale=locale)
    page = context.new_page()
    watch_csp(page)
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".site-header summary")).to_be_visible()
    return page


def matching_pair():
    """A Ruhr sensor maker and a UK grid operator whose offers answer each other's needs."""
    ruhr = member(
        ruhr=True,
        name="Emscher Sensorik GmbH",
        offers=["managed-detection-response"],
        seeks=["incident-response-forensics"],
        types=("supplier",),
    )
    british = member(
        ruhr=False,
        name="Pennine Grid Security Ltd",
        offers=["incident-response-forensics"],
        seeks=["managed-detection-response"],
        types=("distribution",),
    )
    return ruhr, british

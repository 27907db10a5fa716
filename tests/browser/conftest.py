import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.browser.audit import summary_lines, vnu_start
from tests.browser.journeys import watch_csp

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).")
    # Playwright's sync API keeps an event loop running in this thread; Django's async-unsafe
    # guard needs to know that the tests and the live server thread are not async code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    vnu_start()
    snapshots = _serialized_snapshots()
    with sync_playwright() as playwright:
        _serialized_snapshots_restore(snapshots)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _serialized_snapshots() -> dict[str, str]:
    return {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }


def _serialized_snapshots_restore(snapshots: dict[str, str]) -> None:
    """While an event loop runs in a thread, asgiref hands out fresh database connection
    objects; they lack the snapshot of the migrated data that serialized rollback restores."""
    for alias, contents in snapshots.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture
def page(browser, django_db_serialized_rollback, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    watch_csp(page)
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter):
    """How many pages the journeys audited, and the minor findings they let through."""
    lines = summary_lines()
    if lines:
        terminalreporter.section("accessibility and markup audit")
        for line in lines:
            terminalreporter.write_line(line)

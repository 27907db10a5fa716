import pytest
from playwright.sync_api import expect

from demo.logins import CITY_EMAIL, DEMO_PASSWORD, demo_logins_ensure
from tests.browser.audit import audit

pytestmark = pytest.mark.browser


def test_a_city_docks_a_twinning_project_that_then_shows_on_the_bridge_page(page):
    demo_logins_ensure()
    page.goto("/de/accounts/login/")
    audit(page, "login-de")
    page.get_by_label("E-Mail-Adresse").fill(CITY_EMAIL)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    expect(page.locator(".site-header summary")).to_be_visible()
    page.goto("/de/municipalities/dortmund/")
    audit(page, "municipality-de")
    page.get_by_role("button", name="Partnerschaft hinzufügen").click()
    audit(page, "twinning-form-de")
    page.get_by_label("Brücke").select_option(label="Innovation Bridge Vereinigtes Königreich")
    page.get_by_label("Partnerstadt").fill("Leeds")
    page.get_by_label("Partnerland").select_option("GB")
    page.get_by_label("Seit (Jahr)").fill("1969")
    page.get_by_label("Wasserstoff").check()
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_text("Die Partnerschaft ist gespeichert.")).to_be_visible()
    expect(page.get_by_role("heading", name="Leeds")).to_be_visible()
    audit(page, "municipality-twinning-saved-de")
    page.goto("/de/bridges/united-kingdom/")
    audit(page, "bridge-uk-de")
    expect(page.locator("#twinnings-title + ul")).to_contain_text("Dortmund – Leeds")
    assert page.csp_violations == []

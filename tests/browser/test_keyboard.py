"""A company person who uses only the keyboard: from the home page through the skip link, the
sign-in, the dashboard and the company's bridges to its matches, and asks for an
introduction. Every element that gets focus on the way must show that it has it.
"""

import re

import pytest
from playwright.sync_api import expect

from leads.models import Introduction
from matchmaking import services as matching
from matchmaking.enums import MatchKind
from tests.browser.audit import audit
from tests.browser.journeys import matching_pair
from tests.factories import PASSWORD, CompanyMemberFactory
from tests.matchmaking.runs_support import uk

pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 80

# What the focused element looks like, then the same element without focus, each once its
# transitions have run. Tab and Shift+Tab give keyboard focus, which :focus-visible styles
# answer to; focus() after blur() keeps that modality in Chromium, and the walk goes on from
# the same element.
FOCUS_STYLES = """async () => {
  const element = document.activeElement;
  const settled = () => Promise.all(element.getAnimations().map((animation) => animation.finished));
  const look = async () => {
    await settled();
    const style = getComputedStyle(element);
    return {outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
            outlineColor: style.outlineColor, boxShadow: style.boxShadow};
  };
  const focused = await look();
  element.blur();
  const plain = await look();
  element.focus({preventScroll: true});
  await settled();
  return {focused, plain, still: document.activeElement === element,
          what: element.outerHTML.slice(0, 120)};
}"""


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _transparent(color: str) -> bool:
    return color == "transparent" or color.replace(" ", "").endswith(",0)")


def _focus_visible(page) -> None:
    """The focused element has an outline or a box shadow that it lacks without focus."""
    styles = page.evaluate(FOCUS_STYLES)
    assert styles["still"], f"focus could not be restored on {styles['what']}"
    focused, plain = styles["focused"], styles["plain"]
    outline = (
        focused["outlineStyle"] != "none"
        and focused["outlineWidth"] >= 1
        and not _transparent(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] != "none" and focused["boxShadow"] != plain["boxShadow"]
    assert outline or shadow, f"no visible focus indicator on {styles['what']}: {focused}"


def _active(page, test: str) -> bool:
    return page.evaluate(f"() => {{ const el = document.activeElement; return {test}; }}")


def _tab_to(page, test: str, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element passes the JavaScript `test` (on
    `el`); every stop on the way must show its focus."""
    for _ in range(MAX_TAB_STOPS):
        if _active(page, test):
            return
        page.keyboard.press(key)
        if not _active(page, "el === document.body"):
            _focus_visible(page)
    pytest.fail(f"{test!r} not reached with {MAX_TAB_STOPS} presses of {key} on {page.url}")


def _follow(page, key: str = "Enter") -> None:
    """Activate the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("load")


def _href_ends(suffix: str) -> str:
    return f"(el.getAttribute('href') || '').endsWith('{suffix}')"


def test_a_company_person_asks_for_an_introduction_with_the_keyboard_alone(page):
    ruhr, british = matching_pair()
    person = CompanyMemberFactory(
        company=ruhr, user__email="jana@emscher.example", user__preferred_language="de"
    ).user
    matching.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)

    # The skip link is the first tab stop, shows itself and leads into the main content.
    page.goto("/de/")
    page.keyboard.press("Tab")
    assert _active(page, "el.classList.contains('skip-link')")
    expect(page.locator(".skip-link")).to_be_in_viewport()
    _focus_visible(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _active(page, "el.closest('main') !== null"), "the skip link did not lead into main"

    # Back up to the header's sign-in link and sign in.
    _tab_to(page, _href_ends("/accounts/login/"), key="Shift+Tab")
    _follow(page)
    expect(page).to_have_url(re.compile(r"/de/accounts/login/"))
    _tab_to(page, "el.name === 'login'")
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    assert _active(page, "el.name === 'password'")
    _focus_visible(page)
    page.keyboard.type(PASSWORD)
    _follow(page)
    expect(page.locator(".site-header summary")).to_be_visible()
    audit(page, "keyboard-dashboard-de")

    # From the dashboard to the company's bridges, and on to its matches on the UK bridge.
    _tab_to(page, _href_ends(f"/my/companies/{ruhr.pk}/bridges/"))
    _follow(page)
    _tab_to(page, _href_ends("/bridges/united-kingdom/matches/"))
    _follow(page)
    expect(page.locator(f"#match-{british.pk}")).to_contain_text("Pennine Grid Security Ltd")
    audit(page, "keyboard-matches-de")

    # Ask for the introduction: the link in the partner's card, the message, the button.
    _tab_to(page, f"el.closest('#match-{british.pk}') !== null && {_href_ends('/introduce/')}")
    _follow(page)
    _tab_to(page, "el.name === 'message'")
    page.keyboard.type("Wir liefern Sensorik für Umspannwerke.")
    _tab_to(page, "el.type === 'submit' && el.closest('main') !== null")
    _follow(page, "Space")
    expect(page.locator("main")).to_contain_text("Pennine Grid Security Ltd")
    audit(page, "keyboard-request-sent-de")

    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.recipient) == (ruhr, british)
    assert introduction.message == "Wir liefern Sensorik für Umspannwerke."
    assert page.csp_violations == []

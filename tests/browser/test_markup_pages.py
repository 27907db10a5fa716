"""Every main page, public and signed in, in German and in English, passes the audit:
no serious accessibility violation and valid HTML. The journeys cover the steps of the
flows; this covers the pages a visitor lands on.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from bridges.models import Municipality
from demo.logins import CITY
from matchmaking import services as matching
from matchmaking.enums import MatchKind
from tests.browser.audit import audit
from tests.browser.journeys import matching_pair, sign_in
from tests.factories import CompanyMemberFactory, EventFactory
from tests.matchmaking.runs_support import uk

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _public(event, municipality) -> list[tuple[str, str, tuple]]:
    return [
        ("home", "pages:home", ()),
        ("directory", "companies:directory", ()),
        ("bridge", "pages:bridge", ("united-kingdom",)),
        ("municipality", "bridges:municipality", (municipality.slug,)),
        ("events", "events:calendar", ()),
        ("event", "events:detail", (event.slug,)),
        ("login", "account_login", ()),
        ("signup", "account_signup", ()),
        ("password-reset", "account_reset_password", ()),
        ("imprint", "pages:imprint", ()),
        ("privacy", "pages:privacy", ()),
        ("accessibility", "pages:accessibility", ()),
    ]


def _signed_in(company, partner) -> list[tuple[str, str, tuple]]:
    return [
        ("dashboard", "self_service:dashboard", ()),
        ("partner-company", "companies:detail", (partner.pk,)),
        ("company-bridges", "self_service:bridges", (company.pk,)),
        ("matches", "matches:list", (company.pk, "united-kingdom")),
        ("introductions", "introductions:list", (company.pk,)),
        ("notifications", "notifications:list", ()),
        ("my-registrations", "events:mine", ()),
    ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_main_pages_pass_the_accessibility_and_markup_audit(
    language, page, browser, live_server
):
    ruhr, british = matching_pair()
    person = CompanyMemberFactory(company=ruhr, user__email="jana@emscher.example").user
    matching.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    event = EventFactory(slug="gm-summit")
    event.bridges.set([uk()])
    place = Municipality.objects.get(name=CITY)

    with translation.override(language):
        public = [(n, reverse(url, args=args)) for n, url, args in _public(event, place)]
        private = [(n, reverse(url, args=args)) for n, url, args in _signed_in(ruhr, british)]
    for name, path in public:
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        audit(page, f"{name}-{language}")

    member = sign_in(browser, live_server.url, person.email, f"{language}-DE")
    for name, path in private:
        response = member.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        audit(member, f"{name}-{language}")

    assert page.csp_violations == [] and member.csp_violations == []

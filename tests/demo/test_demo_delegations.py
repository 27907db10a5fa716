"""The demo's delegation: six Greater Manchester companies at the RuhrSummit stand."""

import pytest

from demo.delegations import delegations_demo_ensure
from demo.logins import COMPANY_EMAIL, demo_logins_ensure
from demo.seed import demo_domain_ensure
from events.models import Delegation, DelegationApplication, StandExhibitor

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return (
        Delegation.objects.count(),
        DelegationApplication.objects.filter(status="selected").count(),
        StandExhibitor.objects.count(),
    )


@pytest.fixture
def demo():
    demo_logins_ensure()
    from accounts.models import User

    demo_domain_ensure(company_owner=User.objects.get(email=COMPANY_EMAIL))
    delegations_demo_ensure()


def test_it_sends_six_selected_companies_with_the_demo_company_to_ruhrsummit(demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(email=COMPANY_EMAIL))
    delegation = Delegation.objects.get(event__slug="greater-manchester-at-ruhrsummit")

    page = client.get(delegation.get_absolute_url()).text
    event_page = client.get("/en/events/greater-manchester-at-ruhrsummit/").text

    assert delegation.travel_date.month == 5 and delegation.travel_date.day == 27
    assert delegation.applications.filter(status="selected").count() == 6
    assert "Pennine Electrolysis Ltd" in page and "Manchester Airport" in page
    assert "Greater Manchester stand" in event_page and "Salford Telecare Ltd" in event_page


def test_loading_it_twice_changes_no_counts(demo):
    before = _counts()

    delegations_demo_ensure()

    assert before == _counts() == (2, 6, 6)

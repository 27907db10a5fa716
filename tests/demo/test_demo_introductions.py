"""After load_demo the demo company's introductions show each state, and the Dortmund login
sees companies that want to settle; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from companies.models import Company, CompanyContact, CompanyMember
from demo.logins import CITY_EMAIL, COMPANY_EMAIL
from leads.enums import IntroductionStatus, LeadKind, LeadOrigin, LeadStage
from leads.models import Introduction, Lead
from matchmaking.enums import MatchKind
from matchmaking.models import Match, MatchPair

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    return Company.objects.get(name="Pennine Electrolysis Ltd")


def _matched(company: Company, partner: Company) -> bool:
    return Match.objects.filter(
        company=company, partner_company=partner, kind=MatchKind.PARTNERSHIP
    ).exists()


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        CompanyMember.objects.count(),
        Introduction.objects.count(),
        Lead.objects.count(),
        MatchPair.objects.count(),
    )


def test_the_demo_company_sees_a_request_from_a_ruhr_match_waiting_for_its_answer(demo, client):
    waiting = Introduction.objects.get(recipient=demo, status=IntroductionStatus.PENDING)
    client.force_login(User.objects.get(email=COMPANY_EMAIL))

    page = client.get(reverse("introductions:detail", args=[demo.pk, waiting.pk])).content

    assert waiting.requester.is_ruhr
    assert _matched(demo, waiting.requester)
    assert waiting.requested_by is not None
    assert "Hello from Hamm!" in page.decode()


def test_the_demo_company_has_an_accepted_introduction_with_contacts_on_both_sides(demo, client):
    accepted = Introduction.objects.get(requester=demo, status=IntroductionStatus.ACCEPTED)
    client.force_login(User.objects.get(email=COMPANY_EMAIL))

    page = client.get(reverse("introductions:detail", args=[demo.pk, accepted.pk])).content

    assert _matched(demo, accepted.recipient)
    assert accepted.lead.stage == LeadStage.INTRODUCED
    assert CompanyContact.objects.filter(company=demo).exists()
    contact = CompanyContact.objects.filter(company=accepted.recipient).first()
    assert contact is not None
    assert contact.name in page.decode()


def test_the_demo_company_asked_the_agency_about_a_settlement_offer(demo, client):
    lead = Lead.objects.get(company=demo, kind=LeadKind.SETTLEMENT)
    client.force_login(User.objects.get(email=COMPANY_EMAIL))
    with translation.override("en"):
        url = reverse("settlement:company", args=[demo.pk, "united-kingdom"])

    page = client.get(url).content.decode()

    assert (lead.origin, lead.stage) == (LeadOrigin.SETTLEMENT_REQUEST, LeadStage.REQUESTED)
    assert lead.offer.title_en in page
    assert "the agency will get in touch" in page


def test_the_dortmund_login_sees_companies_that_want_to_settle(demo, client):
    salford = Company.objects.get(name="Salford Threat Labs Ltd")
    client.force_login(User.objects.get(email=CITY_EMAIL))
    with translation.override("en"):
        url = reverse("settlement:municipality", args=["dortmund"])
        interest = reverse("settlement:interest", args=["dortmund", salford.pk])

    page = client.get(url).content.decode()

    assert salford.name in page
    assert interest in page


def test_running_load_demo_again_opens_nothing_new(demo):
    first = _counts()

    call_command("load_demo", stdout=io.StringIO())

    assert _counts() == first
    assert Introduction.objects.filter(status=IntroductionStatus.PENDING).count() == 1

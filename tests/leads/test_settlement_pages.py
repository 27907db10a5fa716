"""Settlement matches in the browser: a partner-region company's Settlement tab, where it asks
the agency for introductions, and a municipality's view of the companies that fit its offers."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bridges.models import Municipality, Sector, SettlementOffer
from leads.enums import LeadKind, LeadOrigin, LeadStage
from leads.models import Lead
from matchmaking import services
from matchmaking.enums import MatchKind, RunStatus, score_band
from matchmaking.models import Match, MatchRun
from tests.factories import CompanyMemberFactory, StaffFactory, UserFactory
from tests.matchmaking.runs_support import cyber_capabilities, member, uk
from tests.support.admin import assert_constant_queries

pytestmark = pytest.mark.django_db

_titles = itertools.count(1)


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _offer(town="Dortmund", kind="office-space", area=400, **fields) -> SettlementOffer:
    number = next(_titles)
    offer = SettlementOffer.objects.create(
        municipality=Municipality.objects.get(name=town),
        title_en=fields.pop("title_en", f"Offices near the university {number}"),
        title_de=fields.pop("title_de", f"Büros an der Universität {number}"),
        kind=kind,
        area_m2=area,
        available_from=timezone.localdate() + datetime.timedelta(days=30),
        **fields,
    )
    offer.sectors.set(Sector.objects.filter(slug="cybersecurity"))
    return offer


def _newcomer(*, contact_allowed=True, **fields):
    """A UK company that plans offices for ten people in the Ruhr within a year."""
    caps = cyber_capabilities()
    fields.setdefault("settlement_timeline", "6-12-months")
    fields.setdefault("settlement_needs", ["office"])
    return member(
        ruhr=False,
        offers=[caps[0]],
        seeks=[caps[1]],
        types=("distribution",),
        settlement_headcount=10,
        settlement_contact_allowed=contact_allowed,
        **fields,
    )


def _landing_partner():
    caps = cyber_capabilities()
    return member(ruhr=True, offers=[caps[1]], seeks=[caps[0]], types=("distribution",))


def _run(capture) -> None:
    with capture(execute=True):
        services.match_run_start(bridge=uk(), kind=MatchKind.SETTLEMENT)
    assert MatchRun.objects.order_by("-pk").first().status == RunStatus.SUCCEEDED


@pytest.fixture
def settled(django_capture_on_commit_callbacks):
    """A newcomer, a fitting Dortmund office offer, a Ruhr landing partner, and a run."""
    newcomer = _newcomer(name="Salford Threat Labs Ltd")
    offer = _offer(title_en="Furnished offices", title_de="Möblierte Büros")
    partner = _landing_partner()
    _run(django_capture_on_commit_callbacks)
    assert Match.objects.filter(company=newcomer, partner_offer=offer).exists()
    assert Match.objects.filter(company=newcomer, partner_company=partner).exists()
    return newcomer, offer, partner


def _tab(company, name="settlement:company", language="en", **extra) -> str:
    with translation.override(language):
        return reverse(name, args=[company.pk, "united-kingdom", *extra.values()])


def _town(slug="dortmund", name="settlement:municipality", language="en", **extra) -> str:
    with translation.override(language):
        return reverse(name, args=[slug, *extra.values()])


def _signed_in(client, company):
    client.force_login(CompanyMemberFactory(company=company).user)
    return client


def _city_user(town="Dortmund"):
    user = UserFactory()
    Municipality.objects.get(name=town).users.add(user)
    return user


# --- The company's Settlement tab ----------------------------------------------------------


def test_the_tab_shows_the_fitting_offer_and_landing_partner_with_reasons_in_german(
    settled, client
):
    newcomer, offer, partner = settled

    page = _signed_in(client, newcomer).get(_tab(newcomer, language="de")).content.decode()

    assert "Möblierte Büros" in page
    assert "Furnished offices" not in page
    assert "Dortmund" in page
    assert partner.name in page
    assert "Sie brauchen Büroräume – Dortmund bietet Büroräume" in page
    assert f"{partner.name} kann Ihnen beim Markteintritt helfen" in page
    band = score_band(Match.objects.get(company=newcomer, partner_offer=offer).score)
    with translation.override("de"):
        assert str(band.label) in page


def test_asking_for_an_introduction_opens_one_requested_lead(settled, client):
    newcomer, offer, _partner = settled
    _signed_in(client, newcomer)

    response = client.post(
        _tab(newcomer, "settlement:ask_offer", offer=offer.pk), {"why": "We start in May."}
    )

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.kind, lead.origin, lead.stage) == (
        LeadKind.SETTLEMENT,
        LeadOrigin.SETTLEMENT_REQUEST,
        LeadStage.REQUESTED,
    )
    assert (lead.company, lead.municipality, lead.offer) == (newcomer, offer.municipality, offer)
    assert lead.why == "We start in May."
    page = client.get(_tab(newcomer)).content.decode()
    assert "the agency will get in touch" in page


def test_asking_again_opens_nothing_new_and_says_so(settled, client):
    newcomer, offer, _partner = settled
    _signed_in(client, newcomer)
    client.post(_tab(newcomer, "settlement:ask_offer", offer=offer.pk))

    response = client.post(_tab(newcomer, "settlement:ask_offer", offer=offer.pk), follow=True)

    assert Lead.objects.count() == 1
    assert "already" in response.content.decode()


def test_asking_for_a_landing_partner_opens_a_lead_with_the_company(settled, client):
    newcomer, _offer, partner = settled
    _signed_in(client, newcomer)

    client.post(_tab(newcomer, "settlement:ask_company", partner=partner.pk))

    lead = Lead.objects.get()
    assert {lead.company, lead.partner_company} == {newcomer, partner}
    assert lead.municipality is None
    assert lead.stage == LeadStage.REQUESTED


def test_a_too_long_message_is_refused_with_a_clear_message_and_opens_nothing(settled, client):
    newcomer, offer, _partner = settled
    _signed_in(client, newcomer)

    response = client.post(
        _tab(newcomer, "settlement:ask_offer", offer=offer.pk), {"why": "x" * 1001}, follow=True
    )

    assert "Please keep your message to 1000 characters" in response.content.decode()
    assert not Lead.objects.exists()


def test_an_offer_outside_the_companys_matches_does_not_exist_for_it(settled, client):
    newcomer, _matched_offer, _partner = settled
    elsewhere = _offer(town="Essen", kind="lab")
    stranger = _landing_partner()
    _signed_in(client, newcomer)

    assert (
        client.post(_tab(newcomer, "settlement:ask_offer", offer=elsewhere.pk)).status_code == 404
    )
    assert (
        client.post(_tab(newcomer, "settlement:ask_company", partner=stranger.pk)).status_code
        == 404
    )
    assert not Lead.objects.exists()


@pytest.mark.parametrize("outsider", ["other company", "staff"])
def test_the_tab_is_a_404_for_anyone_outside_the_company(settled, client, outsider):
    newcomer, offer, _partner = settled
    if outsider == "staff":
        client.force_login(StaffFactory())
    else:
        client.force_login(CompanyMemberFactory(company=_newcomer()).user)

    assert client.get(_tab(newcomer)).status_code == 404
    assert client.post(_tab(newcomer, "settlement:ask_offer", offer=offer.pk)).status_code == 404
    assert not Lead.objects.exists()


def test_a_company_without_a_settlement_intent_is_told_where_to_add_it(client):
    company = _newcomer(settlement_timeline="", settlement_needs=[])

    page = _signed_in(client, company).get(_tab(company)).content.decode()

    assert "does not say that you plan to settle" in page
    with translation.override("en"):
        assert reverse("self_service:profile_step", args=[company.pk, "settlement"]) in page


def test_a_ruhr_company_is_told_that_settlement_is_for_the_partner_regions(client):
    company = _landing_partner()

    page = _signed_in(client, company).get(_tab(company)).content.decode()

    assert "for companies from the partner regions" in page


def test_a_company_not_approved_on_the_bridge_is_told_so(client):
    company = _newcomer()
    company.bridge_memberships.update(status="applied")

    page = _signed_in(client, company).get(_tab(company)).content.decode()

    assert "not yet approved for this bridge" in page


def test_a_company_with_no_matches_yet_is_told_when_they_come(client):
    company = _newcomer()

    page = _signed_in(client, company).get(_tab(company)).content.decode()

    assert "No settlement matches yet" in page


def test_the_tab_does_a_constant_number_of_queries(client):
    newcomer = _newcomer()
    ranks = itertools.count(1)

    def entry():
        offer = _offer()
        partner = _landing_partner()
        for partner_fields in ({"partner_offer": offer}, {"partner_company": partner}):
            Match.objects.create(
                bridge=uk(),
                kind=MatchKind.SETTLEMENT,
                company=newcomer,
                rank=next(ranks),
                score=0.8,
                reasons=[{"code": "same_sector", "sectors": ["cybersecurity"]}],
                scored_at=timezone.now(),
                **partner_fields,
            )
        Lead.objects.create(
            bridge=uk(),
            kind=LeadKind.SETTLEMENT,
            company=newcomer,
            partner_company=partner,
            origin=LeadOrigin.SETTLEMENT_REQUEST,
            stage=LeadStage.REQUESTED,
        )

    assert_constant_queries(_signed_in(client, newcomer), _tab(newcomer), entry)


# --- The municipality's view ---------------------------------------------------------------


def test_the_municipality_sees_fitting_companies_with_their_plans_and_no_contacts(settled, client):
    newcomer, offer, _partner = settled
    from tests.factories import CompanyContactFactory

    CompanyContactFactory(company=newcomer, email="ceo@salford.example")
    client.force_login(_city_user())

    page = client.get(_town()).content.decode()

    assert newcomer.name in page
    assert offer.title_en in page
    assert "in 6 to 12 months" in page
    assert "Salford Threat Labs Ltd needs office space – Dortmund offers office space" in page
    assert "ceo@salford.example" not in page


def test_a_company_that_did_not_allow_contact_never_appears(
    client, django_capture_on_commit_callbacks
):
    shy = _newcomer(name="Shy Ltd", contact_allowed=False)
    _offer()
    _run(django_capture_on_commit_callbacks)
    assert Match.objects.filter(company=shy, partner_offer__isnull=False).exists()
    client.force_login(_city_user())

    page = client.get(_town()).content.decode()

    assert "Shy Ltd" not in page
    assert "No company’s settlement plans fit" in page
    assert client.post(_town(name="settlement:interest", company=shy.pk)).status_code == 404
    assert not Lead.objects.exists()


def test_the_people_of_another_town_get_a_404(settled, client):
    newcomer, _matched_offer, _partner = settled
    client.force_login(_city_user("Essen"))

    assert client.get(_town()).status_code == 404
    assert client.post(_town(name="settlement:interest", company=newcomer.pk)).status_code == 404
    assert not Lead.objects.exists()


def test_staff_may_look_at_a_municipalitys_view(settled, client):
    client.force_login(StaffFactory())

    assert client.get(_town()).status_code == 200


def test_marking_interest_opens_a_settlement_lead_with_the_municipality(settled, client):
    newcomer, offer, _partner = settled
    client.force_login(_city_user())

    response = client.post(_town(name="settlement:interest", company=newcomer.pk), follow=True)

    lead = Lead.objects.get()
    assert (lead.kind, lead.origin, lead.stage) == (
        LeadKind.SETTLEMENT,
        LeadOrigin.MUNICIPALITY_INTEREST,
        LeadStage.REQUESTED,
    )
    assert (lead.company, lead.municipality, lead.offer) == (newcomer, offer.municipality, offer)
    assert "Interest noted on" in response.content.decode()
    client.post(_town(name="settlement:interest", company=newcomer.pk))
    assert Lead.objects.count() == 1


def test_the_municipality_view_does_a_constant_number_of_queries(client):
    offer = _offer()
    client.force_login(_city_user())

    def row():
        company = _newcomer()
        Match.objects.create(
            bridge=uk(),
            kind=MatchKind.SETTLEMENT,
            company=company,
            partner_offer=offer,
            rank=1,
            score=0.9,
            reasons=[{"code": "settlement_need", "need": "office", "offer_kind": "office-space"}],
            scored_at=timezone.now(),
        )
        Lead.objects.create(
            bridge=uk(),
            kind=LeadKind.SETTLEMENT,
            company=company,
            municipality=offer.municipality,
            origin=LeadOrigin.MUNICIPALITY_INTEREST,
            stage=LeadStage.REQUESTED,
        )

    assert_constant_queries(client, _town(), row)

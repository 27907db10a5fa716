import datetime

from matchmaking.engine import SettlementOffer
from matchmaking.engine.settlement import landing_partners, settlement_offers_for
from tests.matchmaking.conftest import company, prepared_for

TODAY = datetime.date(2026, 1, 1)


def _offer(pk, kind, sectors="hydrogen", area=None, months=0):
    return SettlementOffer(
        id=pk,
        municipality="Gelsenkirchen",
        kind=kind,
        sectors=tuple(sectors.split()),
        area_m2=area,
        available_from=TODAY + datetime.timedelta(days=30 * months),
    )


def _newcomer(**fields):
    fields.setdefault("settlement_needs", "production")
    return company(
        "partner",
        sectors="hydrogen",
        offers="electrolyser-stacks",
        seeks="green-h2-offtake",
        partnership_types="supplier settlement",
        settlement_timeline="12-24-months",
        settlement_headcount=20,
        **fields,
    )


def test_an_offer_must_serve_one_of_the_needs():
    newcomer = _newcomer()
    site = _offer(1, "commercial-site", area=38000, months=9)
    offices = _offer(2, "office-space", area=400, months=1)
    prepared = prepared_for(newcomer, settlement_offers=[site, offices], reference_date=TODAY)

    [(offer, score, reasons)] = settlement_offers_for(prepared, [0])[newcomer.id]

    assert offer == site
    assert score == 1.0
    assert {
        "code": "settlement_need",
        "need": "production",
        "offer_kind": "commercial-site",
    } in reasons


def test_a_late_or_small_offer_or_one_for_another_sector_ranks_lower():
    newcomer = _newcomer(settlement_needs="office")
    fits = _offer(1, "office-space", area=400, months=1)
    late = _offer(2, "office-space", area=400, months=40)
    small = _offer(3, "office-space", area=100, months=1)
    other_sector = _offer(4, "office-space", sectors="cybersecurity", area=400, months=1)
    prepared = prepared_for(
        newcomer, settlement_offers=[fits, late, small, other_sector], reference_date=TODAY
    )

    ranked = settlement_offers_for(prepared, [0], min_score=0)[newcomer.id]

    assert [offer.id for offer, _, _ in ranked] == [1, 3, 2, 4]


def test_companies_without_settlement_intent_get_no_offers():
    settled = company("partner", sectors="hydrogen", offers="h2-storage")
    prepared = prepared_for(settled, settlement_offers=[_offer(1, "funding")], reference_date=TODAY)

    assert settlement_offers_for(prepared, [0]) == {}


def test_landing_partners_are_ruhr_distributors_and_customers_that_fit():
    newcomer = _newcomer()
    customer = company(
        sectors="hydrogen",
        offers="green-h2-offtake",
        seeks="electrolyser-stacks",
        partnership_types="customer",
    )
    researcher = company(
        sectors="hydrogen",
        offers="green-h2-offtake",
        seeks="electrolyser-stacks",
        partnership_types="research-development",
    )
    prepared = prepared_for(newcomer, customer, researcher)

    [result] = landing_partners(prepared, prepared.snapshot.rows([newcomer.id]))

    assert [match.partner_id for match in result.matches] == [customer.id]
    assert result.matches[0].reasons[0] == {"code": "landing_partner", "roles": ["customer"]}

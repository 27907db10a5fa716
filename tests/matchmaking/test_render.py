import pytest

from matchmaking.engine.render import PHRASES, render_reason
from tests.matchmaking.conftest import VOCABULARY


def _render(reason, viewer="owner", language="de"):
    return render_reason(
        reason,
        viewer=viewer,
        language=language,
        vocabulary=VOCABULARY,
        owner="Emscher Mobil GmbH",
        partner="Pennine Charge Ltd",
    )


def test_it_tells_the_owner_in_formal_german_what_it_seeks_and_the_partner_offers():
    reason = {"code": "seeks_offers", "capabilities": ["charging-infrastructure"]}

    assert _render(reason) == (
        "Sie suchen Ladeinfrastruktur (AC/DC) – Pennine Charge Ltd bietet Ladeinfrastruktur (AC/DC)"
    )


def test_it_tells_the_owner_in_english():
    reason = {
        "code": "seeks_offers",
        "capabilities": ["charging-infrastructure", "battery-recycling"],
    }

    assert _render(reason, language="en") == (
        "You are looking for Charging infrastructure (AC/DC) and Battery recycling – "
        "Pennine Charge Ltd offers Charging infrastructure (AC/DC) and Battery recycling"
    )


def test_the_other_company_reads_the_same_reason_about_itself():
    reason = {"code": "seeks_offers", "capabilities": ["battery-recycling"]}

    assert _render(reason, viewer="partner") == (
        "Emscher Mobil GmbH sucht Batterierecycling – Sie bieten Batterierecycling"
    )
    assert _render(reason, viewer="partner", language="en") == (
        "Emscher Mobil GmbH is looking for Battery recycling – you offer Battery recycling"
    )


def test_staff_see_both_names():
    reason = {"code": "offers_seeks", "capabilities": ["battery-recycling"]}

    assert _render(reason, viewer="staff") == (
        "Pennine Charge Ltd sucht Batterierecycling – Emscher Mobil GmbH bietet Batterierecycling"
    )


def test_partnership_types_are_named_in_the_readers_language():
    reason = {"code": "partnership_types", "pairs": [["supplier", "customer"]]}

    assert _render(reason) == "Die Partnerschaft passt: Sie: Lieferant – Pennine Charge Ltd: Kunde"
    assert _render(reason, language="en") == (
        "The partnership fits: you: Supplier – Pennine Charge Ltd: Customer"
    )


def test_an_empty_profile_is_explained_to_its_owner():
    assert _render({"code": "profile_empty"}) == (
        "Ihr Profil nennt noch nichts, was Sie anbieten oder suchen"
    )
    assert _render({"code": "profile_empty"}, language="en") == (
        "Your profile does not yet say what you offer or look for"
    )


def test_settlement_reasons_read_naturally():
    need = {"code": "settlement_need", "need": "office", "offer_kind": "office-space"}
    area = {"code": "settlement_area", "area_m2": 1200, "headcount": 10}

    assert _render(need) == "Sie brauchen Büroräume – Pennine Charge Ltd bietet Büroräume"
    assert _render(area, language="en") == "1,200 m² for the 10 people you plan to employ"
    assert _render(area) == "1.200 m² für die geplanten 10 Beschäftigten"


SAMPLES = {
    "seeks_offers": {"capabilities": ["h2-storage"]},
    "offers_seeks": {"capabilities": ["h2-storage"]},
    "same_sector": {"sectors": ["hydrogen"]},
    "partnership_types": {"pairs": [["research-development", "research-development"]]},
    "similar_description": {"similarity": 0.4},
    "size_fit": {"viewer": "small", "partner": "medium"},
    "profile_empty": {},
    "landing_partner": {"roles": ["distribution", "customer"]},
    "settlement_need": {"need": "lab", "offer_kind": "lab"},
    "settlement_timeline": {"available_from": "2026-09-01"},
    "settlement_area": {"area_m2": 400, "headcount": 12},
}


@pytest.mark.parametrize("code", sorted(PHRASES))
@pytest.mark.parametrize("viewer", ["owner", "partner", "staff"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_reason_renders_for_every_reader_in_both_languages(code, viewer, language):
    text = _render({"code": code, **SAMPLES[code]}, viewer=viewer, language=language)

    assert text and "{" not in text and "_" not in text

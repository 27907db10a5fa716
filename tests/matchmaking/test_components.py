import numpy as np
import pytest

from matchmaking.engine.explain import components
from matchmaking.engine.text import DescriptionModel
from tests.matchmaking.conftest import VOCABULARY, company, prepared_for


def _values(prepared, a, b):
    rows = prepared.snapshot.rows([a.id]), prepared.snapshot.rows([b.id])
    return {name: float(value[0]) for name, value in components(prepared, *rows).items()}


def test_it_scores_the_share_of_what_the_viewer_seeks_that_the_partner_offers():
    viewer = company(
        seeks="charging-infrastructure battery-recycling", offers="fleet-electrification"
    )
    partner = company("partner", offers="charging-infrastructure battery-recycling")
    half = company("partner", offers="charging-infrastructure")
    prepared = prepared_for(viewer, partner, half)

    assert _values(prepared, viewer, partner)["seeks_offers"] == pytest.approx(1.0)
    assert 0 < _values(prepared, viewer, half)["seeks_offers"] < 1.0


def test_it_scores_each_direction_separately():
    viewer = company(seeks="charging-infrastructure", offers="fleet-electrification")
    partner = company("partner", offers="charging-infrastructure", seeks="battery-recycling")
    prepared = prepared_for(viewer, partner)

    values = _values(prepared, viewer, partner)
    assert values["seeks_offers"] == 1.0
    assert values["offers_seeks"] == 0.0
    assert values["fit_for_viewer"] > values["fit_for_partner"]


def test_a_rare_capability_met_counts_more_than_a_common_one():
    viewer = company(
        seeks="charging-infrastructure battery-recycling", offers="fleet-electrification"
    )
    rare = company("partner", offers="battery-recycling")
    common = company("partner", offers="charging-infrastructure")
    crowd = [company("partner", offers="charging-infrastructure") for _ in range(8)]
    prepared = prepared_for(viewer, rare, common, *crowd)

    assert (
        _values(prepared, viewer, rare)["seeks_offers"]
        > _values(prepared, viewer, common)["seeks_offers"]
    )


def test_sector_fit_is_one_for_the_same_sector_and_zero_for_another():
    viewer = company(sectors="hydrogen", seeks="h2-storage")
    same = company("partner", sectors="hydrogen", offers="h2-storage")
    other = company("partner", sectors="cybersecurity", offers="h2-storage")
    prepared = prepared_for(viewer, same, other)

    assert _values(prepared, viewer, same)["sector"] == pytest.approx(1.0)
    assert _values(prepared, viewer, other)["sector"] == pytest.approx(0.0)


def test_a_supplier_fits_a_customer_but_not_another_supplier():
    viewer = company(partnership_types="supplier", offers="h2-storage")
    customer = company("partner", partnership_types="customer", seeks="h2-storage")
    supplier = company("partner", partnership_types="supplier", seeks="h2-storage")
    prepared = prepared_for(viewer, customer, supplier)

    assert _values(prepared, viewer, customer)["partnership_type"] == pytest.approx(1.0)
    assert _values(prepared, viewer, supplier)["partnership_type"] == pytest.approx(0.0)


def test_research_partners_fit_each_other_and_unknown_types_are_neutral():
    viewer = company(partnership_types="research-development", offers="h2-storage")
    researcher = company("partner", partnership_types="research-development", seeks="h2-storage")
    unknown = company("partner", seeks="h2-storage")
    prepared = prepared_for(viewer, researcher, unknown)

    assert _values(prepared, viewer, researcher)["partnership_type"] == pytest.approx(1.0)
    assert _values(prepared, viewer, unknown)["partnership_type"] == pytest.approx(0.5)


def test_size_fit_prefers_neighbouring_bands_and_is_neutral_when_unknown():
    viewer = company(size="small", offers="h2-storage")
    medium = company("partner", size="medium", seeks="h2-storage")
    large = company("partner", size="large", seeks="h2-storage")
    unknown = company("partner", seeks="h2-storage")
    prepared = prepared_for(viewer, medium, large, unknown)

    assert _values(prepared, viewer, medium)["size"] > _values(prepared, viewer, large)["size"]
    assert _values(prepared, viewer, unknown)["size"] == pytest.approx(0.5)


def test_german_and_english_descriptions_of_the_same_thing_are_similar():
    model = DescriptionModel(VOCABULARY, dimensions=8)
    vectors = model.fit_vectors(
        [
            "Wir planen Schnellladeparks und Ladeinfrastruktur für Flotten.",
            "We plan high-power charging hubs and charging infrastructure for fleets.",
            "Penetration tests and red teaming for banks.",
        ]
    )

    german_english = float(vectors[0] @ vectors[1])
    german_security = float(vectors[0] @ vectors[2])
    assert german_english > 0.3
    assert german_english > german_security


def test_every_component_stays_within_zero_and_one():
    a = company(sectors="hydrogen e-mobility", seeks="h2-storage", offers="fleet-electrification")
    b = company("partner", offers="h2-storage", seeks="fleet-electrification", size="large")
    prepared = prepared_for(a, b)

    values = np.array(list(_values(prepared, a, b).values()))
    assert np.isfinite(values).all()
    assert ((values >= 0) & (values <= 1)).all()

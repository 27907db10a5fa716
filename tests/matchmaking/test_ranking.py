import numpy as np
import pytest

from matchmaking.engine import explain, rank_pool, run_partners
from matchmaking.engine.exposure import exposure_cap, select
from matchmaking.engine.partners import exposure_gini
from tests.matchmaking.conftest import company, prepared_for


def _partners_of(prepared, profile, **options):
    run = run_partners(prepared, k=options.pop("k", 10), **options)
    row = prepared.snapshot.row_of[profile.id]
    return [int(prepared.snapshot.ids[c]) for c in run.list_of(row)]


def _market():
    viewer = company(
        sectors="e-mobility",
        offers="battery-recycling",
        seeks="charging-infrastructure",
        partnership_types="supplier",
    )
    two_sided = company(
        "partner",
        sectors="e-mobility",
        offers="charging-infrastructure",
        seeks="battery-recycling",
        partnership_types="customer",
    )
    one_sided = company(
        "partner",
        sectors="e-mobility",
        offers="charging-infrastructure battery-management-systems",
        seeks="red-teaming",
        partnership_types="customer",
    )
    return viewer, two_sided, one_sided


def test_a_one_sided_fit_ranks_below_a_two_sided_one():
    viewer, two_sided, one_sided = _market()
    prepared = prepared_for(viewer, two_sided, one_sided)

    assert _partners_of(prepared, viewer) == [two_sided.id, one_sided.id]


def test_the_one_sided_variant_cannot_tell_them_apart():
    viewer, two_sided, one_sided = _market()
    prepared = prepared_for(viewer, two_sided, one_sided)

    pool = rank_pool(prepared, prepared.snapshot.rows([viewer.id]), size=2, mode="one-sided")

    assert pool.scores[0, 0] == pytest.approx(pool.scores[0, 1], abs=0.01)


def test_the_total_is_the_harmonic_mean_of_both_directions():
    viewer, two_sided, one_sided = _market()
    prepared = prepared_for(viewer, two_sided, one_sided)

    [matches] = explain(prepared, _lists(prepared, viewer))
    for match in matches.matches:
        forward, backward = match.components["fit_for_viewer"], match.components["fit_for_partner"]
        assert match.score == pytest.approx(2 * forward * backward / (forward + backward), abs=1e-3)


def _lists(prepared, *profiles):
    rows = prepared.snapshot.rows([p.id for p in profiles])
    return select(rank_pool(prepared, rows, size=10), k=10)


def test_it_never_matches_within_one_side():
    a = company(offers="h2-storage", seeks="electrolyser-stacks")
    b = company(offers="electrolyser-stacks", seeks="h2-storage")
    prepared = prepared_for(a, b)

    assert _partners_of(prepared, a) == []


@pytest.mark.parametrize(
    "flags",
    [{"visible": False}, {"open_to_matching": False}, {"approved": False}],
    ids=["hidden", "not open to matching", "membership not approved"],
)
def test_it_never_suggests_a_company_that_does_not_take_part(flags):
    viewer, two_sided, _ = _market()
    excluded = company(
        "partner", offers="charging-infrastructure", seeks="battery-recycling", **flags
    )
    prepared = prepared_for(viewer, two_sided, excluded)

    assert excluded.id not in _partners_of(prepared, viewer)
    assert _partners_of(prepared, excluded) == []


def test_it_never_matches_companies_that_share_a_member():
    viewer, two_sided, one_sided = _market()
    prepared = prepared_for(
        viewer, two_sided, one_sided, member_links=[(viewer.id, 7), (two_sided.id, 7)]
    )

    assert _partners_of(prepared, viewer) == [one_sided.id]
    assert viewer.id not in _partners_of(prepared, two_sided)


def test_it_never_matches_a_pair_marked_not_interested_or_declined():
    viewer, two_sided, one_sided = _market()
    prepared = prepared_for(
        viewer, two_sided, one_sided, excluded_pairs=[(two_sided.id, viewer.id)]
    )

    assert _partners_of(prepared, viewer) == [one_sided.id]
    assert _partners_of(prepared, two_sided) == []


def test_an_empty_profile_gets_no_matches_and_says_why():
    empty = company(sectors="hydrogen", description_en="We do hydrogen.")
    partner = company("partner", sectors="hydrogen", offers="h2-storage", seeks="h2-storage")
    prepared = prepared_for(empty, partner)

    [result] = explain(prepared, _lists(prepared, empty))

    assert result.matches == ()
    assert result.reasons == ({"code": "profile_empty"},)
    assert _partners_of(prepared, partner) == []


def test_an_empty_side_gives_empty_lists():
    a = company(offers="h2-storage", seeks="electrolyser-stacks")
    prepared = prepared_for(a)

    run = run_partners(prepared, k=5)

    assert (run.lists.candidates == -1).all()
    assert explain(prepared, run.lists)[0].matches == ()


def test_an_empty_snapshot_gives_an_empty_result():
    prepared = prepared_for()

    run = run_partners(prepared, k=5)

    assert len(run.lists) == 0
    assert explain(prepared, run.lists) == []


def _random_market(seed: int, size: int = 60):
    rng = np.random.default_rng(seed)
    from tests.matchmaking.conftest import VOCABULARY

    slugs = [term.slug for term in VOCABULARY.capabilities]
    types = [term.slug for term in VOCABULARY.partnership_types]
    sectors = [term.slug for term in VOCABULARY.sectors]
    profiles = []
    for i in range(size):
        profiles.append(
            company(
                "ruhr" if i % 2 else "partner",
                sectors=tuple(rng.choice(sectors, 1)),
                offers=tuple(rng.choice(slugs, 3, replace=False)),
                seeks=tuple(rng.choice(slugs, 2, replace=False)),
                partnership_types=tuple(rng.choice(types, 2, replace=False)),
                size=str(rng.choice(["micro", "small", "medium", "large", ""])),
                description_en=f"We work on {' and '.join(rng.choice(slugs, 2))}.",
            )
        )
    # One company everybody wants: it offers everything.
    profiles.append(company("partner", offers=tuple(slugs), seeks=tuple(slugs)))
    return profiles


def test_the_same_input_gives_the_same_output():
    profiles = _random_market(1)

    first = run_partners(prepared_for(*profiles), k=5)
    second = run_partners(prepared_for(*profiles), k=5)

    assert np.array_equal(first.lists.candidates, second.lists.candidates)
    assert np.array_equal(first.lists.scores, second.lists.scores)


def test_scoring_in_two_chunks_or_one_company_at_a_time_gives_the_same_lists():
    prepared = prepared_for(*_random_market(2))
    rows = np.arange(len(prepared.snapshot))
    whole = rank_pool(prepared, rows, size=15)
    halves = [rank_pool(prepared, part, size=15) for part in (rows[:23], rows[23:])]
    one = rank_pool(prepared, rows[[40]], size=15)

    assert np.array_equal(np.concatenate([h.candidates for h in halves]), whole.candidates)
    assert np.array_equal(np.concatenate([h.scores for h in halves]), whole.scores)
    assert np.array_equal(one.candidates[0], whole.candidates[40])
    cap = exposure_cap(prepared, [whole], k=5, factor=1.0)
    capped_whole = select(whole, k=5, cap=cap)
    capped_half = select(halves[1], k=5, cap=cap)
    assert np.array_equal(capped_half.candidates, capped_whole.candidates[23:])


def test_scoring_blocks_on_several_threads_gives_the_same_lists_as_on_one():
    prepared = prepared_for(*_random_market(4, size=1200))  # several blocks per side
    rows = np.arange(len(prepared.snapshot))

    one = rank_pool(prepared, rows, size=15, threads=1)
    several = rank_pool(prepared, rows, size=15, threads=3)

    assert (one.candidates >= 0).any()
    assert np.array_equal(one.candidates, several.candidates)
    assert np.array_equal(one.scores, several.scores)


def test_the_exposure_cap_limits_how_many_lists_a_company_appears_in():
    prepared = prepared_for(*_random_market(3))
    star = int(prepared.snapshot.ids[-1])

    # One-sided scoring makes the company that offers everything everybody's favourite.
    capped = run_partners(prepared, k=5, exposure_factor=1.0, mode="one-sided")
    appearances = int(
        (prepared.snapshot.ids[capped.lists.candidates[capped.lists.candidates >= 0]] == star).sum()
    )
    uncapped = int(
        (
            prepared.snapshot.ids[capped.uncapped.candidates[capped.uncapped.candidates >= 0]]
            == star
        ).sum()
    )

    assert appearances <= capped.cap.quota[-1] < uncapped
    assert (
        exposure_gini(prepared, capped.lists)["partner"]
        < exposure_gini(prepared, capped.uncapped)["partner"]
    )


def test_no_score_is_ever_nan_or_infinite():
    prepared = prepared_for(*_random_market(4), company("partner", offers="h2-storage"))

    run = run_partners(prepared, k=10)

    assert np.isfinite(run.lists.scores).all()
    assert ((run.lists.scores >= 0) & (run.lists.scores <= 1)).all()
    for result in explain(prepared, run.lists):
        for match in result.matches:
            assert all(np.isfinite(v) and 0 <= v <= 1 for v in match.components.values())


def test_every_match_carries_its_reasons_with_the_capabilities_involved():
    viewer, two_sided, _ = _market()
    prepared = prepared_for(viewer, two_sided)

    [result] = explain(prepared, _lists(prepared, viewer))

    codes = {reason["code"]: reason for reason in result.matches[0].reasons}
    assert codes["seeks_offers"]["capabilities"] == ["charging-infrastructure"]
    assert codes["offers_seeks"]["capabilities"] == ["battery-recycling"]
    assert codes["partnership_types"]["pairs"] == [["supplier", "customer"]]

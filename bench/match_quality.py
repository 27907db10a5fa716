"""Quality of the matchmaking engine on a planted data set over the real vocabulary.

Usage: .venv/bin/python bench/match_quality.py [--pairs N] [--noise N]
Every planted Ruhr company A has a true partner P (P offers what A seeks, A offers what P
seeks, same sector, complementary partnership types) and a decoy D (offers all A seeks, and
more, but seeks nothing A offers); noise companies on both sides are drawn like the speed
benchmark's. Only profile fields are planted; the engine sees no labels. Targets (issue):
planted partner in the top-10 for >= 90 %, above the decoy for >= 90 %, reciprocal strictly
better than one-sided on mutual hits.
"""

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from match_engine import reference_vocabulary, synthetic_profiles

from matchmaking.engine import (
    Profile,
    build_snapshot,
    exposure_gini,
    prepare,
    run_partners,
)

TOP = 10
COMPLEMENTS = [
    ("supplier", "customer"),
    ("customer", "supplier"),
    ("distribution", "supplier"),
    ("research-development", "research-development"),
    ("joint-venture", "joint-venture"),
]


def planted(vocabulary, pairs: int, noise: int, seed: int = 11):
    rng = np.random.default_rng(seed)
    by_sector: dict[str, list[str]] = {}
    for term in vocabulary.capabilities:
        by_sector.setdefault(term.sector, []).append(term.slug)
    sectors = sorted(by_sector)
    names = {t.slug: t for t in vocabulary.capabilities}
    profiles: list[Profile] = []
    truth: dict[int, tuple[int, int]] = {}  # A id -> (P id, D id)
    next_id = 1_000_000

    def describe(offers, language):
        named = [names[c].name(language) for c in offers[:2]]
        if language == "de":
            return {"description_de": f"Wir bieten {' und '.join(named)}."}
        return {"description_en": f"We provide {' and '.join(named)}."}

    for _ in range(pairs):
        sector = str(rng.choice(sectors))
        caps = list(rng.choice(by_sector[sector], size=9, replace=False))
        a_offers, a_seeks = caps[:3], caps[3:5]
        p_offers = [*a_seeks, caps[5]]
        p_seeks = list(rng.choice(a_offers, size=2, replace=False))
        d_offers = [*a_seeks, caps[6], caps[7]]
        d_seeks = [caps[8]]
        a_type, p_type = COMPLEMENTS[rng.integers(len(COMPLEMENTS))]
        size = lambda: str(rng.choice(["micro", "small", "medium", "large"]))  # noqa: E731
        a, p, d = next_id, next_id + 1, next_id + 2
        next_id += 3
        profiles.append(
            Profile(
                id=a,
                side="ruhr",
                sectors=(sector,),
                offers=tuple(a_offers),
                seeks=tuple(a_seeks),
                partnership_types=(a_type,),
                size=size(),
                **describe(a_offers, str(rng.choice(["de", "en"]))),
            )
        )
        profiles.append(
            Profile(
                id=p,
                side="partner",
                sectors=(sector,),
                offers=tuple(p_offers),
                seeks=tuple(p_seeks),
                partnership_types=(p_type,),
                size=size(),
                **describe(p_offers, str(rng.choice(["de", "en"]))),
            )
        )
        profiles.append(
            Profile(
                id=d,
                side="partner",
                sectors=(sector,),
                offers=tuple(d_offers),
                seeks=tuple(d_seeks),
                partnership_types=(p_type,),
                size=size(),
                **describe(d_offers, str(rng.choice(["de", "en"]))),
            )
        )
        truth[a] = (p, d)
    profiles.extend(synthetic_profiles(vocabulary, noise, seed=seed + 1))
    return profiles, truth


def evaluate(prepared, lists, truth) -> dict[str, float]:
    snapshot = prepared.snapshot
    ids = snapshot.ids

    def top(company_id: int) -> list[int]:
        row = snapshot.row_of[company_id]
        line = int(np.searchsorted(lists.viewers, row))
        found = lists.candidates[line]
        return [int(ids[c]) for c in found[found >= 0]][:TOP]

    hits = above = mutual = 0
    ndcg = 0.0
    for a, (p, d) in truth.items():
        ranked = top(a)
        rank_p = ranked.index(p) if p in ranked else math.inf
        rank_d = ranked.index(d) if d in ranked else math.inf
        if rank_p < math.inf:
            hits += 1
            ndcg += 1 / math.log2(rank_p + 2)
            mutual += a in top(p)
        above += rank_p < rank_d
    n = len(truth)
    return {
        "P@10": hits / (n * TOP),
        "R@10": hits / n,
        "NDCG@10": ndcg / n,
        "partner in top-10": hits / n,
        "partner above decoy": above / n,
        "mutual hits": mutual / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--noise", type=int, default=2000, help="noise companies per side")
    options = parser.parse_args()
    vocabulary = reference_vocabulary()
    profiles, truth = planted(vocabulary, options.pairs, options.noise)
    started = time.perf_counter()
    prepared = prepare(build_snapshot(vocabulary=vocabulary, profiles=profiles))
    ruhr = int((prepared.snapshot.side == 0).sum())
    print(
        f"planted pairs {len(truth):,}, decoys {len(truth):,}, noise {options.noise:,} per side; "
        f"{ruhr:,} Ruhr x {len(profiles) - ruhr:,} partner companies; top-{TOP}"
    )
    header = [
        "P@10",
        "R@10",
        "NDCG@10",
        "partner in top-10",
        "partner above decoy",
        "mutual hits",
        "Gini",
    ]
    print(f"{'scoring':<26}" + "".join(f"{h:>21}" for h in header))
    for mode in ("reciprocal", "one-sided"):
        run = run_partners(prepared, k=TOP, mode=mode)
        for label, lists in (("exposure cap", run.lists), ("no cap", run.uncapped)):
            figures = evaluate(prepared, lists, truth)
            figures["Gini"] = exposure_gini(prepared, lists)["partner"]
            print(f"{mode + ', ' + label:<26}" + "".join(f"{figures[h]:>21.3f}" for h in header))
    print(
        f"(whole evaluation {time.perf_counter() - started:.1f} s; Gini: how unevenly partner-side "
        "companies appear in the Ruhr side's lists)"
    )


if __name__ == "__main__":
    main()

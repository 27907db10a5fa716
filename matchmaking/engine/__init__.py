"""The matchmaking engine: arrays in, ranked and explained lists out. No Django, no ORM.

Typical use::

    snapshot = build_snapshot(vocabulary=..., profiles=..., excluded_pairs=..., member_links=...)
    prepared = prepare(snapshot, Weights())
    run = run_partners(prepared, k=20)
    matches = explain(prepared, run.lists)   # per company: partners, components, reasons

See docs/matching.md for the formula, the weights and the exposure cap.
"""

from matchmaking.engine.explain import CompanyMatches, Match, explain
from matchmaking.engine.exposure import ExposureCap, exposure_cap, gini, select
from matchmaking.engine.features import Prepared, prepare
from matchmaking.engine.partners import PartnerRun, exposure_gini, run_partners
from matchmaking.engine.ranking import Pool, rank_pool
from matchmaking.engine.snapshot import Profile, SettlementOffer, Snapshot, build_snapshot
from matchmaking.engine.vocabulary import Term, Vocabulary
from matchmaking.engine.weights import Weights

__all__ = [
    "CompanyMatches",
    "ExposureCap",
    "Match",
    "PartnerRun",
    "Pool",
    "Prepared",
    "Profile",
    "SettlementOffer",
    "Snapshot",
    "Term",
    "Vocabulary",
    "Weights",
    "build_snapshot",
    "explain",
    "exposure_cap",
    "exposure_gini",
    "gini",
    "prepare",
    "rank_pool",
    "run_partners",
    "select",
]

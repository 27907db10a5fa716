"""A whole partnership run of one bridge: pools, exposure thresholds, final lists.

The Match runs issue calls the three steps chunk by chunk (``rank_pool`` per chunk, then
``exposure_cap`` once over all pools, then ``select`` + ``explain`` per chunk); ``run_partners``
does the same in one process for benchmarks, tests and small bridges.
"""

from dataclasses import dataclass

import numpy as np

from matchmaking.engine.exposure import ExposureCap, appearances, exposure_cap, gini, select
from matchmaking.engine.features import Prepared
from matchmaking.engine.ranking import Mode, Pool, rank_pool

DEFAULT_K = 20
POOL_FACTOR = 3
EXPOSURE_FACTOR = 2.0


@dataclass(frozen=True)
class PartnerRun:
    lists: Pool  # every viewer of the run, final k per viewer
    uncapped: Pool  # the same before the exposure cap
    cap: ExposureCap | None

    def list_of(self, row: int) -> np.ndarray:
        line = int(np.searchsorted(self.lists.viewers, row))
        candidates = self.lists.candidates[line]
        return candidates[candidates >= 0]


def pool_size(k: int, factor: int = POOL_FACTOR) -> int:
    return k * factor


def run_partners(
    prepared: Prepared,
    *,
    k: int = DEFAULT_K,
    mode: Mode = "reciprocal",
    exposure_factor: float | None = EXPOSURE_FACTOR,
    chunk_size: int = 8192,
) -> PartnerRun:
    """Every company of the snapshot (ascending rows) with its list; inactive ones get none."""
    viewers = np.arange(len(prepared.snapshot), dtype=np.int64)
    pools = [
        rank_pool(prepared, viewers[start : start + chunk_size], size=pool_size(k), mode=mode)
        for start in range(0, len(viewers), chunk_size)
    ]
    pool = _concatenate(pools)
    cap = None
    if exposure_factor is not None:
        cap = exposure_cap(prepared, [pool], k=k, factor=exposure_factor)
    return PartnerRun(lists=select(pool, k=k, cap=cap), uncapped=select(pool, k=k), cap=cap)


def exposure_gini(prepared: Prepared, lists: Pool) -> dict[str, float]:
    """Exposure Gini of each side's candidates, over all their appearances in the lists."""
    return {
        name: gini(appearances(prepared, [lists], side))
        for side, name in ((0, "ruhr"), (1, "partner"))
    }


def _concatenate(pools: list[Pool]) -> Pool:
    if not pools:
        return Pool(
            viewers=np.zeros(0, dtype=np.int64),
            candidates=np.zeros((0, 0), dtype=np.int64),
            scores=np.zeros((0, 0), dtype=np.float32),
        )
    return Pool(
        viewers=np.concatenate([pool.viewers for pool in pools]),
        candidates=np.concatenate([pool.candidates for pool in pools]),
        scores=np.concatenate([pool.scores for pool in pools]),
    )

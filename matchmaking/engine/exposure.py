"""Exposure cap: no company appears in more than its quota of lists.

Chosen: **thresholds fixed in the run snapshot**. Every viewer's pool (its best ``pool`` candidates,
a few times k) is ranked first, chunk by chunk. Then each candidate's quota

    Q = ceil(factor x k x viewers on the other side / candidates on its side)

(``factor`` times its fair share) is turned into a threshold: the (score, viewer) of the Q-th best
viewer that has it in its pool. Finally each viewer keeps, best first, the first k pool entries
whose candidate admits it (score above that candidate's threshold, or equal with a viewer row not
after it). So a company is shown to at most Q viewers — the ones it fits best — and the viewers
it crowded out move up their next candidates. The filter needs only the viewer's own pool and the
thresholds, so it gives the same list in any chunking and when one company is re-scored against
the stored thresholds. The cost: a viewer whose pool is exhausted gets fewer than k partners.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matchmaking.engine.features import Prepared
from matchmaking.engine.ranking import Pool


@dataclass(frozen=True)
class ExposureCap:
    quota: np.ndarray  # per snapshot row, 0 where the company is no candidate
    score: np.ndarray  # per row, float32: the threshold score, -1 where there is no limit
    viewer: np.ndarray  # per row, int64: the viewer row at the threshold


def quotas(prepared: Prepared, *, k: int, factor: float) -> np.ndarray:
    quota = np.zeros(len(prepared.snapshot), dtype=np.int64)
    for side in (0, 1):
        candidates = prepared.candidates[side].rows
        viewers = prepared.candidates[1 - side].rows
        if len(candidates):
            fair = k * len(viewers) / len(candidates)
            quota[candidates] = max(1, math.ceil(factor * fair))
    return quota


def exposure_cap(prepared: Prepared, pools: Sequence[Pool], *, k: int, factor: float):
    """The thresholds of a run, from the pools of all its viewers (every chunk, both sides)."""
    n = len(prepared.snapshot)
    quota = quotas(prepared, k=k, factor=factor)
    viewers = np.concatenate([np.repeat(pool.viewers, pool.candidates.shape[1]) for pool in pools])
    candidates = np.concatenate([pool.candidates.ravel() for pool in pools])
    scores = np.concatenate([pool.scores.ravel() for pool in pools])
    valid = candidates >= 0
    viewers, candidates, scores = viewers[valid], candidates[valid], scores[valid]
    order = np.lexsort((viewers, -scores, candidates))
    viewers, candidates, scores = viewers[order], candidates[order], scores[order]
    threshold_score = np.full(n, -1, dtype=np.float32)
    threshold_viewer = np.full(n, -1, dtype=np.int64)
    if len(candidates):
        first = np.searchsorted(candidates, np.arange(n), side="left")
        last = np.searchsorted(candidates, np.arange(n), side="right")
        limited = (last - first) > quota
        limited &= quota > 0
        at = first[limited] + quota[limited] - 1
        threshold_score[limited] = scores[at]
        threshold_viewer[limited] = viewers[at]
    return ExposureCap(quota=quota, score=threshold_score, viewer=threshold_viewer)


def admitted(pool: Pool, cap: ExposureCap | None) -> np.ndarray:
    valid = pool.candidates >= 0
    if cap is None:
        return valid
    safe = np.where(valid, pool.candidates, 0)
    limit = cap.score[safe]
    at_limit_viewer = cap.viewer[safe]
    viewers = pool.viewers[:, None]
    open_ = (
        (limit < 0)
        | (pool.scores > limit)
        | ((pool.scores == limit) & (viewers <= at_limit_viewer))
    )
    return valid & open_


def select(pool: Pool, *, k: int, cap: ExposureCap | None = None) -> Pool:
    """Each viewer's first k admitted pool entries, best first."""
    keep = admitted(pool, cap)
    keep &= np.cumsum(keep, axis=1) <= k
    # Stable: kept entries first, in pool order.
    order = np.argsort(~keep, axis=1, kind="stable")[:, :k]
    kept = np.take_along_axis(keep, order, axis=1)
    candidates = np.where(kept, np.take_along_axis(pool.candidates, order, axis=1), -1)
    scores = np.where(kept, np.take_along_axis(pool.scores, order, axis=1), 0)
    width = min(k, pool.candidates.shape[1])
    padded_c = np.full((len(pool), k), -1, dtype=np.int64)
    padded_s = np.zeros((len(pool), k), dtype=np.float32)
    padded_c[:, :width] = candidates[:, :width]
    padded_s[:, :width] = scores[:, :width]
    return Pool(viewers=pool.viewers, candidates=padded_c, scores=padded_s)


def appearances(prepared: Prepared, lists: Sequence[Pool], side: int) -> np.ndarray:
    """How many lists each active company of ``side`` appears in."""
    rows = prepared.candidates[side].rows
    counts = np.zeros(len(prepared.snapshot), dtype=np.int64)
    for pool in lists:
        found = pool.candidates[pool.candidates >= 0]
        counts += np.bincount(found, minlength=len(counts))
    return counts[rows]


def gini(values: np.ndarray) -> float:
    """0: everyone appears equally often; towards 1: a few companies take all appearances."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    count = len(values)
    total = values.sum()
    if count == 0 or total <= 0:
        return 0.0
    ranks = np.arange(1, count + 1)
    return float((2 * (ranks * values).sum()) / (count * total) - (count + 1) / count)

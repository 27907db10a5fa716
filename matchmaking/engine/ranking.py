"""Score viewers against the other side in blocks and keep each viewer's best pool.

Work happens in blocks of up to ``BLOCK`` viewers x all candidates of the other side. The
features are quantised (see ``features.QUANTUM``), so the matrix products are exact and a
viewer's scores are bit for bit the same whether it is scored alone, in a chunk of 7 or of
70,000. Nothing n x n is ever held: a block is 256 x m float32 values (20 MB for m = 20,000).
"""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
from threadpoolctl import threadpool_limits

from matchmaking.engine.features import Candidates, Prepared

BLOCK = 256
# Below this total a pair has little more in common than a sector or a partnership type;
# bridge managers found such "matches" (a hydrogen lab for a cybersecurity firm) silly.
MIN_SCORE = 0.25
Mode = Literal["reciprocal", "one-sided"]


@dataclass(frozen=True)
class Pool:
    """Each viewer's best candidates, best first: rows into the snapshot, -1 where none."""

    viewers: np.ndarray  # snapshot rows, int64
    candidates: np.ndarray  # len(viewers) x size, int64
    scores: np.ndarray  # float32 in [0, 1], 0 where no candidate

    def __len__(self) -> int:
        return len(self.viewers)


def score_block(
    prepared: Prepared, viewers: np.ndarray, side: Candidates, mode: Mode
) -> np.ndarray:
    """Total scores of up to BLOCK viewers (rows) against every candidate of ``side``."""
    forward = prepared.forward_left[viewers] @ side.have_t
    text = prepared.text_left[viewers] @ side.text_t
    np.maximum(text, 0, out=text)
    forward += text
    if mode == "one-sided":
        return forward
    backward = prepared.backward_left[viewers] @ side.need_t
    backward += text
    # Harmonic mean 2xy / (x + y): high only when both directions are.
    np.add(forward, backward, out=text)
    forward *= backward
    forward /= text
    forward *= 2
    return forward


def _exclude(prepared: Prepared, viewers: np.ndarray, side: Candidates, scores: np.ndarray):
    excluded = prepared.snapshot.excluded[viewers]
    if excluded.nnz == 0:
        return
    lines = np.repeat(np.arange(len(viewers)), np.diff(excluded.indptr))
    columns = side.position[excluded.indices]
    keep = columns >= 0
    scores[lines[keep], columns[keep]] = -1


def _best(scores: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Column positions and scores of each row's ``size`` best, ordered by (score ↓, column ↑)."""
    width = scores.shape[1]
    if width > size:
        positions = np.argpartition(scores, width - size, axis=1)[:, width - size :]
    else:
        positions = np.broadcast_to(np.arange(width), scores.shape).copy()
    best = np.take_along_axis(scores, positions, axis=1)
    order = np.lexsort((positions, -best), axis=1)
    return np.take_along_axis(positions, order, axis=1), np.take_along_axis(best, order, axis=1)


def rank_pool(
    prepared: Prepared,
    viewers: np.ndarray,
    *,
    size: int,
    mode: Mode = "reciprocal",
    min_score: float = MIN_SCORE,
    threads: int | None = None,
) -> Pool:
    """Each viewer's ``size`` best candidates of the other side; inactive viewers get none.

    Blocks are independent, so ``threads`` of them run at once (default: one per core). numpy
    releases the GIL in products, ufuncs and partitions, and the element-wise half of the work
    is single-threaded otherwise; BLAS is held to one thread meanwhile so the cores are not
    oversubscribed. A Celery worker that runs one chunk per core passes ``threads=1``. The
    result does not depend on the number of threads: each block is computed exactly.
    """
    viewers = np.asarray(viewers, dtype=np.int64)
    candidates = np.full((len(viewers), size), -1, dtype=np.int64)
    scores = np.zeros((len(viewers), size), dtype=np.float32)
    snapshot = prepared.snapshot
    active = snapshot.active
    jobs = []
    for side_index in (0, 1):
        lines = np.flatnonzero((snapshot.side[viewers] == side_index) & active[viewers])
        other = prepared.candidates[1 - side_index]
        if len(lines) == 0 or len(other.rows) == 0:
            continue
        jobs += [(lines[start : start + BLOCK], other) for start in range(0, len(lines), BLOCK)]

    def run(job: tuple[np.ndarray, Candidates]) -> None:
        block_lines, other = job
        block_viewers = viewers[block_lines]
        block = score_block(prepared, block_viewers, other, mode)
        _exclude(prepared, block_viewers, other, block)
        positions, best = _best(block, size)
        found = (best > 0) & (best >= min_score)
        width = positions.shape[1]
        candidates[block_lines, :width] = np.where(found, other.rows[positions], -1)
        scores[block_lines, :width] = np.where(found, np.clip(best, 0, 1), 0)

    threads = min(threads or os.cpu_count() or 1, len(jobs))
    if threads <= 1:
        for job in jobs:
            run(job)
    else:
        with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(threads) as pool:
            list(pool.map(run, jobs))
    return Pool(viewers=viewers, candidates=candidates, scores=scores)

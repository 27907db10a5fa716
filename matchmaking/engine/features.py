"""Turn a snapshot into the dense feature blocks that make every directional score one dot product.

For a viewer ``a`` and a candidate ``b`` the score of the direction a → b ("how well does b
serve a") is ``Σ W ⊙ need(a) ⊙ have(b)`` over these column groups:

=============  ==========================================  ==========================
group          need(x)                                     have(x)
=============  ==========================================  ==========================
sector         x's sectors, unit length                    the same
size           row of SIZE_FIT for x's size band           one-hot of x's size band
capabilities   x's seeks x rarity, summing to 1            x's offers (0/1)
types          x's partnership types, summing to 1         how well x serves each type
=============  ==========================================  ==========================

so the direction b → a is ``Σ W ⊙ need(b) ⊙ have(a)`` with the same arrays. The description
similarity is symmetric and kept apart, because it is clipped at 0 (see ``text``).
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from matchmaking.engine.snapshot import SIDES, SIZES, Snapshot
from matchmaking.engine.text import DescriptionModel
from matchmaking.engine.weights import Weights

# Which of the viewer's partnership types (rows) a candidate's type (columns) serves, and how
# well. A type is a role the company takes: a "supplier" wants customers and distributors,
# a "distribution" company wants suppliers to represent. "settlement" (a partner-side company
# entering the EU) is served by Ruhr distributors and customers, less so by suppliers; a Ruhr
# distributor in turn gains from a newcomer to represent. Types not named here (staff may add
# some) pair with themselves.
TYPE_FIT: dict[tuple[str, str], float] = {
    ("supplier", "customer"): 1.0,
    ("customer", "supplier"): 1.0,
    ("supplier", "distribution"): 1.0,
    ("distribution", "supplier"): 1.0,
    ("customer", "distribution"): 0.5,
    ("research-development", "research-development"): 1.0,
    ("joint-venture", "joint-venture"): 1.0,
    ("joint-venture", "investment"): 0.5,
    ("investment", "investment"): 1.0,
    ("investment", "joint-venture"): 0.5,
    ("settlement", "distribution"): 1.0,
    ("settlement", "customer"): 1.0,
    ("settlement", "supplier"): 0.5,
    ("distribution", "settlement"): 1.0,
    ("customer", "settlement"): 0.5,
    ("supplier", "settlement"): 0.5,
}
_DEFINED_TYPES = {slug for pair in TYPE_FIT for slug in pair}

# Size or stage fit by band (micro, small, medium, large, unknown): neighbours fit best, but a
# start-up piloting with a large company is a classic bridge story, so nothing falls to 0.
SIZE_FIT = np.array(
    [
        [1.0, 0.9, 0.6, 0.5, 0.5],
        [0.9, 1.0, 0.9, 0.6, 0.5],
        [0.6, 0.9, 1.0, 0.9, 0.5],
        [0.5, 0.6, 0.9, 1.0, 0.5],
        [0.5, 0.5, 0.5, 0.5, 0.5],
    ],
    dtype=np.float32,
)
UNKNOWN_TYPES_FIT = 0.5
# Every feature is rounded to a multiple of QUANTUM. Products are then multiples of QUANTUM²
# and every partial sum of a dot product (at most 2 in size) fits float32's 24-bit significand
# exactly, so a score is the same bit for bit whatever the BLAS kernel, block shape or
# summation order: chunks are independent and a re-scored company reproduces the run.
QUANTUM = 2.0**-11
# Keeps the harmonic mean's denominator above 0 without a branch; one quantum, never shown.
EPSILON = QUANTUM


def quantise(matrix: np.ndarray) -> np.ndarray:
    return (np.round(np.asarray(matrix, dtype=np.float64) / QUANTUM) * QUANTUM).astype(np.float32)


def type_fit_matrix(slugs: list[str]) -> np.ndarray:
    size = len(slugs)
    matrix = np.zeros((size, size), dtype=np.float32)
    for i, wanted in enumerate(slugs):
        for j, offered in enumerate(slugs):
            if wanted in _DEFINED_TYPES or offered in _DEFINED_TYPES:
                matrix[i, j] = TYPE_FIT.get((wanted, offered), 0.0)
            else:
                matrix[i, j] = 1.0 if wanted == offered else 0.0
    return matrix


@dataclass(frozen=True)
class Groups:
    sector: slice
    size: slice
    capabilities: slice
    types: slice
    no_types: int
    constant: int


@dataclass(frozen=True)
class Candidates:
    """One side's active companies as candidates, laid out column-wise for the products."""

    rows: np.ndarray  # snapshot rows, ascending
    have_t: np.ndarray  # D x m: what each candidate offers a viewer
    need_t: np.ndarray  # D x m: what each candidate wants from a viewer
    text_t: np.ndarray  # dt x m
    position: np.ndarray  # snapshot row → column, -1 if not a candidate of this side


def _candidates(rows: np.ndarray, need: np.ndarray, have: np.ndarray, text: np.ndarray):
    position = np.full(len(need), -1, dtype=np.int64)
    position[rows] = np.arange(len(rows))
    return Candidates(
        rows=rows,
        have_t=np.ascontiguousarray(have[rows].T),
        need_t=np.ascontiguousarray(need[rows].T),
        text_t=np.ascontiguousarray(text[rows].T),
        position=position,
    )


@dataclass(frozen=True)
class Prepared:
    """A snapshot's features, computed once per run; every chunk of the run reads the same."""

    snapshot: Snapshot
    weights: Weights
    groups: Groups
    column_weights: np.ndarray  # W
    need: np.ndarray  # n x D, unweighted
    have: np.ndarray
    forward_left: np.ndarray  # W ⊙ need, viewer rows
    backward_left: np.ndarray  # W ⊙ have, viewer rows
    text: np.ndarray  # n x dt, unit rows (0 for no description)
    text_left: np.ndarray  # w_description x text
    capability_rarity: np.ndarray  # per capability, the weight used in seeks coverage
    type_fit: np.ndarray
    candidates: tuple[Candidates, Candidates]  # by side: 0 Ruhr, 1 partner


def capability_rarity(snapshot: Snapshot, active: np.ndarray) -> np.ndarray:
    """IDF of offering a capability: a need few companies can meet counts more when met."""
    offers = snapshot.offers[active] if active.any() else snapshot.offers
    document_frequency = np.asarray((offers > 0).sum(axis=0)).ravel()
    count = offers.shape[0]
    return (np.log((1 + count) / (1 + document_frequency)) + 1).astype(np.float32)


def _unit_rows(matrix: sp.csr_matrix) -> np.ndarray:
    dense = matrix.toarray().astype(np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)


def _sum_rows(matrix: np.ndarray) -> np.ndarray:
    sums = matrix.sum(axis=1, keepdims=True)
    return np.divide(matrix, sums, out=np.zeros_like(matrix), where=sums > 0)


def prepare(
    snapshot: Snapshot, weights: Weights | None = None, *, text_dimensions: int = 64
) -> Prepared:
    weights = (weights or Weights()).normalised()
    n = len(snapshot)
    active = snapshot.active
    rarity = capability_rarity(snapshot, active)
    type_slugs = [term.slug for term in snapshot.vocabulary.partnership_types]
    fit = type_fit_matrix(type_slugs)

    sectors = _unit_rows(snapshot.sectors)
    band = np.where(snapshot.size >= 0, snapshot.size, len(SIZES)).astype(np.int64)
    size_need = SIZE_FIT[band]
    size_have = np.eye(len(SIZES) + 1, dtype=np.float32)[band]
    seeks = _sum_rows(snapshot.seeks.toarray().astype(np.float32) * rarity)
    offers = snapshot.offers.toarray().astype(np.float32)
    types = snapshot.types.toarray().astype(np.float32)
    types_need = _sum_rows(types)
    # How well x serves each type a viewer may want: the best of x's own types for it.
    types_have = (types[:, None, :] * fit[None, :, :]).max(axis=2) if n else types
    no_types = types.sum(axis=1) == 0
    types_have[no_types] = UNKNOWN_TYPES_FIT

    widths = [sectors.shape[1], size_need.shape[1], seeks.shape[1], types.shape[1]]
    edges = np.cumsum([0, *widths])
    groups = Groups(
        sector=slice(edges[0], edges[1]),
        size=slice(edges[1], edges[2]),
        capabilities=slice(edges[2], edges[3]),
        types=slice(edges[3], edges[4]),
        no_types=int(edges[4]),
        constant=int(edges[4]) + 1,
    )
    need = quantise(
        np.hstack([sectors, size_need, seeks, types_need, no_types[:, None], np.ones((n, 1))])
    )
    have = quantise(
        np.hstack([sectors, size_have, offers, types_have, np.ones((n, 1)), np.ones((n, 1))])
    )
    column_weights = np.concatenate(
        [
            np.full(widths[0], weights.sector),
            np.full(widths[1], weights.size),
            np.full(widths[2], weights.capabilities),
            np.full(widths[3], weights.partnership_type),
            [weights.partnership_type * UNKNOWN_TYPES_FIT, EPSILON],
        ]
    ).astype(np.float32)
    text = quantise(
        DescriptionModel(snapshot.vocabulary, dimensions=text_dimensions).fit_vectors(
            snapshot.descriptions
        )
    )
    side_rows = tuple(
        np.flatnonzero(active & (snapshot.side == index)).astype(np.int64)
        for index in range(len(SIDES))
    )
    return Prepared(
        snapshot=snapshot,
        weights=weights,
        groups=groups,
        column_weights=column_weights,
        need=need,
        have=have,
        forward_left=quantise(need * column_weights),
        backward_left=quantise(have * column_weights),
        text=text,
        text_left=quantise(text * weights.description),
        capability_rarity=rarity,
        type_fit=fit,
        candidates=(
            _candidates(side_rows[0], need, have, text),
            _candidates(side_rows[1], need, have, text),
        ),
    )

"""The run snapshot: every profile of one bridge as arrays, plus the pairs that must never match.

The caller (``matchmaking.profiles`` on the Django side, a benchmark, a test) builds plain
``Profile`` records; ``build_snapshot`` turns them into sparse matrices over the vocabulary.
Slugs the vocabulary does not know are ignored rather than refused: the snapshot is read-only.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import scipy.sparse as sp

from matchmaking.engine.vocabulary import Vocabulary

Side = Literal["ruhr", "partner"]
SIDES: tuple[Side, Side] = ("ruhr", "partner")
SIZES = ("micro", "small", "medium", "large")
SETTLEMENT_NEEDS = ("office", "production", "lab", "funding", "recruiting")
TIMELINES = ("within-6-months", "6-12-months", "12-24-months", "later")

# Why a company of the snapshot gets no list and is nobody's candidate.
NOT_APPROVED = "not_approved"
HIDDEN = "hidden"
NOT_OPEN = "not_open_to_matching"
PROFILE_EMPTY = "profile_empty"


@dataclass(frozen=True)
class Profile:
    id: int
    side: Side
    sectors: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    partnership_types: tuple[str, ...] = ()
    size: str = ""
    description_de: str = ""
    description_en: str = ""
    approved: bool = True
    visible: bool = True
    open_to_matching: bool = True
    settlement_needs: tuple[str, ...] = ()
    settlement_timeline: str = ""
    settlement_headcount: int | None = None

    @property
    def has_settlement_intent(self) -> bool:
        return bool(
            "settlement" in self.partnership_types
            or self.settlement_needs
            or self.settlement_timeline
        )


@dataclass(frozen=True)
class SettlementOffer:
    """A municipality's open offer: a site, space, an incubator place, a programme, funding."""

    id: int
    municipality: str
    kind: str
    sectors: tuple[str, ...] = ()
    area_m2: int | None = None
    available_from: datetime.date | None = None


@dataclass(frozen=True)
class Snapshot:
    vocabulary: Vocabulary
    ids: np.ndarray  # int64, ascending
    side: np.ndarray  # int8: 0 Ruhr, 1 partner
    sectors: sp.csr_matrix  # n x sectors, 0/1
    offers: sp.csr_matrix  # n x capabilities, 0/1
    seeks: sp.csr_matrix
    types: sp.csr_matrix  # n x partnership types, 0/1
    size: np.ndarray  # int8 index into SIZES, -1 unknown
    descriptions: tuple[str, ...]
    inactive: tuple[str, ...]  # "" or why the company takes no part
    excluded: sp.csr_matrix  # n x n, symmetric: pairs that must never be matched
    settlement_needs: np.ndarray  # n x len(SETTLEMENT_NEEDS), bool
    settlement_timeline: np.ndarray  # int8 index into TIMELINES, -1 none
    settlement_headcount: np.ndarray  # float32, nan unknown
    settlement_intent: np.ndarray  # bool
    settlement_offers: tuple[SettlementOffer, ...] = ()
    reference_date: datetime.date = field(default_factory=datetime.date.today)
    row_of: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row_of", {int(i): row for row, i in enumerate(self.ids)})

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def active(self) -> np.ndarray:
        return np.array([not reason for reason in self.inactive], dtype=bool)

    def rows(self, company_ids: Iterable[int]) -> np.ndarray:
        return np.array([self.row_of[int(i)] for i in company_ids], dtype=np.int64)


def _incidence(rows: Sequence[Iterable[str]], index: dict[str, int], width: int) -> sp.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    for slugs in rows:
        positions = sorted({index[slug] for slug in slugs if slug in index})
        indices.extend(positions)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix(
        (data, np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
        shape=(len(rows), width),
    )


def _inactive_reason(profile: Profile) -> str:
    if not profile.approved:
        return NOT_APPROVED
    if not profile.visible:
        return HIDDEN
    if not profile.open_to_matching:
        return NOT_OPEN
    if not profile.offers and not profile.seeks:
        return PROFILE_EMPTY
    return ""


def _exclusions(
    row_of: dict[int, int],
    n: int,
    excluded_pairs: Iterable[tuple[int, int]],
    member_links: Iterable[tuple[int, int]],
) -> sp.csr_matrix:
    """Pairs named by the caller, plus every pair of companies that share a member (user)."""
    left: list[int] = []
    right: list[int] = []
    for a, b in excluded_pairs:
        if a in row_of and b in row_of:
            left.append(row_of[a])
            right.append(row_of[b])
    users: dict[int, list[int]] = {}
    for company_id, user_id in member_links:
        if company_id in row_of:
            users.setdefault(user_id, []).append(row_of[company_id])
    for companies in users.values():
        for a in companies:
            for b in companies:
                if a != b:
                    left.append(a)
                    right.append(b)
    pairs = sp.coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n)).tocsr()
    pairs = ((pairs + pairs.T) > 0).astype(np.int8).tocsr()
    pairs.sort_indices()
    return pairs


def build_snapshot(
    *,
    vocabulary: Vocabulary,
    profiles: Iterable[Profile],
    excluded_pairs: Iterable[tuple[int, int]] = (),
    member_links: Iterable[tuple[int, int]] = (),
    settlement_offers: Iterable[SettlementOffer] = (),
    reference_date: datetime.date | None = None,
) -> Snapshot:
    """Arrays of one bridge's companies, sorted by id so that row order never depends on input.

    ``excluded_pairs``: (company id, company id), either order — "not interested" from either
    side, declined introductions. ``member_links``: (company id, user id) — companies sharing a
    user never match.
    """
    ordered = sorted(profiles, key=lambda profile: profile.id)
    n = len(ordered)
    ids = np.array([profile.id for profile in ordered], dtype=np.int64)
    row_of = {int(i): row for row, i in enumerate(ids)}
    need_index = {need: i for i, need in enumerate(SETTLEMENT_NEEDS)}
    return Snapshot(
        vocabulary=vocabulary,
        ids=ids,
        side=np.array([SIDES.index(profile.side) for profile in ordered], dtype=np.int8),
        sectors=_incidence(
            [p.sectors for p in ordered], vocabulary.sector_index, len(vocabulary.sectors)
        ),
        offers=_incidence(
            [p.offers for p in ordered], vocabulary.capability_index, len(vocabulary.capabilities)
        ),
        seeks=_incidence(
            [p.seeks for p in ordered], vocabulary.capability_index, len(vocabulary.capabilities)
        ),
        types=_incidence(
            [p.partnership_types for p in ordered],
            vocabulary.type_index,
            len(vocabulary.partnership_types),
        ),
        size=np.array(
            [SIZES.index(p.size) if p.size in SIZES else -1 for p in ordered], dtype=np.int8
        ),
        descriptions=tuple(f"{p.description_de}\n{p.description_en}".strip() for p in ordered),
        inactive=tuple(_inactive_reason(p) for p in ordered),
        excluded=_exclusions(row_of, n, excluded_pairs, member_links),
        settlement_needs=_incidence(
            [p.settlement_needs for p in ordered], need_index, len(SETTLEMENT_NEEDS)
        )
        .toarray()
        .astype(bool),
        settlement_timeline=np.array(
            [
                TIMELINES.index(p.settlement_timeline) if p.settlement_timeline in TIMELINES else -1
                for p in ordered
            ],
            dtype=np.int8,
        ),
        settlement_headcount=np.array(
            [np.nan if p.settlement_headcount is None else p.settlement_headcount for p in ordered],
            dtype=np.float32,
        ),
        settlement_intent=np.array(
            [p.side == "partner" and p.has_settlement_intent for p in ordered], dtype=bool
        ),
        settlement_offers=tuple(sorted(settlement_offers, key=lambda offer: offer.id)),
        reference_date=reference_date or datetime.date.today(),
    )

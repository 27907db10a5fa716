"""Per-component scores and structured reasons for the pairs that made a list.

A reason is a small dict, ``{"code": ..., **parameters}``, with slugs rather than names, so it
can be stored as JSON and rendered later in either language (see ``render``).
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matchmaking.engine.features import SIZE_FIT, Prepared
from matchmaking.engine.ranking import Mode, Pool
from matchmaking.engine.snapshot import SIZES

Reason = dict[str, Any]
COMPONENTS = (
    "seeks_offers",
    "offers_seeks",
    "sector",
    "partnership_type",
    "partnership_type_back",
    "description",
    "size",
    "fit_for_viewer",
    "fit_for_partner",
)
MAX_REASONS = 4
MAX_TYPE_PAIRS = 2
SIMILAR_DESCRIPTION = 0.25


@dataclass(frozen=True)
class Match:
    partner_id: int
    score: float
    components: dict[str, float]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class CompanyMatches:
    company_id: int
    matches: tuple[Match, ...] = ()
    reasons: tuple[Reason, ...] = field(default=())  # why there is no list, e.g. profile_empty


def components(
    prepared: Prepared, viewers: np.ndarray, partners: np.ndarray
) -> dict[str, np.ndarray]:
    """Every component for the pairs (viewers[i], partners[i]), as float64 arrays."""
    groups = prepared.groups
    need, have = prepared.need, prepared.have

    def dot(group: slice, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return np.einsum("ij,ij->i", left[:, group], right[:, group])

    a_need, a_have, b_need, b_have = need[viewers], have[viewers], need[partners], have[partners]
    no_types = groups.no_types
    values = {
        "seeks_offers": dot(groups.capabilities, a_need, b_have),
        "offers_seeks": dot(groups.capabilities, b_need, a_have),
        "sector": dot(groups.sector, a_need, b_have),
        "partnership_type": dot(groups.types, a_need, b_have) + 0.5 * a_need[:, no_types],
        "partnership_type_back": dot(groups.types, b_need, a_have) + 0.5 * b_need[:, no_types],
        "description": np.maximum(
            np.einsum("ij,ij->i", prepared.text[viewers], prepared.text[partners]),
            0,
        ),
        "size": dot(groups.size, a_need, b_have),
    }
    values["size_back"] = dot(groups.size, b_need, a_have)
    w = prepared.weights
    shared = w.sector * values["sector"] + w.description * values["description"]
    values["fit_for_viewer"] = (
        shared
        + w.capabilities * values["seeks_offers"]
        + w.partnership_type * values["partnership_type"]
        + w.size * values["size"]
    )
    values["fit_for_partner"] = (
        shared
        + w.capabilities * values["offers_seeks"]
        + w.partnership_type * values["partnership_type_back"]
        + w.size * values["size_back"]
    )
    del values["size_back"]
    return {
        name: np.nan_to_num(np.clip(value.astype(np.float64), 0, 1))
        for name, value in values.items()
    }


def total(values: dict[str, np.ndarray], mode: Mode) -> np.ndarray:
    forward, backward = values["fit_for_viewer"], values["fit_for_partner"]
    if mode == "one-sided":
        return forward
    denominator = forward + backward
    return np.divide(
        2 * forward * backward, denominator, out=np.zeros_like(forward), where=denominator > 0
    )


class _Profiles:
    """Slug lists of the snapshot rows, read once per row from the sparse matrices."""

    def __init__(self, prepared: Prepared) -> None:
        self.snapshot = prepared.snapshot
        vocabulary = self.snapshot.vocabulary
        self.capabilities = [term.slug for term in vocabulary.capabilities]
        self.sectors = [term.slug for term in vocabulary.sectors]
        self.types = [term.slug for term in vocabulary.partnership_types]
        self.rarity = prepared.capability_rarity
        self.type_fit = prepared.type_fit

        # Per matrix, each row's column set, filled on first use (a list: cheaper than a
        # dict keyed by (name, row) at hundreds of thousands of look-ups per chunk).
        self._sets: dict[str, list[frozenset[int] | None]] = {
            name: [None] * len(self.snapshot) for name in ("seeks", "offers", "sectors", "types")
        }

    def _row(self, name: str, row: int) -> frozenset[int]:
        cache = self._sets[name]
        found = cache[row]
        if found is None:
            matrix = getattr(self.snapshot, name)
            found = frozenset(matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]].tolist())
            cache[row] = found
        return found

    def shared_capabilities(self, seeker: int, offerer: int) -> list[str]:
        found = self._row("seeks", seeker) & self._row("offers", offerer)
        # Rarest first: that is the one a reader should see first.
        ordered = sorted(
            found,
            key=lambda index: (-self.rarity[index], self.capabilities[index]),
        )
        return [self.capabilities[index] for index in ordered]

    def shared_sectors(self, a: int, b: int) -> list[str]:
        found = self._row("sectors", a) & self._row("sectors", b)
        return [self.sectors[index] for index in sorted(found)]

    def type_pairs(self, viewer: int, partner: int) -> list[list[str]]:
        pairs = []
        for wanted in sorted(self._row("types", viewer)):
            for offered in sorted(self._row("types", partner)):
                names = [self.types[wanted], self.types[offered]]
                # Settlement has matches of its own; as a reason here it only confuses.
                if self.type_fit[wanted, offered] >= 0.5 and "settlement" not in names:
                    pairs.append(names)
        return pairs[:MAX_TYPE_PAIRS]

    def size(self, row: int) -> str:
        band = int(self.snapshot.size[row])
        return SIZES[band] if band >= 0 else ""


def reasons_for(
    profiles: _Profiles, prepared: Prepared, viewer: int, partner: int, values: dict[str, float]
) -> tuple[Reason, ...]:
    w = prepared.weights
    candidates: list[tuple[float, Reason]] = []
    seeks = profiles.shared_capabilities(viewer, partner)
    if seeks:
        candidates.append(
            (
                w.capabilities * values["seeks_offers"],
                {"code": "seeks_offers", "capabilities": seeks},
            )
        )
    offers = profiles.shared_capabilities(partner, viewer)
    if offers:
        candidates.append(
            (
                w.capabilities * values["offers_seeks"],
                {"code": "offers_seeks", "capabilities": offers},
            )
        )
    pairs = profiles.type_pairs(viewer, partner)
    if pairs:
        candidates.append(
            (
                w.partnership_type * values["partnership_type"],
                {"code": "partnership_types", "pairs": pairs},
            )
        )
    sectors = profiles.shared_sectors(viewer, partner)
    if sectors:
        candidates.append(
            (w.sector * values["sector"], {"code": "same_sector", "sectors": sectors})
        )
    if values["description"] >= SIMILAR_DESCRIPTION:
        candidates.append(
            (
                w.description * values["description"],
                {"code": "similar_description", "similarity": round(values["description"], 2)},
            )
        )
    sizes = profiles.size(viewer), profiles.size(partner)
    if all(sizes) and SIZE_FIT[SIZES.index(sizes[0]), SIZES.index(sizes[1])] >= 0.9:
        candidates.append(
            (w.size * values["size"], {"code": "size_fit", "viewer": sizes[0], "partner": sizes[1]})
        )
    candidates.sort(key=lambda item: -item[0])
    return tuple(reason for _, reason in candidates[:MAX_REASONS])


def explain(prepared: Prepared, lists: Pool) -> list[CompanyMatches]:
    """The final lists (a ``Pool`` of k per viewer) as matches with components and reasons."""
    snapshot = prepared.snapshot
    profiles = _Profiles(prepared)
    found = lists.candidates >= 0
    lines, places = np.nonzero(found)
    viewers = lists.viewers[lines]
    partners = lists.candidates[lines, places]
    values = components(prepared, viewers, partners)
    # Plain Python lists once: reading numpy scalars pair by pair costs more than the reasons.
    names = list(values)
    columns = [values[name].tolist() for name in names]
    partner_ids = snapshot.ids[partners].tolist()
    scores = lists.scores[lines, places].tolist()
    per_viewer: list[list[Match]] = [[] for _ in range(len(lists.viewers))]
    for index, (line, viewer, partner) in enumerate(
        zip(lines.tolist(), viewers.tolist(), partners.tolist(), strict=True)
    ):
        pair = dict(zip(names, [column[index] for column in columns], strict=True))
        per_viewer[line].append(
            Match(
                partner_id=partner_ids[index],
                score=scores[index],
                components={name: round(value, 4) for name, value in pair.items()},
                reasons=reasons_for(profiles, prepared, viewer, partner, pair),
            )
        )
    result = []
    for position, viewer in enumerate(lists.viewers):
        inactive = snapshot.inactive[viewer]
        reasons: tuple[Reason, ...] = ({"code": inactive},) if inactive else ()
        result.append(
            CompanyMatches(
                company_id=int(snapshot.ids[viewer]),
                matches=tuple(per_viewer[position]),
                reasons=reasons,
            )
        )
    return result

"""Settlement matches for partner-side companies that intend to settle in the Ruhr.

(a) Municipal settlement offers: the kind of offer must serve one of the company's needs
(office → office space or an incubator place, production → a commercial site, lab → lab space,
funding → funding or a support programme, recruiting → a support programme); then sector,
timeline and area decide::

    score = need fit x (0.5 sector + 0.25 timeline + 0.25 area)

(b) Landing partners: Ruhr companies of the bridge that distribute, buy or supply — the
partnership score with the newcomer's partnership types replaced by "settlement", so that Ruhr
distributors and customers serve it fully and suppliers half (see ``features.TYPE_FIT``).
"""

import dataclasses
import datetime
import math

import numpy as np

from matchmaking.engine.explain import CompanyMatches, Match, Reason, explain
from matchmaking.engine.features import Prepared, _candidates
from matchmaking.engine.ranking import rank_pool
from matchmaking.engine.snapshot import SETTLEMENT_NEEDS, SettlementOffer

SERVES: dict[str, tuple[str, ...]] = {
    "office": ("office-space", "incubator-place"),
    "production": ("commercial-site",),
    "lab": ("lab",),
    "funding": ("funding", "support-programme"),
    "recruiting": ("support-programme",),
}
# Square metres per planned employee below which a space is too small.
AREA_PER_PERSON = {"office-space": 15, "lab": 25, "commercial-site": 100}
# The latest month from the reference date by which each timeline wants to move in.
TIMELINE_MONTHS = (6, 12, 24, 36)
LANDING_ROLES = ("distribution", "customer", "supplier")
MIN_OFFER_SCORE = 0.55


def _months_between(start: datetime.date, end: datetime.date) -> float:
    return (end - start).days / 30.44


def _offer_fit(prepared: Prepared, row: int, offer: SettlementOffer) -> tuple[float, list[Reason]]:
    snapshot = prepared.snapshot
    needs = [
        need
        for need, wanted in zip(SETTLEMENT_NEEDS, snapshot.settlement_needs[row], strict=True)
        if wanted
    ]
    serving = [need for need in needs if offer.kind in SERVES[need]]
    if needs and not serving:
        return 0.0, []
    need_fit = 1.0 if serving else 0.5
    reasons: list[Reason] = []
    if serving:
        reasons.append({"code": "settlement_need", "need": serving[0], "offer_kind": offer.kind})
    sectors = {
        snapshot.vocabulary.sectors[index].slug
        for index in snapshot.sectors.indices[
            snapshot.sectors.indptr[row] : snapshot.sectors.indptr[row + 1]
        ]
    }
    shared = sorted(sectors & set(offer.sectors))
    sector_fit = 0.5 if not offer.sectors else (1.0 if shared else 0.0)
    if shared:
        reasons.append({"code": "same_sector", "sectors": shared})
    timeline = int(snapshot.settlement_timeline[row])
    timeline_fit = 0.5
    if timeline >= 0:
        delay = 0.0
        if offer.available_from is not None:
            delay = _months_between(snapshot.reference_date, offer.available_from)
            delay -= TIMELINE_MONTHS[timeline]
        timeline_fit = 1.0 if delay <= 0 else max(0.0, 1 - delay / 12)
        if timeline_fit == 1.0 and offer.available_from is not None:
            reasons.append(
                {"code": "settlement_timeline", "available_from": offer.available_from.isoformat()}
            )
    headcount = float(snapshot.settlement_headcount[row])
    area_fit = 1.0
    per_person = AREA_PER_PERSON.get(offer.kind)
    if per_person is not None:
        if offer.area_m2 is None or math.isnan(headcount) or headcount <= 0:
            area_fit = 0.5
        else:
            area_fit = min(1.0, offer.area_m2 / (headcount * per_person))
            if area_fit == 1.0:
                reasons.append(
                    {
                        "code": "settlement_area",
                        "area_m2": offer.area_m2,
                        "headcount": int(headcount),
                    }
                )
    score = need_fit * (0.5 * sector_fit + 0.25 * timeline_fit + 0.25 * area_fit)
    return score, reasons


def settlement_offers_for(
    prepared: Prepared, rows: np.ndarray, *, k: int = 5, min_score: float = MIN_OFFER_SCORE
) -> dict[int, list[tuple[SettlementOffer, float, list[Reason]]]]:
    """Per company id with a settlement intent: its best offers, best first."""
    snapshot = prepared.snapshot
    active = snapshot.active
    result: dict[int, list[tuple[SettlementOffer, float, list[Reason]]]] = {}
    for row in np.asarray(rows, dtype=np.int64):
        if not (active[row] and snapshot.settlement_intent[row]):
            continue
        scored = []
        for offer in snapshot.settlement_offers:
            score, reasons = _offer_fit(prepared, int(row), offer)
            if score >= min_score:
                scored.append((offer, round(score, 4), reasons))
        scored.sort(key=lambda item: (-item[1], item[0].id))
        result[int(snapshot.ids[row])] = scored[:k]
    return result


def landing_partners(prepared: Prepared, rows: np.ndarray, *, k: int = 5) -> list[CompanyMatches]:
    """Ruhr distributors, customers and suppliers for partner-side companies that settle."""
    snapshot = prepared.snapshot
    type_index = snapshot.vocabulary.type_index
    rows = np.asarray(rows, dtype=np.int64)
    viewers = rows[snapshot.settlement_intent[rows] & snapshot.active[rows]]
    roles = [type_index[role] for role in LANDING_ROLES if role in type_index]
    settlement = type_index.get("settlement")
    ruhr = prepared.candidates[0].rows
    if settlement is None or not roles or len(viewers) == 0:
        return []
    types = snapshot.types.toarray()
    with_role = ruhr[types[ruhr][:, roles].sum(axis=1) > 0]
    groups = prepared.groups
    forward_left = prepared.forward_left.copy()
    forward_left[viewers, groups.types] = 0
    forward_left[viewers, groups.types.start + settlement] = prepared.weights.partnership_type
    forward_left[viewers, groups.no_types] = 0
    landing = dataclasses.replace(
        prepared,
        forward_left=forward_left,
        candidates=(
            _candidates(with_role, prepared.need, prepared.have, prepared.text),
            prepared.candidates[1],
        ),
    )
    pool = rank_pool(landing, viewers, size=k)
    role_names = {type_index[role]: role for role in LANDING_ROLES if role in type_index}
    result = []
    for company in explain(prepared, pool):
        matches = []
        for match in company.matches:
            partner = snapshot.row_of[match.partner_id]
            partner_roles = [
                role_names[int(index)]
                for index in np.flatnonzero(types[partner])
                if int(index) in role_names
            ]
            reason = {"code": "landing_partner", "roles": partner_roles}
            matches.append(dataclasses.replace(match, reasons=(reason, *match.reasons[:3])))
        result.append(dataclasses.replace(company, matches=tuple(matches)))
    return result


__all__ = ["Match", "landing_partners", "settlement_offers_for"]

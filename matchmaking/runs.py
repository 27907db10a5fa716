"""The work of a match run: snapshot and score once, then explain and write chunk by chunk.

A run has three steps (see docs/matching.md, "Match runs"):

1. **plan** (one task): read the bridge snapshot, prepare the features, and — for partnerships —
   rank every company's pool and fix the exposure thresholds. Everything the chunks need is
   written to one file per run (``run_state_path``), so chunks are independent of each other
   and a retried chunk reads exactly what the first attempt read.
2. **chunks** (one task each, company ids only): select each company's list from its pool under
   the stored thresholds, explain it and replace the chunk's rows in one transaction.
3. **finalise**: when every chunk is done, drop rows the run did not write (companies that left
   the bridge, closed offers) and delete the run's file.

No Celery here: ``matchmaking.tasks`` calls these functions with ids.
"""

import contextlib
import dataclasses
import json
import os
import pickle
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from bridges.models import Bridge
from companies.enums import MembershipStatus, Visibility
from companies.models import BridgeMembership, Company
from matchmaking.config import matching_weights
from matchmaking.engine import ExposureCap, Pool, Prepared, exposure_cap, prepare, rank_pool
from matchmaking.engine import explain as explain_lists
from matchmaking.engine import select as select_lists
from matchmaking.engine.partners import DEFAULT_K, EXPOSURE_FACTOR, pool_size
from matchmaking.engine.settlement import landing_partners, settlement_offers_for
from matchmaking.enums import EXCLUDING_PAIR_STATES, MatchKind, PartnerKind
from matchmaking.models import Match, MatchPair
from matchmaking.profiles import bridge_snapshot

RANK_BLOCK = 8192
SETTLEMENT_K = 5
COMPACT = (",", ":")
MATCH_COLUMNS = (
    "bridge_id",
    "kind",
    "company_id",
    "partner_company_id",
    "partner_offer_id",
    "rank",
    "score",
    "components",
    "reasons",
    "scored_at",
)


@dataclass(frozen=True)
class RunState:
    """What every chunk of a run reads: the prepared snapshot and, for partnerships, the
    pools of all companies and the exposure thresholds fixed once for the run."""

    kind: str
    k: int
    prepared: Prepared
    pool: Pool | None = None
    cap: ExposureCap | None = None


@dataclass(frozen=True)
class Row:
    company_id: int
    partner_kind: str
    partner_id: int
    rank: int
    score: float
    components: dict[str, float]
    reasons: list[dict[str, Any]]


def runs_directory() -> Path:
    """Where runs keep their state: every worker must see it. The default, the system's
    temporary directory, is writable in the container and shared by the processes of one
    worker container; workers on several hosts need a shared volume in MATCH_RUNS_DIR."""
    default = Path(tempfile.gettempdir()) / "ruhrbridge-match-runs"
    return Path(getattr(settings, "MATCH_RUNS_DIR", None) or default)


def run_state_path(run_id: int) -> Path:
    return runs_directory() / f"run-{run_id}.pickle"


def run_state_save(run_id: int, state: RunState) -> None:
    path = run_state_path(run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    with partial.open("wb") as stream:
        pickle.dump(state, stream, protocol=pickle.HIGHEST_PROTOCOL)
    # Atomic: a chunk never reads a half-written state.
    os.replace(partial, path)


def run_state_load(run_id: int) -> RunState:
    # Only this module writes these files, in a directory that is not served.
    with run_state_path(run_id).open("rb") as stream:
        return pickle.load(stream)  # noqa: S301  # nosec B301


def run_state_delete(run_id: int) -> None:
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        run_state_path(run_id).unlink()


def excluded_pairs(bridge_id: int) -> list[tuple[int, int]]:
    return list(
        MatchPair.objects.filter(bridge_id=bridge_id, state__in=EXCLUDING_PAIR_STATES).values_list(
            "company_id", "partner_id"
        )
    )


def prepared_for_bridge(bridge: Bridge) -> Prepared:
    snapshot = bridge_snapshot(bridge=bridge, excluded_pairs=excluded_pairs(bridge.pk))
    return prepare(snapshot, matching_weights())


def rank_all(prepared: Prepared, *, k: int) -> Pool:
    """Every company's pool (its best few times k), in snapshot row order."""
    viewers = np.arange(len(prepared.snapshot), dtype=np.int64)
    pools = [
        rank_pool(prepared, viewers[start : start + RANK_BLOCK], size=pool_size(k))
        for start in range(0, len(viewers), RANK_BLOCK)
    ]
    if not pools:
        size = pool_size(k)
        return Pool(
            viewers=viewers,
            candidates=np.zeros((0, size), dtype=np.int64),
            scores=np.zeros((0, size), dtype=np.float32),
        )
    return Pool(
        viewers=viewers,
        candidates=np.concatenate([pool.candidates for pool in pools]),
        scores=np.concatenate([pool.scores for pool in pools]),
    )


@dataclass(frozen=True)
class Plan:
    company_ids: list[int]
    snapshot_seconds: float
    scoring_seconds: float
    thresholds: dict[str, list[float]]


def plan(*, run_id: int, bridge: Bridge, kind: str, k: int = DEFAULT_K) -> Plan:
    """Snapshot and (partnerships) score the whole bridge once; store what chunks need."""
    started = time.monotonic()
    prepared = prepared_for_bridge(bridge)
    snapshotted = time.monotonic()
    pool = cap = None
    if kind == MatchKind.PARTNERSHIP:
        pool = rank_all(prepared, k=k)
        cap = exposure_cap(prepared, [pool], k=k, factor=EXPOSURE_FACTOR)
    scored = time.monotonic()
    run_state_save(run_id, RunState(kind=kind, k=k, prepared=prepared, pool=pool, cap=cap))
    return Plan(
        company_ids=[int(i) for i in prepared.snapshot.ids],
        snapshot_seconds=snapshotted - started,
        scoring_seconds=scored - snapshotted,
        thresholds=thresholds_by_id(prepared, cap),
    )


def thresholds_by_id(prepared: Prepared, cap: ExposureCap | None) -> dict[str, list[float]]:
    """The exposure thresholds of the limited candidates, by company id, for re-scoring one
    company later: {candidate id: [threshold score, viewer id at the threshold]}."""
    if cap is None:
        return {}
    ids = prepared.snapshot.ids
    limited = np.flatnonzero(cap.score >= 0)
    return {
        str(int(ids[row])): [float(cap.score[row]), int(ids[cap.viewer[row]])] for row in limited
    }


def cap_from_thresholds(prepared: Prepared, thresholds: dict[str, list[float]]) -> ExposureCap:
    """Stored thresholds mapped onto a newer snapshot of the bridge.

    The cap compares viewer rows; rows follow ids, so a viewer id that left the bridge maps to
    the last row whose id is not larger, which keeps every comparison as it was.
    """
    ids = prepared.snapshot.ids
    n = len(ids)
    score = np.full(n, -1, dtype=np.float32)
    viewer = np.full(n, -1, dtype=np.int64)
    row_of = prepared.snapshot.row_of
    for candidate, (threshold, viewer_id) in thresholds.items():
        row = row_of.get(int(candidate))
        if row is None:
            continue
        score[row] = np.float32(threshold)
        viewer[row] = int(np.searchsorted(ids, int(viewer_id), side="right")) - 1
    return ExposureCap(quota=np.zeros(n, dtype=np.int64), score=score, viewer=viewer)


def partnership_rows(
    prepared: Prepared, pool: Pool, cap: ExposureCap | None, rows: np.ndarray, k: int
) -> list[Row]:
    """The final lists of the snapshot ``rows``: each row's pool line is ``pool`` line ``row``
    when ``pool`` covers the whole snapshot."""
    lines = np.searchsorted(pool.viewers, rows)
    part = Pool(viewers=rows, candidates=pool.candidates[lines], scores=pool.scores[lines])
    result = []
    for company in explain_lists(prepared, select_lists(part, k=k, cap=cap)):
        for rank, match in enumerate(company.matches, start=1):
            result.append(
                Row(
                    company_id=company.company_id,
                    partner_kind=PartnerKind.COMPANY,
                    partner_id=match.partner_id,
                    rank=rank,
                    score=match.score,
                    components=match.components,
                    reasons=list(match.reasons),
                )
            )
    return result


def settlement_rows(prepared: Prepared, rows: np.ndarray) -> list[Row]:
    """Per partner-side company that settles: municipal offers and Ruhr landing partners in
    one list, best first (ties: offers before companies, then by id)."""
    entries: dict[int, list[tuple[float, str, int, dict[str, float], list[dict[str, Any]]]]] = {}
    for company_id, offers in settlement_offers_for(prepared, rows, k=SETTLEMENT_K).items():
        for offer, score, reasons in offers:
            entries.setdefault(company_id, []).append(
                (score, PartnerKind.OFFER, offer.id, {"settlement_offer": score}, list(reasons))
            )
    for company in landing_partners(prepared, rows, k=SETTLEMENT_K):
        for match in company.matches:
            entries.setdefault(company.company_id, []).append(
                (
                    match.score,
                    PartnerKind.COMPANY,
                    match.partner_id,
                    match.components,
                    list(match.reasons),
                )
            )
    result = []
    for company_id in sorted(entries):
        ordered = sorted(
            entries[company_id], key=lambda e: (-e[0], e[1] != PartnerKind.OFFER, e[2])
        )
        for rank, (score, partner_kind, partner_id, components, reasons) in enumerate(
            ordered, start=1
        ):
            result.append(
                Row(
                    company_id=company_id,
                    partner_kind=partner_kind,
                    partner_id=partner_id,
                    rank=rank,
                    score=float(min(1.0, max(0.0, score))),
                    components=components,
                    reasons=reasons,
                )
            )
    return result


def chunk_matches(state: RunState, company_ids: Sequence[int]) -> list[Row]:
    """The rows of these companies under the run's state: the same every time."""
    snapshot = state.prepared.snapshot
    rows = np.array(
        sorted(snapshot.row_of[int(i)] for i in company_ids if int(i) in snapshot.row_of),
        dtype=np.int64,
    )
    if len(rows) == 0:
        return []
    if state.kind == MatchKind.SETTLEMENT:
        return settlement_rows(state.prepared, rows)
    assert state.pool is not None
    return partnership_rows(state.prepared, state.pool, state.cap, rows, state.k)


def unmatchable_now(bridge_id: int) -> set[int]:
    """Companies of the bridge that may not be listed at this moment: not (or no longer)
    approved, hidden, or not open to matching. Usually a handful."""
    blocked = set(
        BridgeMembership.objects.filter(bridge_id=bridge_id)
        .exclude(status=MembershipStatus.APPROVED)
        .values_list("company_id", flat=True)
    )
    blocked.update(
        Company.objects.filter(bridge_memberships__bridge_id=bridge_id)
        .filter(Q(visibility=Visibility.HIDDEN) | Q(open_to_matching=False))
        .values_list("pk", flat=True)
    )
    return blocked


# Writers of a bridge's match rows and removals from them meet on one PostgreSQL advisory lock
# per bridge: writers share it, a removal takes it alone. A removal therefore waits for the
# chunks writing at that moment (and then deletes their rows), and a chunk that starts writing
# after a removal sees it in `still_allowed`. Without it a chunk that checked just before a
# removal committed could write the removed company back.
_LOCK_NAMESPACE = 0x5242  # "RB"


def bridge_rows_lock(bridge_ids: Iterable[int], *, shared: bool) -> None:
    """Take the bridges' row locks until the end of the current transaction."""
    if connection.vendor != "postgresql":
        return  # SQLite writes one transaction at a time anyway
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        for bridge_id in sorted(set(bridge_ids)):  # one order everywhere: no deadlocks
            cursor.execute(f"SELECT {function}(%s, %s)", [_LOCK_NAMESPACE, bridge_id])


def still_allowed(*, bridge_id: int, company_ids: Sequence[int], rows: Sequence[Row]) -> list[Row]:
    """``rows`` without what changed since the snapshot and removes a pair at once (a partner
    gone hidden, a "not interested"), ranks closed up again.

    A chunk writes minutes after its run's snapshot; removals in between must stay removed.
    """
    blocked = unmatchable_now(bridge_id)
    declined = set(
        MatchPair.objects.filter(bridge_id=bridge_id, state__in=EXCLUDING_PAIR_STATES)
        .filter(Q(company_id__in=company_ids) | Q(partner_id__in=company_ids))
        .values_list("company_id", "partner_id")
    )
    declined |= {(b, a) for a, b in declined}
    kept: list[Row] = []
    rank_of: dict[int, int] = {}
    for row in rows:
        is_company = row.partner_kind == PartnerKind.COMPANY
        if row.company_id in blocked or (
            is_company
            and (row.partner_id in blocked or (row.company_id, row.partner_id) in declined)
        ):
            continue
        rank = rank_of.get(row.company_id, 0) + 1
        rank_of[row.company_id] = rank
        kept.append(row if rank == row.rank else dataclasses.replace(row, rank=rank))
    return kept


def matches_replace(
    *, bridge_id: int, kind: str, company_ids: Iterable[int], rows: Sequence[Row]
) -> int:
    """Replace these companies' rows of (bridge, kind) with ``rows``; call inside a
    transaction so that readers see the old list or the new one, never a mix."""
    company_ids = list(company_ids)
    bridge_rows_lock([bridge_id], shared=True)
    rows = still_allowed(bridge_id=bridge_id, company_ids=company_ids, rows=rows)
    Match.objects.filter(bridge_id=bridge_id, kind=kind, company_id__in=company_ids).delete()
    if not rows:
        return 0
    now = timezone.now()
    if connection.vendor == "postgresql":
        _copy_rows(bridge_id, kind, rows, now)
    else:
        Match.objects.bulk_create(
            [
                Match(
                    bridge_id=bridge_id,
                    kind=kind,
                    company_id=row.company_id,
                    partner_company_id=row.partner_id
                    if row.partner_kind == PartnerKind.COMPANY
                    else None,
                    partner_offer_id=row.partner_id
                    if row.partner_kind == PartnerKind.OFFER
                    else None,
                    rank=row.rank,
                    score=row.score,
                    components=row.components,
                    reasons=row.reasons,
                    scored_at=now,
                )
                for row in rows
            ],
            batch_size=2000,
        )
    return len(rows)


def _copy_rows(bridge_id: int, kind: str, rows: Sequence[Row], now) -> None:
    statement = f"COPY {Match._meta.db_table} ({', '.join(MATCH_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            is_company = row.partner_kind == PartnerKind.COMPANY
            copy.write_row(
                (
                    bridge_id,
                    kind,
                    row.company_id,
                    row.partner_id if is_company else None,
                    None if is_company else row.partner_id,
                    row.rank,
                    row.score,
                    json.dumps(row.components, separators=COMPACT),
                    json.dumps(row.reasons, separators=COMPACT),
                    now,
                )
            )


def company_rescore(*, bridge: Bridge, kind: str, company_id: int, thresholds: dict) -> int:
    """Re-score one company against the bridge as it is now, under the exposure thresholds
    of the last successful run, and replace its rows. Returns the rows written."""
    prepared = prepared_for_bridge(bridge)
    snapshot = prepared.snapshot
    row = snapshot.row_of.get(company_id)
    rows_: list[Row] = []
    if row is not None:
        rows = np.array([row], dtype=np.int64)
        if kind == MatchKind.SETTLEMENT:
            rows_ = settlement_rows(prepared, rows)
        else:
            pool = rank_pool(prepared, rows, size=pool_size(DEFAULT_K))
            cap = cap_from_thresholds(prepared, thresholds)
            rows_ = partnership_rows(prepared, pool, cap, rows, DEFAULT_K)
    with transaction.atomic():
        return matches_replace(bridge_id=bridge.pk, kind=kind, company_ids=[company_id], rows=rows_)

"""Every write of matchmaking: runs and their chunks, re-scoring, removal, what people did.

The heavy lifting is in ``matchmaking.runs``; here are the state transitions, each a
conditional update so that two workers (a retried task, a re-queued chunk) get one result.
"""

import datetime
import logging
import time
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Min, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bridges.enums import BridgeStatus
from bridges.models import Bridge
from companies.enums import MembershipStatus
from companies.models import BridgeMembership, Company
from matchmaking import notices, runs
from matchmaking.enums import (
    ACTIVE_RUN_STATUSES,
    EXCLUDING_PAIR_STATES,
    ChunkStatus,
    MatchKind,
    RunStatus,
    RunTrigger,
)
from matchmaking.models import Match, MatchChunk, MatchPair, MatchRun
from notifications.services import email_enqueue

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 2000
RESCORE_DELAY_SECONDS = 5


def _setting(name: str, default):
    return getattr(settings, name, default)


def chunk_stale_seconds() -> int:
    return int(_setting("MATCH_CHUNK_STALE_SECONDS", 120))


def chunk_max_attempts() -> int:
    return int(_setting("MATCH_CHUNK_MAX_ATTEMPTS", 3))


def _tasks():
    # Tasks import services; services enqueue tasks only after commit.
    from matchmaking import tasks

    return tasks


# --- Starting and planning a run ---------------------------------------------------------


def match_run_start(
    *,
    bridge: Bridge,
    kind: str,
    trigger: str = RunTrigger.STAFF,
    started_by=None,
    chunk_size: int | None = None,
) -> tuple[MatchRun, bool]:
    """Queue a run of ``kind`` for ``bridge``; the active one instead if there is one.

    Returns the run and whether this call created it. The database allows one queued or
    running run per (bridge, kind), so two staff clicking at once get the same run.
    """
    if kind not in MatchKind.values:
        raise ValueError(f"unknown match kind {kind!r}")
    size = chunk_size or int(_setting("MATCH_RUN_CHUNK_SIZE", DEFAULT_CHUNK_SIZE))
    try:
        with transaction.atomic():
            run = MatchRun.objects.create(
                bridge=bridge, kind=kind, trigger=trigger, started_by=started_by, chunk_size=size
            )
    except IntegrityError:
        active = MatchRun.objects.filter(
            bridge=bridge, kind=kind, status__in=ACTIVE_RUN_STATUSES
        ).first()
        if active is None:  # it finished between our insert and this read: start anew
            return match_run_start(
                bridge=bridge, kind=kind, trigger=trigger, started_by=started_by, chunk_size=size
            )
        return active, False
    transaction.on_commit(partial(_tasks().match_run_plan.delay, run.pk))
    return run, True


def match_run_plan(*, run_id: int) -> None:
    """Step 1: snapshot and score the bridge once, then queue one task per chunk."""
    claimed = MatchRun.objects.filter(
        pk=run_id, status__in=ACTIVE_RUN_STATUSES, chunks_total=0
    ).update(status=RunStatus.RUNNING, started_at=timezone.now())
    if not claimed:
        return  # planned already, or failed
    run = MatchRun.objects.select_related("bridge").get(pk=run_id)
    try:
        plan = runs.plan(run_id=run.pk, bridge=run.bridge, kind=run.kind)
    except Exception as error:
        logger.exception("match run %s: planning failed", run_id)
        _reconnect_if_broken()
        match_run_fail(run_id=run_id, error=f"Planning failed: {error}")
        return
    _reconnect_if_broken()
    ids = plan.company_ids
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run_id)
        if run.status != RunStatus.RUNNING or run.chunks_total:
            return
        chunks = MatchChunk.objects.bulk_create(
            MatchChunk(run=run, index=index, company_ids=ids[start : start + run.chunk_size])
            for index, start in enumerate(range(0, len(ids), run.chunk_size))
        )
        run.companies = len(ids)
        run.chunks_total = len(chunks)
        run.snapshot_seconds = plan.snapshot_seconds
        run.scoring_seconds = plan.scoring_seconds
        run.thresholds = plan.thresholds
        run.save(
            update_fields=[
                "companies",
                "chunks_total",
                "snapshot_seconds",
                "scoring_seconds",
                "thresholds",
            ]
        )
        chunk_ids = [chunk.pk for chunk in chunks]
        transaction.on_commit(partial(_enqueue_chunks, run_id, chunk_ids))


def _reconnect_if_broken() -> None:
    """Drop the database connection if it broke during a long computation without queries.

    Planning and explaining a chunk compute for many seconds between queries; a database
    restart or failover meanwhile leaves a dead connection that Django checks only when a
    task starts. Without this the next write fails, and a run whose plan failed that way stays
    "running" until the sweeper gives up on it (see ``_fail_dead_plans``).
    """
    if connection.connection is not None and not connection.is_usable():
        connection.close()


def _enqueue_chunks(run_id: int, chunk_ids: list[int]) -> None:
    tasks = _tasks()
    for chunk_id in chunk_ids:
        tasks.match_chunk_run.delay(chunk_id)
    if not chunk_ids:
        tasks.match_run_finalise.delay(run_id)


# --- Chunks --------------------------------------------------------------------------------


def match_chunk_run(*, chunk_id: int) -> None:
    """Step 2: one chunk's lists, replacing its companies' rows in one transaction.

    Safe to run twice: the rows come from the run's stored state, and the write replaces
    whatever an earlier attempt left. Only the attempt that claimed the chunk last may write.
    """
    now = timezone.now()
    claimed = MatchChunk.objects.filter(
        pk=chunk_id, status=ChunkStatus.QUEUED, run__status=RunStatus.RUNNING
    ).update(
        status=ChunkStatus.RUNNING, attempts=F("attempts") + 1, heartbeat_at=now, started_at=now
    )
    if not claimed:
        return
    chunk = MatchChunk.objects.select_related("run").get(pk=chunk_id)
    run = chunk.run
    started = time.monotonic()
    try:
        state = runs.run_state_load(run.pk)
        rows = runs.chunk_matches(state, chunk.company_ids)
    except FileNotFoundError:
        match_run_fail(
            run_id=run.pk,
            error=(
                f"The run's prepared snapshot is missing ({runs.run_state_path(run.pk)}): "
                "every worker must share the MATCH_RUNS_DIR directory."
            ),
        )
        return
    except Exception as error:
        logger.exception("match run %s: chunk %s failed", run.pk, chunk.index)
        match_run_fail(
            run_id=run.pk,
            error=f"Chunk {chunk.index} failed: {error}",
        )
        return
    explained = time.monotonic()
    _reconnect_if_broken()
    with transaction.atomic():
        current = MatchChunk.objects.select_for_update().get(pk=chunk_id)
        if current.status != ChunkStatus.RUNNING or current.attempts != chunk.attempts:
            return  # re-queued meanwhile: the newer attempt owns the chunk
        written = runs.matches_replace(
            bridge_id=run.bridge_id, kind=run.kind, company_ids=chunk.company_ids, rows=rows
        )
        current.status = ChunkStatus.DONE
        current.rows = written
        current.finished_at = timezone.now()
        current.heartbeat_at = current.finished_at
        current.explain_seconds = explained - started
        current.write_seconds = time.monotonic() - explained
        current.save(
            update_fields=[
                "status",
                "rows",
                "finished_at",
                "heartbeat_at",
                "explain_seconds",
                "write_seconds",
            ]
        )
        transaction.on_commit(partial(_finalise_when_complete, run.pk))


def _finalise_when_complete(run_id: int) -> None:
    if not MatchChunk.objects.filter(run_id=run_id).exclude(status=ChunkStatus.DONE).exists():
        _tasks().match_run_finalise.delay(run_id)


def match_run_finalise(*, run_id: int) -> None:
    """Step 3: every chunk done → drop rows this run did not write, mark it succeeded."""
    started = time.monotonic()
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.RUNNING or run.started_at is None:
            return
        chunks = MatchChunk.objects.filter(run=run)
        if chunks.exclude(status=ChunkStatus.DONE).exists() or chunks.count() != run.chunks_total:
            return
        # Companies that left the bridge since, offers closed since: no chunk held them.
        Match.objects.filter(
            bridge_id=run.bridge_id, kind=run.kind, scored_at__lt=run.started_at
        ).delete()
        figures = chunks.aggregate(
            rows=Sum("rows"), first=Min("started_at"), last=Max("finished_at")
        )
        run.rows_written = figures["rows"] or 0
        if figures["first"] and figures["last"]:
            run.writing_seconds = (figures["last"] - figures["first"]).total_seconds()
        run.status = RunStatus.SUCCEEDED
        run.finished_at = timezone.now()
        run.finalising_seconds = time.monotonic() - started
        run.save(
            update_fields=[
                "rows_written",
                "writing_seconds",
                "status",
                "finished_at",
                "finalising_seconds",
            ]
        )
        transaction.on_commit(partial(runs.run_state_delete, run.pk))

        # Robust: telling people of new matches must not undo or fail a finished run.
        # A named function, not a partial: Django names the callback when it logs its error.
        def announce() -> None:
            notices.strong_matches_announce(run_id=run_id)

        transaction.on_commit(announce, robust=True)


def match_run_fail(*, run_id: int, error: str) -> bool:
    """Mark an active run failed and tell the bridge's managers; False if it was not active.

    ``error`` is in English, like the logs: it is the technical detail of the translated e-mail.

    The last good matches stay: failed chunks never committed, done ones wrote complete lists.
    """
    with transaction.atomic():
        failed = MatchRun.objects.filter(pk=run_id, status__in=ACTIVE_RUN_STATUSES).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=error
        )
        if not failed:
            return False
        run = MatchRun.objects.select_related("bridge").get(pk=run_id)
        for manager in run.bridge.managers.filter(is_active=True).exclude(email=""):
            _failure_email(run, manager)
        transaction.on_commit(partial(runs.run_state_delete, run_id))
    logger.error("match run %s failed: %s", run_id, error)
    return True


def _failure_email(run: MatchRun, manager) -> None:
    with translation.override(manager.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Match run failed: %(bridge)s, %(kind)s") % {
            "bridge": run.bridge.name,
            "kind": run.get_kind_display(),
        }
        body = _(
            "Hello,\n\nthe %(kind)s match run #%(run)s of %(bridge)s failed:\n\n%(error)s\n\n"
            "The matches of the last successful run stay visible. You can start a new run "
            "in the admin under Matchmaking → Match runs.\n"
        ) % {
            "kind": run.get_kind_display(),
            "run": run.pk,
            "bridge": run.bridge.name,
            "error": run.error,
        }
        email_enqueue(
            to=manager.email,
            subject=subject,
            text_body=body,
            language=translation.get_language() or "",
            key=f"match-run-failed:{run.pk}:{manager.pk}",
        )


def match_chunks_requeue_stale(*, now: datetime.datetime | None = None) -> int:
    """Hand chunks of dead workers to live ones; fail runs whose chunks keep dying.

    A chunk is stale when its heartbeat is older than MATCH_CHUNK_STALE_SECONDS. It goes back
    to the queue until it has been tried MATCH_CHUNK_MAX_ATTEMPTS times; then its run fails.
    Also finalises runs whose last finalise message was lost. Returns the chunks re-queued.
    """
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=chunk_stale_seconds())
    stale = MatchChunk.objects.filter(
        status=ChunkStatus.RUNNING, heartbeat_at__lt=limit, run__status=RunStatus.RUNNING
    ).select_related("run")
    requeued = 0
    for chunk in stale:
        if chunk.attempts >= chunk_max_attempts():
            match_run_fail(
                run_id=chunk.run_id,
                error=(
                    f"Chunk {chunk.index} did not finish in {chunk.attempts} attempts (its "
                    "worker stopped answering each time)."
                ),
            )
            continue
        with transaction.atomic():
            moved = MatchChunk.objects.filter(
                pk=chunk.pk, status=ChunkStatus.RUNNING, heartbeat_at=chunk.heartbeat_at
            ).update(status=ChunkStatus.QUEUED)
            if moved:
                requeued += 1
                transaction.on_commit(partial(_tasks().match_chunk_run.delay, chunk.pk))
    _fail_dead_plans(now)
    _resend_lost_chunks(limit)
    complete = MatchRun.objects.filter(status=RunStatus.RUNNING, chunks_total__gt=0).exclude(
        chunks__status__in=[ChunkStatus.QUEUED, ChunkStatus.RUNNING, ChunkStatus.FAILED]
    )
    for run_id in complete.values_list("pk", flat=True):
        _tasks().match_run_finalise.delay(run_id)
    return requeued


def _resend_lost_chunks(limit: datetime.datetime) -> None:
    """Queued chunks of a run where nothing moved since ``limit``: their messages may sit with
    a dead worker (taken from the queue, never claimed). Sending them again is harmless, as
    only one delivery can claim a chunk."""
    idle = (
        MatchRun.objects.filter(status=RunStatus.RUNNING, chunks_total__gt=0, started_at__lt=limit)
        .annotate(last=Max("chunks__heartbeat_at"))
        .filter(Q(last__isnull=True) | Q(last__lt=limit))
    )
    queued = MatchChunk.objects.filter(run__in=idle, status=ChunkStatus.QUEUED)
    for chunk_id in queued.values_list("pk", flat=True):
        _tasks().match_chunk_run.delay(chunk_id)


def _fail_dead_plans(now: datetime.datetime) -> None:
    """A run still planning after the plan task's hard time limit lost its worker: fail it, so
    that the bridge is not blocked until the broker hands the message out again (an hour)."""
    from matchmaking.tasks import PLAN_HARD_TIME_LIMIT

    limit = now - datetime.timedelta(seconds=PLAN_HARD_TIME_LIMIT + chunk_stale_seconds())
    dead = MatchRun.objects.filter(status=RunStatus.RUNNING, chunks_total=0, started_at__lt=limit)
    for run_id in dead.values_list("pk", flat=True):
        match_run_fail(
            run_id=run_id,
            error=(
                f"Planning did not finish within {PLAN_HARD_TIME_LIMIT // 60} minutes (its "
                "worker stopped answering)."
            ),
        )


def match_runs_nightly() -> list[MatchRun]:
    """A run of each kind for every active bridge."""
    started = []
    for bridge in Bridge.objects.filter(status=BridgeStatus.ACTIVE).order_by("slug"):
        for kind in MatchKind.values:
            run, _created = match_run_start(bridge=bridge, kind=kind, trigger=RunTrigger.NIGHTLY)
            started.append(run)
    return started


# --- Re-scoring one company ---------------------------------------------------------------


def _rescore_key(company_id: int) -> str:
    return f"matchmaking:rescore:{company_id}"


def company_rescore_schedule(*, company_id: int) -> bool:
    """Re-score a company soon; five saves within the delay make one task.

    In embedded mode (tasks run in-process) it runs at once: there is nothing to debounce
    against, and a skipped save would not be seen until the nightly run.
    """
    tasks = _tasks()
    if current_app.conf.task_always_eager:
        tasks.company_rescore.delay(company_id)
        return True
    delay = int(_setting("MATCH_RESCORE_DELAY_SECONDS", RESCORE_DELAY_SECONDS))
    if not cache.add(_rescore_key(company_id), 1, timeout=delay * 4):
        return False
    tasks.company_rescore.apply_async((company_id,), countdown=delay)
    return True


def company_rescore(*, company_id: int) -> int:
    """The company's lists on every bridge it is an approved member of, scored now against
    the other side under the last run's exposure thresholds. Returns the rows written."""
    cache.delete(_rescore_key(company_id))
    written = 0
    memberships = BridgeMembership.objects.filter(
        company_id=company_id, status=MembershipStatus.APPROVED
    ).select_related("bridge")
    for membership in memberships:
        for kind in MatchKind.values:
            last = (
                MatchRun.objects.filter(
                    bridge=membership.bridge, kind=kind, status=RunStatus.SUCCEEDED
                )
                .order_by("-finished_at")
                .values_list("thresholds", flat=True)
                .first()
            )
            written += runs.company_rescore(
                bridge=membership.bridge, kind=kind, company_id=company_id, thresholds=last or {}
            )
    return written


# --- Removal at once ------------------------------------------------------------------------


def matches_remove_company(*, company_id: int, bridge_id: int | None = None) -> int:
    """Delete every row in which the company appears, as list owner or as partner.

    Called inside the transaction that makes it unmatchable, so no one sees it afterwards.
    """
    bridge_ids = (
        [bridge_id] if bridge_id is not None else Bridge.objects.values_list("pk", flat=True)
    )
    runs.bridge_rows_lock(bridge_ids, shared=False)
    rows = Match.objects.filter(Q(company_id=company_id) | Q(partner_company_id=company_id))
    if bridge_id is not None:
        rows = rows.filter(bridge_id=bridge_id)
    deleted, _by_model = rows.delete()
    return deleted


def matches_remove_pair(*, bridge_id: int, company_id: int, partner_id: int) -> int:
    runs.bridge_rows_lock([bridge_id], shared=False)
    rows = Match.objects.filter(bridge_id=bridge_id).filter(
        Q(company_id=company_id, partner_company_id=partner_id)
        | Q(company_id=partner_id, partner_company_id=company_id)
    )
    deleted, _by_model = rows.delete()
    return deleted


@transaction.atomic
def match_pair_set(
    *, actor, bridge: Bridge, company: Company, partner: Company, state: str
) -> MatchPair:
    """Record what ``company`` thinks of ``partner``. "Not interested" removes the pair from
    both lists at once; taking it back re-scores both companies."""
    if company.pk == partner.pk:
        raise ValueError("a company cannot be paired with itself")
    previous = (
        MatchPair.objects.select_for_update()
        .filter(bridge=bridge, company=company, partner=partner)
        .values_list("state", flat=True)
        .first()
    )
    pair, _created = MatchPair.objects.update_or_create(
        bridge=bridge,
        company=company,
        partner=partner,
        defaults={"state": state, "decided_by": actor},
    )
    if state in EXCLUDING_PAIR_STATES:
        matches_remove_pair(bridge_id=bridge.pk, company_id=company.pk, partner_id=partner.pk)
    elif previous in EXCLUDING_PAIR_STATES:
        _rescore_on_commit(company.pk, partner.pk)
    return pair


@transaction.atomic
def match_pair_clear(*, bridge: Bridge, company: Company, partner: Company) -> None:
    deleted, _by_model = MatchPair.objects.filter(
        bridge=bridge, company=company, partner=partner, state__in=EXCLUDING_PAIR_STATES
    ).delete()
    MatchPair.objects.filter(bridge=bridge, company=company, partner=partner).delete()
    if deleted:
        _rescore_on_commit(company.pk, partner.pk)


def _rescore_on_commit(*company_ids: int) -> None:
    for company_id in company_ids:
        transaction.on_commit(partial(company_rescore_schedule, company_id=company_id))

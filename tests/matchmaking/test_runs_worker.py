"""Match runs with real workers: Redis broker, PostgreSQL, subprocesses killed mid-run."""

import pytest
from django.db import transaction

from matchmaking import runs, services
from matchmaking.engine import exposure_cap
from matchmaking.engine.partners import DEFAULT_K, EXPOSURE_FACTOR
from matchmaking.enums import ChunkStatus, MatchKind, RunStatus
from matchmaking.models import Match, MatchChunk, MatchRun
from tests.matchmaking.runs_support import small_bridge, uk
from tests.support.worker import wait_for

pytestmark = pytest.mark.worker


@pytest.fixture
def slow_worker(start_worker, tmp_path):
    def start():
        return start_worker(
            DJANGO_SETTINGS_MODULE="tests.matchmaking.slow_worker_settings",
            MATCH_RUNS_DIR=str(tmp_path / "match-runs"),
            SLOW_CHUNK_SECONDS="1",
        )

    return start


def _expected_rows() -> set[tuple]:
    """The lists the engine gives for the bridge as it is, computed here in one piece."""
    prepared = runs.prepared_for_bridge(uk())
    pool = runs.rank_all(prepared, k=DEFAULT_K)
    cap = exposure_cap(prepared, [pool], k=DEFAULT_K, factor=EXPOSURE_FACTOR)
    rows = runs.partnership_rows(prepared, pool, cap, pool.viewers, DEFAULT_K)
    return {(row.company_id, row.partner_id, row.rank, row.score) for row in rows}


def _stored_rows() -> list[tuple]:
    return list(
        Match.objects.filter(kind=MatchKind.PARTNERSHIP).values_list(
            "company_id", "partner_company_id", "rank", "score"
        )
    )


def _chunks(run: MatchRun, status: str) -> int:
    return MatchChunk.objects.filter(run=run, status=status).count()


def test_a_worker_killed_mid_run_leaves_a_complete_run_without_duplicates(slow_worker, settings):
    settings.MATCH_CHUNK_STALE_SECONDS = 3
    small_bridge(4)
    first = slow_worker()
    with transaction.atomic():
        run, _ = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP, chunk_size=1)
    wait_for(
        lambda: _chunks(run, ChunkStatus.DONE) >= 2 and _chunks(run, ChunkStatus.RUNNING) == 1,
        timeout=60,
        message="two chunks done and a third one running",
    )

    first.kill()
    # Normally the chunk it was computing; None if the kill fell between two chunks.
    killed = MatchChunk.objects.filter(run=run, status=ChunkStatus.RUNNING).first()
    slow_worker()
    # The broker keeps the dead worker's message until its visibility timeout (an hour); the
    # sweeper (a beat task every minute) hands the chunk over once its heartbeat is stale, and
    # sends queued chunks again when nothing moved (a message taken but never claimed).
    wait_for(
        lambda: (
            services.match_chunks_requeue_stale() >= 0
            and MatchRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED
        ),
        timeout=90,
        interval=0.5,
        message="the run to complete on the second worker",
    )

    stored = _stored_rows()
    assert len(stored) == len(set(stored)) == MatchRun.objects.get(pk=run.pk).rows_written
    assert set(stored) == _expected_rows()
    if killed is not None:
        assert MatchChunk.objects.get(pk=killed.pk).attempts == 2

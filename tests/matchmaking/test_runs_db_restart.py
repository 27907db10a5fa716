"""A database restart while a run computes (its connection dies between two queries).

Planning and explaining a chunk compute for many seconds without a query. When PostgreSQL
restarts meanwhile, the run must go on with a new connection: before, the plan's next write
failed and the run stayed "running" for a quarter of an hour, blocking the bridge's next run.
"""

import psycopg
import pytest
from django.db import connection

from matchmaking import runs, services
from matchmaking.enums import MatchKind, RunStatus
from matchmaking.models import Match, MatchRun
from tests.matchmaking.runs_support import small_bridge, uk
from tests.support.worker import database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _terminate_this_connection() -> None:
    """What a restart does to the connection: the server ends it, the client learns later."""
    backend = connection.connection.info.backend_pid
    with psycopg.connect(database_url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend])


def _after(function, monkeypatch, name: str) -> None:
    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        _terminate_this_connection()
        return result

    monkeypatch.setattr(runs, name, wrapped)


def test_a_restart_during_planning_lets_the_run_finish(monkeypatch):
    small_bridge(3)
    _after(runs.plan, monkeypatch, "plan")

    run, _created = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)

    run = MatchRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.SUCCEEDED
    assert run.rows_written == Match.objects.filter(kind=MatchKind.PARTNERSHIP).count() == 18


def test_a_restart_while_a_chunk_is_explained_lets_the_run_finish(monkeypatch):
    small_bridge(3)
    _after(runs.chunk_matches, monkeypatch, "chunk_matches")

    run, _created = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP, chunk_size=2)

    run = MatchRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.SUCCEEDED
    assert run.chunks.filter(attempts=1).count() == run.chunks_total == 3
    assert run.rows_written == Match.objects.filter(kind=MatchKind.PARTNERSHIP).count() == 18


def test_announcing_the_new_matches_may_fail_without_failing_the_finished_run(monkeypatch, caplog):
    """The announcement runs after the run's commit; when the database goes away right then,
    its error is logged and the run stays succeeded."""
    small_bridge(3)

    def announce_fails(*, run_id):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services.notices, "strong_matches_announce", announce_fails)

    run, _created = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)

    assert MatchRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED
    assert "the database went away" in caplog.text

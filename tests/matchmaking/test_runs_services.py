"""Match runs in one process: chunks, one run at a time, stale chunks, failure, user state."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from matchmaking import services
from matchmaking.enums import ChunkStatus, MatchKind, PairState, RunStatus, RunTrigger
from matchmaking.models import Match, MatchChunk, MatchPair, MatchRun
from matchmaking.runs import run_state_path
from notifications.models import OutboundEmail
from tests.factories import StaffFactory
from tests.matchmaking.runs_support import member, small_bridge, uk

pytestmark = pytest.mark.django_db

COMPARED = ("company_id", "partner_company_id", "partner_offer_id", "rank", "score", "reasons")


@pytest.fixture(autouse=True)
def _runs_directory(settings, tmp_path):
    settings.MATCH_RUNS_DIR = tmp_path / "match-runs"


def _rows(**filters):
    return list(Match.objects.filter(**filters).order_by("company_id", "rank").values(*COMPARED))


def _run(capture, kind=MatchKind.PARTNERSHIP, **options) -> MatchRun:
    with capture(execute=True):
        run, _created = services.match_run_start(bridge=uk(), kind=kind, **options)
    run.refresh_from_db()
    return run


def test_it_stores_each_companys_list_ranked_from_one(django_capture_on_commit_callbacks):
    companies = small_bridge(3)

    run = _run(django_capture_on_commit_callbacks, chunk_size=2)

    assert run.status == RunStatus.SUCCEEDED
    assert run.chunks_total == 3
    assert run.rows_written == Match.objects.count() == 18
    for company in companies:
        rows = Match.objects.filter(company=company).order_by("rank")
        assert [row.rank for row in rows] == [1, 2, 3]
        assert all(0 <= row.score <= 1 for row in rows)
        assert {row.partner_company.is_ruhr for row in rows} == {not company.is_ruhr}
    assert not run_state_path(run.pk).exists()


def test_the_best_partner_comes_first_with_its_reasons(django_capture_on_commit_callbacks):
    ruhr, partner, *_ = small_bridge(3)

    _run(django_capture_on_commit_callbacks)

    first = Match.objects.get(company=ruhr, rank=1)
    assert first.partner_company == partner
    assert first.reasons[0]["code"] in ("seeks_offers", "offers_seeks")
    assert set(first.components) >= {"fit_for_viewer", "fit_for_partner"}


def test_a_chunk_run_twice_leaves_the_same_rows(django_capture_on_commit_callbacks):
    small_bridge(3)
    run = _planned_run(django_capture_on_commit_callbacks, chunk_size=2)
    first = MatchChunk.objects.get(run=run, index=0)
    services.match_chunk_run(chunk_id=first.pk)
    once = _rows(company_id__in=first.company_ids)

    MatchChunk.objects.filter(pk=first.pk).update(status=ChunkStatus.QUEUED)
    services.match_chunk_run(chunk_id=first.pk)

    assert _rows(company_id__in=first.company_ids) == once
    assert len(once) == 6
    assert MatchChunk.objects.get(pk=first.pk).attempts == 2


def test_a_rerun_gives_the_same_rows(django_capture_on_commit_callbacks):
    small_bridge(3)
    _run(django_capture_on_commit_callbacks, chunk_size=4)
    before = _rows()

    _run(django_capture_on_commit_callbacks, chunk_size=1)

    assert _rows() == before


def test_only_one_run_per_bridge_and_kind_is_active():
    first, created = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    again, created_again = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    other_kind, _ = services.match_run_start(bridge=uk(), kind=MatchKind.SETTLEMENT)

    assert created and not created_again
    assert again == first
    assert other_kind != first
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRun.objects.create(bridge=uk(), kind=MatchKind.PARTNERSHIP, trigger=RunTrigger.STAFF)


def test_an_empty_partner_side_gives_a_successful_run_without_matches(
    django_capture_on_commit_callbacks,
):
    member(ruhr=True, offers=["cloud-security"], seeks=["penetration-testing"])

    run = _run(django_capture_on_commit_callbacks)

    assert run.status == RunStatus.SUCCEEDED
    assert run.rows_written == 0
    assert not Match.objects.exists()


def test_rows_of_companies_that_left_the_bridge_go_at_the_end_of_the_run(
    django_capture_on_commit_callbacks,
):
    ruhr, *_ = small_bridge(2)
    _run(django_capture_on_commit_callbacks)
    ruhr.bridge_memberships.all().delete()

    _run(django_capture_on_commit_callbacks)

    assert not Match.objects.filter(company=ruhr).exists()
    assert not Match.objects.filter(partner_company=ruhr).exists()


def test_what_people_did_survives_a_rerun_and_not_interested_stays_out(
    django_capture_on_commit_callbacks,
):
    ruhr, partner, _, other = small_bridge(2)
    _run(django_capture_on_commit_callbacks)
    services.match_pair_set(
        actor=None, bridge=uk(), company=ruhr, partner=other, state=PairState.INTERESTED
    )
    services.match_pair_set(
        actor=None, bridge=uk(), company=ruhr, partner=partner, state=PairState.NOT_INTERESTED
    )

    _run(django_capture_on_commit_callbacks)

    assert MatchPair.objects.get(company=ruhr, partner=other).state == PairState.INTERESTED
    assert MatchPair.objects.get(company=ruhr, partner=partner).state == PairState.NOT_INTERESTED
    assert not Match.objects.filter(company=ruhr, partner_company=partner).exists()
    assert not Match.objects.filter(company=partner, partner_company=ruhr).exists()
    assert Match.objects.filter(company=ruhr, partner_company=other).exists()


def _planned_run(capture, **options) -> MatchRun:
    with capture(execute=False):
        run, _ = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP, **options)
    with capture(execute=False):
        services.match_run_plan(run_id=run.pk)
    return run


def _kill(chunk: MatchChunk, *, attempts: int, minutes_ago: int = 10) -> None:
    """As a worker that died mid-chunk leaves it: running, heartbeat long ago."""
    MatchChunk.objects.filter(pk=chunk.pk).update(
        status=ChunkStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_a_stale_chunk_is_requeued_and_the_run_completes(django_capture_on_commit_callbacks):
    small_bridge(2)
    run = _planned_run(django_capture_on_commit_callbacks, chunk_size=2)
    chunks = list(run.chunks.order_by("index"))
    _kill(chunks[0], attempts=1)
    for chunk in chunks[1:]:
        services.match_chunk_run(chunk_id=chunk.pk)

    with django_capture_on_commit_callbacks(execute=True):
        requeued = services.match_chunks_requeue_stale()

    run.refresh_from_db()
    assert requeued == 1
    assert run.status == RunStatus.SUCCEEDED
    assert run.rows_written == Match.objects.count() == 8
    assert MatchChunk.objects.get(pk=chunks[0].pk).attempts == 2


def test_a_chunk_with_a_fresh_heartbeat_is_left_alone(django_capture_on_commit_callbacks):
    small_bridge(1)
    run = _planned_run(django_capture_on_commit_callbacks)
    _kill(run.chunks.get(), attempts=1, minutes_ago=0)

    assert services.match_chunks_requeue_stale() == 0


def test_a_chunk_that_keeps_dying_fails_the_run_and_tells_the_managers(
    django_capture_on_commit_callbacks, settings
):
    settings.MATCH_CHUNK_MAX_ATTEMPTS = 3
    small_bridge(1)
    manager = StaffFactory(email="manager@example.org", preferred_language="en")
    uk().managers.add(manager)
    run = _planned_run(django_capture_on_commit_callbacks)
    _kill(run.chunks.get(), attempts=3)

    with django_capture_on_commit_callbacks(execute=True):
        services.match_chunks_requeue_stale()

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "did not finish in 3 attempts" in run.error
    email = OutboundEmail.objects.get(to_email="manager@example.org")
    assert email.subject == "Match run failed: Innovation Bridge United Kingdom, partnership"
    assert "did not finish in 3 attempts" in email.text_body
    assert not run_state_path(run.pk).exists()


def test_the_failure_email_is_in_the_managers_language(django_capture_on_commit_callbacks):
    small_bridge(1)
    uk().managers.add(StaffFactory(email="leiterin@example.org", preferred_language="de"))
    run = _planned_run(django_capture_on_commit_callbacks)

    services.match_run_fail(run_id=run.pk, error="boom")

    email = OutboundEmail.objects.get(to_email="leiterin@example.org")
    assert email.subject.startswith("Matching-Lauf fehlgeschlagen")
    assert "Sie" in email.text_body


def test_a_run_that_cannot_store_its_snapshot_fails_with_the_reason(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MATCH_RUNS_DIR = blocker / "runs"
    small_bridge(1)

    run = _run(django_capture_on_commit_callbacks)

    assert run.status == RunStatus.FAILED
    assert run.error.startswith("Planning failed:")


def test_the_nightly_task_starts_both_kinds_for_active_bridges_only():
    runs = services.match_runs_nightly()

    assert {(run.bridge.status, run.trigger) for run in runs} == {("active", "nightly")}
    assert {run.kind for run in runs if run.bridge == uk()} == {"partnership", "settlement"}


def test_a_run_whose_planning_worker_died_fails_so_the_bridge_is_free_again():
    run, _ = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    MatchRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1)
    )

    services.match_chunks_requeue_stale()

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("Planning did not finish")
    _again, created = services.match_run_start(bridge=uk(), kind=MatchKind.PARTNERSHIP)
    assert created


def test_a_chunk_written_after_a_removal_keeps_the_removal(django_capture_on_commit_callbacks):
    ruhr, partner, other_ruhr, other_partner = small_bridge(2)
    run = _planned_run(django_capture_on_commit_callbacks)
    # After the snapshot, before the chunk writes: one company hides, a pair is declined.
    partner.visibility = "hidden"
    partner.save()
    services.match_pair_set(
        actor=None,
        bridge=uk(),
        company=other_partner,
        partner=other_ruhr,
        state=PairState.NOT_INTERESTED,
    )

    services.match_chunk_run(chunk_id=run.chunks.get().pk)

    assert not Match.objects.filter(partner_company=partner).exists()
    assert not Match.objects.filter(company=partner).exists()
    assert not Match.objects.filter(company=other_ruhr, partner_company=other_partner).exists()
    for company in (ruhr, other_ruhr, other_partner):
        ranks = list(Match.objects.filter(company=company).values_list("rank", flat=True))
        assert sorted(ranks) == list(range(1, len(ranks) + 1))


def test_queued_chunks_of_a_run_where_nothing_moved_are_sent_again(
    django_capture_on_commit_callbacks,
):
    small_bridge(2)
    run = _planned_run(django_capture_on_commit_callbacks, chunk_size=2)
    # Their messages were taken by a worker that died before claiming them.
    MatchRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=10)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.match_chunks_requeue_stale()

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.rows_written == 8

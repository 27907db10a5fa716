"""Kill -9 a Celery worker in the middle of a match run and in the middle of sending e-mail.

Usage (as root, or as the postgres user: it starts a PostgreSQL cluster of its own):
    .venv/bin/python bench/faults_celery.py [--part matching|email|all] [--per-side 10000]
        [--emails 2000] [--window-emails 300] [--stale-seconds 30] [--lease-seconds 20]
        [--pg-port 5441] [--redis-port 6391]

Everything runs on 127.0.0.1 against throwaway servers: its own PostgreSQL cluster (initdb in
a temporary directory), its own redis-server, celery beat (the platform's sweepers) and the
workers. Nothing is left behind.

matching: `load_demo --synthetic N` (N per side: 20,000 companies at the default), then two
  runs of the UK bridge as staff start them (`run_matching`, both kinds) on 2 workers. The
  first run is undisturbed and gives the expected rows; during the second one worker is
  killed with SIGKILL while chunks are being written, a replacement starts, and the run must
  end succeeded with exactly the rows of the first run, none twice.
email: N outbox e-mails (--emails; --window-emails in round 2) sent by one worker to an SMTP
  sink that counts every accepted message by Message-ID and recipient. (1) The worker is
  killed at a random moment while sending; (2) it is killed inside the window between the
  sink accepting a message and the worker recording it, which is the one place where the
  outbox is at least once: that message may arrive twice, with the same Message-ID, and
  nothing may be lost.

Run time: each part takes 3 to 7 minutes on two shared cores (the matching part scores
20,000 companies twice); every wait is bounded by --timeout. Exits 1 when a must-hold fails.
Timers are shortened to fit the time budget (chunk staleness through
BENCH_MATCH_CHUNK_STALE_SECONDS, the outbox lease through OUTBOX_SEND_LEASE_SECONDS); the
beat intervals are the platform's (60 s). Timings on a shared machine are indicative.
"""

import argparse
import os
import random
import subprocess
import sys
import time

from _faults_infra import (
    ROOT,
    SmtpSink,
    Stack,
    celery_beat,
    celery_worker,
    log,
    run_parts,
    wait_for,
)

BRIDGE = "united-kingdom"
FAILURES: list[str] = []


def must(condition: bool, what: str) -> None:
    print(f"    {'ok  ' if condition else 'FAIL'} {what}", flush=True)
    if not condition:
        FAILURES.append(what)


def django_setup(stack: Stack, **extra: str) -> None:
    for key, value in stack.env(**extra).items():
        os.environ[key] = value
    sys.path[:0] = [str(ROOT)]
    import django
    from django.core.management import call_command

    django.setup()
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    log(f"migrated in {time.monotonic() - started:.0f} s")


# --- Matching -------------------------------------------------------------------------------


def start_run() -> list[int]:
    from bridges.models import Bridge
    from matchmaking.enums import MatchKind, RunTrigger
    from matchmaking.services import match_run_start

    bridge = Bridge.objects.get(slug=BRIDGE)
    return [
        match_run_start(bridge=bridge, kind=kind, trigger=RunTrigger.STAFF)[0].pk
        for kind in MatchKind.values
    ]


def run_progress(run_ids: list[int]) -> tuple[bool, int, int, str]:
    """(all ended, chunks done, chunks known, a line)"""
    from django.db import close_old_connections

    from matchmaking.enums import ACTIVE_RUN_STATUSES, ChunkStatus
    from matchmaking.models import MatchChunk, MatchRun

    close_old_connections()
    runs = list(MatchRun.objects.filter(pk__in=run_ids).order_by("pk"))
    done = MatchChunk.objects.filter(run_id__in=run_ids, status=ChunkStatus.DONE).count()
    total = sum(run.chunks_total for run in runs)
    line = "; ".join(f"{run.kind} #{run.pk} {run.status}" for run in runs)
    ended = all(run.status not in ACTIVE_RUN_STATUSES for run in runs)
    return ended, done, total, f"{line}; {done}/{total or '?'} chunks"


def follow(run_ids: list[int], timeout: float, until=None) -> None:
    started = time.monotonic()
    last = ""
    while time.monotonic() - started < timeout:
        ended, done, total, line = run_progress(run_ids)
        if line != last:
            log(line)
            last = line
        if ended or (until is not None and until(done, total)):
            return
        time.sleep(0.5)
    raise TimeoutError(f"runs {run_ids} still active after {timeout:.0f} s: {last}")


def match_rows() -> set[tuple]:
    from matchmaking.models import Match

    return set(
        Match.objects.filter(bridge__slug=BRIDGE).values_list(
            "kind", "company_id", "partner_company_id", "partner_offer_id", "rank", "score"
        )
    )


def duplicates() -> int:
    """Rows of a pair or a rank beyond the first: the unique constraints should make it 0."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              (SELECT COALESCE(SUM(n - 1), 0) FROM (
                 SELECT COUNT(*) AS n FROM matchmaking_match
                 GROUP BY bridge_id, kind, company_id,
                          COALESCE(partner_company_id, -1), COALESCE(partner_offer_id, -1)
                 HAVING COUNT(*) > 1) pairs)
            + (SELECT COALESCE(SUM(n - 1), 0) FROM (
                 SELECT COUNT(*) AS n FROM matchmaking_match
                 GROUP BY bridge_id, kind, company_id, rank HAVING COUNT(*) > 1) ranks)
            """
        )
        return int(cursor.fetchone()[0])


def _mid_chunk(workers):
    """A worker whose last task line is a chunk received and not yet finished."""
    for worker in workers:
        lines = [line for line in worker.log_tail(400).splitlines() if " Task matchmaking." in line]
        if lines and "match_chunk_run" in lines[-1] and lines[-1].endswith("received"):
            return worker
    return None


def part_matching(stack: Stack, options) -> None:
    from django.core.management import call_command
    from django.db import connection

    from matchmaking.models import MatchChunk, MatchRun

    log(f"matching: load_demo --synthetic {options.per_side} (2 x {options.per_side} companies)")
    started = time.monotonic()
    call_command("load_demo", "--synthetic", str(options.per_side), verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"synthetic data ready in {time.monotonic() - started:.0f} s")
    env = stack.env(BENCH_MATCH_CHUNK_STALE_SECONDS=str(options.stale_seconds))
    stack.add(celery_beat(env, stack.logs)).start()
    workers = [stack.add(celery_worker(f"match-{i}", env, stack.logs)).start() for i in (0, 1)]

    log("run 1 (undisturbed, gives the expected rows)")
    started = time.monotonic()
    baseline_ids = start_run()
    follow(baseline_ids, options.timeout)
    baseline_seconds = time.monotonic() - started
    baseline = match_rows()
    must(
        all(run.status == "succeeded" for run in MatchRun.objects.filter(pk__in=baseline_ids)),
        f"undisturbed run succeeded ({baseline_seconds:.0f} s)",
    )

    log("run 2: SIGKILL one worker while chunks are written, then start a replacement")
    run_ids = start_run()
    follow(run_ids, options.timeout, until=lambda done, total: total and done >= total // 3)
    victim = None
    while victim is None:
        # A few seconds into a chunk (they take 5 to 60 s here): claimed and computing.
        first = wait_for(lambda: _mid_chunk(workers), 60, 0.1, "a worker in the middle of a chunk")
        time.sleep(3)
        victim = first if _mid_chunk([first]) else None
    running = MatchChunk.objects.filter(run_id__in=run_ids, status="running").count()
    victim.kill9()
    killed_at = time.monotonic()
    log(f"killed worker {victim.name} with SIGKILL in a chunk ({running} chunks were running)")
    time.sleep(2)
    stack.add(celery_worker("match-2", env, stack.logs)).start()
    log("replacement worker match-2 ready")
    follow(run_ids, options.timeout)
    recovery = time.monotonic() - killed_at
    found = match_rows()
    runs = list(MatchRun.objects.filter(pk__in=run_ids).order_by("pk"))
    retried = MatchChunk.objects.filter(run_id__in=run_ids, attempts__gt=1).count()
    chunks = MatchChunk.objects.filter(run_id__in=run_ids).count()
    dupes = duplicates()
    print("\nmatching, kill -9 of one of 2 workers mid-run:")
    for run in runs:
        print(
            f"    run #{run.pk} {run.kind}: {run.status} {run.error or ''}, "
            f"{run.chunks_total} chunks, rows_written {run.rows_written}"
        )
    print(
        f"    rows expected {len(baseline)} (undisturbed run), found {len(found)}, "
        f"missing {len(baseline - found)}, unexpected {len(found - baseline)}, "
        f"duplicates {dupes}; chunks re-run after the kill: {retried} of {chunks}; "
        f"kill to finished: {recovery:.0f} s (stale after {options.stale_seconds} s, "
        "sweep every 60 s)"
    )
    must(all(run.status == "succeeded" for run in runs), "the run with the kill succeeded")
    for service in stack.services:
        if service.name.startswith("match-"):
            service.stop()  # the e-mail part counts what its own worker sends
    must(found == baseline, "rows found == rows expected (same pairs, ranks and scores)")
    must(dupes == 0, "no duplicate pairs or ranks")
    must(sum(run.rows_written for run in runs) == len(found), "rows_written of the runs == rows")


# --- E-mail -----------------------------------------------------------------------------------


def queue_emails(count: int, tag: str) -> list[int]:
    from django.db import transaction

    from notifications.services import email_enqueue

    ids = []
    with transaction.atomic():
        for index in range(count):
            email, _created = email_enqueue(
                to=f"person{index}@{tag}.example",
                subject=f"Fault test {tag} {index}",
                text_body=f"Message {index} of the {tag} round.",
                key=f"faults:{tag}:{index}",
            )
            ids.append(email.pk)
    return ids


def outbox_states(ids: list[int]) -> dict[str, int]:
    from django.db.models import Count

    from notifications.models import OutboundEmail

    rows = OutboundEmail.objects.filter(pk__in=ids).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def email_round(
    stack: Stack, sink: SmtpSink, options, tag: str, count: int, targeted: bool
) -> None:
    from notifications.models import OutboundEmail

    env = stack.env(
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        OUTBOX_SEND_LEASE_SECONDS=str(options.lease_seconds),
    )
    before = sink.total()
    worker = stack.add(celery_worker(f"mail-{tag}", env, stack.logs)).start()
    if targeted:
        sink.paused.clear()
        sink.pause_after_accept(before + count // 3, seconds=5)
    ids = queue_emails(count, tag)
    log(f"{tag}: queued {len(ids)} e-mails")
    if targeted:
        wait_for(sink.paused.is_set, options.timeout, message="the sink's pause")
        what = "inside the accepted-but-not-recorded window"
    else:
        target = before + random.randint(count // 5, count // 2)
        wait_for(lambda: sink.total() >= target, options.timeout, 0.01, "sending to start")
        what = "at a random moment while sending"
    sent_at_kill = sink.total() - before
    worker.kill9()
    killed_at = time.monotonic()
    log(f"{tag}: killed the worker with SIGKILL {what}, after {sent_at_kill} accepted")
    time.sleep(1)
    replacement = stack.add(celery_worker(f"mail-{tag}-2", env, stack.logs)).start()
    log(f"{tag}: replacement worker ready; waiting for the outbox to drain")

    def drained() -> bool:
        states = outbox_states(ids)
        return states.get("sent", 0) == len(ids)

    last = ""
    deadline = time.monotonic() + options.timeout
    while not drained() and time.monotonic() < deadline:
        line = f"{tag}: outbox {outbox_states(ids)}, sink accepted {sink.total() - before}"
        if line != last:
            log(line)
            last = line
        time.sleep(2)
    recovery = time.monotonic() - killed_at
    replacement.stop()  # the next round's kill must meet that round's worker only
    emails = OutboundEmail.objects.filter(pk__in=ids)
    from notifications.services import _message_id

    expected = {(_message_id(email), email.to_email.lower()) for email in emails}
    with sink.lock:
        received = {key: n for key, n in sink.accepted.items() if key in expected}
    once = sum(1 for n in received.values() if n == 1)
    twice = sum(1 for n in received.values() if n > 1)
    states = outbox_states(ids)
    pending = len(ids) - states.get("sent", 0)
    # Not at the sink and not waiting in the outbox either: that would be lost.
    lost = len(expected - received.keys()) - pending
    print(f"\ne-mail, kill -9 of the sending worker {what}:")
    print(
        f"    queued {len(ids)}; sent once {once}, sent twice {twice}, lost {lost}, "
        f"still waiting in the outbox at the deadline {pending}; "
        f"outbox {states}; sessions cut off mid-transaction {sink.aborted}; "
        f"kill to drained: {recovery:.0f} s (lease {options.lease_seconds} s, sweep every 60 s)"
    )
    must(lost == 0, f"{tag}: nothing lost")
    must(pending == 0, f"{tag}: every row sent within {options.timeout:.0f} s of the kill")
    if targeted:
        # The one message accepted by the server but not yet recorded is sent again, with the
        # same Message-ID; every other message once.
        must(twice <= 1, f"{tag}: at most the message in the window twice (was {twice})")
    else:
        must(twice == 0, f"{tag}: no message twice")


def part_email(stack: Stack, options) -> None:
    sink = SmtpSink().start()
    stack.callback(sink.stop)
    log(f"SMTP sink on 127.0.0.1:{sink.port}")
    if not any(service.name == "beat" for service in stack.services):
        stack.add(celery_beat(stack.env(), stack.logs)).start()
    email_round(stack, sink, options, "random", options.emails, targeted=False)
    email_round(stack, sink, options, "window", options.window_emails, targeted=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["matching", "email", "all"], default="all")
    parser.add_argument("--per-side", type=int, default=10_000)
    parser.add_argument("--emails", type=int, default=2000)
    parser.add_argument("--window-emails", type=int, default=300)
    parser.add_argument("--stale-seconds", type=int, default=30)
    parser.add_argument("--lease-seconds", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=150, help="per wait, seconds")
    parser.add_argument("--pg-port", type=int, default=5441)
    parser.add_argument("--redis-port", type=int, default=6391)
    options = parser.parse_args()
    parts = [("matching", part_matching), ("email", part_email)]
    return run_parts(options, parts, failures=FAILURES, setup=django_setup)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"{error}")

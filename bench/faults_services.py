"""Restart PostgreSQL during a match run; restart Redis under a served web app and a worker.

Usage (as root, or as the postgres user: it starts a PostgreSQL cluster of its own):
    .venv/bin/python bench/faults_services.py [--part postgres|redis|all] [--at chunking|planning]
        [--per-side 5000]
        [--stale-seconds 30] [--pg-port 5442] [--redis-port 6392] [--web-port 8391]

Everything runs on 127.0.0.1 against throwaway servers (its own PostgreSQL cluster and
redis-server, celery beat, workers, gunicorn); nothing is left behind.

postgres: `load_demo --synthetic N`, an undisturbed run of the UK bridge (both kinds) on two
  workers for the expected rows, then a second run during which PostgreSQL is restarted
  (`pg_ctl restart -m fast`) while chunks are written (--at planning: while the
  partnership plan scores the bridge). Must hold: the run ends (succeeded, or
  failed with an error staff can read), each company's list is whole (one write, ranks 1..n),
  and the rows are those of the undisturbed run: a run publishes chunk by chunk in single
  transactions, so a company shows its old list or its new one, never a mix.
redis: gunicorn (2 workers, DJANGO_DEBUG=0) and one worker; Redis is stopped for a while and
  started again (empty, as after a crash). Must hold: /healthz answers 503 with the cache and
  broker down within its timeouts while Redis is down, 200 again after, and the worker runs a
  task sent after the restart.

Exits 1 when a must-hold fails. Timings on a shared machine are indicative.
"""

import argparse
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from _faults_infra import Stack, celery_beat, celery_worker, gunicorn, log, run_parts, wait_for
from faults_celery import (
    FAILURES,
    django_setup,
    follow,
    match_rows,
    must,
    run_progress,
    start_run,
)

# --- PostgreSQL restarted during a run --------------------------------------------------------


def lists_whole() -> tuple[int, int]:
    """(companies whose list has more than one write time, companies whose ranks are not 1..n)"""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              COUNT(*) FILTER (WHERE writes > 1),
              COUNT(*) FILTER (WHERE min_rank <> 1 OR max_rank <> n OR ranks <> n)
            FROM (
              SELECT COUNT(DISTINCT scored_at) AS writes, MIN(rank) AS min_rank,
                     MAX(rank) AS max_rank, COUNT(*) AS n, COUNT(DISTINCT rank) AS ranks
              FROM matchmaking_match GROUP BY bridge_id, kind, company_id
            ) lists
            """
        )
        mixed, gaps = cursor.fetchone()
        return int(mixed), int(gaps)


def _chunking(run_ids: list[int], done: int) -> bool:
    """Both runs planned and a third of their chunks written."""
    from matchmaking.models import MatchRun

    totals = list(MatchRun.objects.filter(pk__in=run_ids).values_list("chunks_total", flat=True))
    return all(totals) and done >= sum(totals) // 3


def part_postgres(stack: Stack, options) -> None:
    from django.core.management import call_command
    from django.db import close_old_connections, connection

    from matchmaking.models import MatchChunk, MatchRun

    log(f"postgres: load_demo --synthetic {options.per_side}")
    call_command("load_demo", "--synthetic", str(options.per_side), verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    env = stack.env(BENCH_MATCH_CHUNK_STALE_SECONDS=str(options.stale_seconds))
    stack.add(celery_beat(env, stack.logs)).start()
    for index in (0, 1):
        stack.add(celery_worker(f"pg-{index}", env, stack.logs)).start()
    log("run 1 (undisturbed, gives the expected rows)")
    follow(start_run(), options.timeout)
    baseline = match_rows()

    log(f"run 2: PostgreSQL restarted (-m fast) while the run is {options.at}")
    run_ids = start_run()
    if options.at == "planning":
        # The partnership plan scores the whole bridge without a query for several seconds.
        wait_for(lambda: MatchRun.objects.filter(pk__in=run_ids, status="running").exists(), 60)
        time.sleep(2)
    else:
        follow(run_ids, options.timeout, until=lambda done, total: _chunking(run_ids, done))
    started = time.monotonic()
    stack.postgres.restart()
    log(f"PostgreSQL restarted in {time.monotonic() - started:.1f} s")
    close_old_connections()
    connection.close()
    try:
        follow(run_ids, options.timeout)
    except TimeoutError as error:
        log(str(error))
    ended = time.monotonic() - started
    _ended, _done, _total, line = run_progress(run_ids)
    runs = list(MatchRun.objects.filter(pk__in=run_ids).order_by("pk"))
    found = match_rows()
    mixed, gaps = lists_whole()
    retried = MatchChunk.objects.filter(run_id__in=run_ids, attempts__gt=1).count()
    print("\nPostgreSQL restart during a match run:")
    for run in runs:
        print(f"    run #{run.pk} {run.kind}: {run.status}; error shown to staff: {run.error!r}")
    print(
        f"    {line}; chunks re-run: {retried}; restart to run end: {ended:.0f} s\n"
        f"    rows expected {len(baseline)}, found {len(found)}, missing "
        f"{len(baseline - found)}, unexpected {len(found - baseline)}; lists written in "
        f"more than one go: {mixed}; lists with rank gaps: {gaps}"
    )
    must(
        all(run.status == "succeeded" or (run.status == "failed" and run.error) for run in runs),
        "the run ended: succeeded, or failed with an error staff can read",
    )
    must(mixed == 0 and gaps == 0, "every company's list is whole")
    must(found == baseline, "the rows are those of the undisturbed run")


# --- Redis restarted under a served app -------------------------------------------------------


def healthz(port: int) -> tuple[int, dict, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=15) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:
        return 0, {"error": str(error)}, time.monotonic() - started
    try:
        payload = json.loads(body)
    except ValueError:
        payload = {"body": body[:200].decode(errors="replace")}
    return status, payload, time.monotonic() - started


def round_trip(timeout: float) -> float | None:
    """Send a real task through the broker and wait for the worker's result."""
    from config.celery import app

    started = time.monotonic()
    try:
        app.send_task("notifications.tasks.erase_old_email_bodies").get(timeout=timeout)
    except Exception as error:
        log(f"task round trip failed: {type(error).__name__}: {error}")
        return None
    return time.monotonic() - started


def part_redis(stack: Stack, options) -> None:
    env = stack.env(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        SECRET_KEY="faults-bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    stack.add(gunicorn(env, stack.logs, options.web_port)).start()
    stack.add(celery_worker("redis-worker", stack.env(), stack.logs)).start()
    time.sleep(1)
    status, payload, seconds = healthz(options.web_port)
    log(f"/healthz before: {status} {payload} in {seconds:.2f} s")
    must(status == 200, "/healthz is 200 before the restart")
    must(round_trip(30) is not None, "a task runs before the restart")

    stack.redis.stop()
    down_at = time.monotonic()
    log("Redis stopped")
    answers = []
    while time.monotonic() - down_at < options.down_seconds:
        answers.append(healthz(options.web_port))
        time.sleep(1)
    for status, payload, seconds in answers[:3]:
        log(f"/healthz while down: {status} {payload} in {seconds:.2f} s")
    slowest = max(seconds for _status, _payload, seconds in answers)
    statuses = sorted({status for status, _payload, _seconds in answers})
    must(
        all(
            status == 503
            and payload.get("checks", {}).get("cache") == "down"
            and payload.get("checks", {}).get("broker") == "down"
            for status, payload, _seconds in answers
        ),
        f"/healthz says 503, cache and broker down, every time while Redis is down "
        f"({len(answers)} probes, statuses {statuses})",
    )
    must(
        slowest < 10, f"/healthz answers within 10 s while Redis is down (slowest {slowest:.1f} s)"
    )

    stack.redis.start()
    up_at = time.monotonic()
    log(f"Redis started again after {up_at - down_at:.0f} s down")
    recovered = None
    while time.monotonic() - up_at < 60:
        status, payload, seconds = healthz(options.web_port)
        if status == 200:
            recovered = time.monotonic() - up_at
            break
        log(f"/healthz after the restart: {status} {payload}")
        time.sleep(0.5)
    log(f"/healthz ok again {recovered if recovered is None else round(recovered, 1)} s after")
    must(recovered is not None, "/healthz is 200 again after Redis is back")
    hung_round(stack, options)
    trip = round_trip(options.timeout)
    worker_log = stack.services[-1].log_tail(200)
    reconnected = "Connected to redis" in worker_log.split("Connection to broker lost")[-1]
    print("\nRedis restart under gunicorn and a worker:")
    print(
        f"    /healthz while down: statuses {statuses}, slowest answer {slowest:.2f} s; "
        f"ok again {recovered if recovered is None else f'{recovered:.1f}'} s after Redis was "
        f"back; worker log shows a reconnect: {reconnected}; task round trip after the "
        f"restart: {trip if trip is None else f'{trip:.1f} s'}"
    )
    must(trip is not None, "the worker runs a task sent after the restart")


def hung_round(stack: Stack, options) -> None:
    """Redis that accepts connections but never answers (SIGSTOP): a hung host, not a dead one."""
    stack.redis.process.send_signal(signal.SIGSTOP)
    stopped_at = time.monotonic()
    log("Redis frozen with SIGSTOP (connections are accepted, nothing is answered)")
    answers = []
    try:
        while time.monotonic() - stopped_at < options.down_seconds * 2:
            answers.append(healthz(options.web_port))
    finally:
        stack.redis.process.send_signal(signal.SIGCONT)
    log("Redis thawed with SIGCONT")
    for status, payload, seconds in answers[:3]:
        log(f"/healthz while frozen: {status} {payload} in {seconds:.2f} s")
    slowest = max(seconds for _status, _payload, seconds in answers)
    statuses = sorted({status for status, _payload, _seconds in answers})
    print(
        f"\nRedis frozen: {len(answers)} probes, statuses {statuses}, slowest answer "
        f"{slowest:.2f} s"
    )
    must(
        all(status == 503 for status, _payload, _seconds in answers),
        "/healthz says 503 while Redis is frozen",
    )
    must(slowest < 10, f"/healthz answers within 10 s while Redis is frozen ({slowest:.1f} s)")
    wait_for(lambda: healthz(options.web_port)[0] == 200, 60, 0.5, "/healthz ok after the thaw")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["postgres", "redis", "all"], default="all")
    parser.add_argument("--per-side", type=int, default=5000)
    parser.add_argument("--stale-seconds", type=int, default=30)
    parser.add_argument("--at", choices=["planning", "chunking"], default="chunking")
    parser.add_argument("--down-seconds", type=float, default=8)
    parser.add_argument("--timeout", type=float, default=150, help="per wait, seconds")
    parser.add_argument("--pg-port", type=int, default=5442)
    parser.add_argument("--redis-port", type=int, default=6392)
    parser.add_argument("--web-port", type=int, default=8391)
    options = parser.parse_args()
    parts = [("redis", part_redis), ("postgres", part_postgres)]
    return run_parts(options, parts, failures=FAILURES, setup=django_setup)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"{error}")

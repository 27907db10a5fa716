"""A whole match run of 20,000 x 20,000 synthetic companies with two real Celery workers.

Usage: .venv/bin/python bench/match_runs.py [--per-side N] [--workers N] [--redis URL]
Loads `load_demo --synthetic N` (default 20,000 per side of the UK bridge) into the bench
database (BENCH_DATABASE_URL), starts N worker subprocesses (default 2, one process each), then
runs `manage.py run_matching --bridge united-kingdom --wait` and prints the time per phase
(snapshot, scoring, writing, finalising) and rows written per second. Then it times one
company's re-score after a profile save, from the save to its new rows.
Target (Match runs issue): at most 60 s end to end.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT, setup_django

BRIDGE = "united-kingdom"


def _start_workers(count: int, env: dict[str, str], logs: Path) -> list[subprocess.Popen]:
    workers = []
    for index in range(count):
        log = logs / f"worker-{index}.log"
        workers.append(
            subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "1",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "INFO",
                    "--hostname",
                    f"bench-{index}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
    deadline = time.monotonic() + 60
    for index in range(count):
        log = logs / f"worker-{index}.log"
        while " ready." not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
    return workers


def _phases(run) -> str:
    from django.db.models import Sum

    chunks = run.chunks.aggregate(explain=Sum("explain_seconds"), write=Sum("write_seconds"))
    wall = run.writing_seconds or 0
    rate = run.rows_written / wall if wall else 0
    return (
        f"{run.kind:<12} {run.status:<9} {run.companies} companies, {run.chunks_total} chunks, "
        f"{run.rows_written} rows\n"
        f"    snapshot {run.snapshot_seconds:.1f} s | scoring {run.scoring_seconds:.1f} s | "
        f"writing {wall:.1f} s wall (chunks: explaining {chunks['explain'] or 0:.1f} s + "
        f"writing {chunks['write'] or 0:.1f} s, summed over workers) | "
        f"finalising {run.finalising_seconds or 0:.2f} s\n"
        f"    {rate:,.0f} rows/s over the chunk phase; "
        f"{run.rows_written / (chunks['write'] or 1):,.0f} rows/s in the write transactions"
    )


def _rescore(delay: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from companies.models import Company
    from companies.signals import company_profile_changed_send
    from matchmaking.models import Match

    company = Company.objects.filter(
        register_id__startswith=f"SYN-{BRIDGE}-", country="DE", matches__isnull=False
    ).first()
    saved = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        Company.objects.filter(pk=company.pk).update(
            description_en=f"{company.description_en} (updated {saved:%H:%M:%S})"
        )
        company_profile_changed_send(company_id=company.pk)
    while not Match.objects.filter(company=company, scored_at__gt=saved).exists():
        time.sleep(0.05)
    total = time.perf_counter() - started
    print(
        f"re-score of one company after a profile save: {total:.1f} s from save to new rows "
        f"({delay} s of it the debounce delay, {total - delay:.1f} s of work)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-side", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/12"))
    parser.add_argument("--rescore-delay", type=int, default=1)
    options = parser.parse_args()
    os.environ["REDIS_URL"] = options.redis
    url = setup_django()
    import redis
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from matchmaking.models import MatchRun

    settings.MATCH_RESCORE_DELAY_SECONDS = options.rescore_delay
    started = time.perf_counter()
    call_command("load_demo", "--synthetic", str(options.per_side), verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"database: {url}; synthetic data ready in {time.perf_counter() - started:.1f} s")
    redis.Redis.from_url(options.redis).flushdb()
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": options.redis, "LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory() as logs:
        workers = _start_workers(options.workers, env, Path(logs))
        try:
            last = MatchRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            started = time.perf_counter()
            command = [sys.executable, "manage.py", "run_matching", "--bridge", BRIDGE, "--wait"]
            result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
                command, cwd=ROOT, env=env, capture_output=True, text=True
            )
            total = time.perf_counter() - started
            print(result.stdout.strip().splitlines()[-1] if result.stdout else result.stderr)
            print(
                f"end to end: {total:.1f} s (exit {result.returncode}), {options.workers} workers"
            )
            for run in MatchRun.objects.filter(pk__gt=last).order_by("pk"):
                print(_phases(run))
            _rescore(options.rescore_delay)
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)


if __name__ == "__main__":
    main()

"""Load on the served mode: gunicorn with two workers, driven by wrk over loopback.

Usage: .venv/bin/python bench/served_load.py [--duration 30] [--connections 4,32]
Sets up its own PostgreSQL database (BENCH_DATABASE_URL, default ruhrbridge_load; kept for
reruns) with `load_demo --synthetic 10000` (20,000 companies on the UK bridge), scores the
partnership list of one synthetic Ruhr company the way a profile save re-scores one company,
and signs a user of that company in (a session made directly, as a login stores it). Then it
serves the site as docker-compose.yml does behind its proxy: DJANGO_DEBUG=0, Redis for cache
and broker (BENCH_REDIS_URL, else REDIS_URL, else redis://127.0.0.1:6379/4), static files
collected into a temporary directory and served by whitenoise, SECURE_SSL_REDIRECT on and
`X-Forwarded-Proto: https` on every request. Everything listens on 127.0.0.1 only.

It checks that each page answers 200 with its content, then runs wrk (2 threads, 10 s
timeout) against the company directory, a bridge page and the signed-in Matches page for
--duration seconds per page and connection count, all pages at one count before the next.
The table gives req/s, latency percentiles, errors (non-2xx answers and socket errors) and
the CPU milliseconds per request of gunicorn's workers and of their PostgreSQL backends,
which depend much less than latencies on other work running on the machine.
wrk is installed with apt-get when missing (as root).
Target (Evidence issue): at 4 connections p95 at most 150 ms and no errors on every page;
other connection counts are reported only. Exit status 1 when it is missed.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from _load_cpu import children_of, cpu_seconds, database_backends
from _load_data import Page, pages
from _load_server import PROXY_HEADER, collectstatic, get, served, served_env
from _setup import setup_django

BENCH = Path(__file__).resolve().parent
LUA = BENCH / "_load_wrk.lua"
TARGET_CONNECTIONS = 4
TARGET_P95_MS = 150.0
FIELDS = ("requests", "seconds", "rps", "p50_ms", "p95_ms", "p99_ms", "max_ms")
COUNTS = ("non2xx", "socket_errors")


def wrk_ensure() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit(
            "wrk is missing: install it with `sudo apt-get install wrk` (Debian/Ubuntu), "
            "then run this benchmark again."
        )
    print("wrk is missing: installing the Debian package wrk", flush=True)
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=apt)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is still missing after apt-get install wrk")
    return found


def check(port: int, page: Page) -> None:
    """One plain request first: a redirect or an error page under load would measure nothing."""
    answer = get(port, page.path, {"Cookie": page.cookie} if page.cookie else None)
    if answer.status != 200:
        where = f" to {answer.location}" if answer.location else ""
        raise SystemExit(f"{page.label} {page.path}: HTTP {answer.status}{where}, not 200")
    if page.expect not in answer.body:
        raise SystemExit(f"{page.label} {page.path}: 200 but without {page.expect!r}")


def run_wrk(wrk: str, port: int, page: Page, connections: int, duration: int) -> dict:
    command = [
        wrk,
        "--threads",
        str(min(2, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        "10s",
        "--script",
        str(LUA),
        "--header",
        f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
    ]
    if page.cookie:
        command += ["--header", f"Cookie: {page.cookie}"]
    command.append(f"http://127.0.0.1:{port}{page.path}")
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)  # noqa: S603
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT ")), None)
    if result.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    values = dict(item.split("=", 1) for item in line.split()[1:])
    figures = {name: float(values[name]) for name in FIELDS}
    figures.update({name: int(values[name]) for name in COUNTS})
    return figures


def cpu_snapshot(server_pid: int, database: str) -> dict[str, dict[int, float]]:
    workers = children_of(server_pid)
    backends = database_backends(database)
    return {
        "app": {pid: cpu_seconds([pid]) for pid in workers},
        "db": {pid: cpu_seconds([pid]) for pid in backends},
    }


def cpu_per_request(before: dict, after: dict, requests: float) -> dict[str, float]:
    """Milliseconds of CPU per request of the workers and of their database backends (a
    process that appeared during the run counts from zero)."""
    return {
        f"{kind}_cpu_ms": sum(seconds - before[kind].get(pid, 0.0) for pid, seconds in pids.items())
        * 1000
        / max(requests, 1)
        for kind, pids in after.items()
    }


def drain(port: int) -> None:
    """Wait until the requests wrk left queued at its end are answered: behind many
    connections they would otherwise be counted in the next run's latencies."""
    get(port, "/healthz")
    time.sleep(0.5)


def load_line() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def row(page: Page, connections: int, figures: dict) -> str:
    errors = figures["non2xx"] + figures["socket_errors"]
    return (
        f"{page.label:<10} {connections:>5} {figures['rps']:>8.1f} {figures['p50_ms']:>8.1f} "
        f"{figures['p95_ms']:>8.1f} {figures['p99_ms']:>8.1f} {errors:>7} "
        f"{figures['app_cpu_ms']:>8.1f} {figures['db_cpu_ms']:>7.1f}  "
        f"({figures['non2xx']} non-2xx, {figures['socket_errors']} socket)"
    )


def misses(results: list[tuple[Page, int, dict]]) -> list[str]:
    missed = []
    for page, connections, figures in results:
        if connections != TARGET_CONNECTIONS:
            continue
        if not figures["requests"]:
            missed.append(f"{page.label}: no request answered at {connections} connections")
            continue
        if figures["p95_ms"] > TARGET_P95_MS:
            missed.append(
                f"{page.label}: p95 {figures['p95_ms']:.1f} ms > {TARGET_P95_MS:.0f} ms "
                f"at {connections} connections"
            )
        errors = figures["non2xx"] + figures["socket_errors"]
        if errors:
            missed.append(f"{page.label}: {errors} errors at {connections} connections")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=30, help="seconds per page and count")
    parser.add_argument("--connections", default="4,32", help="comma-separated, e.g. 4,32")
    parser.add_argument("--per-side", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    counts = [int(x) for x in options.connections.split(",") if x.strip()]
    if options.duration <= 0 or not counts or min(counts) <= 0:
        parser.error("--duration and --connections need numbers above 0")
    wrk = wrk_ensure()
    # A plain `kill` ends the benchmark like Ctrl-C: through the blocks that stop gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    redis_url = os.environ.get("BENCH_REDIS_URL") or os.environ.get(
        "REDIS_URL", "redis://127.0.0.1:6379/4"
    )
    secret_key = secrets.token_urlsafe(50)
    # This process shares the server's session engine, cache and key: it makes the session.
    os.environ.update({"SECRET_KEY": secret_key, "REDIS_URL": redis_url})
    os.environ.setdefault(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ruhrbridge_load"
    )
    database_url = setup_django()
    database = urlparse(database_url).path.lstrip("/")
    summary, urls = pages(options.per_side)
    print(f"database: {database_url}; {summary}")
    print(f"redis: {redis_url}; gunicorn: {options.workers} workers on 127.0.0.1:{options.port}")

    results = []
    with tempfile.TemporaryDirectory(prefix="ruhrbridge-load-") as temp:
        env = served_env(
            database_url=database_url,
            redis_url=redis_url,
            secret_key=secret_key,
            static_root=Path(temp) / "static",
        )
        collectstatic(env)
        log = Path(temp) / "gunicorn.log"
        with served(env, port=options.port, workers=options.workers, log=log) as server:
            plain = get(options.port, urls[0].path, proxied=False)
            if plain.status != 301 or not plain.location.startswith("https://"):
                raise SystemExit(
                    f"without X-Forwarded-Proto: HTTP {plain.status}, not 301 to https"
                )
            for page in urls:
                check(options.port, page)
            print(
                "each page answered 200 with its content (and 301 to https without the proxy "
                "header): " + ", ".join(p.path for p in urls)
            )
            print(f"before: {load_line()}")
            print(
                f"{'page':<10} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
                f"{'p99 ms':>8} {'errors':>7} {'app cpu':>8} {'db cpu':>7}"
            )
            for connections in counts:
                for page in urls:
                    before = cpu_snapshot(server.pid, database)
                    figures = run_wrk(wrk, options.port, page, connections, options.duration)
                    after = cpu_snapshot(server.pid, database)
                    figures.update(cpu_per_request(before, after, figures["requests"]))
                    results.append((page, connections, figures))
                    print(row(page, connections, figures), flush=True)
                    drain(options.port)
            print(f"after:  {load_line()}")
    missed = misses(results)
    if missed:
        print(
            f"Target missed (at {TARGET_CONNECTIONS} connections: p95 <= "
            f"{TARGET_P95_MS:.0f} ms, 0 errors):"
        )
        for line in missed:
            print(f"  {line}")
        return 1
    if TARGET_CONNECTIONS in counts:
        print(
            f"Target met: p95 <= {TARGET_P95_MS:.0f} ms and 0 errors at "
            f"{TARGET_CONNECTIONS} connections on every page."
        )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted; gunicorn stopped")
        sys.exit(130)

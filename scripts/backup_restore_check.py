"""Restore drill: prove that a `pg_dump -Fc` backup of RuhrBridge restores to the same data.

    python scripts/backup_restore_check.py postgres://postgres@127.0.0.1:5432/postgres

On the PostgreSQL server the URL names (its database part is only used to connect), it

1. creates a source database and fills it: `migrate`, then `load_demo` (embedded defaults
   otherwise: tasks in-process, e-mail to the console, DJANGO_DEBUG unset);
2. dumps it with `pg_dump -Fc` (the format of the nightly backup, docs/operations.md);
3. restores the dump into a second, new database with `pg_restore`;
4. counts the rows of every table of the public schema in both (exact `count(*)`) and reads
   every sequence's last value, prints them side by side;
5. drops both databases, whatever happened.

Exit status: 0 when every table and sequence matches, 1 on any difference, 2 when a step
failed (the step's output is shown). pg_dump must not be older than the server.
"""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
# Settings the demo data must not pick up from the caller's environment.
ISOLATED_VARIABLES = (
    "DJANGO_DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "EMAIL_URL",
    "EMAIL_DELIVERY_BACKEND",
    "SENTRY_DSN",
)


class StepFailed(Exception):
    """A command of the drill failed; the message carries its output."""


@dataclass(frozen=True)
class Row:
    """A table's row count or a sequence's last value on both sides, as shown: a number,
    "-" for a sequence never used, "missing" when that side has no such table/sequence."""

    kind: str
    name: str
    source: str
    restored: str

    @property
    def same(self) -> bool:
        return self.source == self.restored


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, int]
    sequences: dict[str, int | None]


def database_url(server_url: str, name: str) -> str:
    """The server URL with its database part replaced by `name`."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def maintenance_connection(server_url: str) -> psycopg.Connection:
    """Where CREATE/DROP DATABASE run: the `postgres` database every server has, else the
    URL's own one (a server URL may name a database that does not exist yet)."""
    own = urlsplit(server_url).path.strip("/")
    candidates = [database_url(server_url, "postgres"), *([server_url] if own else [])]
    for url in candidates[:-1]:
        try:
            return psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError:
            continue
    return psycopg.connect(candidates[-1], autocommit=True)


def run(step: str, command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(  # noqa: S603 - fixed commands, arguments from this script
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise StepFailed(f"{step} failed (exit {result.returncode}):\n{result.stderr[-4000:]}")


def create_database(server_url: str, name: str) -> None:
    with maintenance_connection(server_url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(server_url: str, name: str) -> None:
    with maintenance_connection(server_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def fill_with_demo_data(url: str) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings", LOG_LEVEL="WARNING")
    manage = [sys.executable, "manage.py"]
    run("migrate", [*manage, "migrate", "--noinput", "-v", "0"], env)
    run("load_demo", [*manage, "load_demo"], env)


def dump(url: str, path: Path) -> None:
    run("pg_dump", ["pg_dump", "--format=custom", "--file", str(path), "--dbname", url])


def restore(url: str, path: Path) -> None:
    run(
        "pg_restore",
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", url, str(path)],
    )


def snapshot(url: str) -> Snapshot:
    """Exact row counts of every table and the last value of every sequence (public schema)."""
    with psycopg.connect(url) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        tables = {}
        for name in names:
            query = sql.SQL("SELECT count(*) FROM public.{}").format(sql.Identifier(name))
            (tables[name],) = conn.execute(query).fetchone()
        sequences = dict(
            conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = 'public' ORDER BY sequencename"
            ).fetchall()
        )
    return Snapshot(tables=tables, sequences=sequences)


def _shown(values: dict[str, int] | dict[str, int | None], name: str) -> str:
    if name not in values:
        return "missing"
    value = values[name]
    return "-" if value is None else str(value)


def compare(source: Snapshot, restored: Snapshot) -> list[Row]:
    """One row per table and sequence found on either side."""
    rows = []
    for kind, left, right in (
        ("table", source.tables, restored.tables),
        ("sequence", source.sequences, restored.sequences),
    ):
        for name in sorted(left.keys() | right.keys()):
            rows.append(Row(kind, name, _shown(left, name), _shown(right, name)))
    return rows


def print_rows(rows: list[Row]) -> None:
    width = max((len(row.name) for row in rows), default=4)
    print(f"{'kind':<9} {'name':<{width}} {'source':>9} {'restored':>9}  result")
    for row in rows:
        result = "ok" if row.same else "DIFFERENT"
        print(f"{row.kind:<9} {row.name:<{width}} {row.source:>9} {row.restored:>9}  {result}")


@contextmanager
def timed(label: str, timings: dict[str, float]) -> Iterator[None]:
    started = time.monotonic()
    yield
    timings[label] = time.monotonic() - started


def drill(server_url: str, prefix: str) -> int:
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: install the PostgreSQL client tools.", file=sys.stderr)
            return 2
    run_id = f"{os.getpid()}_{secrets.token_hex(3)}"
    source_name, restored_name = f"{prefix}_{run_id}_source", f"{prefix}_{run_id}_restored"
    print(f"source database: {source_name}, restored database: {restored_name}")
    source_url = database_url(server_url, source_name)
    restored_url = database_url(server_url, restored_name)
    timings: dict[str, float] = {}
    created: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            dump_path = Path(scratch) / "ruhrbridge.dump"
            create_database(server_url, source_name)
            created.append(source_name)
            with timed("migrate + load_demo", timings):
                fill_with_demo_data(source_url)
            with timed("pg_dump -Fc", timings):
                dump(source_url, dump_path)
            dump_size = dump_path.stat().st_size
            create_database(server_url, restored_name)
            created.append(restored_name)
            with timed("pg_restore", timings):
                restore(restored_url, dump_path)
            with timed("compare", timings):
                source, restored = snapshot(source_url), snapshot(restored_url)
                rows = compare(source, restored)
    except (StepFailed, psycopg.Error) as error:
        print(f"The drill could not run: {error}", file=sys.stderr)
        return 2
    finally:
        for name in created:
            drop_database(server_url, name)
    print_rows(rows)
    different = [row for row in rows if not row.same]
    total_rows = sum(source.tables.values())
    print(
        f"\n{len(source.tables)} tables ({total_rows} rows) and {len(source.sequences)} "
        f"sequences compared; dump {dump_size / 1024:.0f} KiB."
    )
    print("Time: " + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in timings.items()))
    print(f"Databases {source_name} and {restored_name} dropped.")
    if different:
        print(f"DIFFERENT: {len(different)} of {len(rows)} tables and sequences differ.")
        return 1
    print("The restored database is identical: every row count and sequence matches.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "server_url",
        nargs="?",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL URL; the drill creates and drops its own databases on that server",
    )
    parser.add_argument(
        "--prefix",
        default="ops_restore_check",
        help="name prefix of the two temporary databases (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    return drill(args.server_url, args.prefix)


if __name__ == "__main__":
    sys.exit(main())

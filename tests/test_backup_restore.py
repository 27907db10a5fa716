"""The restore drill (scripts/backup_restore_check.py) against the test PostgreSQL server.

The full run takes the demo data through pg_dump -Fc and pg_restore (30-40 s on two idle
cores, nearly all of it `migrate` and `load_demo`); the comparison is checked on its own
with made-up snapshots, so that a difference is shown to fail the drill.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "backup_restore_check.py"
# The test settings' default, when the environment names no server.
SERVER_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")


def _drill_module():
    spec = importlib.util.spec_from_file_location("backup_restore_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _databases_named(names: list[str]) -> list[str]:
    drill = _drill_module()
    with drill.maintenance_connection(SERVER_URL) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname = ANY(%s)", (names,)
        ).fetchall()
    return [name for (name,) in rows]


def test_the_demo_data_restores_with_every_row_and_sequence_and_the_databases_are_dropped():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), SERVER_URL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    output = result.stdout
    assert result.returncode == 0, output + result.stderr
    assert "The restored database is identical" in output
    assert "DIFFERENT" not in output
    companies = re.search(r"^table\s+companies_company\s+(\d+)\s+(\d+)\s+ok$", output, re.M)
    assert companies and companies.group(1) == companies.group(2)
    assert int(companies.group(1)) > 0
    assert re.search(r"^sequence\s+companies_company_id_seq\s+(\d+)\s+\1\s+ok$", output, re.M)
    tables = re.search(r"^(\d+) tables \((\d+) rows\) and (\d+) sequences compared", output, re.M)
    assert tables and int(tables.group(1)) > 50 and int(tables.group(2)) > 1000
    names = re.search(r"source database: (\S+), restored database: (\S+)", output)
    assert names
    assert _databases_named([names.group(1), names.group(2)]) == []


def test_a_missing_row_a_missing_table_or_a_reset_sequence_fails_the_drill(capsys):
    drill = _drill_module()
    source = drill.Snapshot(
        tables={"companies_company": 80, "leads_lead": 3, "pages_page": 2},
        sequences={"companies_company_id_seq": 80, "leads_lead_id_seq": None},
    )
    restored = drill.Snapshot(
        tables={"companies_company": 79, "leads_lead": 3},
        sequences={"companies_company_id_seq": 1, "leads_lead_id_seq": None},
    )

    rows = drill.compare(source, restored)
    drill.print_rows(rows)

    different = {(row.kind, row.name) for row in rows if not row.same}
    assert different == {
        ("table", "companies_company"),
        ("table", "pages_page"),
        ("sequence", "companies_company_id_seq"),
    }
    shown = capsys.readouterr().out
    assert re.search(r"pages_page\s+2\s+missing\s+DIFFERENT", shown)
    assert re.search(r"leads_lead_id_seq\s+-\s+-\s+ok", shown)


def test_a_server_that_cannot_be_reached_is_reported_with_exit_status_2():
    unreachable = "postgres://postgres@127.0.0.1:1/postgres"

    result = subprocess.run(
        [sys.executable, str(SCRIPT), unreachable],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "The drill could not run" in result.stderr
    assert "127.0.0.1" in result.stderr

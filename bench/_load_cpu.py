"""CPU seconds spent by the server side of the load benchmark, read from /proc (Linux).

On a machine shared with other work, latencies say as much about the neighbours as about the
site; the CPU time that gunicorn's workers and their PostgreSQL backends spend per request does
not depend on them much, so the benchmark reports it next to the latencies.
"""

import contextlib
import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    with contextlib.suppress(OSError):
        text = Path(f"/proc/{pid}/stat").read_text()
        # The command name is in parentheses and may hold spaces: split after it.
        return text[text.rindex(")") + 2 :].split()
    return None


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes (fields 14 and 15 of /proc/PID/stat)."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def children_of(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == parent:
                pids.append(int(entry.name))
    return pids


def database_backends(database: str) -> list[int]:
    """The PostgreSQL backends connected to ``database`` other than this process's own (the
    server runs on this machine, so their /proc entries are readable as root or postgres)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        return [row[0] for row in cursor.fetchall()]

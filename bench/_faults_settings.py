"""Settings of the fault benchmarks: the served settings with shorter recovery timers.

The platform re-queues a match chunk whose heartbeat is older than MATCH_CHUNK_STALE_SECONDS
(120 s by default, a setting without an environment variable). The benchmarks shorten it
through BENCH_MATCH_CHUNK_STALE_SECONDS so that a run recovers within their time budget; the
mechanism is the same, only the timer is shorter.
"""

import os

from config.settings import *  # noqa: F403 (the served settings, unchanged but for the timer)

MATCH_CHUNK_STALE_SECONDS = int(os.environ.get("BENCH_MATCH_CHUNK_STALE_SECONDS", "120"))
# Match runs keep their state in files; the benchmarks' runs must not meet other runs' files.
MATCH_RUNS_DIR = os.environ.get("BENCH_MATCH_RUNS_DIR") or None

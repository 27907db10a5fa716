"""Settings for a test worker whose chunks take a while, so that a test can kill it mid-run.

Only the test worker subprocess uses this module (DJANGO_SETTINGS_MODULE); every pool process
computes each chunk SLOW_CHUNK_SECONDS slower.
"""

import os
import time

from celery.signals import worker_process_init

from config.settings import *  # noqa: F403

MATCH_RUNS_DIR = os.environ["MATCH_RUNS_DIR"]


@worker_process_init.connect
def _slow_chunks(**kwargs) -> None:
    from matchmaking import runs

    compute = runs.chunk_matches
    pause = float(os.environ.get("SLOW_CHUNK_SECONDS", "1"))

    def slow(*args, **options):
        time.sleep(pause)
        return compute(*args, **options)

    runs.chunk_matches = slow

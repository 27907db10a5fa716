"""Run calls at the same moment, each in its own thread and database connection."""

import threading

from django.db import connection
from django.utils import translation


def at_once(*calls) -> list:
    """Start the calls together (a barrier) and return each one's result or exception.

    Threads start without the test's active language; they speak English, as the tests do.
    """
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                results[index] = call()
        except Exception as error:  # reported to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results

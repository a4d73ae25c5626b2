"""Race tests' one harness: many threads released at the same moment (PostgreSQL only)."""

import threading

from django.db import connection


def run_together(attempt, arguments):
    """Call ``attempt(argument)`` for every argument, each in its own thread, all released at
    once by a barrier. Each thread closes its own database connection, or the test database
    cannot be dropped afterwards."""
    barrier = threading.Barrier(len(arguments))

    def run(argument):
        try:
            barrier.wait()
            attempt(argument)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

"""Fill the database with realistic data at a chosen scale, for benchmarks and profiling.

``--scale 1`` is one centre's worth (10 organisations, 6 rooms, 50 groups); ``--scale 100`` a
national network (about 300 organisations, 50 rooms, 5,000 groups over ten years of weekly
series, some 500,000 booking occurrences, 100,000 outreach entries, 50,000 registrations).
Each app that has scale data provides ``<app>/scale_data.py`` with
``create_scale_data(scale=..., stdout=...)``; they run in INSTALLED_APPS order (rooms before
groups) with bulk inserts, like ``manage.py demo`` runs each app's ``demo.py``.
"""

import importlib
import importlib.util
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


def positive_scale(value):
    try:
        scale = float(value)
    except ValueError as error:
        raise CommandError(f"--scale must be a number, not {value!r}") from error
    if not 0 < scale <= 1000:
        raise CommandError("--scale must be more than 0 and at most 1000")
    return scale


class Command(BaseCommand):
    help = "Generate scale data in bulk: --scale 1 is one centre, --scale 100 a national network."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=positive_scale,
            default=1.0,
            help="1: one centre; 100: a national network (default 1; fractions for tests)",
        )

    def handle(self, *args, scale, **options):
        started = time.perf_counter()
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.scale_data"
            if importlib.util.find_spec(module_name) is None:
                continue
            module = importlib.import_module(module_name)
            with transaction.atomic():
                module.create_scale_data(scale=scale, stdout=self.stdout)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # What autovacuum does to a live database, done now: fresh tables have no statistics
            # (the planner guesses, and the admin's row estimate, linkcentre/admin.py, reads zero
            # and counts), and no page is marked all-visible, so PostgreSQL reads the table even
            # where an index covers the query (the calendars' weekly runs: 71 -> 34 ms at scale
            # 100 with an index-only scan). VACUUM cannot run inside a transaction (a test's).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - started
        self.stdout.write(f"Scale data at scale {scale:g} done in {seconds:.0f} s.")

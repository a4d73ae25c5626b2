"""Benchmark of the key pages at scale: median time, SQL queries, response size, peak memory.

A standalone script, not a test (pytest collects only ``test_*.py``, so ``make test`` never runs
it)::

    .venv/bin/python tests/perf/bench.py                      # a temporary SQLite file
    .venv/bin/python tests/perf/bench.py --database-url postgres://postgres@127.0.0.1:5432/linkcentre_bench
    .venv/bin/python tests/perf/bench.py --scale small        # a quick run with less data

It sets Django up itself with a throwaway database (a temporary SQLite file, or a PostgreSQL
database it creates and drops; it refuses to touch one that already exists), runs the
migrations (which ship the research content), builds the data through the apps' services where
that is practical and with ``bulk_create`` where a service would take too long, and requests
every page with Django's test client. Each page is requested once to warm up, then timed
``--runs`` times (five at the large scale; three when the warm-up took over 1.5 s, once over
5 s) and the median is printed; the SQL queries are counted with
``CaptureQueriesContext`` and peak Python memory is measured with ``tracemalloc`` in one extra,
untimed request. Figures depend on the machine and its load: compare runs on the same machine.
"""

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench_data import World, build_base, build_large  # next to this script

PROJECT = Path(__file__).resolve().parents[2]

SCALES = {
    # groups in the large step (the small step always has 10), outreach entries of each kind,
    # interest registrations in bulk, runs per page
    "small": {"groups": 100, "outreach": 1_000, "registrations": 100, "runs": 3},
    "large": {"groups": 1_000, "outreach": 10_000, "registrations": 1_000, "runs": 5},
}
# A page slower than this on its warm-up request is timed three times only, or once.
SLOW_SECONDS, VERY_SLOW_SECONDS = 1.5, 5


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="postgres://user@host:port/name of a database to create and drop "
        "(default: a temporary SQLite file)",
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="large")
    parser.add_argument("--runs", type=int, help="timed requests per page (default: per scale)")
    return parser.parse_args(argv)


# --- the throwaway database --------------------------------------------------------------------


class PostgresDatabase:
    """Create the database named in the URL on enter, drop it on exit; never reuse one."""

    def __init__(self, url):
        parts = urlsplit(url)
        self.url = url
        self.name = parts.path.lstrip("/")
        if not self.name or parts.scheme not in ("postgres", "postgresql", "pgsql"):
            sys.exit(f"--database-url must be postgres://user@host:port/name, not {url!r}")
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.created = False

    def _admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def __enter__(self):
        from psycopg import sql

        with self._admin() as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            if exists:
                sys.exit(
                    f"Database {self.name!r} already exists. The benchmark only uses a database "
                    "it creates itself; drop it or name another one in --database-url."
                )
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        self.created = True
        return self.url

    def __exit__(self, *exc):
        if not self.created:
            return
        from django.db import connections
        from psycopg import sql

        connections.close_all()
        with self._admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(self.name)))


class SqliteDatabase:
    def __enter__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="linkcentre-bench-")
        return f"sqlite:///{self.folder.name}/bench.sqlite3"

    def __exit__(self, *exc):
        from django.db import connections

        connections.close_all()
        self.folder.cleanup()


def setup_django(database_url):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "linkcentre.settings",
            "DEBUG": "1",
            "SECRET_KEY": "benchmark-only-not-secret",
            "DATABASE_URL": database_url,
            # The test client's host, and mail kept in memory (bookings and sign-ups send mail).
            "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            # Time the rendering, not the page cache's copy of the warm-up request.
            "PUBLIC_PAGE_CACHE_SECONDS": "0",
        }
    )
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- measuring ---------------------------------------------------------------------------------


def content_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def measure(client, url, runs):
    """Median wall time, queries, size and peak traced memory of GET ``url``."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}, not 200")
        return response

    started = time.perf_counter()
    response = get()  # warm-up: templates, translations, URL resolvers
    warm_up = time.perf_counter() - started
    if warm_up > VERY_SLOW_SECONDS:
        runs = 1
    elif warm_up > SLOW_SECONDS:
        runs = min(runs, 3)
    times = []
    for _ in range(runs):
        gc.collect()
        reset_queries()  # the log keeps at most 9,000 queries; building the data filled it
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = get()
            times.append(time.perf_counter() - started)
            size = len(content_of(response))
    gc.collect()
    tracemalloc.start()
    get()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "ms": statistics.median(times) * 1000,
        "queries": len(queries),
        "kb": size / 1024,
        "mb": peak / 1024 / 1024,
        "runs": len(times),
    }


def print_table(rows):
    headers = ["page", "scale", "median ms", "runs", "queries", "KB", "peak MB"]
    cells = [
        [
            row["page"],
            row["scale"],
            f"{row['ms']:.1f}",
            str(row["runs"]),
            str(row["queries"]),
            f"{row['kb']:.1f}",
            f"{row['mb']:.2f}",
        ]
        for row in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    left = {0, 1}

    def line(values):
        return (
            "| "
            + " | ".join(
                v.ljust(w) if i in left else v.rjust(w)
                for i, (v, w) in enumerate(zip(values, widths, strict=True))
            )
            + " |"
        )

    print(line(headers))
    print(
        "| "
        + " | ".join("-" * w if i in left else "-" * (w - 1) + ":" for i, w in enumerate(widths))
        + " |"
    )
    for row in cells:
        print(line(row))


def run(args):
    from django.db import connection
    from django.test import Client

    from groups.models import Group
    from outreach.models import ContactActivity, Distribution
    from research.models import Finding, Principle
    from rooms.models import Booking

    scale = SCALES[args.scale]
    runs = args.runs or scale["runs"]
    world = World(scale)
    rows = []
    anonymous, member, staff = Client(), Client(), Client()

    def page(client, label, url, scale_label):
        result = measure(client, url, runs)
        rows.append({"page": label, "scale": scale_label, **result})
        print(
            f"  {label:<40} {scale_label:<26} {result['ms']:8.1f} ms  ({result['runs']} runs)",
            flush=True,
        )

    def week_bookings():
        from rooms.times import local_datetime

        start = local_datetime(world.monday, dt.time.min)
        return Booking.objects.active().overlapping(start, start + dt.timedelta(days=7)).count()

    started = time.perf_counter()
    build_base(world)
    member.force_login(world.member)
    staff.force_login(world.admin)
    print(f"Built the base data in {time.perf_counter() - started:.1f} s", flush=True)

    week_url = f"/rom/?date={world.monday.isoformat()}"
    research = f"{Principle.objects.count()} principles, {Finding.objects.count()} findings"
    page(anonymous, "/", "/", "-")
    page(anonymous, "/forskning/", "/forskning/", research)
    for label, url in [
        ("/grupper/", "/grupper/"),
        ("/grupper/<slug>/", f"/grupper/{world.groups[2].slug}/"),
        ("/grupper/meeting-guide.json", "/grupper/meeting-guide.json"),
        ("/grupper/kalender.ics", "/grupper/kalender.ics"),
    ]:
        page(anonymous, label, url, f"{Group.objects.count():,} groups")
    page(member, "/rom/?date=<week>", week_url, f"{week_bookings():,} bookings that week")

    started = time.perf_counter()
    build_large(world)
    print(f"Built the large data in {time.perf_counter() - started:.1f} s", flush=True)

    groups = f"{Group.objects.count():,} groups"
    for label, url in [
        ("/grupper/", "/grupper/"),
        ("/grupper/<slug>/", f"/grupper/{world.groups[-3].slug}/"),
        ("/grupper/meeting-guide.json", "/grupper/meeting-guide.json"),
        ("/grupper/kalender.ics", "/grupper/kalender.ics"),
    ]:
        page(anonymous, label, url, groups)
    page(member, "/rom/?date=<week>", week_url, f"{week_bookings():,} bookings that week")
    own = Booking.objects.for_organisation(world.member_organisation).count()
    page(member, "/rom/mine/", "/rom/mine/", f"{own:,} own bookings")
    entries = f"{Distribution.objects.count():,} distr. + {ContactActivity.objects.count():,} act."
    page(staff, "/personale/utadrettet/", "/personale/utadrettet/", entries)
    page(
        staff,
        "admin: outreach distribution",
        "/admin/outreach/distribution/",
        f"{Distribution.objects.count():,} distributions",
    )
    page(
        staff,
        "admin: outreach contactactivity",
        "/admin/outreach/contactactivity/",
        f"{ContactActivity.objects.count():,} activities",
    )
    from groups.models import InterestRegistration

    page(
        staff,
        "admin: groups interestregistration",
        "/admin/groups/interestregistration/",
        f"{InterestRegistration.objects.count():,} registrations",
    )

    vendor = connection.vendor
    version = (
        ".".join(map(str, connection.Database.sqlite_version_info))
        if vendor == "sqlite"
        else f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    )
    print()
    print(
        f"Database: {vendor} {version}; scale {args.scale}; median of up to {runs} runs "
        f"(3 when the warm-up took over {SLOW_SECONDS:g} s, 1 over {VERY_SLOW_SECONDS:g} s); "
        "peak MB from tracemalloc in one more run."
    )
    print()
    print_table(rows)


def main(argv=None):
    args = parse_args(argv)
    if args.runs is not None and args.runs < 1:
        sys.exit("--runs must be at least 1")
    started = time.perf_counter()
    database = PostgresDatabase(args.database_url) if args.database_url else SqliteDatabase()
    with database as url:
        setup_django(url)
        run(args)
    print(f"\nTotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``make bench``: the app under gunicorn, driven by wrk, as a ratio to a bare Django page.

Not a test (pytest collects only ``test_*.py``). For each database (SQLite, then PostgreSQL):

1. builds one database with ``generate_scale_data --scale 1`` and one with ``--scale N``
   (default 100), and counts each page's queries on both in-process (page cache off);
2. serves the app on the large one with gunicorn (2 sync workers, production settings:
   DEBUG=0, a fresh SECRET_KEY, ALLOWED_HOSTS, SECURE_SSL_REDIRECT=0, the page cache in Redis
   under a key prefix of this run's own) and the floor app (tests/perf/floor: one view,
   Django's default middleware, one query, a small template) with the same gunicorn;
3. for every page, several rounds of wrk (16 connections) on the floor and on the page in
   turn; prints the median requests per second, p50 and p99 latency, and the median of the
   rounds' ratios to the floor; for anonymous pages also the time of the first request after
   a real edit (a group saved, so the page cache is dropped);
4. drops what it created (``--keep`` keeps the databases; ``--reuse`` uses a large database
   that already has the scale data, to re-run the timings without building it again: the
   PostgreSQL database ``<--postgres-url's name>_n<N>``, e.g. ``linkcentre_bench_n100``, and
   the SQLite file ``<--sqlite-folder>/n<N>.sqlite3``; it is migrated first, and kept).

A page that does not answer 200 (a redirect to the login page, say) is marked in the table, not
timed, and the run exits non-zero at the end. ``wrk_pages.py`` holds the pages and what runs in
the app's environment; ``wrk_serve.py`` the databases, servers, requests and wrk.

    .venv/bin/python tests/perf/wrk_bench.py --scale 100
    .venv/bin/python tests/perf/wrk_bench.py --scale 10 --backends sqlite --seconds 2 --rounds 3
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

# Next to this script: the pages and the app-side subcommands, and the serving machinery.
from wrk_pages import pages, subcommand
from wrk_serve import (
    CONNECTIONS,
    Database,
    app_env,
    clear_redis,
    fetch,
    fetch_ms,
    gunicorn,
    wait_for,
    wrk,
)

PROJECT = Path(__file__).resolve().parents[2]
APP_PORT, FLOOR_PORT = 8771, 8772
# The megabyte feeds' bytes with no page around them (tests/perf/floor): the app and its port.
BYTES_APPS = {
    "wsgi": ("tests.perf.floor.bytes_wsgi:application", 8773),
    "django": ("tests.perf.floor.bytes_django:application", 8774),
}
# The cached pages of a megabyte, asked for without gzip: also timed as their bare bytes.
LARGE_PLAIN = ("/grupper/meeting-guide.json", "/grupper/kalender.ics")


# The edits the first request after is timed for, each the median of three (one request is one
# sample, and a single slow one said more about the machine than the page): a group saved
# (drops every page, keeps what is made of the rooms' tables alone) and a booking renamed
# (drops that too).
EDITS = ("group", "booking")
EDITS_EACH = 3


def first_request_after(env, kind, world, url):
    subcommand(env, "edit", kind, world["slug"])
    status, ms, headers = fetch(url)
    if status != 200 or headers.get("X-Page-Cache") != "miss":
        sys.exit(f"{url}: the first request after a {kind} edit was not made again")
    return ms


def bare_bytes(url, args, folder):
    """The page's bytes sent under the same gunicorn by a bare WSGI app (no Django) and by
    Django with no middleware (tests/perf/floor/bytes_django.py), alternating with the floor as
    the pages are: {"size": bytes, "wsgi"/"django": (median req/s, median ratio to the floor)}.
    """
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - localhost
        body = response.read()
    path = Path(folder) / "bare-body"
    path.write_bytes(body)
    env = {**os.environ, "BENCH_BODY": str(path), "PYTHONPATH": str(PROJECT)}
    servers = {name: gunicorn(module, port, env) for name, (module, port) in BYTES_APPS.items()}
    addresses = {name: f"http://127.0.0.1:{port}/" for name, (_m, port) in BYTES_APPS.items()}
    try:
        for address in addresses.values():
            wait_for(address)
        rounds = []
        for _round in range(args.rounds):
            bare = wrk(f"http://127.0.0.1:{FLOOR_PORT}/", args.seconds)
            rounds.append((bare, {name: wrk(a, args.seconds) for name, a in addresses.items()}))
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)
    result = {"size": len(body)}
    for name in servers:
        result[name] = (
            statistics.median(pages[name]["rps"] for _b, pages in rounds),
            statistics.median(pages[name]["rps"] / b["rps"] for b, pages in rounds),
        )
    return result


def measure(world, env, args, folder):
    base, floor = f"http://127.0.0.1:{APP_PORT}", f"http://127.0.0.1:{FLOOR_PORT}/"
    rows = []
    for label, who, path, data, *more in pages(world):
        cookie = world["cookies"][who]
        status, _ms, headers = fetch(base + path, cookie, data)  # warm: caches and templates
        if status != 200:
            # Marked in the table (and the run fails at the end) rather than stopping a long run.
            print(f"  {label:<40} answered HTTP {status}, not 200: not timed", flush=True)
            rows.append({"page": label, "status": status})
            continue
        extra = more[0] if more else None
        if extra == "etag":
            extra = {"If-None-Match": headers["ETag"]}
        # One request at a time: what a visitor waits when the server is not queueing.
        alone = statistics.median(fetch_ms(base + path, cookie, data, extra) for _ in range(5))
        rounds = []
        for _round in range(args.rounds):
            bare = wrk(floor, args.seconds)
            page = wrk(base + path, args.seconds, cookie, data, folder, extra)
            rounds.append((bare, page))
        after_edit = {}
        if who == "anonymous" and not more:
            for kind in EDITS:
                after_edit[kind] = statistics.median(
                    first_request_after(env, kind, world, base + path) for _ in range(EDITS_EACH)
                )
        if label in LARGE_PLAIN:
            more_row = {"bare": bare_bytes(base + path, args, folder)}
        else:
            more_row = {}
        row = {
            **more_row,
            "page": label,
            "status": status,
            "rps": statistics.median(p["rps"] for _b, p in rounds),
            "p50": statistics.median(p["p50"] for _b, p in rounds),
            "p99": statistics.median(p["p99"] for _b, p in rounds),
            "ratio": statistics.median(p["rps"] / b["rps"] for b, p in rounds),
            "floor": statistics.median(b["rps"] for b, _p in rounds),
            "after_edit": after_edit,
            "alone": alone,
            "errors": sum(p["errors"] for _b, p in rounds),
        }
        rows.append(row)
        print(
            f"  {label:<40} {row['rps']:8.0f} req/s  p50 {row['p50']:7.1f} ms  "
            f"p99 {row['p99']:7.1f} ms  ×{row['ratio']:.2f}",
            flush=True,
        )
    return rows


def table(rows, small_counts, large_counts, scale):
    headers = [
        "page",
        "alone ms",
        "req/s",
        "p50 ms",
        "p99 ms",
        "× floor",
        "after a group edit ms",
        "after a booking edit ms",
        "queries N=1",
        f"queries N={scale:g}",
    ]
    lines = ["| " + " | ".join(headers) + " |", "| --- |" + " ---: |" * (len(headers) - 1)]
    for row in rows:
        counts = f"{small_counts[row['page']]} | {large_counts[row['page']]} |"
        if row["status"] != 200:
            lines.append(
                f"| `{row['page']}` | **HTTP {row['status']}**, not timed |{' |' * 6} {counts}"
            )
            continue
        edit = " | ".join(
            f"{row['after_edit'][kind]:.0f}" if kind in row["after_edit"] else "" for kind in EDITS
        )
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| `{row['page']}`{errors} | {row['alone']:.0f} | {row['rps']:.0f} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | "
            f"{row['ratio']:.2f} | {edit} | {counts}"
        )
    for row in rows:
        if "bare" in row:
            bare = row["bare"]
            (wsgi_rps, wsgi_ratio), (django_rps, django_ratio) = bare["wsgi"], bare["django"]
            lines.append(
                f"\n`{row['page']}` without gzip is {bare['size'] / 1e6:.2f} MB. Those bytes "
                f"under the same gunicorn: a bare WSGI app (no Django) did {wsgi_rps:.0f} req/s, "
                f"{wsgi_ratio:.2f} × the floor; Django with no middleware, sending them from "
                f"memory, did {django_rps:.0f} req/s, {django_ratio:.2f} × the floor; the page "
                f"did {row['ratio']:.2f}."
            )
    return "\n".join(lines)


def run(args):
    secret_key = secrets.token_urlsafe(50)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env={**os.environ, "DEBUG": "0", "SECRET_KEY": secret_key},
        check=True,
    )
    folder = tempfile.mkdtemp(prefix="linkcentre-wrk-")
    floor_env = {
        **os.environ,
        "SECRET_KEY": secret_key,
        "FLOOR_DATABASE": str(Path(folder) / "floor.sqlite3"),
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "tests.perf.floor.settings",
    }
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.core.management import call_command; "
            "call_command('migrate', verbosity=0); "
            "from django.contrib.auth.models import Group; "
            "Group.objects.bulk_create(Group(name=f'Gruppe {i}') for i in range(10))",
        ],
        env=floor_env,
        cwd=PROJECT,
        check=True,
    )
    report, failed = [], []
    for kind in args.backends:
        print(f"\n{kind}: building scale 1 and scale {args.scale:g}", flush=True)
        prefix = f"bench-{os.getpid()}-{kind}"
        # Named apart from the large one, which at --scale 1 is "n1".
        small = Database(kind, "small", folder, args.postgres_url, args.keep, False)
        large = Database(
            kind,
            f"n{args.scale:g}".replace(".", "_"),
            args.sqlite_folder or folder,
            args.postgres_url,
            args.keep,
            args.reuse,
        )
        with small, large:
            small_env = app_env(small.url, prefix + "-n1", args.redis_url, secret_key)
            small_env["PUBLIC_PAGE_CACHE_SECONDS"] = "0"
            world_small = subcommand(small_env, "prepare", "1")
            small_counts = subcommand(small_env, "count", json.dumps(world_small))
            env = app_env(large.url, prefix, args.redis_url, secret_key)
            world = subcommand(env, "prepare", str(args.scale))
            large_counts = subcommand(
                {**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"}, "count", json.dumps(world)
            )
            app, floor = (
                gunicorn("linkcentre.wsgi", APP_PORT, env),
                gunicorn("tests.perf.floor.wsgi", FLOOR_PORT, floor_env),
            )
            try:
                wait_for(f"http://127.0.0.1:{APP_PORT}/healthz")
                wait_for(f"http://127.0.0.1:{FLOOR_PORT}/")
                print(
                    f"{kind}: {world['sizes']['groups']:,} groups, "
                    f"{world['sizes']['bookings']:,} bookings; wrk {CONNECTIONS} connections, "
                    f"{args.rounds} rounds of {args.seconds} s per page and floor",
                    flush=True,
                )
                rows = measure(world, env, args, folder)
            finally:
                for server in (app, floor):
                    server.terminate()
                    server.wait(timeout=30)
                clear_redis(args.redis_url, prefix)
        failed += [
            f"{kind}: {row['page']} (HTTP {row['status']})" for row in rows if row["status"] != 200
        ]
        floor_rps = statistics.median([row["floor"] for row in rows if "floor" in row] or [0])
        report.append(
            f"\n### {kind}, scale {args.scale:g} ({world['sizes']['groups']:,} groups, "
            f"{world['sizes']['bookings']:,} bookings); floor {floor_rps:.0f} req/s\n\n"
            + table(rows, small_counts, large_counts, args.scale)
        )
    print("\n".join(report))
    if failed:
        sys.exit("\nThese pages did not answer 200 and were not timed:\n  " + "\n  ".join(failed))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=100)
    parser.add_argument(
        "--backends", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument(
        "--postgres-url", default="postgres://postgres@127.0.0.1:5432/linkcentre_bench"
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    )
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the large database if it exists (with --sqlite-folder for SQLite)",
    )
    parser.add_argument("--sqlite-folder", help="where the large SQLite database is (or goes)")
    args = parser.parse_args(argv)
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())

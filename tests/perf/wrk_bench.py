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
4. drops what it created (``--keep`` keeps the databases; ``--reuse`` uses a database that
   already has the scale data, to re-run the timings without building it again).

    .venv/bin/python tests/perf/wrk_bench.py --scale 100
    .venv/bin/python tests/perf/wrk_bench.py --scale 10 --backends sqlite --seconds 2 --rounds 3
"""

import argparse
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"
APP_PORT, FLOOR_PORT = 8771, 8772
CONNECTIONS = 16
RESULT = "BENCH-RESULT "  # marks a subcommand's JSON line on stdout


# --- pages ---------------------------------------------------------------------------------


GZIP = {"Accept-Encoding": "gzip"}


def pages(world):
    """(label, who, path, post data or None[, headers]). ``who``: anonymous, org or staff.

    The feeds are asked for three ways: plain (wrk sends no Accept-Encoding), gzipped as
    browsers, meeting finders and calendar apps ask, and as a conditional request from a
    reader that has the current version (``etag`` is filled in when the page is warmed)."""
    slug, monday = world["slug"], world["monday"]
    return [
        ("/", "anonymous", "/", None),
        ("/grupper/", "anonymous", "/grupper/", None),
        ("/en/grupper/", "anonymous", "/en/grupper/", None),
        ("/grupper/?type=apen&dag=tirsdag", "anonymous", "/grupper/?type=apen&dag=tirsdag", None),
        ("/en/grupper/?tid=kveld&side=2", "anonymous", "/en/grupper/?tid=kveld&side=2", None),
        ("/grupper/<slug>/", "anonymous", f"/grupper/{slug}/", None),
        ("/forskning/", "anonymous", "/forskning/", None),
        ("/for-fagfolk/", "anonymous", "/for-fagfolk/", None),
        ("/grupper/meeting-guide.json", "anonymous", "/grupper/meeting-guide.json", None),
        (
            "/grupper/meeting-guide.json gzip",
            "anonymous",
            "/grupper/meeting-guide.json",
            None,
            GZIP,
        ),
        (
            "/grupper/meeting-guide.json If-None-Match",
            "anonymous",
            "/grupper/meeting-guide.json",
            None,
            "etag",
        ),
        ("/grupper/kalender.ics", "anonymous", "/grupper/kalender.ics", None),
        ("/grupper/kalender.ics gzip", "anonymous", "/grupper/kalender.ics", None, GZIP),
        ("/grupper/<slug>.ics", "anonymous", f"/grupper/{slug}.ics", None),
        ("/rom/?date=<week> (org)", "org", f"/rom/?date={monday}", None),
        ("/rom/bestill/ 52-week preview (org)", "org", "/rom/bestill/", world["preview"]),
        ("admin: bookings", "staff", "/admin/rooms/booking/", None),
        ("admin: registrations", "staff", "/admin/groups/interestregistration/", None),
        ("admin: contact activities", "staff", "/admin/outreach/contactactivity/", None),
        ("admin: distributions", "staff", "/admin/outreach/distribution/", None),
        ("/personale/utadrettet/ (staff)", "staff", "/personale/utadrettet/", None),
    ]


# --- subcommands, run in a child process with the app's environment -----------------------


def setup_django():
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def prepare(scale):
    """Migrate, generate the scale data (once), make the logins: print what the pages need."""
    setup_django()
    import datetime as dt
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.core.management import call_command

    from groups.models import Group
    from linkcentre.middleware import start_staff_session_clock
    from rooms.models import Booking, Organisation, Room
    from rooms.times import today_local

    call_command("migrate", interactive=False, verbosity=0)
    if not Organisation.objects.filter(slug__startswith="skala-").exists():
        started = time.perf_counter()
        call_command("generate_scale_data", scale=scale)
        print(f"  generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    user_model = get_user_model()
    staff, _created = user_model.objects.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    member = user_model.objects.get(username="skala-org-0001")
    engine = import_module(settings.SESSION_ENGINE)

    def session_for(user):
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if user.is_staff:
            start_staff_session_clock(session)
        session.save()
        return session.session_key

    today = today_local()
    monday = today + dt.timedelta(days=7 - today.weekday())
    room = Room.objects.filter(slug__startswith="skala-").order_by("slug").first()
    group = Group.objects.listed().filter(status=Group.Status.RUNNING).order_by("pk").first()
    csrf = secrets.token_hex(16)  # an unmasked 32-character secret: cookie and form field alike
    world = {
        "slug": group.slug,
        "monday": monday.isoformat(),
        "cookies": {
            "anonymous": "",
            "org": f"{settings.SESSION_COOKIE_NAME}={session_for(member)}; csrftoken={csrf}",
            "staff": f"{settings.SESSION_COOKIE_NAME}={session_for(staff)}",
        },
        "csrf": csrf,
        "preview": {
            "room": room.pk,
            "repeat": "weekly",
            "date": monday.isoformat(),
            "last_date": (monday + dt.timedelta(weeks=51)).isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
            "title": "Benchmark",
            "action": "preview",
            "csrfmiddlewaretoken": csrf,
        },
        "sizes": {
            "groups": Group.objects.count(),
            "bookings": Booking.objects.count(),
        },
    }
    print(RESULT + json.dumps(world))


def count_queries(world_json):
    """Each page's queries, in-process with the page cache off."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    world = json.loads(world_json)
    user_model = get_user_model()
    clients = {"anonymous": Client(), "org": Client(), "staff": Client()}
    clients["org"].force_login(user_model.objects.get(username="skala-org-0001"))
    clients["staff"].force_login(user_model.objects.get(username="bench-staff"))
    counts = {}
    for label, who, path, data, *_headers in pages(world):
        client = clients[who]

        def get(client=client, path=path, data=data):
            return client.post(path, data) if data else client.get(path)

        get()
        with CaptureQueriesContext(connection) as queries:
            response = get()
        counts[label] = (
            len(queries) if response.status_code == 200 else f"HTTP {response.status_code}"
        )
    print(RESULT + json.dumps(counts))


def edit_a_group(slug):
    """A real edit, as staff would make it: the page cache is dropped after commit."""
    setup_django()
    from groups.models import Group

    Group.objects.get(slug=slug).save()


def subcommand(env, *args):
    result = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args[:1])} failed:\n{result.stdout}\n{result.stderr}")
    sys.stderr.write(result.stderr)
    lines = [line for line in result.stdout.splitlines() if line.startswith(RESULT)]
    return json.loads(lines[-1][len(RESULT) :]) if lines else None


# --- databases -----------------------------------------------------------------------------


class Database:
    """A SQLite file in a temporary folder, or a PostgreSQL database created (and dropped)."""

    def __init__(self, kind, name, folder, postgres_url, keep, reuse):
        self.kind, self.keep, self.reuse, self.created = kind, keep, reuse, False
        if kind == "sqlite":
            self.path = Path(folder) / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            parts = urlsplit(postgres_url)
            self.name = f"{parts.path.lstrip('/')}_{name}"
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    def _admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True)

    def __enter__(self):
        if self.kind == "postgres":
            from psycopg import sql

            with self._admin() as admin:
                exists = admin.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
                ).fetchone()
                if exists and not self.reuse:
                    sys.exit(f"Database {self.name} exists; drop it, or pass --reuse.")
                if not exists:
                    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
                    self.created = True
        return self

    def __exit__(self, *exc):
        if self.keep or self.reuse:
            return
        if self.kind == "postgres" and self.created:
            from psycopg import sql

            with self._admin() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(self.name))
                )
        elif self.kind == "sqlite":
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)


# --- serving and measuring ------------------------------------------------------------------


def app_env(database_url, prefix, redis_url, secret_key):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "linkcentre.settings",
        "PYTHONPATH": str(PROJECT),
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Many logins from one address in a benchmark are not an attack.
        "AXES_FAILURE_LIMIT": "1000",
    }


def gunicorn(module, port, env):
    return subprocess.Popen(
        [
            str(GUNICORN),
            module,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--chdir",
            str(PROJECT),
        ],
        env=env,
        cwd=PROJECT,
    )


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout} s")


def fetch(url, cookie="", data=None, extra=None):
    headers = {"Cookie": cookie} if cookie else {}
    headers.update(extra or {})
    body = None
    if data is not None:
        body = urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - localhost
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        response.read()
        return response.status, (time.perf_counter() - started) * 1000, response.headers


def fetch_ms(url, cookie, data, extra):
    started = time.perf_counter()
    try:
        fetch(url, cookie, data, extra)
    except urllib.error.HTTPError as error:  # 304 Not Modified arrives as an "error"
        if error.code != 304:
            raise
    return (time.perf_counter() - started) * 1000


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, seconds, cookie="", data=None, folder=None, extra=None):
    # A long timeout: a slow page's latency is measured, not dropped as a timeout.
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    command.append(url)
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    for name, value in (extra or {}).items():
        command[1:1] = ["-H", f"{name}: {value}"]
    if data is not None:
        script = Path(folder) / "post.lua"
        script.write_text(
            'wrk.method = "POST"\n'
            f"wrk.body = {json.dumps(urlencode(data))}\n"
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        )
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        percent: float(value) * UNITS[unit]
        for percent, value, unit in re.findall(
            r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        )
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": int(errors.group(1)) if errors else 0,
    }


def measure(world, env, args, folder):
    base, floor = f"http://127.0.0.1:{APP_PORT}", f"http://127.0.0.1:{FLOOR_PORT}/"
    rows = []
    for label, who, path, data, *more in pages(world):
        cookie = world["cookies"][who]
        status, _ms, headers = fetch(base + path, cookie, data)  # warm: caches and templates
        if status != 200:
            sys.exit(f"{label} answered {status}")
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
        after_edit = None
        if who == "anonymous" and not more:
            subcommand(env, "edit", world["slug"])
            _status, after_edit, headers = fetch(base + path)
            if headers.get("X-Page-Cache") != "miss":
                sys.exit(f"{label}: the first request after an edit was not made again")
        row = {
            "page": label,
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
        "after an edit ms",
        "queries N=1",
        f"queries N={scale:g}",
    ]
    lines = ["| " + " | ".join(headers) + " |", "| --- |" + " ---: |" * (len(headers) - 1)]
    for row in rows:
        edit = f"{row['after_edit']:.0f}" if row["after_edit"] is not None else ""
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| `{row['page']}`{errors} | {row['alone']:.0f} | {row['rps']:.0f} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | "
            f"{row['ratio']:.2f} | {edit} | {small_counts[row['page']]} | "
            f"{large_counts[row['page']]} |"
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
    report = []
    for kind in args.backends:
        print(f"\n{kind}: building scale 1 and scale {args.scale:g}", flush=True)
        prefix = f"bench-{os.getpid()}-{kind}"
        small = Database(kind, "n1", folder, args.postgres_url, args.keep, False)
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
        floor_rps = statistics.median(row["floor"] for row in rows)
        report.append(
            f"\n### {kind}, scale {args.scale:g} ({world['sizes']['groups']:,} groups, "
            f"{world['sizes']['bookings']:,} bookings); floor {floor_rps:.0f} req/s\n\n"
            + table(rows, small_counts, large_counts, args.scale)
        )
    print("\n".join(report))


def clear_redis(url, prefix):
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["prepare"]:
        return prepare(float(argv[1]))
    if argv[:1] == ["count"]:
        return count_queries(argv[1])
    if argv[:1] == ["edit"]:
        return edit_a_group(argv[1])
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

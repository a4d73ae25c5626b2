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
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]

SCALES = {
    # groups in the large step (the small step always has 10), outreach entries of each kind,
    # interest registrations in bulk, runs per page
    "small": {"groups": 100, "outreach": 1_000, "registrations": 100, "runs": 3},
    "large": {"groups": 1_000, "outreach": 10_000, "registrations": 1_000, "runs": 5},
}
BASE_GROUPS = 10
ORGANISATIONS = 50
WEEKS = 10  # every weekly series runs ten weeks from next Monday
# A page slower than this on its warm-up request is timed three times only, or once.
SLOW_SECONDS, VERY_SLOW_SECONDS = 1.5, 5
SEED = 20261201


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
        }
    )
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- data --------------------------------------------------------------------------------------


class World:
    """What the pages need: logins, the benchmark week, a group to show."""

    def __init__(self, scale):
        self.scale = scale
        self.rng = random.Random(SEED)


def half_hours():
    return [dt.time(8 + i // 2, 30 * (i % 2)) for i in range(28)]  # 08:00 … 21:30


def plus_minutes(time, minutes):
    return (dt.datetime.combine(dt.date.min, time) + dt.timedelta(minutes=minutes)).time()


def series_days(world, weekday):
    return [world.monday + dt.timedelta(days=weekday, weeks=week) for week in range(WEEKS)]


def build_base(world):
    """Rooms, opening hours, 50 organisations with a login each, staff, 10 groups through the
    services with sign-ups and placements, and the outreach history."""
    from django.contrib.auth import get_user_model

    from groups import services as group_services
    from groups.models import Group
    from rooms.models import OpeningHours, Organisation, Room
    from rooms.times import today_local

    user_model = get_user_model()
    world.admin = user_model.objects.create_superuser(
        username="bench-admin", email="admin@bench.example", password=None
    )
    world.rooms = [
        Room.objects.create(
            name=name,
            slug=slug,
            capacity=capacity,
            wheelchair_accessible=step_free,
            display_order=order,
        )
        for order, (slug, name, capacity, step_free) in enumerate(
            [
                ("stua", "Stua", 20, True),
                ("rom-2", "Rom 2", 12, True),
                ("rom-3", "Rom 3", 8, False),
                ("moterommet", "Møterommet", 10, True),
                ("rom-5", "Rom 5", 8, True),
                ("salen", "Salen", 40, True),
            ]
        )
    ]
    # Open 08–22 every day: room for 6 × 7 × 28 = 1,176 half-hour meetings a week.
    OpeningHours.objects.bulk_create(
        OpeningHours(weekday=day, opens=dt.time(8), closes=dt.time(22)) for day in range(7)
    )
    world.centre = group_services.centre_organisation()
    world.organisations = []
    for i in range(ORGANISATIONS):
        organisation = Organisation.objects.create(
            name=f"Partner {i + 1:02d}",
            slug=f"partner-{i + 1:02d}",
            email=f"partner-{i + 1:02d}@bench.example",
            website=f"https://partner-{i + 1:02d}.bench.example",
        )
        organisation.members.add(
            user_model.objects.create_user(username=f"partner-{i + 1:02d}", password=None)
        )
        world.organisations.append(organisation)
    # Partner 02 runs an open group booked through the service here, and more in build_large.
    world.member_organisation = world.organisations[1]
    world.member = world.member_organisation.members.get()

    today = today_local()
    world.monday = today + dt.timedelta(days=7 - today.weekday())  # next Monday
    world.last_date = world.monday + dt.timedelta(weeks=WEEKS, days=-1)
    # Every free half-hour of the week, in a fixed random order; the base groups take
    # 18:00–19:30 in ten different (room, weekday) pairs.
    taken = set()
    world.groups = []
    for i in range(BASE_GROUPS):
        room, weekday = world.rooms[i % 6], i % 7  # ten different pairs
        start = dt.time(18)
        taken.update((room.pk, weekday, plus_minutes(start, m)) for m in (0, 30, 60))
        is_open = i % 2 == 1
        group = Group.objects.create(
            kind=Group.Kind.OPEN if is_open else Group.Kind.CLOSED,
            name=f"Gruppe {i + 1:04d}",
            slug=f"gruppe-{i + 1:04d}",
            languages=["nb", "en"] if i % 3 == 0 else ["nb"],
            status=Group.Status.RUNNING,
            organisation=world.organisations[i] if is_open else None,
            meeting_guide_types=["O", "D"] if is_open else [],
            short_description_nb="En trygg gruppe på tvers av livsproblemer.",
            short_description_en="A safe group across life problems.",
        )
        result = group_services.book_quietly(
            organisation=world.organisations[i] if is_open else world.centre,
            room=room,
            weekday=weekday,
            start_time=start,
            end_time=dt.time(19, 30),
            first_date=world.monday,
            last_date=world.last_date,
            title=group.name,
            is_public=True,
        )
        group.meeting_series = result.series
        group.save()
        world.groups.append(group)
    world.free_slots = [
        (room, weekday, time)
        for room in world.rooms
        for weekday in range(7)
        for time in half_hours()
        if (room.pk, weekday, time) not in taken
    ]
    world.rng.shuffle(world.free_slots)

    # Sign-ups through the service; six people in each closed group, then a waiting list.
    closed = [group for group in world.groups if group.is_closed]
    for i in range(40):
        registration = group_services.register_interest(
            first_name=f"Person {i + 1}",
            email=f"person{i + 1}@bench.example",
            is_adult=True,
            read_expectations=True,
            free_choice=True,
            consent_version=group_services.current_consent_version(),
            consented_at=dt.datetime.now(tz=dt.UTC),
            preferred_weekdays=[i % 7],
            preferred_times=["evening"],
            notify=False,
        )
        if i < 35:
            group_services.place_in_group(
                registration=registration, group=closed[i % len(closed)], waitlist=i >= 30
            )
    build_outreach(world)


def build_outreach(world):
    """Brochures with stock received through the service, then ``n`` contact activities and
    ``n`` distributions (two brochures left on each visit) with their stock movements, in bulk,
    over the report's default range (the last twelve months)."""
    from django.contrib.auth import get_user_model

    from outreach import demo, services
    from outreach.forms import ReportFilterForm
    from outreach.models import (
        Brochure,
        ContactActivity,
        Distribution,
        Place,
        Professional,
        StockMovement,
    )
    from rooms.times import LOCAL_TZ

    n = world.scale["outreach"]
    rng = world.rng
    staff = [world.admin] + [
        get_user_model().objects.create_user(username=f"staff-{i}", password=None, is_staff=True)
        for i in range(2)
    ]
    first = ReportFilterForm.default_range()["start"]
    days = (ReportFilterForm.default_range()["end"] - first).days + 1
    brochures = []
    for title, language, edition, threshold in demo.BROCHURES:
        brochure = Brochure.objects.create(
            title=title, language=language, edition=edition, low_stock_threshold=threshold
        )
        services.record_stock_movement(
            brochure=brochure,
            kind=StockMovement.Kind.RECEIVED,
            quantity=8 * n,  # more than every distribution together can take
            date=first - dt.timedelta(days=1),
            user=staff[0],
        )
        brochures.append(brochure)
    places = Place.objects.bulk_create(
        Place(name=name, kind=kind, district=district, address=address)
        for name, kind, district, address in demo.PLACES
    )
    professionals = Professional.objects.bulk_create(
        Professional(
            name=f"Fagperson {i + 1}",
            role="fastlege",
            workplace=places[i % len(places)],
            added_on=first + dt.timedelta(days=i % days),
        )
        for i in range(max(n // 20, 10))
    )
    others = [kind for kind in ContactActivity.Kind.values if kind != ContactActivity.Kind.VISIT]
    activities = ContactActivity.objects.bulk_create(
        ContactActivity(
            occurred_at=dt.datetime.combine(
                first + dt.timedelta(days=i * days // n), dt.time(9 + i % 7), tzinfo=LOCAL_TZ
            ),
            # Every other activity is a visit, where the brochures are left.
            kind=ContactActivity.Kind.VISIT if i % 2 == 0 else others[i // 2 % len(others)],
            place=None if i % 14 == 13 else places[i % len(places)],
            people_reached=rng.randint(1, 40),
            topic=f"Tema {i % 37}",
            follow_up_on=first + dt.timedelta(days=i * days // n + 21) if i % 5 == 0 else None,
            follow_up_done=i % 10 == 0,
            staff=staff[i % len(staff)],
        )
        for i in range(n)
    )
    ContactActivity.professionals.through.objects.bulk_create(
        ContactActivity.professionals.through(
            contactactivity_id=activity.pk,
            professional_id=professionals[i % len(professionals)].pk,
        )
        for i, activity in enumerate(activities)
        if activity.place_id is not None
    )
    visits = [a for a in activities if a.kind == ContactActivity.Kind.VISIT]
    distributions = Distribution.objects.bulk_create(
        Distribution(
            brochure=brochures[(j + j // 2) % len(brochures)],
            place=visits[j // 2].place,
            quantity=1 + j % 7,
            date=visits[j // 2].occurred_at.astimezone(LOCAL_TZ).date(),
            staff=visits[j // 2].staff,
            activity=visits[j // 2],
        )
        for j in range(n)
    )
    StockMovement.objects.bulk_create(
        StockMovement(
            brochure=d.brochure,
            kind=StockMovement.Kind.DISTRIBUTED,
            quantity=-d.quantity,
            date=d.date,
            distribution=d,
            created_by=d.staff,
        )
        for d in distributions
    )
    assert all(b.stock > 0 for b in Brochure.objects.with_stock()), "stock went negative"


def build_large(world):
    """Add groups (with their weekly series, ten weeks of bookings each, in bulk) up to the
    scale's number, so the benchmark week has that many bookings; and interest registrations
    with memberships."""
    from django.utils import timezone

    from groups import services as group_services
    from groups.models import Group, InterestRegistration, Membership
    from rooms.models import Booking, BookingEvent, BookingSeries
    from rooms.times import local_datetime

    count = world.scale["groups"] - BASE_GROUPS
    slots = world.free_slots[:count]
    kinds = [Group.Kind.OPEN if i % 2 else Group.Kind.CLOSED for i in range(count)]
    owners = [
        world.organisations[i // 2 % ORGANISATIONS] if kind == Group.Kind.OPEN else world.centre
        for i, kind in enumerate(kinds)
    ]
    numbers = range(BASE_GROUPS + 1, BASE_GROUPS + count + 1)
    series = BookingSeries.objects.bulk_create(
        BookingSeries(
            organisation=owner,
            room=room,
            weekday=weekday,
            start_time=start,
            end_time=plus_minutes(start, 30),
            first_date=world.monday,
            last_date=world.last_date,
            title=f"Gruppe {number:04d}",
            is_public=True,
            created_by=world.admin,
        )
        for number, owner, (room, weekday, start) in zip(numbers, owners, slots, strict=True)
    )
    bookings = Booking.objects.bulk_create(
        Booking(
            room=item.room,
            organisation=item.organisation,
            series=item,
            start=local_datetime(day, item.start_time),
            end=local_datetime(day, item.end_time),
            title=item.title,
            is_public=True,
            created_by=world.admin,
        )
        for item in series
        for day in series_days(world, item.weekday)
    )
    BookingEvent.objects.bulk_create(
        [
            BookingEvent(action=BookingEvent.Action.CREATED, series=item, actor=world.admin)
            for item in series
        ]
        + [
            BookingEvent(
                action=BookingEvent.Action.CREATED,
                booking=booking,
                series_id=booking.series_id,
                actor=world.admin,
            )
            for booking in bookings
        ]
    )
    groups = Group.objects.bulk_create(
        Group(
            kind=kind,
            name=item.title,
            slug=f"gruppe-{number:04d}",
            languages=["nb", "en"] if number % 3 == 0 else ["nb"],
            status=Group.Status.RUNNING,
            organisation=owner if kind == Group.Kind.OPEN else None,
            meeting_guide_types=["O", "D"] if kind == Group.Kind.OPEN else [],
            short_description_nb="En trygg gruppe på tvers av livsproblemer.",
            short_description_en="A safe group across life problems.",
            meeting_series=item,
        )
        for number, kind, owner, item in zip(numbers, kinds, owners, series, strict=True)
    )
    closed = [group for group in groups if group.is_closed]
    n = world.scale["registrations"]
    registrations = InterestRegistration.objects.bulk_create(
        InterestRegistration(
            first_name=f"Bulk {i + 1}",
            email=f"bulk{i + 1}@bench.example" if i % 4 else "",
            phone="" if i % 4 else f"9{i:07d}",
            is_adult=True,
            read_expectations=True,
            free_choice=True,
            consent_version=group_services.current_consent_version(),
            consented_at=dt.datetime.now(tz=dt.UTC),
            preferred_weekdays=[i % 7],
            preferred_times=["evening"],
            # 60 % placed (five to a group), 10 % on a waiting list, the rest still waiting
            status=InterestRegistration.Status.PLACED
            if i < n * 6 // 10
            else InterestRegistration.Status.CONTACTED
            if i < n * 7 // 10
            else InterestRegistration.Status.NEW,
        )
        for i in range(n)
    )
    today = timezone.localdate()
    placed, waiting = n * 6 // 10, n * 7 // 10
    Membership.objects.bulk_create(
        [
            Membership(
                registration=registration,
                group=closed[i // 5 % len(closed)],
                status=Membership.Status.ACTIVE,
                seat=i % 5 + 1,
                joined_on=today,
                placed_by=world.admin,
            )
            for i, registration in enumerate(registrations[:placed])
        ]
        + [
            Membership(
                registration=registration,
                group=closed[i % len(closed)],
                status=Membership.Status.WAITLISTED,
                waitlist_position=i // len(closed) + 1,
                placed_by=world.admin,
            )
            for i, registration in enumerate(registrations[placed:waiting])
        ]
    )
    world.groups += groups


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

"""The pages ``wrk_bench.py`` times, and what runs inside the app's environment, in a child
process of its own (``python tests/perf/wrk_pages.py prepare|count|edit ...``): preparing a
database (migrate, generate the scale data once, make the logins), counting each page's
queries, and a real edit. Each prints its result as one JSON line marked ``BENCH-RESULT``.
"""

import json
import secrets
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
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


def edit(kind, slug):
    """A real edit, as staff would make it, committed: the page cache is dropped after commit.
    ``group``: the group saved. ``booking``: its next date renamed (back and forth), through
    the service, so the rooms' version moves too."""
    setup_django()
    from django.db import transaction

    from groups.models import Group
    from rooms.changes import change_booking_details
    from rooms.models import Booking

    group = Group.objects.select_related("meeting_series").get(slug=slug)
    with transaction.atomic():
        if kind == "group":
            group.save()
            return
        booking = Booking.objects.active().filter(series=group.meeting_series).upcoming().first()
        title = "Benchmark" if booking.title != "Benchmark" else group.name
        change_booking_details(booking=booking, title=title, is_public=booking.is_public)


def subcommand(env, *args):
    result = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args[:1])} failed:\n{result.stdout}\n{result.stderr}")
    sys.stderr.write(result.stderr)
    lines = [line for line in result.stdout.splitlines() if line.startswith(RESULT)]
    return json.loads(lines[-1][len(RESULT) :]) if lines else None


def main(argv):
    if argv[:1] == ["prepare"]:
        return prepare(float(argv[1]))
    if argv[:1] == ["count"]:
        return count_queries(argv[1])
    if argv[:1] == ["edit"]:
        return edit(argv[1], argv[2])
    sys.exit(f"unknown subcommand {argv[:1]}; run tests/perf/wrk_bench.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Scale data for the rooms app: organisations with a login each, rooms, opening hours and the
centre's Christmas closures over ten years (``manage.py generate_scale_data``).

Everything is written with ``bulk_create``; names and slugs start with ``skala-`` so the data is
recognisable and never mixed up with the demo's. The booking series themselves are made by
``groups.scale_data``: a series there is a group's weekly meeting.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError

from rooms.models import Closure, OpeningHours, Organisation, Room
from rooms.times import today_local

PREFIX = "skala-"
OPENS, CLOSES = dt.time(8), dt.time(22)
YEARS = 10  # the span of the data: eight years back, two ahead
BATCH = 2000


def organisation_count(scale):
    return round(3 * scale) + 7  # 10 at one centre, about 300 nationally


def room_count(scale):
    return max(6, round(scale / 2))  # 6 at one centre, 50 nationally


def span():
    """First and last day of the data: eight years back and two years ahead of today."""
    today = today_local()
    return today.replace(year=today.year - (YEARS - 2)), today.replace(year=today.year + 2)


def create_scale_data(*, scale, stdout):
    if Organisation.objects.filter(slug__startswith=PREFIX).exists():
        raise CommandError(
            "Scale data is already in this database (organisations named skala-…). "
            "Use an empty database."
        )
    user_model = get_user_model()
    organisations = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Skala organisasjon {i + 1:04d}",
                slug=f"{PREFIX}org-{i + 1:04d}",
                email=f"org-{i + 1:04d}@skala.example",
                website=f"https://org-{i + 1:04d}.skala.example",
                contact_person=f"Kontakt {i + 1}",
            )
            for i in range(organisation_count(scale))
        ),
        batch_size=BATCH,
    )
    # No usable password: a benchmark or a test logs in with force_login.
    unusable = make_password(None)
    users = user_model.objects.bulk_create(
        (
            user_model(username=f"{PREFIX}org-{i + 1:04d}", password=unusable)
            for i in range(len(organisations))
        ),
        batch_size=BATCH,
    )
    if not all(user.pk for user in users):  # MySQL would not return the keys; we never use it
        users = list(user_model.objects.filter(username__startswith=f"{PREFIX}org-"))
        users.sort(key=lambda user: user.username)
    Organisation.members.through.objects.bulk_create(
        (
            Organisation.members.through(organisation_id=org.pk, user_id=user.pk)
            for org, user in zip(organisations, users, strict=True)
        ),
        batch_size=BATCH,
    )
    Room.objects.bulk_create(
        Room(
            name=f"Skala rom {i + 1:03d}",
            slug=f"{PREFIX}rom-{i + 1:03d}",
            capacity=(8, 12, 20, 40)[i % 4],
            wheelchair_accessible=i % 3 != 2,
            hearing_loop=i % 4 == 0,
            display_order=100 + i,
        )
        for i in range(room_count(scale))
    )
    # Open 08–22 every day, unless the centre has its own hours already.
    for weekday in range(7):
        OpeningHours.objects.get_or_create(
            weekday=weekday, defaults={"opens": OPENS, "closes": CLOSES}
        )
    first, last = span()
    Closure.objects.bulk_create(
        Closure(
            start_date=dt.date(year, 12, 24),
            end_date=dt.date(year, 12, 26),
            reason=Closure.Reason.HOLIDAY,
            description="Julestengt",
        )
        for year in range(first.year, last.year + 1)
    )
    stdout.write(
        f"Scale data: {len(organisations):,} organisations with a login each, "
        f"{room_count(scale):,} rooms, closures every Christmas {first.year}–{last.year}."
    )


def christmas_closed(day):
    """The days ``create_scale_data`` closes the whole centre (its bookings are cancelled)."""
    return day.month == 12 and 24 <= day.day <= 26

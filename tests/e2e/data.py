"""Test data for the browser journeys, created through the apps' own services and models.

Everything is relative to today (Europe/Oslo), so the journeys never book in the past.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

PASSWORD = "e2e-password-123"  # noqa: S105 (test logins only)
OSLO = ZoneInfo("Europe/Oslo")


def make_user(username, **extra):
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)


def next_weekday(weekday, weeks_ahead=1):
    """The first date on ``weekday`` at least ``weeks_ahead`` weeks from today (Oslo)."""
    from rooms.times import today_local

    start = today_local() + dt.timedelta(weeks=weeks_ahead)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def centre():
    """Opening hours every day 08–22 and two rooms, one of them step-free."""
    from rooms.models import OpeningHours, Room

    for day in range(7):
        OpeningHours.objects.get_or_create(
            weekday=day, defaults={"opens": dt.time(8), "closes": dt.time(22)}
        )
    room_1, _ = Room.objects.get_or_create(
        slug="rom-1",
        defaults={"name": "Rom 1", "capacity": 12, "wheelchair_accessible": True},
    )
    room_2, _ = Room.objects.get_or_create(
        slug="rom-2", defaults={"name": "Rom 2", "capacity": 8, "display_order": 2}
    )
    return room_1, room_2


def organisation(name, slug, username):
    from rooms.models import Organisation

    org = Organisation.objects.create(name=name, slug=slug, email=f"{slug}@example.org")
    user = make_user(username)
    org.members.add(user)
    return org, user


def weekly(org, room, weekday, start, end, title, weeks=12, first_date=None):
    from rooms.services import book_series

    first_date = first_date or next_weekday(weekday, weeks_ahead=0)
    return book_series(
        organisation=org,
        room=room,
        weekday=weekday,
        start_time=start,
        end_time=end,
        first_date=first_date,
        last_date=first_date + dt.timedelta(weeks=weeks - 1),
        title=title,
        is_public=True,
        staff=True,
        notify=False,
    ).series


def group(name, slug, *, kind, room, weekday, start, end, organisation=None, weeks=12, **fields):
    """A listed group with its weekly meeting booked in ``room`` (``organisation`` runs an open
    group; closed groups are booked by the centre itself, as staff do)."""
    from groups.models import Group
    from groups.services import centre_organisation

    fields.setdefault("languages", ["nb"])
    fields.setdefault("status", Group.Status.RUNNING)
    if kind == Group.Kind.OPEN:
        fields.setdefault("meeting_guide_types", ["O"])
        fields.setdefault("contact_email", f"{slug}@example.org")
    series = weekly(
        organisation or centre_organisation(), room, weekday, start, end, name, weeks=weeks
    )
    return Group.objects.create(
        kind=kind,
        name=name,
        slug=slug,
        organisation=organisation if kind == Group.Kind.OPEN else None,
        meeting_series=series,
        **fields,
    )


def registration(first_name, **fields):
    """A person's own interest registration, as the public sign-up stores it (no email sent)."""
    from django.utils import timezone

    from groups.services import current_consent_version, register_interest

    values = {
        "email": f"{first_name.lower()}@example.org",
        "is_adult": True,
        "read_expectations": True,
        "free_choice": True,
        "consent_version": current_consent_version(),
        "consented_at": timezone.now(),
        "notify": False,
        **fields,
    }
    return register_interest(first_name=first_name, **values)

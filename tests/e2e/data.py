"""Test data for the browser journeys, created through the apps' own services and models.

Everything is relative to today (Europe/Oslo), so the journeys never book in the past.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from tests.dates import weekday_weeks_ahead
from tests.factories import (
    BookingSeriesFactory,
    GroupFactory,
    InterestRegistrationFactory,
    OpenGroupFactory,
    OrganisationFactory,
    UserFactory,
    open_every_day,
)

PASSWORD = "e2e-password-123"  # noqa: S105 (test logins only)
OSLO = ZoneInfo("Europe/Oslo")


def make_user(username, **extra):
    return UserFactory(username=username, password=PASSWORD, **extra)


def centre():
    """Opening hours every day 08–22 and two rooms, one of them step-free."""
    from rooms.models import Room

    open_every_day()
    room_1, _ = Room.objects.get_or_create(
        slug="rom-1",
        defaults={"name": "Rom 1", "capacity": 12, "wheelchair_accessible": True},
    )
    room_2, _ = Room.objects.get_or_create(
        slug="rom-2", defaults={"name": "Rom 2", "capacity": 8, "display_order": 2}
    )
    return room_1, room_2


def organisation(name, slug, username):
    org = OrganisationFactory(name=name, slug=slug, login=username, login__password=PASSWORD)
    return org, org.members.get()


def weekly(org, room, weekday, start, end, title, weeks=12, first_date=None):
    """A public weekly series booked as staff book it (approved at once, no emails)."""
    first_date = first_date or weekday_weeks_ahead(weekday, weeks_ahead=0)
    return BookingSeriesFactory(
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
    )


def group(name, slug, *, kind, room, weekday, start, end, organisation=None, weeks=12, **fields):
    """A listed group with its weekly meeting booked in ``room`` (``organisation`` runs an open
    group; closed groups are booked by the centre itself, as staff do)."""
    from groups.models import Group
    from groups.services import centre_organisation

    series = weekly(
        organisation or centre_organisation(), room, weekday, start, end, name, weeks=weeks
    )
    if kind == Group.Kind.OPEN:
        fields.setdefault("contact_email", f"{slug}@example.org")
        return OpenGroupFactory(
            name=name, slug=slug, organisation=organisation, meeting_series=series, **fields
        )
    return GroupFactory(kind=kind, name=name, slug=slug, meeting_series=series, **fields)


def registration(first_name, **fields):
    """A person's own interest registration, as the public sign-up stores it (no email sent)."""
    fields = {"email": f"{first_name.lower()}@example.org", "preferred_weekdays": (), **fields}
    return InterestRegistrationFactory(first_name=first_name, **fields)

"""The groups fixtures the browser tests share: the centre and a partner organisation, the room
"Stua", and ``make_group``. A pytest plugin, loaded by the root conftest (``pytest_plugins``);
the rooms tests' own ``room`` is closer to them and wins there."""

import datetime as dt

import pytest

from groups.models import Group
from tests.dates import weekday_weeks_ahead
from tests.factories import (
    BookingSeriesFactory,
    GroupFactory,
    OpenGroupFactory,
    OrganisationFactory,
    RoomFactory,
)


@pytest.fixture
def centre(db):
    return OrganisationFactory(name="LINK Oslo", slug="link-oslo", email="post@example.org")


@pytest.fixture
def partner(db):
    return OrganisationFactory(
        name="Anonyme Alkoholikere Oslo",
        slug="aa-oslo",
        email="aa@example.org",
        website="https://aa.example.org",
        contact_person="Per Hansen",
    )


@pytest.fixture
def room(db):
    return RoomFactory(
        name="Stua", slug="stua", capacity=12, location="1. etasje", wheelchair_accessible=True
    )


@pytest.fixture
def upstairs_room(db):
    return RoomFactory(name="Rom 3", slug="rom-3", capacity=8, location="2. etasje")


@pytest.fixture
def make_group(opening_hours, centre, partner, room):
    """Create a group (Gruppe 1, 2, ...) with a weekly series booked through the rooms app: an
    open group is ``partner``'s listing and booked by it, a closed one by ``centre``."""

    def make(
        *,
        kind=Group.Kind.CLOSED,
        weekday=1,
        start=dt.time(18),
        end=dt.time(20),
        meeting_room=None,
        first_date=None,
        last_date=None,
        book=True,
        **fields,
    ):
        if kind == Group.Kind.OPEN:
            fields.setdefault("organisation", partner)
            group = OpenGroupFactory(**fields)
        else:
            group = GroupFactory(kind=kind, **fields)
        if book:
            first_date = first_date or weekday_weeks_ahead(weekday, weeks_ahead=0)
            group.meeting_series = BookingSeriesFactory(
                organisation=fields.get("organisation") or centre,
                room=meeting_room or room,
                weekday=weekday,
                start_time=start,
                end_time=end,
                first_date=first_date,
                last_date=last_date or first_date + dt.timedelta(weeks=10),
                title=group.name,
                is_public=True,
            )
            group.save()
        return group

    return make

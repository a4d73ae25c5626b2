"""The preview's calendar: which ranges each other room's booking takes, worked out in SQL."""

import datetime as dt

import pytest

from rooms.availability import _Calendar
from rooms.models import Booking
from rooms.times import local_datetime
from tests.dates import weekday_a_week_after

pytestmark = pytest.mark.django_db


def _ranges(first, days, step):
    return [
        (
            local_datetime(first + dt.timedelta(days=i * step), dt.time(18)),
            local_datetime(first + dt.timedelta(days=i * step), dt.time(20)),
        )
        for i in range(days)
    ]


def _book(room, organisation, start, end):
    return Booking.objects.create(
        room=room, organisation=organisation, start=start, end=end, title="NA"
    )


def test_each_range_an_other_rooms_booking_overlaps_is_taken(room, other_room, other_organisation):
    first = weekday_a_week_after(1)
    ranges = _ranges(first, 4, step=7)
    _book(other_room, other_organisation, ranges[1][0] - dt.timedelta(hours=1), ranges[1][0])
    _book(other_room, other_organisation, ranges[2][1] - dt.timedelta(minutes=15), ranges[2][1])
    calendar = _Calendar(ranges, room=room)
    assert calendar.taken == [set(), set(), {other_room.pk}, set()]


def test_a_booking_across_two_close_ranges_takes_both(room, other_room, other_organisation):
    # Ranges a day apart (closer than the longest booking): one booking can reach two of them.
    first = weekday_a_week_after(1)
    ranges = _ranges(first, 3, step=1)
    _book(other_room, other_organisation, ranges[0][0], ranges[1][0] + dt.timedelta(hours=1))
    calendar = _Calendar(ranges, room=room)
    assert calendar.taken == [{other_room.pk}, {other_room.pk}, set()]

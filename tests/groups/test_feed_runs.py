"""The calendar's weekly runs come grouped from the database (groups/feed_runs.py); they must be
exactly what grouping every occurrence in Python gave (the way the feed was built before), on
both backends, across both daylight-saving changes and with every kind of exception: cancelled
and moved dates, another room, every other week, late-night meetings and one that spans the
night the clocks change."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from groups.feed_runs import weekly_runs, zone_changes
from groups.models import Group
from rooms.models import Booking
from rooms.times import LOCAL_TZ, local_datetime
from tests.dates import last_sunday, next_dst_change

pytestmark = pytest.mark.django_db


def occurrences_grouped_in_python(groups):
    """The feed's former way: every occurrence read and grouped by series, room, local weekday
    and local times; the weeks between a run's first and last date that it skips."""
    now = timezone.now()
    rows = (
        Booking.objects.active()
        .upcoming(now)
        .filter(
            series__group__in=groups,
            start__lt=now + dt.timedelta(weeks=settings.GROUPS_CALENDAR_WEEKS),
        )
        .order_by("series_id", "start")
        .values_list("series_id", "room_id", "start", "end")
    )
    runs = {}
    for series_id, room_id, start, end in rows:
        start, end = start.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
        key = (series_id, room_id, start.weekday(), start.time(), end.time())
        runs.setdefault(key, (series_id, room_id, []))[2].append((start, end))
    result = []
    for series_id, room_id, times in runs.values():
        first, last = times[0][0].date(), times[-1][0].date()
        weeks = [first + dt.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
        held = {start.date() for start, _end in times}
        result.append(
            (
                series_id,
                room_id,
                times[0][0].isoformat(),
                times[0][1].isoformat(),
                times[-1][0].isoformat(),
                len(times),
                len(weeks),
                [day for day in weeks if day not in held],
            )
        )
    return result


def from_the_database(groups):
    return [
        (
            run.series_id,
            run.room_id,
            run.first_start.isoformat(),
            run.first_end.isoformat(),
            run.last_start.isoformat(),
            run.count,
            run.weeks(),
            run.skipped_dates(),
        )
        for run in weekly_runs(groups.values_list("meeting_series_id", flat=True))
    ]


def add(series, day, start, end, room=None, status=Booking.Status.CONFIRMED):
    """A booking of the series written directly, as an import or an old rule might have."""
    return Booking.objects.create(
        series=series,
        room=room or series.room,
        organisation=series.organisation,
        start=local_datetime(day, start),
        end=local_datetime(day, end),
        title=series.title,
        status=status,
    )


@pytest.mark.parametrize("weeks", [26, 130])
def test_the_runs_are_those_python_found_from_every_occurrence(
    make_group, upstairs_room, settings, weeks
):
    settings.ROOMS_HORIZON_DAYS = 7 * weeks + 60
    settings.GROUPS_CALENDAR_WEEKS = weeks
    spring = next_dst_change(3)
    autumn = last_sunday(spring.year, 10)
    first = spring - dt.timedelta(days=19)  # a Tuesday three weeks before summer time
    last = autumn + dt.timedelta(days=16)
    weekly = make_group(kind=Group.Kind.OPEN, weekday=1, first_date=first, last_date=last)
    dates = list(weekly.meeting_series.bookings.order_by("start"))
    # Cancelled dates, and from the ninth on the rest moved an hour later.
    Booking.objects.filter(pk__in=[dates[2].pk, dates[5].pk]).update(
        status=Booking.Status.CANCELLED
    )
    for booking in dates[8:]:
        booking.start += dt.timedelta(hours=1)
        booking.end += dt.timedelta(hours=1)
        booking.save()
    # One date in another room.
    Booking.objects.filter(pk=dates[4].pk).update(room=upstairs_room)

    late = make_group(
        kind=Group.Kind.OPEN,
        weekday=0,
        start=dt.time(18),
        end=dt.time(20),
        first_date=first - dt.timedelta(days=1),
        last_date=first + dt.timedelta(days=6),
    )
    # Monday 00:30 local is Sunday in UTC, and on the spring night one spans the change.
    for week in range(0, 40, 2):  # every other week
        day = first - dt.timedelta(days=1) + dt.timedelta(weeks=week + 2)
        add(late.meeting_series, day, dt.time(0, 30), dt.time(1, 30))
    add(late.meeting_series, spring, dt.time(1), dt.time(4))
    add(late.meeting_series, spring + dt.timedelta(weeks=1), dt.time(1), dt.time(4))
    add(late.meeting_series, autumn, dt.time(1), dt.time(4))

    groups = Group.objects.listed()
    expected = occurrences_grouped_in_python(groups)
    assert len(expected) >= 6
    assert from_the_database(groups) == expected


def test_no_occurrences_no_runs(make_group):
    make_group(kind=Group.Kind.OPEN, book=False)
    assert weekly_runs(Group.objects.listed().values_list("meeting_series_id", flat=True)) == []


def test_the_zone_changes_are_found_to_the_second():
    spring = next_dst_change(3)
    start = local_datetime(spring - dt.timedelta(days=30), dt.time(12))
    end = local_datetime(spring + dt.timedelta(days=30), dt.time(12))
    offset, changes = zone_changes(start, end)
    assert offset == dt.timedelta(hours=1)
    assert changes == [
        (dt.datetime(spring.year, 3, spring.day, 1, tzinfo=dt.UTC), dt.timedelta(hours=2))
    ]

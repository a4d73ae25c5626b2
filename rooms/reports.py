"""Numbers out of the rooms app for the staff dashboard and the annual report.

Nothing outside rooms reads its tables; other apps and the project ask here.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractIsoWeekDay, TruncDate, TruncTime
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rooms.models import Booking, BookingSeries, Closure, OpeningHours, Room, Weekday
from rooms.times import LOCAL_TZ, local_datetime, today_local, week_bounds


def dashboard_panels(user):
    """Room use today and this week per room, and what waits for approval; [] for staff who may
    not see bookings. Four queries."""
    if not user.has_perm("rooms.view_booking"):
        return []
    today = today_local()
    start, end = week_bounds(today)
    rows = (
        Booking.objects.active()
        .overlapping(start, end)
        .order_by()
        .annotate(
            local_day=_local_day("start"),
            local_start=TruncTime("start", tzinfo=LOCAL_TZ),
            local_end=TruncTime("end", tzinfo=LOCAL_TZ),
        )
        .values("room_id", "local_day", "local_start", "local_end")
        .annotate(count=Count("pk"))
    )
    use = defaultdict(lambda: {"today": [0, 0.0], "week": [0, 0.0]})
    for row in rows:
        hours = _hours(row["local_start"], row["local_end"])
        for key in ("week", "today") if row["local_day"] == today else ("week",):
            use[row["room_id"]][key][0] += row["count"]
            use[row["room_id"]][key][1] += row["count"] * hours
    bookings_url = reverse("admin:rooms_booking_changelist")
    week_url = reverse("admin:rooms_booking_week")
    day_filter = f"start__year={today.year}&start__month={today.month}&start__day={today.day}"
    room_rows = []
    for room in Room.objects.all():
        figures = use[room.pk]
        room_rows.append(
            {
                "label": room.name,
                "url": f"{bookings_url}?room__id__exact={room.pk}&{day_filter}",
                "cells": [
                    {
                        "value": figures["today"][0],
                        "url": f"{bookings_url}?room__id__exact={room.pk}&{day_filter}",
                    },
                    {"value": _rounded(figures["today"][1])},
                    {"value": figures["week"][0], "url": week_url},
                    {"value": _rounded(figures["week"][1])},
                ],
            }
        )
    series_pending = BookingSeries.objects.filter(status=BookingSeries.Status.PENDING).count()
    bookings_pending = Booking.objects.filter(status=Booking.Status.PENDING).count()
    series_url = reverse("admin:rooms_bookingseries_changelist")
    return [
        {
            "id": "rooms-use",
            "title": _("Room use today and this week"),
            "columns": [
                _("Room"),
                _("Bookings today"),
                _("Hours today"),
                _("Bookings this week"),
                _("Hours this week"),
            ],
            "table_rows": room_rows,
            "rows": [],
        },
        {
            "id": "rooms-approval",
            "title": _("Room bookings waiting for approval"),
            "rows": [
                {
                    "label": _("Weekly series waiting for approval"),
                    "value": series_pending,
                    "url": f"{series_url}?status__exact=pending",
                    "warning": series_pending > 0,
                },
                {
                    "label": _("Single bookings waiting for approval"),
                    "value": bookings_pending,
                    "url": f"{bookings_url}?status__exact=pending",
                    "warning": bookings_pending > 0,
                },
            ],
        },
    ]


# --- the annual report ---------------------------------------------------------------------------
#
# Figures for any range of local dates, both ends included. A booking belongs to the Oslo date on
# which it starts. "Held" means an active booking (not cancelled) on a day when neither the whole
# centre nor its room was closed: a closure normally cancels what it covers, but a booking kept by
# mistake must not count as a meeting that took place. Hours are wall-clock hours: bookings lie
# within opening hours, which no daylight-saving change touches (the clocks move at 02:00–03:00),
# so an 18:00–20:00 booking on the night the clocks change counts two hours, like any other.

EVENING_STARTS = dt.time(17)
DAYTIME = "daytime"
EVENING = "evening"
PARTS_OF_DAY = {DAYTIME: _("Daytime (before 17)"), EVENING: _("Evening (from 17)")}


def day_bounds(start, end):
    """Aware datetimes: the start of ``start`` and of the day after ``end`` in Oslo."""
    return local_datetime(start, dt.time()), local_datetime(end + dt.timedelta(days=1), dt.time())


def _local_day(field):
    return TruncDate(field, tzinfo=LOCAL_TZ)


def held_until():
    """The start of today in Oslo: the report counts what took place before it, so a report
    for the current year never counts a booking that has yet to happen."""
    return local_datetime(today_local(), dt.time())


def held_bookings():
    """Active bookings before today, not on a closed day of their room: the meetings that took
    place."""
    closed = Closure.objects.filter(
        Q(room__isnull=True) | Q(room=OuterRef("room")),
        start_date__lte=OuterRef("local_day"),
        end_date__gte=OuterRef("local_day"),
    )
    return (
        Booking.objects.active()
        .filter(start__lt=held_until())
        .annotate(local_day=_local_day("start"))
        .exclude(Exists(closed))
    )


def held_bookings_between(start, end):
    start_at, end_before = day_bounds(start, end)
    return held_bookings().filter(start__gte=start_at, start__lt=end_before)


def _hours(start_time, end_time):
    return (
        dt.datetime.combine(dt.date.min, end_time) - dt.datetime.combine(dt.date.min, start_time)
    ).total_seconds() / 3600


def _slots(queryset, *keys):
    """Held bookings grouped by ``keys`` and their local start and end times, with counts.

    There are as many rows as distinct weekly slots, not as bookings, and one query."""
    return (
        queryset.order_by()
        .annotate(
            local_start=TruncTime("start", tzinfo=LOCAL_TZ),
            local_end=TruncTime("end", tzinfo=LOCAL_TZ),
        )
        .values(*keys, "local_start", "local_end")
        .annotate(count=Count("pk"))
    )


def _rounded(hours):
    return Decimal(str(hours)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def hours_by_organisation(start, end):
    """{organisation name: hours booked and held}, largest first. One query."""
    totals = defaultdict(float)
    for row in _slots(held_bookings_between(start, end), "organisation__name"):
        totals[row["organisation__name"]] += row["count"] * _hours(
            row["local_start"], row["local_end"]
        )
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return {name: _rounded(hours) for name, hours in ordered}


def hours_by_room(start, end):
    """{room name: hours booked and held} for every room, in display order. Two queries."""
    totals = defaultdict(float)
    for row in _slots(held_bookings_between(start, end), "room_id"):
        totals[row["room_id"]] += row["count"] * _hours(row["local_start"], row["local_end"])
    return {room.name: _rounded(totals[room.pk]) for room in Room.objects.all()}


def _split_at_evening(day_start, day_end):
    """Hours of the wall-clock span [day_start, day_end) before and from 17:00."""
    daytime = _hours(day_start, min(day_end, EVENING_STARTS)) if day_start < EVENING_STARTS else 0
    evening = _hours(max(day_start, EVENING_STARTS), day_end) if day_end > EVENING_STARTS else 0
    return {DAYTIME: max(daytime, 0), EVENING: max(evening, 0)}


@dataclass
class Occupancy:
    """Booked hours against open hours, as a whole percentage, for one room, weekday or part
    of the day."""

    label: str
    booked_hours: float = 0.0
    open_hours: float = 0.0

    @property
    def percent(self):
        if not self.open_hours:
            return 0
        return int(Decimal(100 * self.booked_hours / self.open_hours).quantize(0, ROUND_HALF_UP))


@dataclass
class OccupancyReport:
    by_room: list[Occupancy] = field(default_factory=list)
    by_weekday: list[Occupancy] = field(default_factory=list)
    by_part_of_day: list[Occupancy] = field(default_factory=list)


def occupancy(start, end):
    """Occupancy per room, per weekday and daytime/evening against opening hours. Four queries.

    A room's open hours are the centre's opening hours on each date of the range up to
    yesterday, less the days the centre or that room was closed. Booked hours outside opening
    hours are not counted, so no figure passes 100 %.
    """
    rooms = list(Room.objects.all())
    hours = {row.weekday: (row.opens, row.closes) for row in OpeningHours.objects.all()}
    closures = list(Closure.objects.filter(start_date__lte=end, end_date__gte=start))
    by_room = {room.pk: Occupancy(room.name) for room in rooms}
    by_weekday = {day: Occupancy(str(label)) for day, label in Weekday.choices}
    by_part = {key: Occupancy(str(label)) for key, label in PARTS_OF_DAY.items()}

    day, last = start, min(end, today_local() - dt.timedelta(days=1))
    while day <= last:
        if day.weekday() in hours:
            opens, closes = hours[day.weekday()]
            parts = _split_at_evening(opens, closes)
            for room in rooms:
                if any(closure.covers(day, room) for closure in closures):
                    continue
                by_room[room.pk].open_hours += parts[DAYTIME] + parts[EVENING]
                by_weekday[day.weekday()].open_hours += parts[DAYTIME] + parts[EVENING]
                for key, value in parts.items():
                    by_part[key].open_hours += value
        day += dt.timedelta(days=1)

    rows = _slots(
        held_bookings_between(start, end).annotate(
            weekday=ExtractIsoWeekDay("start", tzinfo=LOCAL_TZ)
        ),
        "room_id",
        "weekday",
    )
    for row in rows:
        weekday = row["weekday"] - 1
        if weekday not in hours or row["room_id"] not in by_room:
            continue
        opens, closes = hours[weekday]
        begin, finish = max(row["local_start"], opens), min(row["local_end"], closes)
        if begin >= finish:
            continue
        parts = _split_at_evening(begin, finish)
        booked = row["count"] * (parts[DAYTIME] + parts[EVENING])
        by_room[row["room_id"]].booked_hours += booked
        by_weekday[weekday].booked_hours += booked
        for key, value in parts.items():
            by_part[key].booked_hours += row["count"] * value

    return OccupancyReport(
        by_room=[by_room[room.pk] for room in rooms],
        by_weekday=[by_weekday[day] for day in sorted(by_weekday) if day in hours],
        by_part_of_day=list(by_part.values()),
    )

"""Availability, read-only: the booking rules and what booking a series would do, date by date.

Before anything is saved the organisation sees every date with its status (``preview_series``);
the writes in ``rooms.services`` then book exactly the dates the preview finds free. Nothing here
writes, so pages, forms and other apps may ask it freely.
"""

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from rooms import dates
from rooms.models import LONGEST_BOOKING, Booking, Closure, OpeningHours, Room
from rooms.slots import Slot
from rooms.times import (
    LOCAL_TZ,
    booking_horizon,
    day_start,
    local_date,
    local_datetime,
    today_local,
    week_bounds,
)


class DateStatus:
    FREE = "free"
    TAKEN = "taken"
    CLOSED = "closed"
    OUTSIDE_HOURS = "outside_hours"
    PAST = "past"
    OVER_QUOTA = "over_quota"


@dataclass
class DatePreview:
    """What booking one date of a series would do, before anything is saved."""

    date: dt.date
    start: dt.datetime
    end: dt.datetime
    status: str = DateStatus.FREE
    reason: str = ""
    # Only the organisation's own clashing booking is named; others' are just "taken".
    own_booking: Booking | None = None
    alternatives: list = field(default_factory=list)
    # What stands in the way on this date, asked whatever the status (a past date too).
    closure: Closure | None = None
    clashing: Booking | None = None

    @property
    def is_free(self):
        return self.status == DateStatus.FREE


def check_booking_rules(*, start_time, end_time, first_date, last_date=None, weekday=None):
    """The rules a new booking or series must follow, each with its own message."""
    errors = []
    duration = dt.datetime.combine(first_date, end_time) - dt.datetime.combine(
        first_date, start_time
    )
    minutes = duration.total_seconds() / 60
    if minutes <= 0:
        errors.append(ValidationError(_("The end time must be after the start time."), "order"))
    elif minutes < settings.ROOMS_MIN_BOOKING_MINUTES:
        errors.append(
            ValidationError(
                _("A booking must last at least %(minutes)d minutes.")
                % {"minutes": settings.ROOMS_MIN_BOOKING_MINUTES},
                "too_short",
            )
        )
    elif minutes > settings.ROOMS_MAX_BOOKING_MINUTES:
        errors.append(
            ValidationError(
                _("A booking can last at most %(hours)s hours.")
                % {"hours": f"{settings.ROOMS_MAX_BOOKING_MINUTES / 60:g}"},
                "too_long",
            )
        )
    if first_date < today_local():
        errors.append(ValidationError(_("You cannot book a date in the past."), "past"))
    if first_date > booking_horizon():
        errors.append(
            ValidationError(
                _("You can book at most %(days)d days ahead (until %(date)s).")
                % {
                    "days": settings.ROOMS_HORIZON_DAYS,
                    "date": dates.long_date(booking_horizon()),
                },
                "beyond_horizon",
            )
        )
    if last_date and last_date < first_date:
        errors.append(
            ValidationError(
                _("The last date cannot be before the first date."), "last_before_first"
            )
        )
    if weekday is not None and minutes > 0:
        hours = OpeningHours.objects.filter(weekday=weekday).first()
        if hours is None:
            errors.append(ValidationError(_("The centre is closed on that weekday."), "closed_day"))
        elif start_time < hours.opens or end_time > hours.closes:
            errors.append(
                ValidationError(
                    _("The centre is open %(opens)s–%(closes)s that day; choose a time within it.")
                    % {"opens": f"{hours.opens:%H:%M}", "closes": f"{hours.closes:%H:%M}"},
                    "outside_hours",
                )
            )
    if errors:
        raise ValidationError(errors)


def preview_series(*, slot=None, exclude_series=None, **fields):
    """Every date of a prospective series with its status and, if taken, free alternatives.

    Give the ``slot`` or its fields (``organisation=, room=, weekday=, ...``); a date of
    ``exclude_series`` (a series being changed) does not stand in its own way. Costs a fixed
    number of queries however long the series is.
    """
    slot = slot or Slot(**fields)
    days = slot.dates()
    if not days:
        return []
    previews = [
        DatePreview(
            date=day,
            start=local_datetime(day, slot.start_time),
            end=local_datetime(day, slot.end_time),
        )
        for day in days
    ]
    calendar = _Calendar(
        [(preview.start, preview.end) for preview in previews],
        room=slot.room,
        exclude_series=exclude_series,
    )
    opening = OpeningHours.objects.filter(weekday=slot.weekday).first()
    within_hours = opening is not None and (
        opening.opens <= slot.start_time and slot.end_time <= opening.closes
    )
    now = timezone.now()
    organisation, room = slot.organisation, slot.room
    hours_used = _hours_used_per_week(
        organisation, previews[0].date, previews[-1].date, exclude_series=exclude_series
    )
    for index, preview in enumerate(previews):
        # Both asked for every date, whatever its status: approval drops a date for either.
        preview.closure = calendar.closure(index, room)
        preview.clashing = calendar.clashing[index]
        if preview.start < now:
            preview.status = DateStatus.PAST
            preview.reason = _("in the past")
        elif preview.closure:
            preview.status = DateStatus.CLOSED
            preview.reason = str(preview.closure)
        elif not within_hours:
            preview.status = DateStatus.OUTSIDE_HOURS
            preview.reason = _("outside opening hours")
        elif booking := preview.clashing:
            preview.status = DateStatus.TAKEN
            if booking.organisation_id == organisation.pk:
                preview.own_booking = booking
                preview.reason = _("already booked by you: %(title)s") % {"title": booking.title}
            else:
                preview.reason = _("taken")
            preview.alternatives = calendar.free_rooms(index, instead_of=room)
        elif hours_used is not None:
            week = _week_key(preview.date)
            hours = (preview.end - preview.start).total_seconds() / 3600
            if hours_used[week] + hours > organisation.weekly_quota_hours:
                preview.status = DateStatus.OVER_QUOTA
                preview.reason = _(
                    "over your weekly quota of %(quota)d hours (%(used)s hours already booked "
                    "that week)"
                ) % {"quota": organisation.weekly_quota_hours, "used": f"{hours_used[week]:g}"}
            else:
                hours_used[week] += hours
    return previews


def _others_per_range_sql(ranges, *, room, exclude_series=None):
    """SQL and parameters for (range index, room) of each active booking in the rooms but
    ``room`` that overlaps one of the ``ranges``, once for each range it overlaps.

    The ranges are a VALUES list joined to the bookings: the database seeks the index on start
    once per range and reads the index alone (``booking_start_covering`` holds every column
    asked). The ORM's way, the ranges OR'd and a CASE to say which range, cost more to compile
    in Django and to run than the rest of the preview, and read the table besides. Plain SQL
    both databases run, the times adapted as the ORM adapts them (SQLite compares text in
    UTC); only placeholders come from the caller."""
    ops = connection.ops
    adapt = ops.adapt_datetimefield_value
    start, end = ops.quote_name("start"), ops.quote_name("end")
    values, params = [], []
    for index, (first, last) in enumerate(ranges):
        values.append("(%s, %s, %s, %s)")
        # The lower bound on start is implied (see BookingQuerySet._overlap) but bounds the seek.
        params += [index, adapt(first - LONGEST_BOOKING), adapt(first), adapt(last)]
    params += [Booking.Status.CANCELLED, room.pk]
    condition = "b.room_id <> %s"
    if exclude_series is not None:
        condition += " AND (b.series_id IS NULL OR b.series_id <> %s)"
        params.append(exclude_series.pk)
    sql = (
        f"WITH r (i, lo, s, e) AS (VALUES {', '.join(values)}) "  # noqa: S608 -- see above
        f"SELECT r.i, b.room_id FROM r JOIN {ops.quote_name(Booking._meta.db_table)} b "
        f"ON b.{start} > r.lo AND b.{start} < r.e AND b.{end} > r.s "
        f"WHERE b.status <> %s AND {condition}"
    )
    return sql, params


class _Calendar:
    """At each of the given (start, end) times: the room's clashing booking, which other rooms
    are taken, and the closures. Four queries however many dates and rooms.

    A year of weekly dates at national scale overlaps thousands of bookings in the other rooms
    (asked for the alternatives); they are read as bare (range index, room) pairs instead of a
    model per booking searched again for every room and date. ``ranges`` are one series'
    times: sorted and apart from one another.
    """

    def __init__(self, ranges, *, room, exclude_series=None):
        # In UTC, as the bookings come from the database: comparing datetimes of two different
        # time zones asks each for its offset.
        self.starts = [start.astimezone(dt.UTC) for start, _end in ranges]
        self.ends = [end.astimezone(dt.UTC) for _start, end in ranges]
        self.days = [local_date(start) for start, _end in ranges]
        # The room's own clashes in full: the organisation's own booking is named. Asked
        # through the ORM: joined to the ranges, PostgreSQL misjudges how few one room has and
        # reads all of the room's bookings instead.
        own = Booking.objects.active().overlapping_any(ranges).filter(room=room)
        if exclude_series is not None:
            own = own.exclude(series=exclude_series)
        self.clashing = [None] * len(ranges)
        for booking in own:
            for index in self._overlapped(booking.start, booking.end):
                found = self.clashing[index]
                if found is None or booking.start < found.start:
                    self.clashing[index] = booking
        self.taken = [set() for _range in ranges]
        if ranges:
            others = _others_per_range_sql(ranges, room=room, exclude_series=exclude_series)
            with connection.cursor() as cursor:
                cursor.execute(*others)
                for index, room_id in cursor.fetchall():
                    self.taken[index].add(room_id)
        closures = list(
            Closure.objects.filter(
                start_date__lte=self.days[-1], end_date__gte=self.days[0]
            ).select_related("room")
        )
        self.closures = [
            [c for c in closures if c.start_date <= day <= c.end_date] for day in self.days
        ]
        self.rooms = list(Room.objects.bookable())

    def _overlapped(self, start, end):
        """The indexes of the ranges that [start, end) overlaps."""
        index = bisect.bisect_right(self.ends, start)  # the first range ending after start
        while index < len(self.starts) and self.starts[index] < end:
            yield index
            index += 1

    def closure(self, index, room):
        return next((c for c in self.closures[index] if c.room_id in (None, room.pk)), None)

    def free_rooms(self, index, *, instead_of):
        taken, closures = self.taken[index], self.closures[index]
        return [
            other
            for other in self.rooms
            if other.pk != instead_of.pk
            and other.pk not in taken
            and not any(c.room_id in (None, other.pk) for c in closures)
        ]


def _week_key(day):
    return day.isocalendar()[:2]


def _hours_used_per_week(organisation, first_day, last_day, *, exclude_series=None):
    """Hours the organisation has booked per ISO week, or None when it has no quota.

    Callers that write hold the organisation's row lock, so the sum cannot change underneath.
    """
    if organisation.weekly_quota_hours is None:
        return None
    bookings = (
        Booking.objects.active()
        .for_organisation(organisation)
        .overlapping(week_bounds(first_day)[0], week_bounds(last_day)[1])
    )
    if exclude_series is not None:
        bookings = bookings.exclude(series=exclude_series)
    used = defaultdict(float)
    for start, end in bookings.values_list("start", "end"):
        used[_week_key(local_date(start))] += (end - start).total_seconds() / 3600
    return used


# --- one date, changes, closures, the next term ------------------------------------------


def remaining_bookings(series, from_date):
    """The series' active dates from ``from_date`` on that have not started."""
    start = max(day_start(from_date), timezone.now())
    return list(series.bookings.active().filter(start__gte=start).order_by("start"))


def preview_series_change(*, series, from_date, room, start_time, end_time):
    """Each remaining date of the series, as it would be at the new time or in the new room."""
    bookings = remaining_bookings(series, from_date)
    if not bookings:
        return []
    days = {local_date(b.start) for b in bookings}
    slot = Slot.of(
        series,
        room=room,
        start_time=start_time,
        end_time=end_time,
        first_date=min(days),
        last_date=max(days),
    )
    return [p for p in preview_series(slot=slot, exclude_series=series) if p.date in days]


def preview_booked_dates(bookings, *, organisation, series):
    """The preview of dates ``series`` has already booked, each at its own room and time (a
    date moved since keeps its own), as if the series were not booked: {booking pk: preview}.
    A query or three per distinct room and time, not per date."""
    slots = defaultdict(list)
    for booking in bookings:
        start, end = booking.start.astimezone(LOCAL_TZ), booking.end.astimezone(LOCAL_TZ)
        slots[booking.room, start.time(), end.time()].append(booking)
    found = {}
    for (room, start_time, end_time), booked in slots.items():
        days = sorted(local_date(b.start) for b in booked)
        slot = Slot(organisation, room, days[0].weekday(), start_time, end_time, days[0], days[-1])
        previews = preview_series(slot=slot, exclude_series=series)
        by_date = {p.date: p for p in previews}
        found.update({b.pk: by_date[d] for b in booked if (d := local_date(b.start)) in by_date})
    return found


def bookings_covered_by(closure):
    """The active bookings a closure (saved or not) would cancel."""
    start = day_start(closure.start_date)
    end = day_start(closure.end_date + dt.timedelta(days=1))
    bookings = Booking.objects.active().overlapping(start, end)
    if closure.room_id:
        bookings = bookings.filter(room_id=closure.room_id)
    return bookings


def next_term(series):
    """Dates for the next term of a series: straight after it ends, for as long again."""
    if series.last_date is None:
        raise ValidationError(
            _("This series has no last date, so it simply continues; nothing to roll over."),
            "open_ended",
        )
    first = max(series.last_date + dt.timedelta(days=1), today_local())
    # As many weeks again: the same span, shifted to start the week after the last date.
    span = series.last_date - series.first_date + dt.timedelta(days=7)
    last = min(series.last_date + span, booking_horizon())
    return first, last


def preview_roll_over(*, series, first_date, last_date):
    return preview_series(slot=Slot.of(series, first_date=first_date, last_date=last_date))

"""The weekly runs of the calendar feeds, found by the database.

A run is what one recurring event says: the occurrences of one series that share its room, its
local weekday and its local start and end times. The national calendar has 2,450 series and
63,000 occurrences in its 26 weeks; reading every occurrence and converting its times cost
most of a second. The database groups them instead and sends one row per run: the first and
the last date, how many there are, and which weeks are held as bits of a number (the weeks a
run skips, cancelled dates, closures and dates booked by someone else, become EXDATEs). An
occurrence moved to another room or time is a run of its own, as before.

The grouping needs each occurrence's wall-clock time in Europe/Oslo: its seconds since 1970
plus the zone's offset, from a CASE over the zone's changes within the feed's window, found in
Python (``LocalSeconds``). Whole-number arithmetic is cheaper on both databases than their
time-zone and date functions (Django's own time-zone functions on SQLite call Python for every
row). The index on start covers every column read, so neither database visits the table.
"""

import calendar
import datetime as dt
import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Aggregate,
    BigIntegerField,
    Count,
    F,
    Func,
    Max,
    Min,
)
from django.utils import timezone

from rooms import shared_cache
from rooms.models import LONGEST_BOOKING, Booking
from rooms.times import LOCAL_TZ, local_date

# Bits per mask column: a signed 64-bit SUM holds 62 weeks with room to spare.
WEEKS_PER_MASK = 62
DAY = 24 * 60 * 60
WEEK = 7 * DAY


@dataclass
class WeeklyRun:
    series_id: int
    room_id: int
    first_start: dt.datetime  # local
    first_end: dt.datetime  # local
    last_start: dt.datetime  # local
    count: int
    held_weeks: int  # bit n: the week n weeks after ``anchor`` is held
    anchor: dt.date

    def _week(self, moment):
        return (moment.date() - self.anchor).days // 7

    def weeks(self):
        """How many weeks from the first date to the last, both included."""
        return self._week(self.last_start) - self._week(self.first_start) + 1

    def skipped_dates(self):
        """The dates between the first and the last on which the run is not held, from the
        bits that are not set (a handful, where walking every week cost 66,000 steps)."""
        first, last = self._week(self.first_start), self._week(self.last_start)
        span = ((1 << (last - first + 1)) - 1) << first
        missing = span & ~self.held_weeks
        dates = []
        while missing:
            lowest = missing & -missing
            week = lowest.bit_length() - 1
            dates.append(self.first_start.date() + dt.timedelta(weeks=week - first))
            missing ^= lowest
        return dates


def zone_changes(start, end):
    """The UTC instants in [start, end] where the centre's offset from UTC changes, each with
    the offset from then on; found day by day, then to the second by halving."""
    changes = []
    day, offset = start, start.astimezone(LOCAL_TZ).utcoffset()
    while day < end:
        following = min(day + dt.timedelta(days=1), end)
        new_offset = following.astimezone(LOCAL_TZ).utcoffset()
        if new_offset != offset:
            low, high = day, following  # the offset is ``offset`` at low, ``new_offset`` at high
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(LOCAL_TZ).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            changes.append((high.replace(microsecond=0), new_offset))
            offset = new_offset
        day = following
    return start.astimezone(LOCAL_TZ).utcoffset(), changes


class LocalSeconds(Func):
    """The seconds from midnight of ``anchor`` (a date, not after any value) to the wall-clock
    time in the centre's zone of a stored UTC datetime; valid for values within ``window`` (two
    aware datetimes). Whole numbers both databases work out cheaply: the value's seconds since
    1970, plus the offset of its stretch between two clock changes (a CASE over the changes
    ``zone_changes`` found in Python), minus the anchor's. PostgreSQL's ``AT TIME ZONE`` looks
    the zone up for every row, SQLite's date functions parse and format text for every row."""

    output_field = BigIntegerField()

    def __init__(self, expression, window, anchor):
        super().__init__(expression)
        self.window, self.anchor = window, anchor

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            epoch = f"FLOOR(date_part('epoch', {sql}))::bigint"
        elif connection.Database.sqlite_version_info >= (3, 38):
            epoch = f"unixepoch({sql})"  # a third cheaper than strftime's text
        else:
            epoch = f"CAST(strftime('%%s', {sql}) AS INTEGER)"
        first, changes = zone_changes(*self.window)
        offset, offset_params = str(_seconds(first)), []
        if changes:
            cases, previous = [], first
            for instant, new_offset in changes:
                cases.append(f"WHEN {sql} < %s THEN {_seconds(previous)}")
                offset_params += [*params, connection.ops.adapt_datetimefield_value(instant)]
                previous = new_offset
            offset = f"CASE {' '.join(cases)} ELSE {_seconds(previous)} END"
        base = calendar.timegm(self.anchor.timetuple())  # the anchor's midnight, as if UTC
        return f"({epoch} + {offset} - {base})", (*params, *offset_params)


def _seconds(offset):
    return int(offset.total_seconds())


class WeekBit(Func):
    """1 shifted left by the week's place in its mask, or 0 for a week of another mask; from
    the seconds since the anchor."""

    output_field = BigIntegerField()

    def __init__(self, seconds, mask, masks):
        super().__init__(seconds)
        self.mask, self.masks = mask, masks

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        postgresql = connection.vendor == "postgresql"
        one = "1::bigint" if postgresql else "1"
        # PostgreSQL shifts a bigint by an integer only.
        week = f"((({sql}) / {WEEK})::integer)" if postgresql else f"(({sql}) / {WEEK})"
        if self.masks == 1:  # every week of the window fits: no test needed
            return f"{one} << {week}", params
        low, high = self.mask * WEEKS_PER_MASK, (self.mask + 1) * WEEKS_PER_MASK
        return (
            f"CASE WHEN {week} >= {low} AND {week} < {high} THEN {one} << ({week} - {low}) "
            "ELSE 0 END",
            (*params, *params, *params),
        )


class BitOr(Aggregate):
    """The bits set in any row. PostgreSQL has BIT_OR; on SQLite the sum of the distinct
    values is the same, since each is one bit (a week held twice, which no data should have,
    still sets its bit once)."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="BIT_OR", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"SUM(DISTINCT {sql})", params


def weekly_runs(series_ids):
    """The weekly runs of these series from now to the calendar horizon, in series order and,
    within a series, by first date: one query, one row per run, or none from the shared cache.

    The runs are made of bookings alone, so they are kept under the rooms' version
    (``rooms.shared_cache``): a group's edit makes the feeds again but not their runs, which
    are most of a national calendar's cost. What is kept is every series' runs, which every
    calendar (national, an organisation's, a group's) picks its own from: the window holds
    the listed groups' series and few others, and naming 2,450 series in the query cost
    Django more than the database spent on them. Time alone moves the window (an occurrence
    that has ended drops out), so an entry serves one page-cache lifetime; a feed made from it
    is then at most two lifetimes behind the clock, never behind a booking."""
    wanted = {pk for pk in series_ids if pk is not None}
    version = shared_cache.trusted_version() if wanted else None
    if version is None:
        return _read_weekly_runs(sorted(wanted))
    lifetime = settings.PUBLIC_PAGE_CACHE_SECONDS
    key = f"groups:runs:{version}:{int(time.time()) // lifetime}"
    every = shared_cache.get_or_build(key, lambda: _read_weekly_runs(None))
    return [run for run in every if run.series_id in wanted]


def _read_weekly_runs(series_ids):
    """The runs of these series, or of every series with ``None``."""
    if series_ids is not None and not series_ids:
        return []
    now = timezone.now()
    horizon = now + dt.timedelta(weeks=settings.GROUPS_CALENDAR_WEEKS)
    # An upcoming booking began at most LONGEST_BOOKING before now; two days' margin.
    anchor = local_date(now - dt.timedelta(days=2))
    window = (now - dt.timedelta(days=3), horizon + LONGEST_BOOKING + dt.timedelta(days=1))
    masks = ((local_date(horizon) - anchor).days // 7) // WEEKS_PER_MASK + 1
    local_start = LocalSeconds("start", window, anchor)
    occurrences = (
        Booking.objects.active()
        .upcoming(now)
        # The lower bound on start is implied (no booking lasts longer) but lets the database
        # read the index on start from now on, not every booking of the past ten years.
        .filter(start__gt=now - LONGEST_BOOKING, start__lt=horizon, series__isnull=False)
    )
    if series_ids is not None:
        # The series as an expression (+ 0): else SQLite reads each series' ten years through
        # the index on series instead of the window through the index on start.
        occurrences = occurrences.alias(series_number=F("series_id") + 0).filter(
            series_number__in=series_ids
        )
    rows = (
        occurrences.annotate(
            # The local weekday and time of day in one number (the anchor's midnight is
            # midnight of a weekday): one key and one conversion fewer for every row.
            local_start=local_start % WEEK,
            local_end=LocalSeconds("end", window, anchor) % DAY,
        )
        .values("series_id", "room_id", "local_start", "local_end")
        .annotate(
            first_start=Min("start"),
            first_end=Min("end"),
            last_start=Max("start"),
            # Rows, not ids: PostgreSQL keeps ids outside the index that covers the rest.
            count=Count("*"),
            **{f"mask{n}": BitOr(WeekBit(local_start, n, masks)) for n in range(masks)},
        )
        .order_by("series_id", "first_start", "room_id")
    )
    return [
        WeeklyRun(
            series_id=row["series_id"],
            room_id=row["room_id"],
            first_start=row["first_start"].astimezone(LOCAL_TZ),
            first_end=row["first_end"].astimezone(LOCAL_TZ),
            last_start=row["last_start"].astimezone(LOCAL_TZ),
            count=row["count"],
            held_weeks=sum(int(row[f"mask{n}"]) << (n * WEEKS_PER_MASK) for n in range(masks)),
            anchor=anchor,
        )
        for row in rows
    ]

"""The week grid: one row per day, one column per room, each cell the day's times in order.

Each cell lists the room's day as compact blocks: free times (a link to book, from that time),
bookings (the organisation's own in full, others' only as taken) and closures. Rows of days
instead of a column per half-hour keep the whole week of every room on a desktop screen, and on
a phone the rows stack, one day under the other. Fixed number of queries however many bookings.

Shared by the organisations' page and the staff grid in the admin (everything in full).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from rooms import dates, shared_cache
from rooms.models import Booking, Closure, OpeningHours, Room
from rooms.times import LOCAL_TZ, day_start, local_datetime, monday_of

# The dates the grid shows. Outside them a week's neighbours would overflow Python's dates
# (0001-01-01, 9999-12-31), and no booking lies there anyway.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
# A free time chosen in the grid opens the form with this long a booking (or up to the next one).
DEFAULT_LENGTH = dt.timedelta(hours=2)
# Free times start on a quarter hour (the form's time fields step by 15 minutes).
QUARTER = 15
_INSTANT = dt.timedelta(microseconds=1)


def grid_day(day):
    """The day to show for a requested date, kept within the dates the grid can show."""
    return min(max(day, FIRST_DAY), LAST_DAY)


class SegmentKind:
    FREE = "free"
    OWN = "own"  # details shown: the organisation's own booking, or any booking for staff
    TAKEN = "taken"


@dataclass(slots=True)
class GridBooking:
    """What a cell shows of a booking, read as plain values: a national week is thousands of
    bookings, and a model instance for each cost more than drawing the whole grid."""

    room_id: int
    organisation_id: int
    start: dt.datetime
    end: dt.datetime
    title: str
    status: str
    organisation: str = ""  # the name, read for staff only

    @property
    def is_pending(self):
        return self.status == Booking.Status.PENDING


@dataclass(slots=True)
class Segment:
    """One block of a room's day, in local wall-clock time."""

    kind: str
    start: dt.datetime
    end: dt.datetime
    booking: GridBooking | None = None

    @property
    def end_for_form(self):
        """The end time a booking from this free time starts with: two hours, or less if the
        room is taken sooner."""
        return min(self.start + DEFAULT_LENGTH, self.end)

    @property
    def times(self):
        start, end = self.start, self.end  # strftime is slow enough to show in a national week
        return f"{start.hour:02}:{start.minute:02}–{end.hour:02}:{end.minute:02}"


@dataclass
class RoomDay:
    room: Room
    day: dt.date
    segments: list = field(default_factory=list)
    closure: Closure | None = None
    is_open: bool = True  # the centre is open on this weekday at all

    @property
    def own(self):
        return any(s.kind == SegmentKind.OWN for s in self.segments)

    @property
    def css(self):
        """The cell's extra classes, in one lookup for the template."""
        return (" cell-closed" if self.closure else "") + (" cell-own" if self.own else "")


@dataclass
class DayRow:
    day: dt.date
    hours: OpeningHours | None
    cells: list


@dataclass
class Week:
    monday: dt.date
    days: list
    rooms: list
    rows: list  # [DayRow], one per day shown
    booking_count: int
    single_day: bool = False

    @property
    def heading(self):
        if self.single_day:
            return dates.long_date(self.days[0])
        return dates.week_heading(self.monday, self.sunday)

    @property
    def previous_date(self):
        return self.days[0] - dt.timedelta(days=1) if self.single_day else self.previous_monday

    @property
    def next_date(self):
        return self.days[0] + dt.timedelta(days=1) if self.single_day else self.next_monday

    @property
    def previous_monday(self):
        return self.monday - dt.timedelta(days=7)

    @property
    def next_monday(self):
        return self.monday + dt.timedelta(days=7)

    @property
    def sunday(self):
        return self.monday + dt.timedelta(days=6)


def bookable_from(now):
    """The first quarter hour from now: a free time today starts no earlier."""
    now = now.astimezone(LOCAL_TZ).replace(second=0, microsecond=0)
    return now + dt.timedelta(minutes=-now.minute % QUARTER)


def _closure_for(closures, day, room):
    return next((c for c in closures if c.covers(day, room)), None)


def _day_bounds(day, hours):
    """Midnight to midnight and the opening hours of a day: worked out once a day, not in each
    of its rooms."""
    return (
        day_start(day),
        day_start(day + dt.timedelta(days=1)),
        local_datetime(day, hours.opens) if hours else None,
        local_datetime(day, hours.closes) if hours else None,
    )


def _room_day(room, day, hours, bounds, bookings, *, org_id, show_all, earliest):
    """The blocks of one room on one day. ``bookings`` overlap the day, sorted by start."""
    starts, ends, opens, closes = bounds
    shortest = dt.timedelta(minutes=settings.ROOMS_MIN_BOOKING_MINUTES)
    segments = []

    def add_free(start, end):
        # Only times one could still book: within opening hours, from now on, long enough.
        start = max(start, opens, earliest)
        end = min(end, closes)
        if end - start >= shortest:
            segments.append(Segment(SegmentKind.FREE, start, end))

    cursor = opens
    for booking in bookings:
        start = max(booking.start, starts).astimezone(LOCAL_TZ)
        end = min(booking.end, ends).astimezone(LOCAL_TZ)
        if hours is not None and start > cursor:
            add_free(cursor, start)
        visible = show_all or booking.organisation_id == org_id
        previous = segments[-1] if segments else None
        joins = previous is not None and previous.kind == SegmentKind.TAKEN
        if not visible and joins and previous.end == start:
            # Others' bookings back to back read as one taken block: nothing about them is shown.
            previous.end = max(previous.end, end)
        elif visible:
            segments.append(Segment(SegmentKind.OWN, start, end, booking))
        else:
            segments.append(Segment(SegmentKind.TAKEN, start, end))
        if cursor is not None:
            cursor = max(cursor, end)
    if hours is not None:
        add_free(cursor, closes)
    return RoomDay(room, day, segments, is_open=hours is not None)


def _read_week_bookings(room_ids, week_start, week_end, *, show_all):
    """(count, {(room id, local date): [GridBooking, ...] by start}) for the week.

    Only what the cells show, as plain values: the organisation's name is read for staff only.
    A national week is thousands of bookings; a model instance for each (and parsing columns
    the grid never shows) cost more than the rest of the page."""
    fields = ["room_id", "organisation_id", "start", "end", "title", "status"]
    rows = (
        Booking.objects.active()
        .overlapping(week_start, week_end)
        .filter(room__in=room_ids)
        .order_by("start")
        .values_list(*fields, *(["organisation__name"] if show_all else []))
    )
    count, by_room_and_day = 0, defaultdict(list)
    for row in rows:
        booking = GridBooking(*row)
        count += 1
        # astimezone directly: Django's localdate() checks its arguments, thousands of times.
        first = booking.start.astimezone(LOCAL_TZ).date()
        last = (booking.end - _INSTANT).astimezone(LOCAL_TZ).date()
        if first == last:  # nearly every booking
            by_room_and_day[booking.room_id, first].append(booking)
            continue
        for offset in range((last - first).days + 1):
            by_room_and_day[booking.room_id, first + dt.timedelta(days=offset)].append(booking)
    return count, dict(by_room_and_day)


def _week_bookings(room_ids, week_start, week_end, *, show_all):
    """The week's bookings, from the shared cache when it can be trusted (``rooms.shared_cache``).

    Every organisation looking at a week reads the same thousands of bookings; only what is
    its own differs, and that is decided per request."""
    version = shared_cache.trusted_version()

    def read():
        return _read_week_bookings(room_ids, week_start, week_end, show_all=show_all)

    if version is None:
        return read()
    rooms_key = shared_cache.digest(room_ids)
    key = f"rooms:week:{version}:{week_start.isoformat()}:{week_end.isoformat()}:{rooms_key}"
    key += ":all" if show_all else ""
    return shared_cache.get_or_build(key, read)


def week_frame(*, day, rooms=None, single_day=False):
    """The week containing ``day`` (or only that day) with its rooms, before any booking is read:
    what a page shows around the grid. ``fill_week`` reads and lays out the cells."""
    day = grid_day(day)
    monday = monday_of(day)
    days = [day] if single_day else [monday + dt.timedelta(days=i) for i in range(7)]
    if rooms is None:
        rooms = list(Room.objects.bookable())
    return Week(
        monday=monday, days=days, rooms=rooms, rows=[], booking_count=0, single_day=single_day
    )


def fill_week(week, *, organisation=None, show_all=False, earliest=None):
    """Read the week's opening hours, closures and bookings and lay out its cells, free times
    from ``earliest`` (the next quarter hour from now) on. Three queries, however many
    bookings (two when the bookings come from the shared cache)."""
    days, rooms = week.days, week.rooms
    opening = {o.weekday: o for o in OpeningHours.objects.all()}
    week_start, week_end = day_start(days[0]), day_start(days[-1] + dt.timedelta(days=1))
    closures = list(
        Closure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]).select_related(
            "room"
        )
    )
    org_id = organisation.pk if organisation else None
    week.booking_count, by_room_and_day = _week_bookings(
        [room.pk for room in rooms], week_start, week_end, show_all=show_all
    )
    # Days the centre is closed every week are left out, unless staff put something there.
    if not week.single_day:
        booked_days = {day_ for _room, day_ in by_room_and_day}
        days = [d for d in days if d.weekday() in opening or d in booked_days] or days
        week.days = days
    earliest = earliest or bookable_from(timezone.now())
    for day_ in days:
        hours = opening.get(day_.weekday())
        bounds = _day_bounds(day_, hours)
        cells = []
        for room in rooms:
            closure = _closure_for(closures, day_, room)
            if closure:
                cells.append(RoomDay(room, day_, closure=closure, is_open=False))
                continue
            cells.append(
                _room_day(
                    room,
                    day_,
                    hours,
                    bounds,
                    by_room_and_day.get((room.pk, day_), ()),
                    org_id=org_id,
                    show_all=show_all,
                    earliest=earliest,
                )
            )
        week.rows.append(DayRow(day_, hours, cells))
    return week


def build_week(*, day, organisation=None, show_all=False, rooms=None, single_day=False):
    """The week containing ``day`` (or only that day), every cell laid out. Four queries,
    however many bookings (three when the week's bookings come from the shared cache)."""
    week = week_frame(day=day, rooms=rooms, single_day=single_day)
    return fill_week(week, organisation=organisation, show_all=show_all)

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

from rooms import dates
from rooms.models import Booking, Closure, OpeningHours, Room
from rooms.times import LOCAL_TZ, day_start, local_date, local_datetime, monday_of

# The dates the grid shows. Outside them a week's neighbours would overflow Python's dates
# (0001-01-01, 9999-12-31), and no booking lies there anyway.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
# A free time chosen in the grid opens the form with this long a booking (or up to the next one).
DEFAULT_LENGTH = dt.timedelta(hours=2)
# Free times start on a quarter hour (the form's time fields step by 15 minutes).
QUARTER = 15


def grid_day(day):
    """The day to show for a requested date, kept within the dates the grid can show."""
    return min(max(day, FIRST_DAY), LAST_DAY)


class SegmentKind:
    FREE = "free"
    OWN = "own"  # details shown: the organisation's own booking, or any booking for staff
    TAKEN = "taken"


@dataclass
class GridBooking:
    booking: Booking
    visible: bool  # the details may be shown: own booking, or staff

    @property
    def start_local(self):
        return self.booking.start.astimezone(LOCAL_TZ)

    @property
    def end_local(self):
        return self.booking.end.astimezone(LOCAL_TZ)


@dataclass
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


def _bookable_from(now):
    """The first quarter hour from now: a free time today starts no earlier."""
    now = now.astimezone(LOCAL_TZ).replace(second=0, microsecond=0)
    return now + dt.timedelta(minutes=-now.minute % QUARTER)


def _closure_for(closures, day, room):
    return next((c for c in closures if c.covers(day, room)), None)


def _room_day(room, day, hours, bookings, *, org_id, show_all, earliest):
    """The blocks of one room on one day. ``bookings`` overlap the day, sorted by start."""
    starts, ends = day_start(day), day_start(day + dt.timedelta(days=1))
    opens = local_datetime(day, hours.opens) if hours else None
    closes = local_datetime(day, hours.closes) if hours else None
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
        else:
            kind = SegmentKind.OWN if visible else SegmentKind.TAKEN
            segments.append(Segment(kind, start, end, GridBooking(booking, visible)))
        if cursor is not None:
            cursor = max(cursor, end)
    if hours is not None:
        add_free(cursor, closes)
    return RoomDay(room, day, segments, is_open=hours is not None)


def build_week(*, day, organisation=None, show_all=False, rooms=None, single_day=False):
    """The week containing ``day`` (or only that day). Four queries, however many bookings."""
    day = grid_day(day)
    monday = monday_of(day)
    days = [day] if single_day else [monday + dt.timedelta(days=i) for i in range(7)]
    if rooms is None:
        rooms = list(Room.objects.bookable())
    opening = {o.weekday: o for o in OpeningHours.objects.all()}
    week_start, week_end = day_start(days[0]), day_start(days[-1] + dt.timedelta(days=1))
    # Only what the cells show: the rooms are in hand, and the organisation's name is shown to
    # staff only (a national week is thousands of bookings; each joined row is another model).
    bookings = (
        Booking.objects.active()
        .overlapping(week_start, week_end)
        .filter(room__in=rooms)
        .order_by("start")
    )
    bookings = list(bookings.select_related("organisation") if show_all else bookings)
    closures = list(
        Closure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]).select_related(
            "room"
        )
    )
    org_id = organisation.pk if organisation else None
    # Days the centre is closed every week are left out, unless staff put something there.
    booked_days = {local_date(b.start) for b in bookings}
    if not single_day:
        days = [d for d in days if d.weekday() in opening or d in booked_days] or days
    by_room_and_day = defaultdict(list)
    for booking in bookings:
        first = local_date(booking.start)
        last = local_date(booking.end - dt.timedelta(microseconds=1))
        for offset in range((last - first).days + 1):
            by_room_and_day[booking.room_id, first + dt.timedelta(days=offset)].append(booking)
    earliest = _bookable_from(timezone.now())
    rows = []
    for day_ in days:
        hours = opening.get(day_.weekday())
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
                    by_room_and_day[room.pk, day_],
                    org_id=org_id,
                    show_all=show_all,
                    earliest=earliest,
                )
            )
        rows.append(DayRow(day_, hours, cells))
    return Week(
        monday=monday,
        days=days,
        rooms=rooms,
        rows=rows,
        booking_count=len(bookings),
        single_day=single_day,
    )

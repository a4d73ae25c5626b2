"""The week grid: rooms × days, half-hours down the side, in a fixed number of queries.

Shared by the organisations' page (their own bookings in full, others' only as taken) and the
staff grid in the admin (everything in full).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rooms.models import Booking, Closure, OpeningHours, Room
from rooms.services import LOCAL_TZ, local_datetime

SLOT = dt.timedelta(minutes=30)
# The dates the grid shows. Outside them a week's neighbours would overflow Python's dates
# (0001-01-01, 9999-12-31), and no booking lies there anyway.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


class CellKind:
    FREE = "free"
    BOOKED = "booked"
    CLOSED = "closed"
    OUTSIDE = "outside"


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
class Cell:
    kind: str
    rowspan: int = 1
    bookings: list = field(default_factory=list)
    label: str = ""
    day: dt.date | None = None
    room: Room | None = None
    time: dt.time | None = None

    @property
    def own(self):
        return any(b.visible for b in self.bookings)


@dataclass
class Week:
    monday: dt.date
    days: list
    rooms: list
    slots: list  # local wall-clock times
    rows: list  # [(time, [Cell, ...])], cells covered by a rowspan left out
    booking_count: int
    single_day: bool = False

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


def monday_of(day):
    return day - dt.timedelta(days=day.weekday())


def _slot_times(opening):
    opens = min((o.opens for o in opening.values()), default=dt.time(9))
    closes = max((o.closes for o in opening.values()), default=dt.time(22))
    current = dt.datetime.combine(dt.date.min, dt.time(opens.hour))
    end = dt.datetime.combine(dt.date.min, closes)
    times = []
    while current < end:
        times.append(current.time())
        current += SLOT
    return times


def build_week(*, day, organisation=None, show_all=False, rooms=None, single_day=False):
    """The week containing ``day`` (or only that day, for phones). Five queries at most,
    however many bookings there are. A day outside FIRST_DAY..LAST_DAY shows the nearest one."""
    day = min(max(day, FIRST_DAY), LAST_DAY)
    monday = monday_of(day)
    days = [day] if single_day else [monday + dt.timedelta(days=i) for i in range(7)]
    if rooms is None:
        rooms = list(Room.objects.bookable())
    opening = {o.weekday: o for o in OpeningHours.objects.all()}
    slots = _slot_times(opening)
    week_start = local_datetime(days[0], dt.time.min)
    week_end = local_datetime(days[-1] + dt.timedelta(days=1), dt.time.min)
    bookings = list(Booking.objects.active().in_range(week_start, week_end).filter(room__in=rooms))
    closures = list(
        Closure.objects.filter(start_date__lte=days[-1], end_date__gte=days[0]).select_related(
            "room"
        )
    )
    org_id = organisation.pk if organisation else None
    # Days the centre is closed every week are left out, unless staff put something there.
    booked_days = {b.start.astimezone(LOCAL_TZ).date() for b in bookings}
    if not single_day:
        days = [d for d in days if d.weekday() in opening or d in booked_days] or days
    bookings_by_room = defaultdict(list)
    for booking in bookings:
        bookings_by_room[booking.room_id].append(booking)
    columns = []
    for day_ in days:
        hours = opening.get(day_.weekday())
        day_start = local_datetime(day_, dt.time.min)
        day_end = local_datetime(day_ + dt.timedelta(days=1), dt.time.min)
        closes_at = local_datetime(day_, hours.closes) if hours else None
        # Each slot's bounds and whether the centre is open then: the same for every room.
        day_slots = []
        for time in slots:
            start = local_datetime(day_, time)
            end = start + SLOT
            is_open = hours is not None and hours.opens <= time and end <= closes_at
            day_slots.append((time, start, end, is_open))
        for room in rooms:
            closure = next(
                (
                    c
                    for c in closures
                    if c.start_date <= day_ <= c.end_date and c.room_id in (None, room.pk)
                ),
                None,
            )
            if closure:
                columns.append(
                    [Cell(CellKind.CLOSED, len(slots), label=str(closure), day=day_, room=room)]
                )
                continue
            room_bookings = [
                b for b in bookings_by_room[room.pk] if b.start < day_end and b.end > day_start
            ]
            column = []
            for time, start, end, is_open in day_slots:
                if not is_open:
                    key, cell = ("outside",), Cell(CellKind.OUTSIDE, label=_("Closed"))
                else:
                    here = [b for b in room_bookings if b.start < end and b.end > start]
                    if here:
                        key = tuple(b.pk for b in here)
                        cell = Cell(
                            CellKind.BOOKED,
                            bookings=[
                                GridBooking(b, show_all or b.organisation_id == org_id)
                                for b in here
                            ],
                        )
                    else:
                        key, cell = ("free",), Cell(CellKind.FREE, label=_("Free"))
                cell.day, cell.room, cell.time = day_, room, time
                if column and column[-1][0] == key:
                    column[-1][1].rowspan += 1
                else:
                    column.append((key, cell))
            columns.append([cell for _key, cell in column])
    # Transpose the columns into table rows; a cell sits in the row where it starts.
    rows = [(time, []) for time in slots]
    for column in columns:
        index = 0
        for cell in column:
            rows[index][1].append(cell)
            index += cell.rowspan
    return Week(
        monday=monday,
        days=days,
        rooms=rooms,
        slots=slots,
        rows=rows,
        booking_count=len(bookings),
        single_day=single_day,
    )

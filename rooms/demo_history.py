"""A year and a bit of past room use for the demo, so this year's and last year's annual report
have something to show.

Bookings in the past cannot be made through ``rooms.services`` (no one books yesterday), so the
history is written directly: every partner organisation's weekly series gets its dates from
1 January last year until yesterday, closed days left out and about one date in twenty-five
cancelled. The centre's own series (groups, meetings) are the groups app's history.
"""

import datetime as dt

from rooms import closures, times
from rooms.demo import CENTRE_SLUG
from rooms.models import Booking, BookingSeries, Closure


def history_start(today):
    return dt.date(today.year - 1, 1, 1)


def closed_days(start, end):
    closed = {}
    for first, last, room_id in Closure.objects.filter(
        start_date__lte=end, end_date__gte=start
    ).values_list("start_date", "end_date", "room_id"):
        day = max(first, start)
        while day <= min(last, end):
            closed.setdefault(day, set()).add(room_id)
            day += dt.timedelta(days=1)
    return closed


class TakenSlots:
    """The active bookings already in the calendar, so history never double-books a room
    (PostgreSQL's exclusion constraint would refuse it)."""

    def __init__(self, start, end):
        self.by_room = {}
        for room_id, begin, finish in (
            Booking.objects.active()
            .filter(start__lt=times.local_datetime(end + dt.timedelta(days=1), dt.time()))
            .filter(end__gt=times.local_datetime(start, dt.time()))
            .values_list("room_id", "start", "end")
        ):
            self.by_room.setdefault(room_id, []).append((begin, finish))

    def take(self, room_id, begin, finish):
        """True (and the slot is taken) when the room is free then."""
        slots = self.by_room.setdefault(room_id, [])
        if any(begin < other_end and other_begin < finish for other_begin, other_end in slots):
            return False
        slots.append((begin, finish))
        return True


def past_weekly_bookings(series, *, first, last, closed, status_for=None, taken=None):
    """Unsaved Booking rows for ``series`` on each of its weekdays from ``first`` to ``last``,
    leaving out closed days and (with ``taken``) times the room is already booked."""
    bookings = []
    day = times.on_or_after(first, series.weekday)
    while day <= last:
        rooms_closed = closed.get(day, set())
        if None not in rooms_closed and series.room_id not in rooms_closed:
            status = status_for(day) if status_for else Booking.Status.CONFIRMED
            begin = times.local_datetime(day, series.start_time)
            finish = times.local_datetime(day, series.end_time)
            if (
                status != Booking.Status.CANCELLED
                and taken
                and not taken.take(series.room_id, begin, finish)
            ):
                day += dt.timedelta(days=7)
                continue
            bookings.append(
                Booking(
                    room_id=series.room_id,
                    organisation_id=series.organisation_id,
                    series=series,
                    start=begin,
                    end=finish,
                    title=series.title,
                    is_public=series.is_public,
                    status=status,
                )
            )
        day += dt.timedelta(days=7)
    return bookings


def create_demo_history(stdout):
    today = times.today_local()
    start, yesterday = history_start(today), today - dt.timedelta(days=1)
    partner_series = BookingSeries.objects.exclude(organisation__slug=CENTRE_SLUG).filter(
        status=BookingSeries.Status.APPROVED
    )
    if Booking.objects.filter(
        series__in=partner_series, start__lt=times.local_datetime(today, dt.time())
    ).exists():
        stdout.write("Room history already exists; left as it is.")
        return
    closures.add_public_holidays(year=start.year, notify=False)
    closed = closed_days(start, yesterday)
    taken = TakenSlots(start, yesterday)
    bookings = []
    for index, series in enumerate(partner_series.order_by("pk")):

        def status_for(day, index=index):
            # Deterministic: about one date in twenty-five was cancelled.
            cancelled = (day.toordinal() + index) % 25 == 0
            return Booking.Status.CANCELLED if cancelled else Booking.Status.CONFIRMED

        bookings += past_weekly_bookings(
            series,
            first=start,
            last=yesterday,
            closed=closed,
            status_for=status_for,
            taken=taken,
        )
    Booking.objects.bulk_create(bookings, batch_size=500)
    stdout.write(f"Room history: {len(bookings)} past bookings since {start:%d.%m.%Y}.")

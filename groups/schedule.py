"""A group's coming dates as a newcomer needs them: the meetings, and the weeks with none.

A closure cancels the bookings it covers, so a date simply missing from the list would look
like a mistake; the page says instead "no meeting 17 May: the centre is closed".
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from rooms.models import Booking, Closure
from rooms.times import norwegian_public_holidays, on_or_after


@dataclass
class MeetingDate:
    date: dt.date
    booking: Booking | None = None  # None: no meeting that week
    closure: Closure | None = None
    holiday: str = ""

    @property
    def held(self):
        return self.booking is not None


def coming_dates(group, weeks=6):
    """The series' weekly dates from today for ``weeks`` weeks (within its first/last date),
    each with its booking or why there is none. Three queries, whatever the number of weeks."""
    series = group.meeting_series
    if series is None:
        return []
    today = timezone.localdate()
    first = max(today, series.first_date)
    first = on_or_after(first, series.weekday)
    last = first + dt.timedelta(weeks=weeks - 1)
    if series.last_date:
        last = min(last, series.last_date)
    if last < first:
        return []
    now = timezone.now()
    bookings = {
        timezone.localtime(booking.start).date(): booking
        for booking in Booking.objects.active()
        .upcoming(now)
        .filter(series=series, start__lt=_midnight_after(last))
        .order_by("start")
    }
    closures = list(
        Closure.objects.filter(start_date__lte=last, end_date__gte=first).filter(
            Q(room__isnull=True) | Q(room_id=series.room_id)
        )
    )
    holidays = {}
    for year in range(first.year, last.year + 1):
        holidays.update(norwegian_public_holidays(year))
    dates = []
    day = first
    while day <= last:
        closure = next((c for c in closures if c.covers(day, series.room_id)), None)
        dates.append(MeetingDate(day, bookings.get(day), closure, holidays.get(day, "")))
        day += dt.timedelta(weeks=1)
    # A one-off booking moved to another weekday still belongs to the group's dates.
    listed = {item.date for item in dates}
    dates += [
        MeetingDate(day, booking)
        for day, booking in bookings.items()
        if first <= day <= last and day not in listed
    ]
    return sorted(dates, key=lambda item: item.date)


def _midnight_after(day):
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))

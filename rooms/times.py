"""Calendar maths in the centre's time zone: local dates, wall-clock times made aware, weeks, the
dates of a repeating series and the public holidays. No database, no writes.

A series is defined in local wall-clock time and expanded date by date in Europe/Oslo, so a
Tuesday 18:00 series stays at 18:00 through the daylight-saving changes.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


def local_datetime(day, time):
    """An aware datetime for a wall-clock time on a date in the centre's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, time), LOCAL_TZ)


def local_date(moment):
    """The date in Oslo of an aware datetime."""
    return timezone.localdate(moment, LOCAL_TZ)


def today_local():
    return timezone.localdate(timezone=LOCAL_TZ)


def day_start(day):
    """Midnight at the start of a local date, aware."""
    return local_datetime(day, dt.time.min)


def booking_horizon():
    """The last date organisations may book."""
    return today_local() + dt.timedelta(days=settings.ROOMS_HORIZON_DAYS)


def monday_of(day):
    return day - dt.timedelta(days=day.weekday())


def week_bounds(day):
    """Aware datetimes: the start of the Monday of ``day``'s week and of the Monday after."""
    monday = monday_of(day)
    return day_start(monday), day_start(monday + dt.timedelta(days=7))


def on_or_after(day, weekday):
    """The first ``weekday`` on or after ``day``."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def series_dates(*, weekday, first_date, last_date=None, every_weeks=1, week_of_month=None):
    """The dates of a series from ``first_date`` to ``last_date`` (or the horizon): every
    ``every_weeks``-th ``weekday``, or with ``week_of_month`` the n-th (1–4) or last (-1)
    ``weekday`` of each month. Dates, not times: each is given its wall-clock time in Oslo
    separately, so the daylight-saving changes never move a meeting."""
    end = min(last_date, booking_horizon()) if last_date else booking_horizon()
    if week_of_month:
        return monthly_dates(weekday, week_of_month, first_date, end)
    day = on_or_after(first_date, weekday)
    days = []
    while day <= end:
        days.append(day)
        day += dt.timedelta(weeks=every_weeks)
    return days


def nth_weekday(year, month, weekday, week_of_month):
    """The n-th (1–4) or last (-1) ``weekday`` of a month."""
    if week_of_month == -1:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return on_or_after(first, weekday) + dt.timedelta(weeks=week_of_month - 1)


def monthly_dates(weekday, week_of_month, first_date, end):
    days = []
    year, month = first_date.year, first_date.month
    while dt.date(year, month, 1) <= end:
        day = nth_weekday(year, month, weekday, week_of_month)
        if first_date <= day <= end:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def next_on_cadence(series, day):
    """Where to expand ``series`` again from, on or after ``day``: every other week, the next
    date in step with its first date; weekly and monthly dates follow from any start."""
    if series.week_of_month or series.every_weeks == 1:
        return max(day, series.first_date)
    anchor = on_or_after(series.first_date, series.weekday)
    if day <= anchor:
        return anchor
    step = 7 * series.every_weeks
    steps = -(-(day - anchor).days // step)  # rounded up: never a date before ``day``
    return anchor + dt.timedelta(days=steps * step)


def next_date_after(series):
    """The series' next date after its last date: where booking it again would start."""
    after = series.last_date + dt.timedelta(days=1)
    if series.week_of_month:
        return monthly_dates(
            series.weekday, series.week_of_month, after, after + dt.timedelta(days=62)
        )[0]
    return on_or_after(after, series.weekday)


def norwegian_public_holidays(year):
    """The real public holidays of a year, not every Sunday (some versions list those too)."""
    try:
        days = holidays.country_holidays("NO", years=year, language="no", include_sundays=False)
    except TypeError:  # an older holidays without the include_sundays switch
        days = holidays.country_holidays("NO", years=year, language="no")
    return sorted(
        (day, name) for day, name in days.items() if name.strip().lower() not in {"søndag"}
    )

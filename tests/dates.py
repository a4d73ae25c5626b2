"""Dates the tests book on, relative to today in Oslo, so that no test books in the past."""

import datetime as dt

from rooms.times import today_local


def first_weekday_from(weekday, day):
    """The first date on ``weekday`` (0 = Monday) on or after ``day``."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def weekday_a_week_after(weekday, after=None):
    """The first date on ``weekday`` at least a week after ``after`` (default today): far enough
    ahead of the booking notice and of "today" in any time zone."""
    return first_weekday_from(weekday, (after or today_local()) + dt.timedelta(days=7))


def weekday_weeks_ahead(weekday, weeks_ahead=1):
    """The first date on ``weekday`` at least ``weeks_ahead`` weeks from today (0: today or
    later)."""
    return first_weekday_from(weekday, today_local() + dt.timedelta(weeks=weeks_ahead))


def last_sunday(year, month):
    """Daylight saving starts on the last Sunday of March and ends on the last Sunday of October."""
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


def next_dst_change(month):
    """The next last Sunday of ``month`` (3 or 10) at least two weeks from today."""
    today = today_local()
    change = last_sunday(today.year, month)
    if change < today + dt.timedelta(days=14):
        change = last_sunday(today.year + 1, month)
    return change

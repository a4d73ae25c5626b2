"""Helpers the rooms tests share: URLs in English, the Tuesday 18–20 slot, one-date bookings and
the booking form's fields. Plain functions (fixtures live in conftest.py)."""

import datetime as dt

from django.urls import reverse
from django.utils import translation

from rooms.services import book_series
from tests.dates import weekday_a_week_after
from tests.factories import BookingFactory

TUESDAY = 1


def en_reverse(name, args=None):
    with translation.override("en"):
        return reverse(name, args=args)


def series_kwargs(room, organisation, first_date, weeks=4, **overrides):
    """The slot of a Tuesday 18–20 series of ``weeks`` dates from ``first_date``."""
    kwargs = {
        "organisation": organisation,
        "room": room,
        "weekday": TUESDAY,
        "start_time": dt.time(18),
        "end_time": dt.time(20),
        "first_date": first_date,
        "last_date": first_date + dt.timedelta(weeks=weeks - 1),
    }
    kwargs.update(overrides)
    return kwargs


def weekly(organisation, room, first, weeks=4, title="AA Tirsdag", **kwargs):
    """That series booked through the service; its SeriesResult (what was booked or skipped)."""
    return book_series(
        **series_kwargs(room, organisation, first, weeks=weeks, **kwargs), title=title
    )


def book(organisation, room, day, start=18, end=20, title="Møte", **kwargs):
    """A confirmed one-date booking through the service (no email)."""
    return BookingFactory(
        organisation=organisation,
        room=room,
        date=day,
        start_time=dt.time(start),
        end_time=dt.time(end),
        title=title,
        **kwargs,
    )


def booking_post(room_, day, **overrides):
    """The booking form's fields for a weekly Tuesday 18–20 series of four weeks from ``day``."""
    data = {
        "room": room_.pk,
        "repeat": "weekly",
        "date": day.isoformat(),
        "last_date": (day + dt.timedelta(weeks=3)).isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "title": "AA Tirsdagsgruppa",
        "action": "preview",
    }
    data.update(overrides)
    return data


def admin_series(organisation, room, *, weeks):
    """The admin's add form for a Tuesday series of ``weeks`` dates."""
    first = weekday_a_week_after(TUESDAY)
    return {
        "organisation": organisation.pk,
        "room": room.pk,
        "weekday": TUESDAY,
        "start_time": "18:00",
        "end_time": "20:00",
        "first_date": first.isoformat(),
        "last_date": (first + dt.timedelta(weeks=weeks - 1)).isoformat(),
        "title": "Lagt inn av stab",
    }

"""Every other week: the same per-date preview, booking, open-ended extension and roll-over as
weekly series, each date at its Oslo wall-clock time across both daylight-saving changes."""

import datetime as dt

import pytest

from rooms.availability import preview_series
from rooms.models import Booking, BookingSeries
from rooms.services import book_series, extend_open_ended_series
from rooms.times import LOCAL_TZ, next_on_cadence, series_dates
from tests.dates import next_dst_change, weekday_a_week_after
from tests.rooms.helpers import booking_post, en_reverse, series_kwargs

pytestmark = pytest.mark.django_db
TUESDAY = 1


def test_series_dates_every_other_week():
    first = weekday_a_week_after(0)
    dates = series_dates(
        weekday=TUESDAY, first_date=first, last_date=first + dt.timedelta(weeks=7), every_weeks=2
    )
    assert dates[0] == first + dt.timedelta(days=1)
    assert [(b - a).days for a, b in zip(dates, dates[1:], strict=False)] == [14, 14, 14]


@pytest.mark.parametrize("month", [3, 10])
def test_every_other_week_keeps_local_time_across_daylight_saving_change(
    month, room, organisation, opening_hours
):
    change = next_dst_change(month)  # a Sunday
    first = change - dt.timedelta(days=19)  # a Tuesday three weeks before
    result = book_series(
        **series_kwargs(room, organisation, first, weeks=7),
        every_weeks=2,
        title="AA annenhver",
        notify=False,
    )
    local_starts = [b.start.astimezone(LOCAL_TZ) for b in result.booked]
    assert [s.date() for s in local_starts] == [first + dt.timedelta(weeks=w) for w in (0, 2, 4, 6)]
    assert {s.time() for s in local_starts} == {dt.time(18)}
    assert {s.utcoffset() for s in local_starts} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    assert result.series.every_weeks == 2


def test_the_preview_lists_every_other_date(room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    previews = preview_series(**series_kwargs(room, organisation, first, weeks=5), every_weeks=2)
    assert [p.date for p in previews] == [first + dt.timedelta(weeks=w) for w in (0, 2, 4)]


def test_booking_every_other_week_through_the_form(org_client, room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    data = booking_post(
        room, first, repeat="fortnightly", last_date=(first + dt.timedelta(weeks=5)).isoformat()
    )
    response = org_client.post(en_reverse("rooms:book"), data)
    assert [p.date for p in response.context["previews"]] == [
        first,
        first + dt.timedelta(weeks=2),
        first + dt.timedelta(weeks=4),
    ]
    data["action"] = "confirm"
    org_client.post(en_reverse("rooms:book"), data)
    series = BookingSeries.objects.get()
    assert series.every_weeks == 2 and series.bookings.count() == 3
    html = org_client.get(en_reverse("rooms:mine")).content.decode()
    assert "(every other week)" in html


def test_an_open_ended_series_grows_in_step(room, organisation, opening_hours, settings):
    settings.ROOMS_HORIZON_DAYS = 40
    first = weekday_a_week_after(TUESDAY)
    result = book_series(
        **series_kwargs(room, organisation, first, last_date=None),
        every_weeks=2,
        title="AA",
        notify=False,
    )
    settings.ROOMS_HORIZON_DAYS = 120
    extend_open_ended_series()
    starts = sorted(
        b.start.astimezone(LOCAL_TZ).date() for b in Booking.objects.filter(series=result.series)
    )
    assert all((day - first).days % 14 == 0 for day in starts), starts
    assert len(starts) > len(result.booked)


def test_next_on_cadence_never_goes_back(room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    series = BookingSeries(
        organisation=organisation, room=room, weekday=TUESDAY, first_date=first, every_weeks=2
    )
    assert next_on_cadence(series, first - dt.timedelta(days=30)) == first
    assert next_on_cadence(series, first) == first
    assert next_on_cadence(series, first + dt.timedelta(days=1)) == first + dt.timedelta(weeks=2)
    assert next_on_cadence(series, first + dt.timedelta(weeks=2)) == first + dt.timedelta(weeks=2)

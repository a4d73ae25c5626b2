"""Monthly series on the n-th or last weekday (the first Sunday, the last Thursday): expanded in
Oslo wall-clock time across both daylight-saving changes, through the form, and extended."""

import datetime as dt

import pytest

from rooms.models import Booking, BookingSeries
from rooms.services import book_series, extend_open_ended_series
from rooms.times import LOCAL_TZ, nth_weekday, series_dates, today_local
from tests.rooms.helpers import booking_post, en_reverse, series_kwargs

pytestmark = pytest.mark.django_db
SUNDAY, THURSDAY = 6, 3


@pytest.mark.parametrize(
    ("year", "month", "weekday", "week", "expected"),
    [
        (2026, 12, SUNDAY, 1, dt.date(2026, 12, 6)),
        (2026, 12, THURSDAY, -1, dt.date(2026, 12, 31)),
        (2027, 2, THURSDAY, -1, dt.date(2027, 2, 25)),
        (2027, 3, SUNDAY, -1, dt.date(2027, 3, 28)),  # the day summer time starts
        (2027, 1, 0, 4, dt.date(2027, 1, 25)),
    ],
)
def test_nth_weekday(year, month, weekday, week, expected):
    assert nth_weekday(year, month, weekday, week) == expected


def monthly_kwargs(room, organisation, first, weekday, week, *, days):
    """18–20 on the ``week``-th (-1: last) ``weekday`` of each month from ``first`` for ``days``
    days (None: open-ended)."""
    last_date = None if days is None else first + dt.timedelta(days=days)
    return series_kwargs(
        room, organisation, first, weekday=weekday, last_date=last_date, week_of_month=week
    )


def first_of_next_month():
    today = today_local()
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def test_the_first_sunday_every_month_across_both_clock_changes(room, organisation, opening_hours):
    first = first_of_next_month()
    result = book_series(
        **monthly_kwargs(room, organisation, first, SUNDAY, 1, days=330),
        title="AA forretningsmøte",
        notify=False,
    )
    starts = [b.start.astimezone(LOCAL_TZ) for b in result.booked]
    assert len(starts) == 11
    assert all(s.weekday() == SUNDAY and s.day <= 7 for s in starts)
    assert {s.time() for s in starts} == {dt.time(18)}
    assert {s.utcoffset() for s in starts} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    assert result.series.week_of_month == 1


def test_the_last_thursday_through_the_form(org_client, room, organisation, opening_hours):
    first = first_of_next_month()
    data = booking_post(
        room,
        first,
        repeat="monthly_last",
        last_date=(first + dt.timedelta(days=100)).isoformat(),
    )
    response = org_client.post(en_reverse("rooms:book"), data)
    dates = [p.date for p in response.context["previews"]]
    assert dates == series_dates(
        weekday=first.weekday(),
        first_date=first,
        last_date=first + dt.timedelta(days=100),
        week_of_month=-1,
    )
    assert all((d + dt.timedelta(days=7)).month != d.month for d in dates)
    data["action"] = "confirm"
    org_client.post(en_reverse("rooms:book"), data)
    series = BookingSeries.objects.get()
    assert series.week_of_month == -1 and series.bookings.count() == len(dates)
    assert "(the last in the month)" in org_client.get(en_reverse("rooms:mine")).content.decode()
    # The reminder's link books the same rhythm again.
    location = org_client.get(en_reverse("rooms:extend_series", args=[series.pk]))["Location"]
    assert "repeat=monthly_last" in location


def test_a_fifth_weekday_is_refused_with_a_way_out(org_client, room, opening_hours):
    day = next(
        first_of_next_month() + dt.timedelta(days=n)
        for n in range(40)
        if (first_of_next_month() + dt.timedelta(days=n)).day == 29
    )
    data = booking_post(room, day, repeat="monthly")
    for action in ("preview", "confirm"):
        data["action"] = action
        response = org_client.post(en_reverse("rooms:book"), data)
        assert response.status_code == 200
        assert "Not every month has a fifth" in response.content.decode()
    assert not Booking.objects.exists()


def test_an_open_ended_monthly_series_grows_on_its_weekday(
    room, organisation, opening_hours, settings
):
    settings.ROOMS_HORIZON_DAYS = 70
    first = first_of_next_month()
    series = book_series(
        **monthly_kwargs(room, organisation, first, THURSDAY, -1, days=None),
        title="AA",
        notify=False,
    ).series
    before = series.bookings.count()
    settings.ROOMS_HORIZON_DAYS = 200
    extend_open_ended_series()
    days = [b.start.astimezone(LOCAL_TZ).date() for b in series.bookings.order_by("start")]
    assert len(days) > before
    assert all(d == nth_weekday(d.year, d.month, THURSDAY, -1) for d in days)


def test_cancel_one_and_change_the_rest_of_a_monthly_series(
    room, other_room, organisation, member, opening_hours
):
    from rooms.changes import edit_series_from
    from rooms.services import cancel_occurrence

    first = first_of_next_month()
    result = book_series(
        **monthly_kwargs(room, organisation, first, SUNDAY, 1, days=100), title="AA", notify=False
    )
    first_booking, second, *rest = result.booked
    cancel_occurrence(booking=first_booking, by=member, notify=False)
    moved = edit_series_from(
        series=result.series,
        from_date=second.start.astimezone(LOCAL_TZ).date(),
        room=other_room,
        start_time=dt.time(17),
        end_time=dt.time(19),
        by=member,
        notify=False,
    ).moved
    assert len(moved) == 1 + len(rest)
    active = result.series.bookings.active().order_by("start")
    assert [b.room for b in active] == [other_room] * len(moved)
    assert all(
        b.start.astimezone(LOCAL_TZ).time() == dt.time(17) and b.start.astimezone(LOCAL_TZ).day <= 7
        for b in active
    )

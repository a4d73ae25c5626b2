import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rooms.availability import DateStatus, preview_series
from rooms.models import Booking, BookingSeries, Closure
from rooms.services import book_series
from rooms.times import LOCAL_TZ, local_datetime, series_dates
from tests.dates import next_dst_change, weekday_a_week_after
from tests.rooms.helpers import series_kwargs

pytestmark = pytest.mark.django_db
TUESDAY = 1


@pytest.mark.parametrize("month", [3, 10])
def test_series_keeps_local_time_across_daylight_saving_change(
    month, room, organisation, opening_hours
):
    change = next_dst_change(month)  # a Sunday
    first = change - dt.timedelta(days=12)  # the Tuesday two weeks before
    result = book_series(
        **series_kwargs(room, organisation, first, weeks=4), title="AA Tirsdagsgruppa"
    )
    local_starts = [b.start.astimezone(LOCAL_TZ) for b in result.booked]
    assert [s.time() for s in local_starts] == [dt.time(18)] * 4
    assert all(s.weekday() == TUESDAY for s in local_starts)
    offsets = {s.utcoffset() for s in local_starts}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}  # both sides of the change
    for booking in result.booked:
        assert booking.end - booking.start == dt.timedelta(hours=2)


def test_series_dates_are_weekly_on_the_weekday():
    first = weekday_a_week_after(0)
    dates = series_dates(weekday=TUESDAY, first_date=first, last_date=first + dt.timedelta(days=21))
    assert dates[0] == first + dt.timedelta(days=1)
    assert all((b - a).days == 7 for a, b in zip(dates, dates[1:], strict=False))
    assert len(dates) == 3


def test_preview_shows_each_date_and_booking_saves_exactly_the_free_ones(
    room, other_room, organisation, other_organisation, opening_hours
):
    first = weekday_a_week_after(TUESDAY)
    taken_dates = [first + dt.timedelta(weeks=1), first + dt.timedelta(weeks=3)]
    for day in taken_dates:
        Booking.objects.create(
            room=room,
            organisation=other_organisation,
            start=local_datetime(day, dt.time(19)),
            end=local_datetime(day, dt.time(21)),
            title="NA privat",
        )
    Closure.objects.create(
        start_date=first + dt.timedelta(weeks=2),
        end_date=first + dt.timedelta(weeks=2),
        reason=Closure.Reason.MAINTENANCE,
        description="Maling",
    )
    kwargs = series_kwargs(room, organisation, first, weeks=5)
    previews = preview_series(**kwargs)
    assert [p.status for p in previews] == [
        DateStatus.FREE,
        DateStatus.TAKEN,
        DateStatus.CLOSED,
        DateStatus.TAKEN,
        DateStatus.FREE,
    ]
    taken = previews[1]
    assert taken.reason == "taken" or "NA" not in taken.reason  # never names another organisation
    assert taken.own_booking is None
    assert taken.alternatives == [other_room]
    assert "Maling" in previews[2].reason

    result = book_series(
        **kwargs, title="AA", expected_free_dates=[p.date for p in previews if p.is_free]
    )
    assert sorted(b.start.date() for b in result.booked) == [first, first + dt.timedelta(weeks=4)]
    assert len(result.skipped) == 3
    assert result.taken_since_preview == []
    assert Booking.objects.filter(series=result.series).count() == 2


def test_date_taken_between_preview_and_saving_is_reported(
    room, organisation, other_organisation, opening_hours
):
    first = weekday_a_week_after(TUESDAY)
    kwargs = series_kwargs(room, organisation, first, weeks=3)
    seen_free = [p.date for p in preview_series(**kwargs) if p.is_free]
    assert len(seen_free) == 3
    sneaky = first + dt.timedelta(weeks=1)
    Booking.objects.create(
        room=room,
        organisation=other_organisation,
        start=local_datetime(sneaky, dt.time(18)),
        end=local_datetime(sneaky, dt.time(20)),
        title="NA",
    )
    result = book_series(**kwargs, title="AA", expected_free_dates=seen_free)
    assert [p.date for p in result.taken_since_preview] == [sneaky]
    assert len(result.booked) == 2


def test_adjacent_bookings_do_not_collide(room, organisation, other_organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    book_series(**series_kwargs(room, other_organisation, first, weeks=1), title="Før")
    result = book_series(
        **series_kwargs(
            room, organisation, first, weeks=1, start_time=dt.time(20), end_time=dt.time(22)
        ),
        title="Etter",
    )
    assert len(result.booked) == 1


def test_own_clash_is_named(room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    book_series(**series_kwargs(room, organisation, first, weeks=1), title="Tirsdagsmøtet")
    preview = preview_series(**series_kwargs(room, organisation, first, weeks=1))[0]
    assert preview.status == DateStatus.TAKEN
    assert "Tirsdagsmøtet" in preview.reason


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"start_time": dt.time(20), "end_time": dt.time(18)}, "order"),
        ({"end_time": dt.time(18, 15)}, "too_short"),
        ({"start_time": dt.time(8), "end_time": dt.time(21)}, "too_long"),
        ({"start_time": dt.time(7), "end_time": dt.time(9)}, "outside_hours"),
    ],
)
def test_each_broken_rule_has_its_own_message(overrides, code, room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    with pytest.raises(ValidationError) as error:
        book_series(**series_kwargs(room, organisation, first, **overrides), title="x")
    assert code in [e.code for e in error.value.error_list]
    assert not BookingSeries.objects.exists()
    assert not Booking.objects.exists()


def test_past_and_beyond_horizon_are_refused(room, organisation, opening_hours, settings):
    past = weekday_a_week_after(TUESDAY) - dt.timedelta(weeks=5)
    with pytest.raises(ValidationError) as error:
        book_series(**series_kwargs(room, organisation, past), title="x")
    assert "past" in [e.code for e in error.value.error_list]
    far = weekday_a_week_after(TUESDAY) + dt.timedelta(days=settings.ROOMS_HORIZON_DAYS + 7)
    with pytest.raises(ValidationError) as error:
        book_series(**series_kwargs(room, organisation, far), title="x")
    assert "beyond_horizon" in [e.code for e in error.value.error_list]


def test_closed_weekday_is_refused(room, organisation, opening_hours):
    opening_hours[TUESDAY].delete()
    with pytest.raises(ValidationError) as error:
        book_series(**series_kwargs(room, organisation, weekday_a_week_after(TUESDAY)), title="x")
    assert "closed_day" in [e.code for e in error.value.error_list]


def test_nothing_free_saves_nothing(room, organisation, opening_hours):
    first = weekday_a_week_after(TUESDAY)
    Closure.objects.create(
        start_date=first, end_date=first + dt.timedelta(weeks=4), reason=Closure.Reason.HOLIDAY
    )
    with pytest.raises(ValidationError):
        book_series(**series_kwargs(room, organisation, first, weeks=2), title="x")
    assert not BookingSeries.objects.exists()


def test_pending_when_approval_required(room, organisation, opening_hours, settings):
    settings.ROOMS_REQUIRE_APPROVAL = True
    result = book_series(
        **series_kwargs(room, organisation, weekday_a_week_after(TUESDAY), weeks=2), title="x"
    )
    assert result.series.status == BookingSeries.Status.PENDING
    assert {b.status for b in result.booked} == {Booking.Status.PENDING}


def test_preview_costs_fixed_queries(
    room, other_room, organisation, opening_hours, django_assert_max_num_queries
):
    first = weekday_a_week_after(TUESDAY)
    with django_assert_max_num_queries(5):
        previews = preview_series(**series_kwargs(room, organisation, first, weeks=40))
    assert len(previews) == 40
    assert local_datetime(first, dt.time(18)).tzinfo == LOCAL_TZ

"""Hostile input to the organisations' pages answers with a message or 404, never a 500."""

import datetime as dt

import pytest

from rooms.grid import FIRST_DAY, LAST_DAY, build_week, monday_of
from rooms.models import Booking
from rooms.times import LOCAL_TZ, booking_horizon, today_local
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import book, en_reverse

TUESDAY = 1


@pytest.fixture
def guarded_client(org_client):
    org_client.raise_request_exception = False
    return org_client


def without_input_guard(settings):
    """The views' own answers, with the NUL-byte middleware out of the way."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "input_guard" not in m]


def test_series_change_past_the_horizon_is_a_form_error(
    guarded_client, room, organisation, opening_hours
):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    url = en_reverse("rooms:change_series", args=[booking.series_id])
    beyond = booking_horizon() + dt.timedelta(days=30)
    response = guarded_client.post(
        url,
        {
            "from_date": beyond.isoformat(),
            "room": room.pk,
            "start_time": "17:00",
            "end_time": "19:00",
            "action": "confirm",
        },
    )
    assert response.status_code == 200
    assert "You can book at most" in response.content.decode()
    assert response.context["form"].errors["from_date"]
    booking.refresh_from_db()
    assert booking.start.astimezone(LOCAL_TZ).time() == dt.time(18)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_week_grid_outside_its_dates_shows_this_week_with_a_message(
    guarded_client, room, opening_hours, date
):
    response = guarded_client.get(en_reverse("rooms:week"), {"date": date, "room": room.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not understood" in html and "Choose a date between 01.01.2000 and 31.12.2100" in html
    week = response.context["week"]
    assert week.monday == monday_of(today_local()) and week.rooms == [room]


def test_week_grid_at_its_first_and_last_day(guarded_client, room, opening_hours):
    for day in (FIRST_DAY, LAST_DAY):
        response = guarded_client.get(en_reverse("rooms:week"), {"date": day.isoformat()})
        assert response.status_code == 200 and day in response.context["week"].days


def test_build_week_clamps_any_caller(room, opening_hours):
    # The staff grid in the admin parses its own date; the grid itself never overflows.
    assert build_week(day=dt.date.min).monday == FIRST_DAY - dt.timedelta(FIRST_DAY.weekday())
    assert LAST_DAY in build_week(day=dt.date.max, single_day=True).days


def test_week_grid_keeps_the_valid_choices_when_one_is_wrong(
    guarded_client, room, other_room, opening_hours
):
    day = weekday_a_week_after(TUESDAY)
    response = guarded_client.get(en_reverse("rooms:week"), {"date": day.isoformat(), "room": "x"})
    assert response.status_code == 200
    assert "left out" in response.content.decode()
    assert day in response.context["week"].days


@pytest.mark.parametrize(
    "token", ["%00", "a%00b", "not/a-token", "x" * 65, "%F0%9F%98%80", "<script>"]
)
def test_calendar_feed_with_a_malformed_token_is_404(client, settings, organisation, token):
    without_input_guard(settings)
    client.raise_request_exception = False
    assert client.get(f"/rom/kalender/{token}.ics").status_code == 404


def test_calendar_feed_with_a_nul_byte_is_400_with_the_guard(client, organisation):
    client.raise_request_exception = False
    assert client.get("/rom/kalender/%00.ics").status_code == 400
    good = client.get(en_reverse("rooms:calendar", args=[organisation.calendar_token]))
    assert good.status_code == 200


def test_booking_far_ahead_and_in_year_9999_saves_nothing(guarded_client, room, opening_hours):
    data = {
        "room": room.pk,
        "repeat": "weekly",
        "date": "9999-12-31",
        "last_date": "9999-12-31",
        "start_time": "18:00",
        "end_time": "20:00",
        "title": "Møte",
        "action": "confirm",
    }
    response = guarded_client.post(en_reverse("rooms:book"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not Booking.objects.exists()


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "2026-02-30", "x"])
def test_staff_week_overview_takes_any_date(admin_client, room, opening_hours, date):
    admin_client.raise_request_exception = False
    response = admin_client.get("/admin/rooms/booking/week/", {"date": date})
    assert response.status_code == 200

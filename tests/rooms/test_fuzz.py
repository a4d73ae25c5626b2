"""Property-based: hostile input to the organisations' forms and pages never gives a 500, never
half-saves, and every rejected field says why. See tests/fuzzing.py.

The ``@example``s are the inputs that once gave a server error (issue 10); they run every time.
"""

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rooms.models import Booking, BookingSeries
from rooms.times import booking_horizon, today_local
from tests.dates import weekday_a_week_after
from tests.fuzzing import (
    check_page,
    counts,
    dates_near,
    either,
    fill,
    form_data,
    hostile_text,
    one_example,
    path_part,
    times_near,
    unchanged,
)
from tests.rooms.helpers import book, en_reverse

pytestmark = pytest.mark.django_db

TUESDAY = 1
SOON = [
    weekday_a_week_after(TUESDAY).isoformat(),
    weekday_a_week_after(TUESDAY, weekday_a_week_after(0)).isoformat(),
]
BEYOND_HORIZON = (booking_horizon() + dt.timedelta(days=7)).isoformat()
ACTIONS = ["preview", "confirm", "edit"]
ROOMS = ["{room}", "{other_room}"]

BOOKING = form_data(
    {
        "room": either([*ROOMS, ""]),
        "repeat": either(["once", "weekly"]),
        "date": dates_near(SOON),
        "last_date": dates_near([*SOON, ""]),
        "start_time": times_near(["18:00", "09:00"]),
        "end_time": times_near(["20:00", "10:30"]),
        "title": either(["Møte", "AA <3"]),
        "is_public": either(["on", ""]),
        "action": either(ACTIONS),
        "expected": dates_near(SOON),
    },
    {
        "room": "{room}",
        "repeat": "weekly",
        "date": SOON[0],
        "last_date": SOON[1],
        "start_time": "18:00",
        "end_time": "20:00",
        "title": "Møte",
        "action": "confirm",
        "expected": SOON,
    },
)
SERIES_CHANGE_VALID = {
    "from_date": SOON[0],
    "room": "{other_room}",
    "start_time": "17:00",
    "end_time": "19:00",
    "action": "confirm",
    "expected": [SOON[0]],
}
SERIES_CHANGE = form_data(
    {
        "from_date": dates_near(SOON),
        "room": either(ROOMS),
        "start_time": times_near(["17:00", "18:00"]),
        "end_time": times_near(["19:00", "20:00"]),
        "action": either(ACTIONS),
        "expected": dates_near(SOON),
    },
    SERIES_CHANGE_VALID,
)
WEEK_QUERY = form_data(
    {
        "date": dates_near(SOON),
        "room": either(["rom-2", "rom-3", ""]),
        "view": either(["week", "day", ""]),
        "org": either(["aa-oslo", "na-oslo", ""]),
    },
    {"date": SOON[0], "room": "rom-2", "view": "day", "org": "aa-oslo"},
)


@pytest.fixture
def fuzz_client(org_client, room, other_room, opening_hours):
    org_client.raise_request_exception = False
    return org_client


@pytest.fixture
def rooms(room, other_room):
    return {"room": room.pk, "other_room": other_room.pk}


@pytest.fixture
def series_booking(organisation, room, fuzz_client):
    return book(organisation, room, weekday_a_week_after(TUESDAY))


def snapshot():
    return list(
        Booking.objects.order_by("pk").values_list("pk", "room_id", "start", "end", "status")
    )


@given(body=BOOKING)
@example(body={"room": "{room}", "date": "9999-12-31", "start_time": "18:00", "end_time": "20:00"})
def test_booking_form_preview_and_confirm(fuzz_client, rooms, body):
    with one_example():
        saved_nothing = unchanged(lambda: counts(Booking, BookingSeries))
        response = fuzz_client.post(en_reverse("rooms:book"), fill(body, **rooms))
        check_page(response, saved_nothing=saved_nothing)


@given(body=SERIES_CHANGE)
@example(body={**SERIES_CHANGE_VALID, "from_date": BEYOND_HORIZON})
@example(body={**SERIES_CHANGE_VALID, "from_date": BEYOND_HORIZON, "action": "preview"})
def test_change_series_form(fuzz_client, rooms, series_booking, body):
    url = en_reverse("rooms:change_series", args=[series_booking.series_id])
    with one_example():
        saved_nothing = unchanged(snapshot)
        response = fuzz_client.post(url, fill(body, **rooms))
        check_page(response, saved_nothing=saved_nothing)


@given(
    body=form_data({"scope": either(["one", "rest"])}, {"scope": "rest"}),
    pk=st.one_of(st.just(None), st.just(None), st.just(None), st.integers(0, 10**30)),
)
def test_cancel_form(fuzz_client, series_booking, body, pk):
    url = en_reverse("rooms:cancel", args=[series_booking.pk if pk is None else pk])
    with one_example():
        saved_nothing = unchanged(snapshot)
        response = fuzz_client.post(url, body)
        assert response.status_code in (200, 302, 400, 404)
        check_page(response, saved_nothing=saved_nothing)


@given(query=WEEK_QUERY)
@example(query={"date": "0001-01-01"})
@example(query={"date": "9999-12-31", "view": "day"})
def test_week_grid_query(fuzz_client, query):
    with one_example():
        response = fuzz_client.get(en_reverse("rooms:week"), query)
        assert response.status_code in (200, 400)
        check_page(response)
        if response.status_code == 200:
            assert response.context["week"].days


@given(page=hostile_text)
def test_my_bookings_page_number(fuzz_client, page):
    with one_example():
        response = fuzz_client.get(en_reverse("rooms:mine"), {"page": page})
        assert response.status_code in (200, 400)


@given(token=hostile_text, query=form_data({"x": hostile_text}))
@example(token="\x00", query={})
def test_calendar_feed_token(client, organisation, token, query):
    client.raise_request_exception = False
    with one_example():
        response = client.get(f"/en/rom/kalender/{path_part(token)}.ics", query)
        assert response.status_code in (400, 404)
        good = client.get(en_reverse("rooms:calendar", args=[organisation.calendar_token]), query)
        assert good.status_code in (200, 400)
        if good.status_code == 200:
            assert good.content.startswith(b"BEGIN:VCALENDAR")


def test_the_examples_are_still_the_edges():
    # If the horizon setting changes, the example must still lie beyond it.
    assert dt.date.fromisoformat(BEYOND_HORIZON) > booking_horizon() > today_local()


@given(
    query=form_data(
        {
            "room": either([*ROOMS, "x"]),
            "date": dates_near(SOON),
            "start_time": times_near(["18:00"]),
            "org": either(["aa-oslo", ""]),
        },
        {"room": "{room}", "date": SOON[0], "start_time": "18:00"},
    )
)
def test_booking_form_prefilled_from_the_grid(fuzz_client, rooms, series_booking, query):
    # The grid links to the form with the room, date and time; the change form is a GET too.
    with one_example():
        response = fuzz_client.get(en_reverse("rooms:book"), fill(query, **rooms))
        assert response.status_code in (200, 400)
        url = en_reverse("rooms:change_series", args=[series_booking.series_id])
        assert fuzz_client.get(url, fill(query, **rooms)).status_code in (200, 400)

"""Room booking in a real Chromium: axe checks, phone width, and booking without JavaScript."""

import datetime as dt

import pytest

from tests.dates import weekday_a_week_after
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.viewports import DESKTOP, PHONE
from tests.factories import (
    BookingSeriesFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def rooms_data(transactional_db):
    """Open Monday to Saturday 09–22; AA (login "aa") and NA each book Stua on Tuesdays for four
    weeks, 18–20 and 20–22. Returns the first Tuesday."""
    for weekday in range(6):
        OpeningHoursFactory(weekday=weekday, opens=dt.time(9), closes=dt.time(22))
    stua = RoomFactory(name="Stua", slug="stua", capacity=20)
    RoomFactory(name="Rom 2", slug="rom-2", capacity=12)
    aa = OrganisationFactory(
        name="AA", slug="aa", email="aa@example.org", login="aa", login__password="aa-passord-123"
    )
    na = OrganisationFactory(name="NA", slug="na", email="na@example.org")
    tuesday = weekday_a_week_after(1)
    for org, start in ((aa, 18), (na, 20)):
        BookingSeriesFactory(
            organisation=org,
            room=stua,
            first_date=tuesday,
            start_time=dt.time(start),
            end_time=dt.time(start + 2),
            title=f"{org.name} tirsdag",
            notify=False,
        )
    return tuesday


def logged_in_page(new_context, live_server, **context_options):
    """Logs in through the form, as an organisation user does."""
    page = new_context(**context_options).new_page()
    page.goto(live_server.url + "/konto/login/")
    page.fill("#id_username", "aa")
    page.fill("#id_password", "aa-passord-123")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    return page


def booking_count(title):
    from rooms.models import Booking

    return Booking.objects.filter(title=title).count()


def test_room_pages_pass_axe_on_desktop_and_phone(live_server, new_context, rooms_data):
    day = rooms_data.isoformat()
    for viewport in (DESKTOP, PHONE):
        page = logged_in_page(new_context, live_server, viewport=viewport)
        for path in (f"/rom/?date={day}", f"/en/rom/?date={day}&view=day", "/rom/mine/"):
            page.goto(live_server.url + path)
            assert_no_axe_violations(page)
            # The grid scrolls inside its own region; the page itself never gets wider.
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert "AA tirsdag" in page.content() and "NA tirsdag" not in page.content()


def test_booking_a_series_works_without_javascript(live_server, new_context, rooms_data):
    page = logged_in_page(new_context, live_server, java_script_enabled=False)
    page.goto(live_server.url + "/en/rom/bestill/")
    page.select_option("#id_room", label="Stua (up to 20 people)")
    page.check("input[value=weekly]")
    page.fill("#id_date", rooms_data.isoformat())
    page.fill("#id_last_date", (rooms_data + dt.timedelta(weeks=3)).isoformat())
    page.fill("#id_start_time", "19:00")
    page.fill("#id_end_time", "20:00")
    page.fill("#id_title", "AA ekstra")
    page.click("button[value=preview]")
    assert page.locator(".preview-taken").count() == 4  # clashes with AA's own 18–20 series
    assert booking_count("AA ekstra") == 0
    page.click("button[value=edit]")
    page.fill("#id_start_time", "17:00")
    page.fill("#id_end_time", "18:00")
    page.click("button[value=preview]")
    page.click("button[value=confirm]")
    assert "Booked 4 dates." in page.content()
    assert booking_count("AA ekstra") == 4


def test_last_date_shows_only_for_weekly_bookings(live_server, new_context, rooms_data):
    page = logged_in_page(new_context, live_server)
    page.goto(live_server.url + "/en/rom/bestill/")
    assert not page.locator("#id_last_date").is_visible()
    page.check("input[value=weekly]")
    assert page.locator("#id_last_date").is_visible()
    assert_no_axe_violations(page)

"""Journey 2: an organisation user logs in, books a weekly series that clashes with another
organisation on two dates, books the free dates, cancels one of them and sees the week grid
change. Run once with the mouse and once with the keyboard alone (tests/e2e/drive.py).
"""

import datetime as dt

import pytest
from django.utils import dateformat, translation

from tests.e2e import data
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.drive import DRIVERS

pytestmark = pytest.mark.e2e

TITLE = "AA Tirsdagsmøte"


def long_date(day):
    """A date as the preview table writes it in Norwegian, e.g. "tirsdag 8. desember 2026"."""
    with translation.override("nb"):
        return dateformat.format(day, "l j. F Y")


def our_bookings(world):
    from rooms.models import Booking

    return Booking.objects.filter(organisation=world.organisation, title=TITLE)


def active_dates(world):
    return sorted(
        booking.start.astimezone(data.OSLO).date() for booking in our_bookings(world).active()
    )


def log_in_through_the_form(page, driver, live_server, world):
    page.goto(live_server.url + "/rom/bestill/")
    page.wait_for_url("**/konto/login/?next=/rom/bestill/")
    driver.fill(page.locator("#id_username"), world.user.username)
    driver.fill(page.locator("#id_password"), data.PASSWORD)
    driver.click(page.locator("main form button[type=submit]"))
    page.wait_for_url("**/rom/bestill/")


def preview_weekly_series(page, driver, world):
    room = page.locator("#id_room")
    label = room.locator("option", has_text=world.room.name).inner_text().strip()
    driver.select(room, label)
    driver.choose(page.locator("input[name=repeat][value=weekly]"))
    driver.fill_date(page.locator("#id_date"), world.tuesdays[0])
    driver.fill_date(page.locator("#id_last_date"), world.tuesdays[-1])
    driver.fill_time(page.locator("#id_start_time"), dt.time(18))
    driver.fill_time(page.locator("#id_end_time"), dt.time(20))
    driver.fill(page.locator("#id_title"), TITLE)
    driver.click(page.locator("main button[value=preview]"))
    page.locator("table.rooms-preview").wait_for()

    rows = page.locator("table.rooms-preview tbody tr")
    assert rows.count() == len(world.tuesdays) == 6
    taken = page.locator("tr.preview-taken th").all_inner_texts()
    free = page.locator("tr.preview-free th").all_inner_texts()
    assert taken == [long_date(day) for day in world.taken]
    assert free == [long_date(day) for day in world.tuesdays if day not in world.taken]
    assert not our_bookings(world).exists(), "the preview books nothing"
    assert_no_axe_violations(page)


def book_the_free_dates(page, driver, world):
    driver.click(page.locator("main button[value=confirm]"))
    page.wait_for_url("**/rom/mine/")
    assert "Booket 4 datoer." in page.locator("main").inner_text()
    free = [day for day in world.tuesdays if day not in world.taken]
    assert active_dates(world) == free
    assert our_bookings(world).count() == 4
    for booking in our_bookings(world):
        assert (booking.room, booking.created_by) == (world.room, world.user)
        local_start = booking.start.astimezone(data.OSLO)
        assert (local_start.hour, local_start.minute) == (18, 0)


def grid_text(page, live_server, day):
    page.goto(f"{live_server.url}/rom/?date={day.isoformat()}")
    return page.locator("table.rooms-grid").inner_text()


def cancel_one_date(page, driver, live_server, world, day):
    from rooms.models import Booking

    booking = our_bookings(world).get(start__date=day)
    driver.click(page.locator(f'main a[href="/rom/mine/{booking.pk}/avbestill/"]'))
    page.wait_for_url(f"**/rom/mine/{booking.pk}/avbestill/")
    assert_no_axe_violations(page)
    driver.choose(page.locator("input[name=scope][value=one]"))
    driver.click(page.locator("main form button.btn-danger"))
    page.wait_for_url("**/rom/mine/")
    assert "Avbestilte 1 dato." in page.locator("main").inner_text()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


@pytest.mark.parametrize("driver_name", list(DRIVERS))
def test_organisation_books_a_series_and_cancels_a_date(
    live_server, new_context, rooms_world, driver_name
):
    world = rooms_world
    page = new_context().new_page()
    driver = DRIVERS[driver_name](page)

    log_in_through_the_form(page, driver, live_server, world)
    preview_weekly_series(page, driver, world)
    book_the_free_dates(page, driver, world)

    day = world.tuesdays[2]
    assert TITLE in grid_text(page, live_server, day)
    driver.click(page.locator("main nav").get_by_role("link", name="Våre bookinger"))
    page.wait_for_url("**/rom/mine/")
    cancel_one_date(page, driver, live_server, world, day)

    assert active_dates(world) == [world.tuesdays[0], world.tuesdays[4], world.tuesdays[5]]
    grid = grid_text(page, live_server, day)
    assert TITLE not in grid, "the cancelled date still shows the booking in the week grid"
    assert_no_axe_violations(page)

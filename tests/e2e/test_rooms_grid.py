"""The week grid in a real Chromium at desktop (1280×900) and phone (390×844) width: the whole
week of every room without sideways scrolling, one day at a time on the phone, a free time that
opens the booking form filled in, and "our bookings" as cards with cancel in view."""

import datetime as dt

import pytest

from tests.e2e import data
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.viewports import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def busy_centre(rooms_world):
    """Four rooms, with long titles and bookings on every day of the week shown."""
    from rooms.models import Room

    world = rooms_world
    for order, name in ((3, "Peisestua i andre etasje"), (4, "Kjøkkenet")):
        room = Room.objects.create(name=name, slug=f"rom-{order}", capacity=6, display_order=order)
        for weekday in range(7):
            data.weekly(
                world.other,
                room,
                weekday,
                dt.time(10 + order),
                dt.time(12 + order),
                "NA dagtid",
                weeks=4,
            )
    monday = world.tuesdays[1] - dt.timedelta(days=1)
    for weekday in range(7):
        data.weekly(
            world.organisation,
            world.room,
            weekday,
            dt.time(9),
            dt.time(10, 30),
            "Anonyme Alkoholikere Oslo – morgenmøte med lang tittel",
            weeks=1,
            first_date=monday + dt.timedelta(days=weekday),
        )
    return world


def page_for(new_context, log_in, world, viewport):
    options = {"viewport": viewport}
    if viewport == PHONE:
        options.update(is_mobile=True, has_touch=True)
    context = new_context(**options)
    log_in(context, world.user)
    return context.new_page()


def test_the_whole_week_fits_a_desktop_screen(
    live_server, new_context, log_in, save_screenshot, busy_centre
):
    page = page_for(new_context, log_in, busy_centre, DESKTOP)
    day = busy_centre.tuesdays[1]
    page.goto(f"{live_server.url}/rom/?date={day.isoformat()}")
    week = day.isocalendar().week
    assert page.locator("h1").inner_text().startswith(f"Uke {week}: ")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    grid = page.locator("table.rooms-grid")
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"]
    assert grid.locator("tbody tr").count() == 7
    assert grid.locator("thead th").count() == 4
    # Every room of every day is on the screen horizontally: nothing hides to the right.
    rights = grid.locator("td.rooms-cell").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().right)"
    )
    assert len(rights) == 28 and max(rights) <= DESKTOP["width"]
    text = grid.inner_text()
    assert "morgenmøte med lang tittel" in text and "NA dagtid" not in text
    assert "Opptatt" in text and "opptatt opptatt" not in " ".join(text.lower().split())
    assert_no_axe_violations(page)
    save_screenshot(page, "rooms-week-desktop")


def test_one_day_at_a_time_fits_a_phone(
    live_server, new_context, log_in, save_screenshot, busy_centre
):
    page = page_for(new_context, log_in, busy_centre, PHONE)
    day = busy_centre.tuesdays[1]
    page.goto(f"{live_server.url}/rom/?date={day.isoformat()}&view=day")
    assert page.locator("h1").inner_text() == data_long_date(day)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_no_axe_violations(page)
    save_screenshot(page, "rooms-day-phone")
    page.get_by_role("link", name="Neste dag").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == data_long_date(day + dt.timedelta(days=1))
    page.get_by_role("link", name="Forrige dag").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == data_long_date(day)
    # The week view also fits: the days stack, each cell naming its room.
    page.goto(f"{live_server.url}/rom/?date={day.isoformat()}")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.locator(".rooms-cell-room").first.is_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "rooms-week-phone")


def data_long_date(day):
    from django.utils import translation

    from rooms.dates import long_date

    with translation.override("nb"):
        return long_date(day)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_free_time_in_the_grid_opens_the_form_filled_in(
    live_server, new_context, log_in, busy_centre, viewport
):
    world = busy_centre
    page = page_for(new_context, log_in, world, viewport)
    day = world.tuesdays[0]
    page.goto(f"{live_server.url}/rom/?date={day.isoformat()}&view=day")
    # Rom 1 that Tuesday: free from 08:00 (nothing booked in the first week's Rom 1).
    cell = page.locator("td.rooms-cell").first
    cell.get_by_role("link", name="Ledig 08:00–22:00").click()
    page.wait_for_url("**/rom/bestill/?*")
    assert page.locator("#id_room").input_value() == str(world.room.pk)
    assert page.locator("#id_date").input_value() == day.isoformat()
    assert page.locator("#id_start_time").input_value() == "08:00"
    assert page.locator("#id_end_time").input_value() == "10:00"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_our_bookings_are_cards_with_cancel_in_view(
    live_server, new_context, log_in, save_screenshot, busy_centre, viewport
):
    page = page_for(new_context, log_in, busy_centre, viewport)
    page.goto(f"{live_server.url}/rom/mine/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    first = page.locator(".rooms-card").first
    cancel = first.get_by_role("link", name="Avbestill")
    cancel.scroll_into_view_if_needed()
    box = cancel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    # The date reads on one or two lines, not four.
    date = first.locator(".rooms-card-date")
    line = float(date.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert date.bounding_box()["height"] <= 2 * line + 1
    assert_no_axe_violations(page)
    save_screenshot(page, f"rooms-mine-{'phone' if viewport == PHONE else 'desktop'}")


def test_a_taken_date_is_booked_in_a_free_room_with_one_tap(
    live_server, new_context, log_in, save_screenshot, rooms_world
):
    from rooms.models import Booking

    world = rooms_world
    page = page_for(new_context, log_in, world, PHONE)
    page.goto(f"{live_server.url}/rom/bestill/")
    page.select_option("#id_room", value=str(world.room.pk))
    page.check("input[name=repeat][value=weekly]")
    page.fill("#id_date", world.tuesdays[0].isoformat())
    page.fill("#id_last_date", world.tuesdays[-1].isoformat())
    page.fill("#id_start_time", "18:00")
    page.fill("#id_end_time", "20:00")
    page.fill("#id_title", "AA ett trykk")
    page.click("main button[value=preview]")
    page.locator("table.rooms-preview").wait_for()
    assert_no_axe_violations(page)
    buttons = page.locator("button[name=alternative]")
    assert buttons.count() == 2  # the two taken Tuesdays, Rom 2 free on both
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # On the phone the button is on the screen, not hidden in a table that scrolls sideways.
    buttons.first.scroll_into_view_if_needed()
    box = buttons.first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    buttons.first.click()
    page.locator("table.rooms-preview").wait_for()
    assert "Booket Rom 2" in page.locator("main").inner_text()
    [booking] = Booking.objects.filter(title="AA ett trykk")
    assert booking.room.name == "Rom 2"
    assert page.locator("button[name=alternative]").count() == 1
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    save_screenshot(page, "rooms-preview-phone")


TAB_STOPS_IN_GRID = """() => Array.from(document.querySelectorAll('table.rooms-grid a'))
  .filter(a => a.tabIndex >= 0).length"""
CELLS_WITH_FREE_TIMES = """() => Array.from(document.querySelectorAll('table.rooms-grid td'))
  .filter(td => td.querySelector('.seg-free a')).length"""


def test_one_tab_stop_per_room_and_day_and_arrow_keys_within(
    live_server, new_context, log_in, busy_centre
):
    world = busy_centre
    page = page_for(new_context, log_in, world, DESKTOP)
    day = world.tuesdays[1]
    page.goto(f"{live_server.url}/rom/?date={day.isoformat()}")
    assert page.locator("#grid-keys").is_visible()
    assert page.evaluate(TAB_STOPS_IN_GRID) == page.evaluate(CELLS_WITH_FREE_TIMES) == 28
    # Rom 1 that Tuesday: free 08:00–09:00, then (after AA's 09:00 and NA's 18:30) 10:30–18:30.
    cell = page.locator("tbody tr").nth(1).locator("td.rooms-cell").first
    first = cell.locator(".seg-free a").first
    first.focus()
    page.keyboard.press("Tab")
    assert "Rom 2" in page.evaluate("document.activeElement.textContent")  # the next cell
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").startswith("Ledig 10:30–18:30")
    page.keyboard.press("Enter")
    page.wait_for_url("**/rom/bestill/?*")
    assert page.locator("#id_start_time").input_value() == "10:30"
    assert page.locator("#id_date").input_value() == day.isoformat()

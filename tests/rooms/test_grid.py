"""The week grid as blocks per room and day: headings, free times that book, others as taken."""

import datetime as dt
import re

import pytest
from django.utils import translation

from rooms.forms import BookingForm
from rooms.grid import SegmentKind, build_week
from tests.dates import weekday_a_week_after
from tests.rooms.helpers import book, en_reverse

pytestmark = pytest.mark.django_db
TUESDAY = 1


def h1(html):
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


def test_headings_name_the_week_or_the_day_in_each_language(client, member, opening_hours):
    client.force_login(member)
    week = client.get("/rom/", {"date": "2026-12-03"}).content.decode()
    assert h1(week) == "Uke 49: 30. nov.–6. des. 2026"
    day = client.get("/rom/", {"date": "2026-12-03", "view": "day"}).content.decode()
    assert h1(day) == "torsdag 3. desember 2026"
    english = client.get("/en/rom/", {"date": "2026-12-03"}).content.decode()
    assert h1(english) == "Week 49: 30 Nov.–6 Dec. 2026"
    english_day = client.get("/en/rom/", {"date": "2026-12-07", "view": "day"}).content.decode()
    assert h1(english_day) == "Monday 7 December 2026"


def test_own_bookings_in_full_others_as_one_taken_block(
    org_client, room, organisation, other_organisation, opening_hours
):
    day = weekday_a_week_after(TUESDAY)
    book(organisation, room, day, start=12, end=14, title="AA lunsj")
    book(other_organisation, room, day, start=18, end=20, title="NA privat")
    book(other_organisation, room, day, start=20, end=22, title="NA sent")
    week = build_week(day=day, organisation=organisation, single_day=True)
    [cell] = week.rows[0].cells
    kinds = [(s.kind, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in cell.segments]
    assert kinds == [
        (SegmentKind.FREE, "08:00", "12:00"),
        (SegmentKind.OWN, "12:00", "14:00"),
        (SegmentKind.FREE, "14:00", "18:00"),
        (SegmentKind.TAKEN, "18:00", "22:00"),  # two of theirs, back to back: one block
    ]
    html = org_client.get(
        en_reverse("rooms:week"), {"date": day.isoformat(), "view": "day"}
    ).content.decode()
    assert "AA lunsj" in html and "NA privat" not in html and "NA sent" not in html
    assert html.count("18:00–22:00 Taken") == 1


def test_staff_see_each_booking_separately(room, organisation, other_organisation, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    book(other_organisation, room, day, start=18, end=20, title="NA en")
    book(other_organisation, room, day, start=20, end=22, title="NA to")
    week = build_week(day=day, show_all=True, single_day=True)
    titles = [s.booking.title for s in week.rows[0].cells[0].segments if s.booking]
    assert titles == ["NA en", "NA to"]


def test_a_free_time_links_to_the_form_with_room_date_and_time(
    org_client, room, organisation, opening_hours
):
    day = weekday_a_week_after(TUESDAY)
    book(organisation, room, day, start=9, end=10)
    html = org_client.get(en_reverse("rooms:week"), {"date": day.isoformat()}).content.decode()
    link = (
        f"{en_reverse('rooms:book')}?room={room.pk}&amp;date={day.isoformat()}"
        "&amp;start_time=10:00&amp;end_time=12:00"
    )
    assert link in html
    # Before the first booking the free hour is shorter than two hours: the form gets its end.
    assert "start_time=08:00&amp;end_time=09:00" in html
    form = org_client.get(link.replace("&amp;", "&")).context["form"]
    assert form.initial == {
        "repeat": "once",
        "room": str(room.pk),
        "date": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
    }


def test_past_days_and_closed_weekdays_offer_nothing_to_book(org_client, room, db):
    from rooms.models import OpeningHours

    OpeningHours.objects.create(weekday=TUESDAY, opens=dt.time(9), closes=dt.time(17))
    past = weekday_a_week_after(TUESDAY) - dt.timedelta(weeks=3)
    html = org_client.get(en_reverse("rooms:week"), {"date": past.isoformat()}).content.decode()
    assert "start_time=" not in html
    wednesday = weekday_a_week_after(2)
    html = org_client.get(
        en_reverse("rooms:week"), {"date": wednesday.isoformat(), "view": "day"}
    ).content.decode()
    assert "start_time=" not in html and "Closed" in html


def test_a_closure_fills_the_room_day(org_client, room, other_room, opening_hours):
    from rooms.models import Closure

    day = weekday_a_week_after(TUESDAY)
    Closure.objects.create(
        room=room, start_date=day, end_date=day, reason="other", description="Maling"
    )
    week = build_week(day=day, single_day=True)
    closed, open_ = week.rows[0].cells
    assert closed.closure is not None and closed.segments == []
    assert open_.closure is None and open_.segments[0].kind == SegmentKind.FREE


@pytest.mark.parametrize(
    "query",
    [
        {"room": "abc", "date": "2026-13-45", "start_time": "25:99", "end_time": "x"},
        {"room": "1" * 40, "date": "2026-02-30", "start_time": "-1:00"},
        {"room": "١", "date": "", "start_time": "18:00:00:00"},
    ],
)
def test_damaged_grid_links_open_an_empty_form_not_an_error(org_client, room, opening_hours, query):
    response = org_client.get(en_reverse("rooms:book"), query)
    assert response.status_code == 200
    assert response.context["form"].initial == {"repeat": "once"}
    assert BookingForm.initial_from({}) == {"repeat": "once"}


def test_a_nul_character_in_a_grid_link_is_a_bad_request(org_client, room, opening_hours):
    # linkcentre.input_guard refuses NUL anywhere in a request before any view runs.
    response = org_client.get(en_reverse("rooms:book"), {"date": "2026-12-01\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_still_show_a_week(org_client, opening_hours, date):
    for view in ("week", "day"):
        response = org_client.get(en_reverse("rooms:week"), {"date": date, "view": view})
        assert response.status_code == 200


def test_week_heading_is_translated_at_render_time(opening_hours):
    week = build_week(day=dt.date(2026, 1, 1))
    with translation.override("nb"):
        assert week.heading == "Uke 1: 29. des. 2025–4. jan. 2026"
    with translation.override("en"):
        assert week.heading == "Week 1: 29 Dec. 2025–4 Jan. 2026"

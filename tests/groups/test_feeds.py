import datetime as dt
import json
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groups.feeds import MEETING_GUIDE_FIELDS, meeting_guide_day
from groups.models import Group, meeting_guide_types
from rooms.models import Booking, Room
from tests.rooms.conftest import next_dst_change

pytestmark = pytest.mark.django_db

FEED = reverse("groups:meeting_guide")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
UPDATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
SLUG = re.compile(r"^[a-z0-9_-]+$")
# Every field of the code4recovery spec (README of code4recovery/spec), with its JSON type.
SPEC_FIELDS = {
    "name": str,
    "slug": str,
    "day": (int, list),
    "time": str,
    "end_time": str,
    "timezone": str,
    "types": list,
    "formatted_address": str,
    "address": str,
    "city": str,
    "state": str,
    "postal_code": str,
    "country": str,
    "region": str,
    "sub_region": str,
    "regions": list,
    "location": str,
    "location_notes": str,
    "latitude": (int, float),
    "longitude": (int, float),
    "conference_url": str,
    "conference_url_notes": str,
    "conference_phone": str,
    "conference_phone_notes": str,
    "notes": str,
    "updated": str,
    "url": str,
    "feedback_emails": list,
    "feedback_url": str,
    "group": str,
    "group_notes": str,
    "entity": str,
    "entity_email": str,
    "entity_phone": str,
    "entity_location": str,
    "entity_website_url": str,
    "entity_logo": str,
    "district": str,
    "attendance_option": str,
}


def validate_meeting(meeting):
    assert set(meeting) <= set(SPEC_FIELDS), set(meeting) - set(SPEC_FIELDS)
    for key, value in meeting.items():
        assert isinstance(value, SPEC_FIELDS[key]), (key, value)
    assert meeting["name"] and len(meeting["name"]) <= 255
    assert SLUG.match(meeting["slug"]) and len(meeting["slug"]) <= 64
    assert isinstance(meeting["day"], int) and 0 <= meeting["day"] <= 6
    assert HHMM.match(meeting["time"]) and HHMM.match(meeting["end_time"])
    assert meeting["timezone"] in zoneinfo.available_timezones()
    assert set(meeting["types"]) <= set(meeting_guide_types())
    assert UPDATED.match(meeting["updated"])
    assert meeting["url"].startswith("http")


@pytest.fixture
def open_groups(make_group, upstairs_room):
    sunday = make_group(
        kind=Group.Kind.OPEN,
        name="NA Søndag",
        slug="na-sondag",
        weekday=6,
        start=dt.time(17),
        end=dt.time(18, 30),
        languages=["en"],
        meeting_guide_types=["O", "ST"],
        contact_email="na@example.org",
    )
    monday = make_group(
        kind=Group.Kind.OPEN,
        name="AA Mandag",
        slug="aa-mandag",
        weekday=0,
        start=dt.time(19),
        end=dt.time(20, 30),
        meeting_guide_types=["C", "B"],
        meeting_room=upstairs_room,
    )
    closed = make_group(name="Tirsdagsgruppa", slug="tirsdag", weekday=1)
    return sunday, monday, closed


def test_meeting_guide_feed_validates_against_the_spec(client, open_groups, settings):
    response = client.get(FEED)
    assert response["Content-Type"] == "application/json"
    meetings = json.loads(response.content)
    assert isinstance(meetings, list)
    assert [m["slug"] for m in meetings] == ["aa-mandag", "na-sondag"]  # open groups only
    for meeting in meetings:
        validate_meeting(meeting)
        assert set(meeting) <= set(MEETING_GUIDE_FIELDS)
    monday, sunday = meetings
    assert monday["day"] == 1 and sunday["day"] == 0
    assert monday["time"] == "19:00" and monday["end_time"] == "20:30"
    assert monday["timezone"] == "Europe/Oslo"
    assert monday["types"] == ["C", "B", "NO"]  # upstairs room: no X
    assert sunday["types"] == ["O", "ST", "EN", "X"]  # step-free room
    assert sunday["entity"] == "Anonyme Alkoholikere Oslo"
    assert sunday["entity_email"] == "na@example.org"
    assert sunday["entity_website_url"] == "https://aa.example.org"
    assert sunday["url"] == settings.SITE_URL + "/grupper/na-sondag/"
    # No last names anywhere: not the partner's contact person.
    assert "Hansen" not in response.content.decode()


def test_meeting_guide_day_counts_from_sunday():
    assert [meeting_guide_day(d) for d in range(7)] == [1, 2, 3, 4, 5, 6, 0]


def test_updated_is_utc(client, open_groups):
    group = open_groups[0]
    Group.objects.filter(pk=group.pk).update(
        updated_at=dt.datetime(2027, 7, 1, 12, 0, tzinfo=dt.UTC)
    )
    group.meeting_series.__class__.objects.filter(pk=group.meeting_series_id).update(
        updated_at=dt.datetime(2027, 1, 1, 12, 0, tzinfo=dt.UTC)
    )
    meeting = next(m for m in client.get(FEED).json() if m["slug"] == group.slug)
    assert meeting["updated"] == "2027-07-01 12:00:00"


def occurrences(calendar):
    """(summary, local start) of every occurrence: weekly RRULEs expanded, EXDATEs removed.

    Written out rather than taken from a library so the test checks what a calendar app reads:
    FREQ=WEEKLY steps a week of wall-clock time in the event's own time zone.
    """
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        dates = [start]
        if "RRULE" in event:
            rule = event["RRULE"]
            assert rule["FREQ"] == ["WEEKLY"] and set(rule) == {"FREQ", "UNTIL"}
            until = rule["UNTIL"][0]
            assert until.tzinfo is not None and until.utcoffset() == dt.timedelta(0)
            while dates[-1] + dt.timedelta(weeks=1) <= until:
                dates.append(dates[-1] + dt.timedelta(weeks=1))
        skipped = set()
        exdates = event.get("EXDATE", [])
        for exdate in exdates if isinstance(exdates, list) else [exdates]:
            skipped |= {item.dt for item in exdate.dts}
        found += [(str(event["SUMMARY"]), day) for day in dates if day not in skipped]
    return sorted(found, key=lambda item: item[1])


def test_a_weekly_group_is_one_recurring_event(client, open_groups):
    sunday = open_groups[0]
    response = client.get(reverse("groups:group_calendar", args=[sunday.slug]))
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    bookings = Booking.objects.active().filter(
        series=sunday.meeting_series, end__gte=timezone.now()
    )
    assert [start for _summary, start in occurrences(calendar)] == [
        timezone.localtime(b.start) for b in bookings.order_by("start")
    ]
    # A date moved to another room becomes an event of its own and an EXDATE of the weekly one.
    moved = bookings.order_by("start")[1]
    other_room = Room.objects.create(name="Rom 9", slug="rom-9", capacity=10)
    Booking.objects.filter(pk=moved.pk).update(room=other_room)
    calendar = Calendar.from_ical(
        client.get(reverse("groups:group_calendar", args=[sunday.slug])).content
    )
    events = calendar.walk("VEVENT")
    assert len(events) == 2 and len({str(e["UID"]) for e in events}) == 2
    assert "Rom 9" in str(events[1]["LOCATION"]) or "Rom 9" in str(events[0]["LOCATION"])
    assert [start for _summary, start in occurrences(calendar)] == [
        timezone.localtime(b.start) for b in bookings.order_by("start")
    ]


@pytest.mark.parametrize("month", [3, 10])
def test_times_and_days_stay_right_across_daylight_saving(client, make_group, month, settings):
    settings.GROUPS_CALENDAR_WEEKS = 60
    change = next_dst_change(month)  # a Sunday
    first = change - dt.timedelta(days=5)  # the Tuesday before
    group = make_group(
        kind=Group.Kind.OPEN,
        name="AA Tirsdag",
        slug="aa-tirsdag",
        weekday=1,
        first_date=first,
        last_date=first + dt.timedelta(weeks=1),
    )
    before, after = Booking.objects.filter(series=group.meeting_series).order_by("start")
    assert {before.start.hour, after.start.hour} == {16, 17}  # UTC moves by an hour ...
    meeting = client.get(FEED).json()[0]
    assert meeting["day"] == 2 and meeting["time"] == "18:00"  # ... the feed does not.
    calendar = Calendar.from_ical(
        client.get(reverse("groups:group_calendar", args=[group.slug])).content
    )
    starts = [start for _summary, start in occurrences(calendar)]
    assert [(s.hour, s.minute) for s in starts] == [(18, 0), (18, 0)]
    assert starts[1] - starts[0] == dt.timedelta(weeks=1)  # wall-clock weeks, not 168 hours
    assert all(str(s.tzinfo) == "Europe/Oslo" for s in starts)
    assert b"TZID=Europe/Oslo" in calendar.to_ical()
    assert calendar.walk("VTIMEZONE")


def test_calendars_leave_out_cancelled_dates_and_unlisted_groups(client, open_groups, make_group):
    sunday, monday, closed = open_groups
    hidden = make_group(name="Skjult", slug="skjult", weekday=4, listed=False)
    # A date in the middle of the run, so the weekly event must skip it.
    booking = Booking.objects.filter(series=closed.meeting_series).order_by("start")[1]
    booking.status = Booking.Status.CANCELLED
    booking.save()
    response = client.get(reverse("groups:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    held = occurrences(calendar)
    summaries = {summary for summary, _start in held}
    assert "Skjult" not in summaries
    assert {"NA Søndag", "AA Mandag", "Tirsdagsgruppa"} <= summaries
    # The cancelled date is an EXDATE of its weekly event; every other date is there.
    expected = {
        ("Tirsdagsgruppa", timezone.localtime(b.start))
        for b in Booking.objects.active().filter(
            series=closed.meeting_series, end__gte=timezone.now()
        )
    }
    assert {item for item in held if item[0] == "Tirsdagsgruppa"} == expected
    assert ("Tirsdagsgruppa", timezone.localtime(booking.start)) not in held
    assert b"EXDATE;TZID=Europe/Oslo" in response.content
    assert client.get(reverse("groups:group_calendar", args=[hidden.slug])).status_code == 404


def test_the_calendar_of_all_groups_costs_three_queries(
    client, open_groups, make_group, django_assert_num_queries
):
    for number in range(4):
        make_group(name=f"Gruppe {number}", slug=f"gruppe-{number}", weekday=number + 2)
    with django_assert_num_queries(3):  # occurrences, their groups, their rooms
        response = client.get(reverse("groups:calendar"))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 7

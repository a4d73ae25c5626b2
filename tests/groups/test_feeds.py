import datetime as dt
import json
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groups.feeds import MEETING_GUIDE_FIELDS, groups_calendar, meeting_guide_day
from groups.models import CONFERENCE_PROVIDERS, Attendance, Group, meeting_guide_types
from rooms.models import Booking, Organisation, Room
from tests.dates import last_sunday, next_dst_change

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
    # In the spec's example and read by TSML UI, though missing from its field list.
    "approximate": str,
    "entity_url": str,
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
    assert meeting["feedback_url"].startswith(meeting["url"])
    assert meeting["approximate"] in ("yes", "no")
    if meeting["approximate"] == "no":
        assert len(meeting["formatted_address"].split(",")) >= 3  # street, postcode city, country
        assert isinstance(meeting["latitude"], float) and isinstance(meeting["longitude"], float)


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


def tsml_ui_reading(meeting):
    """How TSML UI's loader (code4recovery/tsml-ui src/helpers/load-meeting-data.ts) classes a
    meeting, restated: a meeting without a slug or a timezone is dropped; the address is
    approximate unless ``coordinates``/``approximate`` say otherwise or ``formatted_address``
    has four comma parts; a conference link counts only on a known service's host, a phone only
    with ten digits or more; ``TC`` or an approximate address means not in person; a meeting
    neither in person nor online is "inactive"."""
    if not meeting.get("slug") or not meeting.get("timezone"):
        return "dropped"
    approximate = meeting.get("approximate")
    if isinstance(approximate, str):
        approximate = approximate.lower() == "yes"
    elif not isinstance(approximate, bool):
        approximate = len(meeting["formatted_address"].split(",")) < 4
    url = meeting.get("conference_url", "")
    host = url.split("/")[2] if len(url.split("/")) > 2 else ""
    online = any(host.endswith(domain) for domain in CONFERENCE_PROVIDERS) or (
        len(re.sub(r"[^\d,+#]", "", meeting.get("conference_phone", ""))) >= 10
    )
    in_person = "TC" not in meeting["types"] and not approximate
    return {
        "active": online or in_person,
        "online": online,
        "in_person": in_person,
        "address": None if approximate else meeting["formatted_address"].split(",")[0],
    }


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
    # The centre publishes the feed; the partner organisation is the group.
    assert sunday["entity"] == settings.CENTRE_NAME
    assert sunday["entity_email"] == settings.CENTRE_EMAIL
    assert sunday["entity_phone"].startswith("+47-")
    assert sunday["entity_url"] == sunday["entity_website_url"] == settings.SITE_URL + "/"
    assert sunday["entity_location"] == "Oslo, Norway"
    assert sunday["group"] == "Anonyme Alkoholikere Oslo"
    assert sunday["group_notes"] == "Kontakt: na@example.org, https://aa.example.org"
    assert sunday["feedback_emails"] == ["na@example.org", settings.CENTRE_EMAIL]
    assert sunday["url"] == settings.SITE_URL + "/grupper/na-sondag/"
    assert sunday["feedback_url"] == sunday["url"] + "meld-endring/"
    # The exact address of the building, its coordinates, and the room in the meeting's notes.
    assert sunday["formatted_address"] == "Storgata 1, 0155 Oslo, Norway"
    assert sunday["approximate"] == "no"
    assert (sunday["latitude"], sunday["longitude"]) == (
        settings.CENTRE_LATITUDE,
        settings.CENTRE_LONGITUDE,
    )
    assert "location_notes" not in sunday
    assert sunday["notes"].startswith("Rom: Stua, 1. etasje")
    assert monday["notes"].startswith("Rom: Rom 3, 2. etasje")
    # No last names anywhere: not the partner's contact person.
    assert "Hansen" not in response.content.decode()


def test_feed_follows_the_centre_settings(client, open_groups, settings):
    settings.CENTRE_LATITUDE, settings.CENTRE_LONGITUDE = 60.391263, 5.322054
    settings.CENTRE_ADDRESS, settings.CENTRE_COUNTRY = "Strandgaten 2, 5013 Bergen", "Norge"
    meeting = client.get(FEED).json()[0]
    assert (meeting["latitude"], meeting["longitude"]) == (60.39126, 5.32205)
    assert meeting["formatted_address"] == "Strandgaten 2, 5013 Bergen, Norge"
    assert meeting["entity_location"] == "Bergen, Norge"


def test_tsml_ui_shows_every_meeting_active_at_its_address(client, open_groups, make_group):
    make_group(
        kind=Group.Kind.OPEN,
        name="NA Hybrid",
        slug="na-hybrid",
        weekday=2,
        attendance=Attendance.HYBRID,
        conference_url="https://us02web.zoom.us/j/123456789",
        conference_url_notes="Passord: 1234",
        conference_phone="+47 21 00 00 00,,123456789#",
    )
    make_group(
        kind=Group.Kind.OPEN,
        name="Al-Anon på nett",
        slug="al-anon-nett",
        weekday=3,
        attendance=Attendance.ONLINE,
        conference_url="https://meet.jit.si/al-anon-oslo",
    )
    meetings = {m["slug"]: m for m in client.get(FEED).json()}
    assert len(meetings) == 4  # slugs are unique: none is dropped as a duplicate
    for meeting in meetings.values():
        validate_meeting(meeting)
        assert tsml_ui_reading(meeting)["active"], meeting["slug"]
    for slug in ["aa-mandag", "na-sondag", "na-hybrid"]:
        reading = tsml_ui_reading(meetings[slug])
        assert reading["in_person"] and reading["address"] == "Storgata 1"
    hybrid, online = meetings["na-hybrid"], meetings["al-anon-nett"]
    assert tsml_ui_reading(hybrid)["online"] and tsml_ui_reading(hybrid)["in_person"]
    assert hybrid["conference_url"] == "https://us02web.zoom.us/j/123456789"
    assert hybrid["conference_url_notes"] == "Passord: 1234"
    assert hybrid["conference_phone"] == "+4721000000,,123456789#"
    # Online only: a place implying the time zone, marked approximate, no room, no coordinates.
    reading = tsml_ui_reading(online)
    assert reading["online"] and not reading["in_person"]
    assert online["formatted_address"] == "Oslo, Norway" and online["approximate"] == "yes"
    assert not {"latitude", "longitude", "location", "notes"} & set(online)
    # Online is said by the conference fields, never by a type code outside the official list.
    assert all(not {"ONL", "HY"} & set(m["types"]) for m in meetings.values())


def test_paused_meetings_are_temporarily_closed_and_forming_ones_left_out(
    client, open_groups, make_group
):
    sunday, monday, _closed = open_groups
    Group.objects.filter(pk=sunday.pk).update(
        status=Group.Status.PAUSED,
        attendance=Attendance.HYBRID,
        conference_url="https://zoom.us/j/1",
    )
    make_group(kind=Group.Kind.OPEN, slug="ny", weekday=4, status=Group.Status.FORMING)
    meetings = {m["slug"]: m for m in client.get(FEED).json()}
    assert set(meetings) == {"aa-mandag", "na-sondag"}
    paused = meetings["na-sondag"]
    assert "TC" in paused["types"] and "conference_url" not in paused
    assert not tsml_ui_reading(paused)["active"]  # shown as inactive, which it is for now
    assert tsml_ui_reading(meetings["aa-mandag"])["active"]


def test_notes_are_plain_text(client, open_groups):
    sunday = open_groups[0]
    Group.objects.filter(pk=sunday.pk).update(
        description_nb="<p>Ta <b>heisen</b> til 2. etasje.</p><script>x()</script>"
    )
    meeting = next(m for m in client.get(FEED).json() if m["slug"] == sunday.slug)
    assert "<" not in meeting["notes"] and "Ta heisen til 2. etasje." in meeting["notes"]


def test_one_organisations_feed(client, open_groups, make_group):
    other = Organisation.objects.create(name="Narcotics Anonymous", slug="na-norge")
    make_group(kind=Group.Kind.OPEN, slug="na-fredag", weekday=4, organisation=other)
    assert len(client.get(FEED).json()) == 3
    only_na = client.get(FEED, {"org": "na-norge"}).json()
    assert [m["slug"] for m in only_na] == ["na-fredag"]
    assert only_na[0]["group"] == "Narcotics Anonymous"
    assert client.get(FEED, {"org": "finnes-ikke"}).status_code == 404


def test_the_finder_points_at_its_feeds(client, open_groups):
    page = client.get(reverse("groups:list")).content.decode()
    assert '<link rel="alternate" type="application/json"' in page
    assert f'href="{FEED}"' in page


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


def feed_zones(calendar):
    """The feed's own VTIMEZONEs as tzinfo (dateutil reads their rules), never Python's
    zoneinfo: a calendar app knows only what the feed says about the zone."""
    return {str(zone["TZID"]): zone.to_tz(lookup_tzid=False) for zone in calendar.walk("VTIMEZONE")}


def wall_clock(prop):
    """The wall-clock time a DTSTART/EXDATE value is written with (ignoring how icalendar
    decoded its TZID) and that TZID."""
    return prop.dt.replace(tzinfo=None), prop.params.get("TZID")


def occurrences(calendar):
    """(summary, start) of every occurrence: weekly RRULEs expanded, EXDATEs removed, and each
    start placed in time through the VTIMEZONE written in the feed itself.

    Written out rather than taken from a library so the test checks what a calendar app reads:
    FREQ=WEEKLY steps a week of wall-clock time in the event's own time zone, COUNT times.
    """
    zones = feed_zones(calendar)
    found = []
    for event in calendar.walk("VEVENT"):
        start, tzid = wall_clock(event["DTSTART"])
        dates = [start]
        if "RRULE" in event:
            rule = event["RRULE"]
            assert rule["FREQ"] == ["WEEKLY"] and set(rule) == {"FREQ", "COUNT"}
            dates = [start + dt.timedelta(weeks=week) for week in range(rule["COUNT"][0])]
        skipped = set()
        exdates = event.get("EXDATE", [])
        for exdate in exdates if isinstance(exdates, list) else [exdates]:
            assert exdate.params["TZID"] == tzid
            skipped |= {item.dt.replace(tzinfo=None) for item in exdate.dts}
        found += [
            (str(event["SUMMARY"]), day.replace(tzinfo=zones[tzid]))
            for day in dates
            if day not in skipped
        ]
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
    assert b"TZID=Europe/Oslo" in calendar.to_ical()
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    # Placed through the feed's own zone, the two dates are an hour apart in UTC, as booked.
    assert [s.astimezone(dt.UTC) for s in starts] == [before.start, after.start]


def test_the_feeds_time_zone_is_written_as_yearly_rules():
    """As calendar vendors publish it, not a list of RDATEs that ical.js reads only the first of."""
    calendar = Calendar.from_ical(groups_calendar(Group.objects.none(), "Tom"))
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Oslo"
    (daylight,) = zone.walk("DAYLIGHT")
    (standard,) = zone.walk("STANDARD")
    assert "RDATE" not in daylight and "RDATE" not in standard
    assert daylight["DTSTART"].to_ical() == b"19810329T020000"
    assert dict(daylight["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert daylight["TZOFFSETFROM"].to_ical() == "+0100"
    assert daylight["TZOFFSETTO"].to_ical() == "+0200"
    assert standard["DTSTART"].to_ical() == b"19961027T030000"
    assert dict(standard["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert standard["TZOFFSETFROM"].to_ical() == "+0200"
    assert standard["TZOFFSETTO"].to_ical() == "+0100"


def test_a_series_across_both_changes_expands_right_through_the_feeds_own_zone(
    client, make_group, settings
):
    settings.ROOMS_HORIZON_DAYS = 800
    settings.GROUPS_CALENDAR_WEEKS = 120
    spring = next_dst_change(3)
    autumn = last_sunday(spring.year, 10)
    first = spring - dt.timedelta(days=19)  # a Tuesday three weeks before summer time
    last = autumn + dt.timedelta(days=16)  # a Tuesday after winter time is back
    group = make_group(
        kind=Group.Kind.OPEN,
        name="AA Tirsdag",
        slug="aa-tirsdag",
        weekday=1,
        first_date=first,
        last_date=last,
    )
    booked = list(Booking.objects.active().filter(series=group.meeting_series).order_by("start"))
    cancelled = booked[10]
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    booked.remove(cancelled)
    for url in [reverse("groups:group_calendar", args=[group.slug]), reverse("groups:calendar")]:
        calendar = Calendar.from_ical(client.get(url).content)
        starts = [start for _summary, start in occurrences(calendar)]
        # Every date at its instant, in UTC: 17:00 in winter and 16:00 in summer, the last too.
        assert [s.astimezone(dt.UTC) for s in starts] == [b.start for b in booked]
        assert starts[-1].date() == last and starts[0].date() == first
        assert {(s.hour, s.minute) for s in starts} == {(18, 0)}
        assert {s.astimezone(dt.UTC).hour for s in starts} == {16, 17}


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


def test_online_meetings_carry_their_link_in_the_calendar(client, make_group):
    group = make_group(
        kind=Group.Kind.OPEN,
        name="Al-Anon på nett",
        slug="al-anon-nett",
        attendance=Attendance.ONLINE,
        conference_url="https://meet.jit.si/al-anon-oslo",
        conference_phone="+47 21 00 00 00",
        conference_phone_notes="PIN 1234",
    )
    calendar = Calendar.from_ical(
        client.get(reverse("groups:group_calendar", args=[group.slug])).content
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "https://meet.jit.si/al-anon-oslo"
    assert "https://meet.jit.si/al-anon-oslo" in str(event["DESCRIPTION"])
    assert "+47 21 00 00 00 PIN 1234" in str(event["DESCRIPTION"])


def test_the_meeting_guide_feed_is_compact_utf8(client, open_groups):
    body = client.get(FEED).content
    meetings = json.loads(body)
    # Every byte goes to each reader that does not ask for gzip: no padding, no \u escapes.
    assert body == json.dumps(meetings, ensure_ascii=False, separators=(",", ":")).encode()

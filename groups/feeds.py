"""The open groups as a Meeting Guide feed, and groups as iCalendar.

Meeting Guide (code4recovery/spec): a flat JSON array of meetings; ``day`` counts from Sunday = 0
while Python (and rooms.BookingSeries) count from Monday = 0. Times are the series' wall-clock
times in Europe/Oslo, so they do not move when daylight saving changes.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from groups.feed_events import CALENDAR_COLUMNS, run_event
from groups.feed_runs import weekly_runs
from groups.models import Group
from rooms.models import Room
from rooms.times import LOCAL_TZ

# The spec's fields that we publish, with their JSON types. The spec documents the centre's site
# as ``entity_website_url`` while its example and TSML UI read ``entity_url``: we send both.
MEETING_GUIDE_FIELDS = {
    "name": str,
    "slug": str,
    "day": int,
    "time": str,
    "end_time": str,
    "timezone": str,
    "types": list,
    "location": str,
    "formatted_address": str,
    "approximate": str,
    "latitude": float,
    "longitude": float,
    "region": str,
    "notes": str,
    "conference_url": str,
    "conference_url_notes": str,
    "conference_phone": str,
    "conference_phone_notes": str,
    "updated": str,
    "url": str,
    "feedback_url": str,
    "feedback_emails": list,
    "group": str,
    "group_notes": str,
    "entity": str,
    "entity_email": str,
    "entity_phone": str,
    "entity_location": str,
    "entity_url": str,
    "entity_website_url": str,
}


def meeting_guide_day(python_weekday):
    """Python's Monday = 0 … Sunday = 6 to Meeting Guide's Sunday = 0 … Saturday = 6."""
    return (python_weekday + 1) % 7


def _utc(value):
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def centre_city():
    """ "Oslo" from an address such as "Storgata 1, 0155 Oslo": the last part, less the postcode."""
    last = settings.CENTRE_ADDRESS.rsplit(",", 1)[-1].strip()
    return re.sub(r"^\d{4}\s+", "", last)


def centre_phone():
    """The spec wants the country code first (+1-123-456-7890); our numbers are Norwegian."""
    phone = settings.CENTRE_PHONE.strip()
    if not phone.startswith("+"):
        phone = "+47 " + phone
    return "-".join(phone.split())


def _plain(text):
    # The spec's notes are plain text: whatever a partner typed, no HTML reaches the feed.
    return strip_tags(text).strip()


def _entity():
    """The publisher of the feed: the centre, which keeps the building and the listings."""
    site = settings.SITE_URL + "/"
    return {
        "entity": settings.CENTRE_NAME,
        "entity_email": settings.CENTRE_EMAIL,
        "entity_phone": centre_phone(),
        "entity_location": f"{centre_city()}, {settings.CENTRE_COUNTRY}",
        "entity_url": site,
        "entity_website_url": site,
    }


# What the Meeting Guide feed reads of each group and its series, room and organisation: the
# national feed makes 1,225 of each, and the descriptions in other languages, the sign-up
# texts and the rest of a group's 60 columns were read and converted for nothing.
FEED_FIELDS = (
    "name",
    "slug",
    "kind",
    "status",
    "attendance",
    "languages",
    "meeting_guide_types",
    "short_description_nb",
    "description_nb",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "contact_email",
    "updated_at",
    "meeting_series__weekday",
    "meeting_series__start_time",
    "meeting_series__end_time",
    "meeting_series__updated_at",
    "meeting_series__room__name",
    "meeting_series__room__location",
    "meeting_series__room__wheelchair_accessible",
    "organisation__name",
    "organisation__website",
)


def feed_groups(organisation=None):
    """Open meetings in the feed: running ones, and paused ones (published as ``TC``, so clients
    that remember a favourite meeting keep it). Forming and ended meetings are left out."""
    groups = (
        Group.objects.listed()
        .open()
        .filter(
            meeting_series__isnull=False, status__in=[Group.Status.RUNNING, Group.Status.PAUSED]
        )
        .exclude(meeting_series__status="cancelled")
        .select_related("meeting_series__room", "organisation")
        .only(*FEED_FIELDS)
        .order_by("meeting_series__weekday", "meeting_series__start_time", "name")
    )
    if organisation is not None:
        groups = groups.filter(organisation=organisation)
    return groups


def url_maker(name):
    """``reverse()`` once for a feed: it builds thousands of the same URL with another slug."""
    placeholder = "slug-placeholder"
    template = settings.SITE_URL + reverse(name, kwargs={"slug": placeholder})
    return lambda slug: template.replace(placeholder, slug)


@dataclass(frozen=True)
class FeedContext:
    """What every meeting of one feed shares, worked out once for the feed rather than for each
    of its 1,225 meetings: the settings, the URLs, the translated labels, the address."""

    entity: dict
    detail_url: object
    feedback_url: object
    in_person: dict
    online: dict
    room_label: str
    contact_label: str
    centre_email: str
    time_zone: str
    region: str

    @classmethod
    def make(cls):
        return cls(
            entity=_entity(),
            detail_url=url_maker("groups:detail"),
            feedback_url=url_maker("groups:report_change"),
            in_person={
                "location": settings.CENTRE_NAME,
                "formatted_address": f"{settings.CENTRE_ADDRESS}, {settings.CENTRE_COUNTRY}",
                "approximate": "no",
                "latitude": round(settings.CENTRE_LATITUDE, 5),
                "longitude": round(settings.CENTRE_LONGITUDE, 5),
            },
            # The spec: an online meeting has an approximate place that implies its time zone.
            online={
                "formatted_address": f"{centre_city()}, {settings.CENTRE_COUNTRY}",
                "approximate": "yes",
            },
            room_label=_("Room: %(room)s"),
            contact_label=_("Contact: %(contact)s"),
            centre_email=settings.CENTRE_EMAIL,
            time_zone=settings.TIME_ZONE,
            region=settings.GROUPS_MEETING_GUIDE_REGION,
        )


def meeting_guide_meeting(group, context=None):
    context = context or FeedContext.make()
    series, room = group.meeting_series, group.meeting_series.room
    paused = group.status == Group.Status.PAUSED
    types = [code for code in group.all_meeting_guide_types() if code != "TC"]
    if paused:
        types.append("TC")
    notes = []
    meeting = {
        "name": group.name,
        "slug": group.slug,
        "day": meeting_guide_day(series.weekday),
        "time": f"{series.start_time:%H:%M}",
        "end_time": f"{series.end_time:%H:%M}",
        "timezone": context.time_zone,
        "types": types,
        "region": context.region,
    }
    if group.is_in_person:
        # The room goes in notes: location_notes belongs to the whole building in TSML, so
        # with one room per meeting there the last imported room would win.
        room_line = ", ".join(part for part in [room.name, room.location] if part)
        notes.append(context.room_label % {"room": room_line})
        meeting |= context.in_person
    else:
        meeting |= context.online
    if group.is_online and not paused:
        if group.conference_url:
            meeting["conference_url"] = group.conference_url
            if group.conference_url_notes:
                meeting["conference_url_notes"] = _plain(group.conference_url_notes)
        if group.conference_phone:
            meeting["conference_phone"] = re.sub(r"[^\d+,*#]", "", group.conference_phone)
            if group.conference_phone_notes:
                meeting["conference_phone_notes"] = _plain(group.conference_phone_notes)
    description = _plain(group.description_nb or group.short_description_nb)
    if description:
        notes.append(description)
    if notes:
        meeting["notes"] = "\n\n".join(notes)
    meeting |= {
        "updated": _utc(max(group.updated_at, series.updated_at)),
        "url": context.detail_url(group.slug),
        # The "report a change" form, which mails the organisation and the staff.
        "feedback_url": context.feedback_url(group.slug),
        "feedback_emails": [
            email for email in dict.fromkeys([group.contact_email, context.centre_email]) if email
        ],
    }
    organisation = group.organisation
    if organisation:
        meeting["group"] = organisation.name
        contact = [part for part in [group.contact_email, organisation.website] if part]
        if contact:
            meeting["group_notes"] = context.contact_label % {"contact": ", ".join(contact)}
    meeting |= context.entity
    return meeting


def meeting_guide_meetings(organisation=None):
    context = FeedContext.make()
    return [meeting_guide_meeting(group, context) for group in feed_groups(organisation)]


# Zones that keep the EU's summer time rule (since 1996): the last Sunday of March at 01:00 UTC
# to the last Sunday of October at 01:00 UTC, one hour ahead of their standard offset.
EU_RULE_ZONES = {
    zone: (dt.timedelta(hours=1), dt.timedelta(hours=2), "CET", "CEST")
    for zone in ["Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen", "Europe/Berlin"]
}


def eu_vtimezone(tzid):
    """The zone as calendar vendors publish it: one DAYLIGHT and one STANDARD rule, each a
    yearly RRULE. ``Calendar.add_missing_timezones()`` instead lists every change since 1970 as
    one multi-valued RDATE, and Mozilla's ical.js (Thunderbird and many web calendars) reads only
    the first value, so every date after the next change came out an hour wrong."""
    standard_offset, summer_offset, standard_name, summer_name = EU_RULE_ZONES[tzid]
    zone = Timezone()
    zone.add("tzid", tzid)
    zone.add("x-lic-location", tzid)
    daylight = TimezoneDaylight()
    daylight.add("tzname", summer_name)
    # Wall-clock times in the offset before the change: 02:00 CET and 03:00 CEST. RFC 5545
    # wants a VTIMEZONE's DTSTART as local time without a zone, hence naive datetimes.
    daylight.add("dtstart", dt.datetime(1981, 3, 29, 2, 0))  # noqa: DTZ001
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", standard_offset)
    daylight.add("tzoffsetto", summer_offset)
    standard = TimezoneStandard()
    standard.add("tzname", standard_name)
    standard.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))  # noqa: DTZ001
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", summer_offset)
    standard.add("tzoffsetto", standard_offset)
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def _add_timezone(calendar):
    if settings.TIME_ZONE in EU_RULE_ZONES:
        calendar.add_component(eu_vtimezone(settings.TIME_ZONE))
    else:
        # A zone without a rule written here: the library's exhaustive list is still correct.
        # The events are written as text, so a probe event tells the library the zone in use.
        probe = Event()
        probe.add("dtstart", timezone.now().astimezone(LOCAL_TZ))
        calendar.add_component(probe)
        calendar.add_missing_timezones()
        calendar.subcomponents.remove(probe)


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.CENTRE_NAME}//linkcentre groups//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def groups_calendar(groups, name):
    """One recurring event per weekly run; cancelled dates and closures are EXDATEs.

    Times are Europe/Oslo wall-clock with a VTIMEZONE, so a Tuesday 18:00 group stays at 18:00
    across daylight-saving changes. A feed of every group is one event per series rather than
    one per week, which keeps it small and quick to build.
    """
    host = settings.SITE_URL.split("://", 1)[-1]
    # The groups first, and the runs of exactly their series: a group listed or unlisted
    # between two queries then changes neither the feed's events nor which group each is.
    # As plain values: an event kept from before needs no model instance (run_event makes
    # one for an event it writes), and making 2,450 took a sixth of the national calendar.
    by_series = {
        row.meeting_series_id: row
        for row in groups.values_list(*CALENDAR_COLUMNS, named=True)
        if row.meeting_series_id is not None
    }
    runs = weekly_runs(by_series)
    rooms_by_id = {room.pk: room for room in Room.objects.all()} if runs else {}
    dtstamp = f"DTSTAMP:{timezone.now().astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    detail_url = url_maker("groups:detail")
    events = []
    for run in runs:
        group, room = by_series[run.series_id], rooms_by_id[run.room_id]
        begin, *lines = run_event(run, group, room, host, detail_url, using=groups.db)
        events += [begin, dtstamp, *lines]
    # The calendar's own lines and the VTIMEZONE through icalendar, the events spliced in.
    calendar = _calendar(name)
    _add_timezone(calendar)
    head, _end, _rest = calendar.to_ical().decode().rpartition("END:VCALENDAR")
    return (head + "".join(line + "\r\n" for line in events) + "END:VCALENDAR\r\n").encode()

"""The open groups as a Meeting Guide feed, and groups as iCalendar.

Meeting Guide (code4recovery/spec): a flat JSON array of meetings; ``day`` counts from Sunday = 0
while Python (and rooms.BookingSeries) count from Monday = 0. Times are the series' wall-clock
times in Europe/Oslo, so they do not move when daylight saving changes.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from groups.models import Group
from rooms.models import Booking

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)

# The spec's fields that we publish, with their JSON types.
MEETING_GUIDE_FIELDS = {
    "name": str,
    "slug": str,
    "day": int,
    "time": str,
    "end_time": str,
    "timezone": str,
    "types": list,
    "location": str,
    "location_notes": str,
    "formatted_address": str,
    "region": str,
    "notes": str,
    "updated": str,
    "url": str,
    "entity": str,
    "entity_email": str,
    "entity_website_url": str,
}


def meeting_guide_day(python_weekday):
    """Python's Monday = 0 … Sunday = 6 to Meeting Guide's Sunday = 0 … Saturday = 6."""
    return (python_weekday + 1) % 7


def _utc(value):
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def meeting_guide_meetings():
    groups = (
        Group.objects.listed()
        .open()
        .filter(meeting_series__isnull=False)
        .exclude(meeting_series__status="cancelled")
        .select_related("meeting_series__room", "organisation")
        .order_by("meeting_series__weekday", "meeting_series__start_time", "name")
    )
    meetings = []
    for group in groups:
        series, room = group.meeting_series, group.meeting_series.room
        room_notes = ", ".join(part for part in [room.name, room.location] if part)
        meeting = {
            "name": group.name,
            "slug": group.slug,
            "day": meeting_guide_day(series.weekday),
            "time": f"{series.start_time:%H:%M}",
            "end_time": f"{series.end_time:%H:%M}",
            "timezone": settings.TIME_ZONE,
            "types": group.all_meeting_guide_types(),
            "location": settings.CENTRE_NAME,
            "location_notes": room_notes,
            "formatted_address": f"{settings.CENTRE_ADDRESS}, Norway",
            "region": settings.GROUPS_MEETING_GUIDE_REGION,
            "notes": group.description_nb or group.short_description_nb,
            "updated": _utc(max(group.updated_at, series.updated_at)),
            "url": settings.SITE_URL + group.get_absolute_url(),
        }
        if group.organisation:
            meeting["entity"] = group.organisation.name
            if group.organisation.website:
                meeting["entity_website_url"] = group.organisation.website
        if group.contact_email:
            meeting["entity_email"] = group.contact_email
        meetings.append(meeting)
    return meetings


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.CENTRE_NAME}//linkcentre groups//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def upcoming_bookings(groups):
    """Active occurrences of the groups' series from now to the calendar horizon."""
    now = timezone.now()
    return (
        Booking.objects.active()
        .filter(
            series__group__in=groups,
            end__gte=now,
            start__lt=now + dt.timedelta(weeks=settings.GROUPS_CALENDAR_WEEKS),
        )
        .select_related("series__group", "room")
        .order_by("start")
    )


def groups_calendar(groups, name):
    """One VEVENT per occurrence, so cancelled dates and closures are simply absent."""
    calendar = _calendar(name)
    host = settings.SITE_URL.split("://", 1)[-1]
    for booking in upcoming_bookings(groups):
        group = booking.series.group
        event = Event()
        event.add("uid", f"group-booking-{booking.pk}@{host}")
        event.add("summary", group.name)
        event.add("dtstart", booking.start.astimezone(LOCAL_TZ))
        event.add("dtend", booking.end.astimezone(LOCAL_TZ))
        event.add("dtstamp", timezone.now())
        event.add(
            "location", f"{settings.CENTRE_NAME}, {booking.room.name}, {settings.CENTRE_ADDRESS}"
        )
        event.add("description", group.short_description)
        event.add("url", settings.SITE_URL + group.get_absolute_url())
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

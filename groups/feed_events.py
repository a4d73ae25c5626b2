"""The calendars' events written as iCalendar text (RFC 5545), one per weekly run.

Writing 2,450 events is most of what the national calendar costs once its runs are known, and
nearly all of them are the same from one making to the next: a group's edit or a booking's
change touches one or two. Each event's lines are kept in the worker's memory under everything
they are made of (the run, the group's shown fields, the room, the language, the site), so a
kept one is exactly what would be written again; only the feed's DTSTAMP is added each time.
"""

import datetime as dt

from django.conf import settings
from django.utils.translation import get_language

from groups.models import Group
from rooms.shared_cache import Recent


def _text(value):
    """An iCalendar TEXT value (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Lines of at most 75 octets, continued after CRLF and a space, never inside a character."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, width = [], 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte
            end -= 1
        parts.append(data[start:end].decode())
        start, width = end, 74
    return "\r\n ".join(parts)


def _local(value):
    return f"TZID={settings.TIME_ZONE}:{value:%Y%m%dT%H%M%S}"


def _run_event(run, group, room, host, detail_url):
    """One weekly run as a VEVENT's content lines, but for DTSTAMP (the time of the feed, which
    the caller puts after BEGIN:VEVENT).

    Written as text rather than through ``icalendar.Event``: the library's per-property
    encoding and folding took 2.6 of the 6 seconds the national calendar (2,450 events) cost."""
    first_start, first_end = run.first_start, run.first_end
    uid = (
        f"group-{group.pk}-series-{run.series_id}-room-{room.pk}"
        f"-{first_start:%a%H%M}-{first_end:%H%M}@{host}".lower()
    )
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(group.name)}",
        f"DTSTART;{_local(first_start)}",
        f"DTEND;{_local(first_end)}",
        f"UID:{_text(uid)}",
    ]
    if run.count > 1:
        # COUNT rather than UNTIL: it names the last date whatever offset a client computes
        # for it, so no client can drop the last meeting by comparing it an hour late.
        lines.append(f"RRULE:FREQ=WEEKLY;COUNT={run.weeks()}")
        skipped = [
            f"{dt.datetime.combine(day, first_start.time()):%Y%m%dT%H%M%S}"
            for day in run.skipped_dates()
        ]
        if skipped:
            lines.append(f"EXDATE;TZID={settings.TIME_ZONE}:{','.join(skipped)}")
    description = [group.short_description]
    location = ""
    if group.is_in_person:
        location = f"{settings.CENTRE_NAME}, {room.name}, {settings.CENTRE_ADDRESS}"
    elif group.conference_url:
        location = group.conference_url
    if group.is_online and group.status != Group.Status.PAUSED:
        # The way in, in the event itself: a calendar app is where people look at meeting time.
        description += [
            " ".join(part for part in [value, notes] if part)
            for value, notes in [
                (group.conference_url, group.conference_url_notes),
                (group.conference_phone, group.conference_phone_notes),
            ]
            if value
        ]
    lines.append(f"DESCRIPTION:{_text(_paragraphs(description))}")
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    lines.append(f"URL:{detail_url(group.slug)}")
    lines.append("END:VEVENT")
    return [_fold(line) for line in lines]


def _paragraphs(parts):
    return "\n\n".join(part for part in parts if part)


# What an event shows of its group: the national calendar reads 2,450 groups, and all their
# columns took a quarter of its time. Attribute names in the model's own order, as
# ``Model.from_db`` takes a row's values.
_SHOWN = {
    "id",
    "meeting_series_id",
    "name",
    "slug",
    "status",
    "attendance",
    "short_description_nb",
    "short_description_en",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
}
CALENDAR_COLUMNS = tuple(f.attname for f in Group._meta.concrete_fields if f.attname in _SHOWN)


# Room for a national calendar's events several times over (about 1.5 MB per thousand).
KEPT_EVENTS = 20_000
_kept = Recent(KEPT_EVENTS)


def run_event(run, group, room, host, detail_url, *, using):
    """``_run_event``'s lines, from this worker's memory when made before of the same parts.
    ``group``: its ``CALENDAR_COLUMNS``' values, as read from database ``using``."""
    key = (
        get_language(),
        host,
        detail_url("-"),
        run.series_id,
        run.room_id,
        run.first_start,
        run.first_end,
        run.last_start,
        run.count,
        run.held_weeks,
        run.anchor,
        *group,
        room.pk,
        room.name,
        settings.CENTRE_NAME,
        settings.CENTRE_ADDRESS,
        settings.TIME_ZONE,
    )
    if (lines := _kept.get(key)) is not None:
        return lines
    # The model's own rules (in person, online, the description in this language) write it.
    instance = Group.from_db(using, CALENDAR_COLUMNS, group)
    lines = _run_event(run, instance, room, host, detail_url)
    _kept.put(key, lines)
    return lines

"""Import the Meeting Guide feed a partner organisation already publishes, with a dry run first.

Staff paste the feed's URL or upload its JSON in the group admin. ``plan_import`` compares the
feed's meetings with that organisation's listings (the same slug first, then the same weekday
and start time) and says what applying would do: new, changed, unchanged, removed (the
organisation's listings the feed no longer has), and what cannot be imported. Nothing is saved
until staff apply (``apply_import``, one transaction). The room and the time still come from the
room calendar: a meeting whose weekday and start time match no booking series of the
organisation is listed as "needs a booking" and not created.

The URL is fetched by ``groups.listing_fetch`` (with its guard against SSRF).
"""

import copy
import datetime as dt
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups import listing_services
from groups.models import LANGUAGE_TYPE_CODES, Attendance, Group, meeting_guide_types
from rooms.models import BookingSeries, Weekday

# --- reading the feed --------------------------------------------------------------------------

# The parts of a feed's meeting that the import reads (kept between the dry run and applying).
READ_FIELDS = [
    "name",
    "slug",
    "day",
    "time",
    "end_time",
    "types",
    "notes",
    "approximate",
    "formatted_address",
    "address",
    "attendance_option",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
]
# Codes that follow from other facts here: language, step-free room, paused, online.
DERIVED_CODES = set(LANGUAGE_TYPE_CODES.values()) | {"X", "TC", "ONL", "HY"}
COMPARED_FIELDS = [
    "name",
    "description_nb",
    "languages",
    "meeting_guide_types",
    "attendance",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "status",
]


def _text(value):
    return strip_tags(str(value)).strip() if value is not None else ""


def _python_weekday(day):
    """Meeting Guide's Sunday = 0 to Python's Monday = 0, or None when it is not a day."""
    if isinstance(day, bool):
        return None
    if isinstance(day, str) and day.strip().isdigit():
        day = int(day.strip())
    if isinstance(day, int) and 0 <= day <= 6:
        return (day - 1) % 7
    return None


def _time(value):
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        return None


@dataclass
class FeedMeeting:
    slug: str
    name: str
    weekday: int | None
    start_time: dt.time | None
    values: dict
    notes: list = field(default_factory=list)

    @property
    def slot(self):
        return (self.weekday, self.start_time)


def _values(item):
    types = [str(code) for code in item.get("types") or [] if isinstance(code, str | int)]
    notes = []
    languages = [lang for lang, code in LANGUAGE_TYPE_CODES.items() if code in types] or ["nb"]
    official = meeting_guide_types()
    kept = [code for code in types if code in official and code not in DERIVED_CODES]
    unknown = [code for code in types if code not in official and code not in DERIVED_CODES]
    if unknown:
        notes.append(
            _("Type codes left out (not official): %(codes)s") % {"codes": ", ".join(unknown)}
        )
    if "O" in kept and "C" in kept:
        kept = [code for code in kept if code not in ("O", "C")]
        notes.append(_("Both open (O) and closed (C): neither is imported."))
    conference_url = _text(item.get("conference_url"))
    conference_phone = _text(item.get("conference_phone"))
    online = bool(conference_url or conference_phone)
    in_person = str(item.get("approximate", "")).lower() != "yes" and bool(
        item.get("formatted_address") or item.get("address")
    )
    attendance = {
        "in_person": Attendance.IN_PERSON,
        "online": Attendance.ONLINE,
        "hybrid": Attendance.HYBRID,
    }.get(str(item.get("attendance_option", "")))
    if attendance is None:
        attendance = (
            (Attendance.HYBRID if in_person else Attendance.ONLINE)
            if online
            else Attendance.IN_PERSON
        )
    return {
        "name": _text(item.get("name")),
        "description_nb": _text(item.get("notes")),
        "languages": languages,
        "meeting_guide_types": kept,
        "attendance": attendance,
        "conference_url": conference_url,
        "conference_url_notes": _text(item.get("conference_url_notes")),
        "conference_phone": conference_phone,
        "conference_phone_notes": _text(item.get("conference_phone_notes")),
        "status": Group.Status.PAUSED if "TC" in types else Group.Status.RUNNING,
    }, notes


def _load(data):
    """The decoded JSON list of a feed (bytes, text or already decoded), or a coded error."""
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data.decode("utf-8-sig") if isinstance(data, bytes) else data)
        except (UnicodeDecodeError, ValueError) as error:
            raise ValidationError(
                _("This is not a Meeting Guide feed: it is not valid JSON."), code="not_json"
            ) from error
    if not isinstance(data, list):
        raise ValidationError(
            _("This is not a Meeting Guide feed: it should be a JSON list of meetings."),
            code="not_a_list",
        )
    return data


def parse_feed(data):
    """The feed's meetings as ``FeedMeeting``s (one per day when ``day`` is a list).

    ``data`` is bytes or the already decoded list. A feed that is not a JSON list of meetings
    is refused as a whole; a meeting that cannot be read is kept with its notes, so the dry run
    says why it is not imported."""
    meetings = []
    for item in _load(data):
        if not isinstance(item, dict):
            continue
        values, notes = _values(item)
        slug = _text(item.get("slug"))[:64]
        days = item.get("day")
        days = days if isinstance(days, list) else [days]
        start = _time(item.get("time"))
        for day in days:
            weekday = _python_weekday(day)
            meeting_notes = list(notes)
            if weekday is None or start is None:
                meeting_notes.append(
                    _("No weekday and start time: meetings by appointment are not imported.")
                )
            meetings.append(
                FeedMeeting(
                    slug=f"{slug}-{day}" if len(days) > 1 and slug else slug,
                    name=values["name"],
                    weekday=weekday,
                    start_time=start,
                    values=values,
                    notes=meeting_notes,
                )
            )
    return meetings


def stored_items(data):
    """The feed reduced to what the import reads, to keep between the dry run and applying."""
    items = _load(data)
    return [
        {key: item[key] for key in READ_FIELDS if key in item}
        for item in items
        if isinstance(item, dict)
    ]


# --- the dry run -------------------------------------------------------------------------------


class Action:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REMOVED = "removed"
    NEEDS_BOOKING = "needs_booking"
    INVALID = "invalid"

    LABELS = {
        NEW: gettext_lazy("New"),
        CHANGED: gettext_lazy("Changed"),
        UNCHANGED: gettext_lazy("Unchanged"),
        REMOVED: gettext_lazy("Removed from the feed"),
        NEEDS_BOOKING: gettext_lazy("Needs a booking"),
        INVALID: gettext_lazy("Cannot be imported"),
    }


@dataclass
class Row:
    action: str
    meeting: FeedMeeting | None = None
    listing: Group | None = None
    series: BookingSeries | None = None
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def label(self):
        return Action.LABELS[self.action]

    @property
    def name(self):
        return self.meeting.name if self.meeting else self.listing.name


def _differs(old, new):
    return sorted(old) != sorted(new) if isinstance(old, list) else old != new


def _slot_label(weekday, start):
    return f"{Weekday(weekday).label} {start:%H:%M}"


def _display(listing, name):
    value = getattr(listing, name)
    if isinstance(value, list):
        return ", ".join(value) or "–"
    if name in ("attendance", "status"):
        return getattr(listing, f"get_{name}_display")()
    return value or "–"


def _validate(candidate):
    try:
        candidate.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.messages
    return []


def plan_import(*, organisation, meetings):
    """What applying the feed would do to ``organisation``'s listings, saving nothing."""
    listings = list(
        Group.objects.open()
        .filter(organisation=organisation)
        .select_related("meeting_series__room")
    )
    series = list(
        BookingSeries.objects.filter(organisation=organisation)
        .exclude(status=BookingSeries.Status.CANCELLED)
        .select_related("room")
        .order_by("pk")
    )
    listed_series = dict(
        Group.objects.filter(meeting_series__in=series).values_list("meeting_series", "pk")
    )
    by_slot = {}
    for one in series:
        by_slot.setdefault((one.weekday, one.start_time), []).append(one)

    def free_series(slot, listing=None):
        for one in by_slot.get(slot, []):
            owner = listed_series.get(one.pk)
            if (owner is None or (listing and owner == listing.pk)) and one.pk not in used:
                return one
        return None

    rows, matched, used = [], set(), set()
    for meeting in meetings:
        if meeting.weekday is None or meeting.start_time is None:
            rows.append(Row(Action.INVALID, meeting, problems=meeting.notes))
            continue
        listing = next(
            (one for one in listings if one.slug == meeting.slug and one.pk not in matched), None
        ) or next(
            (
                one
                for one in listings
                if one.pk not in matched
                and one.meeting_series
                and (one.meeting_series.weekday, one.meeting_series.start_time) == meeting.slot
            ),
            None,
        )
        if listing is not None:
            matched.add(listing.pk)
        current = listing.meeting_series if listing else None
        if current and (current.weekday, current.start_time) == meeting.slot:
            target = current
        else:
            target = free_series(meeting.slot, listing)
        if target is None:
            rows.append(
                Row(
                    Action.NEEDS_BOOKING,
                    meeting,
                    listing,
                    problems=[
                        _("No booking series of %(organisation)s on %(slot)s to take it.")
                        % {
                            "organisation": organisation.name,
                            "slot": _slot_label(meeting.weekday, meeting.start_time),
                        }
                    ],
                )
            )
            continue
        used.add(target.pk)
        candidate = Group(
            kind=Group.Kind.OPEN, organisation=organisation, meeting_series=target, slug="x"
        )
        if listing is not None:
            candidate = copy.copy(listing)
            candidate.meeting_series = target
        for name, value in meeting.values.items():
            setattr(candidate, name, value)
        if problems := _validate(candidate):
            rows.append(Row(Action.INVALID, meeting, listing, target, problems=problems))
            continue
        if listing is None:
            rows.append(Row(Action.NEW, meeting, None, target, problems=meeting.notes))
            continue
        changes = [
            (
                Group._meta.get_field(name).verbose_name,
                _display(listing, name),
                _display(candidate, name),
            )
            for name in COMPARED_FIELDS
            if _differs(getattr(listing, name), getattr(candidate, name))
        ]
        if target != current:
            changes.append(
                (
                    _("weekly meeting"),
                    str(current) if current else "–",
                    str(target),
                )
            )
        action = Action.CHANGED if changes else Action.UNCHANGED
        rows.append(Row(action, meeting, listing, target, changes=changes, problems=meeting.notes))
    for listing in listings:
        if listing.pk not in matched and listing.status != Group.Status.ENDED:
            rows.append(Row(Action.REMOVED, listing=listing))
    return rows


# --- applying ----------------------------------------------------------------------------------


@transaction.atomic
def apply_import(*, organisation, meetings, end_removed=True) -> dict:
    """Apply the plan as it stands now (the listings may have changed since the dry run).

    New meetings become listings (listed: staff applying the import approve them), changed
    ones are saved through ``save_listing``; with ``end_removed`` the organisation's listings
    the feed no longer has are marked ended. One transaction: an error saves nothing."""
    rows = plan_import(organisation=organisation, meetings=meetings)
    counts = dict.fromkeys(Action.LABELS, 0)
    for row in rows:
        if row.action == Action.NEW:
            listing_services.save_listing(
                organisation=organisation,
                series=row.series,
                slug=row.meeting.slug or None,
                listed=True,
                **row.meeting.values,
            )
        elif row.action == Action.CHANGED:
            listing_services.save_listing(
                organisation=organisation,
                series=row.series,
                listing=row.listing,
                **row.meeting.values,
            )
        elif row.action == Action.REMOVED:
            if not end_removed:
                continue
            listing_services.end_listings(listings=[row.listing])
        counts[row.action] += 1
    return counts

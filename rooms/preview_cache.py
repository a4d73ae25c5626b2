"""The booking page's preview of a series, kept in the shared cache.

An organisation previews, goes back to change the title, previews again and confirms: the same
52 dates worked out each time against thousands of other bookings. The result is kept under the
rooms' version (``rooms.shared_cache``), so any booking, cancellation, change or closure
shows on the next preview. Booking never relies on it: ``services.book_series`` and
``book_single`` look at the dates afresh under a lock.
"""

from django.utils import timezone
from django.utils.translation import get_language

from rooms.availability import DateStatus, preview_series
from rooms.models import Booking
from rooms.shared_cache import Recent, get_or_build, trusted_version
from rooms.times import today_local


def _read(slot):
    previews = preview_series(slot=slot)
    # A taken date the organisation has since booked in another room says so instead of
    # offering the alternatives again.
    taken = [p for p in previews if p.status == DateStatus.TAKEN]
    elsewhere = {
        b.start: b
        for b in Booking.objects.active()
        .for_organisation(slot.organisation)
        .filter(start__in=[p.start for p in taken], end__in=[p.end for p in taken])
        .exclude(room=slot.room)
        .select_related("room")
    }
    for preview in taken:
        preview.booked_elsewhere = elsewhere.get(preview.start)
    return previews


def _key(version, slot):
    # Everything the result depends on: the reasons are text in the page's language, and
    # without a last date the dates run to a horizon counted from today.
    fields = (
        version,
        get_language(),
        today_local().isoformat(),
        slot.organisation.pk,
        slot.room.pk,
        slot.weekday,
        slot.start_time.isoformat(),
        slot.end_time.isoformat(),
        slot.first_date.isoformat(),
        slot.last_date.isoformat() if slot.last_date else "",
        slot.every_weeks,
        slot.week_of_month or "",
    )
    return "rooms:preview:" + ":".join(map(str, fields))


def _none_started_since(previews):
    """Whether no date kept as bookable has begun since: no write marks that."""
    now = timezone.now()
    return not any(p.status != DateStatus.PAST and p.start < now for p in previews)


# Unpickling a kept preview (52 dates, the rooms offered instead) from the shared cache was a
# quarter of the page's time; the previews an organisation goes back and forth between are
# also kept in the worker's memory, under the same key. The page only reads them.
_recent = Recent(64)


def book_preview(slot):
    """``preview_series`` of ``slot`` with each taken date's ``booked_elsewhere`` (the
    organisation's own booking of it in another room, or None), from the shared cache when it
    can be trusted."""
    version = trusted_version()
    if version is None:
        return _read(slot)
    return get_or_build(
        _key(version, slot), lambda: _read(slot), usable=_none_started_since, recent=_recent
    )

"""Writes that change what is already booked: move the rest of a series to a new time or room,
rename a series or one date, or change whether it is public.

Like every write in ``rooms.services``: one transaction, the organisation's row locked, the
free dates asked of ``rooms.availability``, a history entry, and mail after commit.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rooms.availability import (
    DateStatus,
    check_booking_rules,
    preview_series_change,
    remaining_bookings,
)
from rooms.history import lock_organisation, record
from rooms.mail import organisation_recipient, send_after_commit
from rooms.models import BookingEvent, BookingSeries
from rooms.times import LOCAL_TZ, local_date, today_local

# --- changing the rest of a series -------------------------------------------------------------


@dataclass
class ChangeResult:
    series: BookingSeries
    moved: list
    kept: list  # DatePreview of dates that stay at the old time or room, with the reason
    taken_since_preview: list


@transaction.atomic
def edit_series_from(
    *,
    series,
    from_date,
    room,
    start_time,
    end_time,
    by=None,
    staff=False,
    expected_free_dates=None,
    notify=True,
) -> ChangeResult:
    """Move this and later dates to a new time or room where that is free.

    A date whose new slot is not free keeps its old time, so nothing the organisation has is
    lost; the answer lists those dates.
    """
    check_booking_rules(
        start_time=start_time,
        end_time=end_time,
        first_date=max(from_date, today_local()),
        weekday=series.weekday,
    )
    lock_organisation(series.organisation_id)
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    if series.status == BookingSeries.Status.CANCELLED:
        raise ValidationError(_("This series is cancelled."), "cancelled")
    previews = preview_series_change(
        series=series, from_date=from_date, room=room, start_time=start_time, end_time=end_time
    )
    by_date = {local_date(b.start): b for b in remaining_bookings(series, from_date)}
    moved, kept = [], []
    for preview in previews:
        booking = by_date[preview.date]
        if not preview.is_free:
            kept.append(preview)
            continue
        old = f"{booking.room} {timezone.localtime(booking.start, LOCAL_TZ):%H:%M}"
        booking.room, booking.start, booking.end = room, preview.start, preview.end
        try:
            with transaction.atomic():
                booking.save(update_fields=["room", "start", "end"])
        except IntegrityError:
            preview.status, preview.reason = DateStatus.TAKEN, _("taken")
            kept.append(preview)
            continue
        booking._old = old
        moved.append(booking)
    if not moved:
        raise ValidationError(
            _("None of the remaining dates is free at that time, so nothing was changed."),
            "nothing_free",
        )
    series.room, series.start_time, series.end_time = room, start_time, end_time
    series.full_clean()
    series.save()
    for booking in moved:
        record(
            BookingEvent.Action.CHANGED,
            booking=booking,
            series=series,
            actor=by,
            staff=staff,
            note=_("moved from %(old)s") % {"old": booking._old},
        )
    taken_since = []
    if expected_free_dates is not None:
        taken_since = [p for p in kept if p.date in set(expected_free_dates)]
    if notify:
        send_after_commit(
            template="rooms/email/changed",
            recipients=[organisation_recipient(series.organisation)],
            context={"series": series, "moved": moved, "kept": kept},
        )
    return ChangeResult(series=series, moved=moved, kept=kept, taken_since_preview=taken_since)


# --- title and visibility ----------------------------------------------------------------------


@transaction.atomic
def change_series_details(*, series, title, is_public, by=None, staff=True):
    """Rename a series or change whether it is public, for the series and each of its dates.

    Times and rooms change through ``edit_series_from``, which checks they are free.
    """
    series.title, series.is_public = title, is_public
    series.full_clean()
    series.save(update_fields=["title", "is_public", "updated_at"])
    series.bookings.update(title=title, is_public=is_public)
    record(
        BookingEvent.Action.CHANGED,
        series=series,
        actor=by,
        staff=staff,
        note=_("title or visibility"),
    )
    return series


@transaction.atomic
def change_booking_details(*, booking, title, is_public, by=None, staff=True):
    """Rename one date or change whether it is public; its time and room stay."""
    booking.title, booking.is_public = title, is_public
    booking.full_clean()
    booking.save(update_fields=["title", "is_public"])
    record(
        BookingEvent.Action.CHANGED,
        booking=booking,
        series=booking.series,
        actor=by,
        staff=staff,
        note=_("title or visibility"),
    )
    return booking

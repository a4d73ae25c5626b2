"""The daily reminder that a series ends soon, with one link to book it on.

Run daily: ``python manage.py rooms_remind_series_ending``.
"""

import datetime as dt

from django.db import transaction

from rooms.history import lock_organisation, record
from rooms.mail import organisation_recipient, send_after_commit
from rooms.models import BookingEvent, BookingSeries
from rooms.times import next_date_after, today_local

REMINDER_DAYS = 14


def remind_series_ending(*, today=None):
    """Email each organisation whose series ends within ``REMINDER_DAYS`` days, once per last
    date (a history entry remembers it, so running this daily sends one reminder; a series that
    is extended and ends again later is reminded again). A series already continued by another
    one in the same slot is left alone. Returns the reminded series.

    Run daily: ``python manage.py rooms_remind_series_ending``.
    """
    today = today or today_local()
    candidates = (
        BookingSeries.objects.filter(
            status=BookingSeries.Status.APPROVED,
            last_date__gte=today,
            last_date__lte=today + dt.timedelta(days=REMINDER_DAYS),
        )
        .select_related("organisation", "room")
        .order_by("last_date", "pk")
    )
    reminded = []
    for series in candidates:
        with transaction.atomic():
            lock_organisation(series.organisation_id)
            already = series.events.filter(
                action=BookingEvent.Action.REMINDED, note=series.last_date.isoformat()
            ).exists()
            continued = (
                BookingSeries.objects.active()
                .filter(
                    organisation=series.organisation_id,
                    room=series.room_id,
                    weekday=series.weekday,
                    start_time=series.start_time,
                    first_date__gt=series.last_date,
                )
                .exists()
            )
            if already or continued or not series.bookings.active().exists():
                continue
            # The note is the last date reminded of: the key that keeps this idempotent.
            record(BookingEvent.Action.REMINDED, series=series, note=series.last_date.isoformat())
            send_after_commit(
                template="rooms/email/ending",
                recipients=[organisation_recipient(series.organisation)],
                context={"series": series, "next_date": next_date_after(series)},
            )
            reminded.append(series)
    return reminded

"""What every write in rooms does besides the write itself: the history entry, the lock on the
organisation and cancelling in bulk. The email after commit is ``rooms.mail``.

Shared by ``rooms.services`` and ``rooms.closures``; nothing outside the writes calls these.
"""

from django.utils import timezone

from rooms.models import Booking, BookingEvent, Organisation


def record(action, *, booking=None, series=None, actor=None, staff=False, note=""):
    BookingEvent.objects.create(
        action=action,
        booking=booking,
        series=series,
        actor=actor if actor is not None and actor.is_authenticated else None,
        staff_override=staff,
        note=note[:300],
    )


def record_each(action, bookings, *, actor=None, staff=False, note=""):
    actor = actor if actor is not None and actor.is_authenticated else None
    BookingEvent.objects.bulk_create(
        BookingEvent(
            action=action,
            booking=booking,
            series_id=booking.series_id,
            actor=actor,
            staff_override=staff,
            note=note[:300],
        )
        for booking in bookings
    )


def lock_organisation(organisation_id):
    """Serialise every write for one organisation (quota sums, free-checks)."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def cancel_bookings(bookings, *, actor=None, staff=False, reason=""):
    now = timezone.now()
    for booking in bookings:
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancel_reason = reason[:200]
    Booking.objects.bulk_update(bookings, ["status", "cancelled_at", "cancel_reason"])
    record_each(BookingEvent.Action.CANCELLED, bookings, actor=actor, staff=staff, note=reason)

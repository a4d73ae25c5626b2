"""What every write in rooms does besides the write itself: the history entry, the lock on the
organisation, cancelling in bulk and the email to the organisation after commit.

Shared by ``rooms.services`` and ``rooms.closures``; nothing outside the writes calls these.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from rooms.models import Booking, BookingEvent, Organisation
from rooms.times import LOCAL_TZ


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


def email_organisation(organisation, template, context, *, notify=True):
    """Mail the organisation's contact in Norwegian once the transaction has committed.

    The template's first line is the subject, the rest the body.
    """
    if not notify or not organisation.email:
        return
    context = {
        **context,
        "organisation": organisation,
        "centre_name": settings.CENTRE_NAME,
        "centre_email": settings.CENTRE_EMAIL,
        "site_url": settings.SITE_URL,
    }

    def send():
        with translation.override("nb"), timezone.override(LOCAL_TZ):
            text = render_to_string(f"rooms/email/{template}.txt", context)
        subject, _sep, body = text.strip().partition("\n")
        send_mail(subject.strip(), body.strip() + "\n", None, [organisation.email])

    transaction.on_commit(send)


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

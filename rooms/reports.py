"""Numbers out of the rooms app for the staff dashboard (nothing else reads its tables)."""

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rooms.models import Booking, BookingSeries
from rooms.services import local_datetime, today_local


def week_bounds(day):
    monday = day - dt.timedelta(days=day.weekday())
    return local_datetime(monday, dt.time()), local_datetime(
        monday + dt.timedelta(days=7), dt.time()
    )


def dashboard_panel(user):
    """This week in the rooms, or None for staff who may not see bookings."""
    if not user.has_perm("rooms.view_booking"):
        return None
    start, end = week_bounds(today_local())
    week = (
        Booking.objects.active()
        .overlapping(start, end)
        .aggregate(bookings=Count("pk"), rooms=Count("room", distinct=True))
    )
    pending = BookingSeries.objects.filter(status=BookingSeries.Status.PENDING).count()
    series_url = reverse("admin:rooms_bookingseries_changelist")
    return {
        "title": _("Rooms this week"),
        "rows": [
            {
                "label": _("Bookings this week"),
                "value": week["bookings"],
                "url": reverse("admin:rooms_booking_week"),
                "warning": False,
            },
            {
                "label": _("Rooms in use"),
                "value": week["rooms"],
                "url": reverse("admin:rooms_booking_week"),
                "warning": False,
            },
            {
                "label": _("Series waiting for approval"),
                "value": pending,
                "url": f"{series_url}?status__exact=pending",
                "warning": pending > 0,
            },
        ],
    }

"""Closures and public holidays: closing the centre or a room cancels what was booked then.

Each organisation that loses dates is told by email after commit. The bookings a closure would
cancel are read in ``rooms.availability.bookings_covered_by``, so the admin can show them first.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models, transaction

from rooms.availability import bookings_covered_by
from rooms.history import cancel_bookings
from rooms.mail import organisation_recipient, send_after_commit
from rooms.models import Closure, Organisation
from rooms.times import norwegian_public_holidays


@dataclass
class ClosureResult:
    closure: Closure
    cancelled: list


def _cancel_covered_bookings(closure, *, by=None, notify=True):
    bookings = bookings_covered_by(closure)
    org_ids = sorted(set(bookings.values_list("organisation_id", flat=True)))
    # Lock in a fixed order so two staff members adding closures cannot deadlock.
    list(Organisation.objects.select_for_update().filter(pk__in=org_ids).order_by("pk"))
    bookings = list(bookings.select_related("room", "organisation").order_by("start"))
    if not bookings:
        return []
    cancel_bookings(bookings, actor=by, staff=True, reason=str(closure))
    by_org = defaultdict(list)
    for booking in bookings:
        by_org[booking.organisation].append(booking)
    if notify:
        send_after_commit(
            template="rooms/email/closure",
            recipients=[
                organisation_recipient(organisation, bookings=cancelled)
                for organisation, cancelled in by_org.items()
            ],
            context={"closure": closure},
        )
    return bookings


@transaction.atomic
def add_closure(
    *, start_date, end_date, reason, description="", room=None, by=None, notify=True
) -> ClosureResult:
    """Close the centre (or one room) and cancel what was booked then, telling each organisation."""
    closure = Closure(
        start_date=start_date,
        end_date=end_date,
        reason=reason,
        description=description,
        room=room,
    )
    closure.full_clean()
    closure.save()
    return ClosureResult(closure, _cancel_covered_bookings(closure, by=by, notify=notify))


@transaction.atomic
def save_closure(*, closure, by=None, notify=True) -> ClosureResult:
    """Save a new or changed closure (the admin form); bookings it covers are cancelled."""
    closure.full_clean()
    closure.save()
    return ClosureResult(closure, _cancel_covered_bookings(closure, by=by, notify=notify))


@transaction.atomic
def add_public_holidays(*, year, by=None, notify=True) -> list:
    """Close the centre on each Norwegian public holiday of ``year`` not closed already."""
    existing = set(
        Closure.objects.filter(
            room__isnull=True, start_date__year=year, start_date=models.F("end_date")
        ).values_list("start_date", flat=True)
    )
    return [
        add_closure(
            start_date=day,
            end_date=day,
            reason=Closure.Reason.HOLIDAY,
            description=name,
            by=by,
            notify=notify,
        )
        for day, name in norwegian_public_holidays(year)
        if day not in existing
    ]

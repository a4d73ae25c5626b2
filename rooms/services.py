"""Writes to the centre's calendar: booking, cancelling, approving, extending series.

Each write runs in one transaction, locks the organisation's row (quota sums and free-checks
cannot change underneath), asks ``rooms.availability`` which dates are free, records a history
entry and mails the organisation after commit. ``book_series`` books exactly the dates that are
free at that moment, each in its own savepoint, so a date taken between preview and saving is
reported instead of failing the whole series. Closures live in ``rooms.closures``; moving the
rest of a series and renaming a series or a date in ``rooms.changes``.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from rooms import dates
from rooms.availability import (
    DateStatus,
    check_booking_rules,
    preview_booked_dates,
    preview_series,
)
from rooms.history import (
    cancel_bookings,
    lock_organisation,
    record,
    record_each,
)
from rooms.mail import organisation_recipient, send_after_commit
from rooms.models import (
    Booking,
    BookingEvent,
    BookingSeries,
    new_calendar_token,
)
from rooms.slots import Slot
from rooms.times import (
    booking_horizon,
    day_start,
    local_date,
    next_on_cadence,
    today_local,
)


@dataclass
class SeriesResult:
    series: BookingSeries
    booked: list
    skipped: list  # DatePreview of every date not booked, with its reason
    taken_since_preview: list  # dates that were free when the user looked, and are not now


@transaction.atomic
def book_series(
    *,
    slot: Slot | None = None,
    title: str,
    is_public: bool = False,
    created_by=None,
    expected_free_dates=None,
    staff: bool = False,
    notify: bool = True,
    **fields,
) -> SeriesResult:
    """Create a series and book every date of its slot that is free now.

    Give the ``slot`` or its fields (``organisation=, room=, weekday=, start_time=, ...``).
    ``expected_free_dates`` are the dates the user saw as free in the preview; any of them that
    is no longer free is reported in ``taken_since_preview``. ``staff``: booked by staff in the
    admin, approved at once even when approval is required.
    """
    slot = slot or Slot(**fields)
    check_booking_rules(**slot.rule_fields())
    # Serialise bookings by one organisation (quota) and make the free-check and insert atomic.
    lock_organisation(slot.organisation.pk)
    status = (
        BookingSeries.Status.PENDING
        if settings.ROOMS_REQUIRE_APPROVAL and not staff
        else BookingSeries.Status.APPROVED
    )
    series = BookingSeries(
        **slot.as_fields(), title=title, is_public=is_public, status=status, created_by=created_by
    )
    series.full_clean()
    series.save()
    previews = preview_series(slot=slot)
    booked, skipped = _book_free_dates(series, previews)
    if not booked:
        if len(previews) == 1:
            raise ValidationError(
                _("%(date)s is not free (%(reason)s), so nothing was booked.")
                % {"date": dates.long_date(previews[0].date), "reason": previews[0].reason},
                "nothing_free",
            )
        raise ValidationError(
            _("None of the dates in this series is free, so nothing was booked."), "nothing_free"
        )
    taken_since = []
    if expected_free_dates is not None:
        expected = set(expected_free_dates)
        taken_since = [p for p in skipped if p.date in expected]
    record(BookingEvent.Action.CREATED, series=series, actor=created_by, staff=staff)
    record_each(BookingEvent.Action.CREATED, booked, actor=created_by, staff=staff)
    if notify:
        send_after_commit(
            template="rooms/email/booked",
            recipients=[organisation_recipient(slot.organisation)],
            context={"series": series, "booked": booked, "skipped": skipped},
        )
    return SeriesResult(
        series=series, booked=booked, skipped=skipped, taken_since_preview=taken_since
    )


def _book_free_dates(series, previews):
    """Book each date the preview found free for ``series``, each in its own savepoint.

    A concurrent request may have taken a date since the preview: on PostgreSQL the exclusion
    constraint refuses it and only that date's savepoint is rolled back; the date is then
    reported as taken. Returns the bookings made and the previews of the dates not booked.
    """
    status = (
        Booking.Status.PENDING
        if series.status == BookingSeries.Status.PENDING
        else Booking.Status.CONFIRMED
    )
    booked, skipped = [], []
    for preview in previews:
        if not preview.is_free:
            skipped.append(preview)
            continue
        booking = Booking(
            room=series.room,
            organisation=series.organisation,
            series=series,
            start=preview.start,
            end=preview.end,
            title=series.title,
            is_public=series.is_public,
            status=status,
            created_by=series.created_by,
        )
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError:
            preview.status, preview.reason = DateStatus.TAKEN, _("taken")
            skipped.append(preview)
            continue
        booked.append(booking)
    return booked, skipped


# --- one date ----------------------------------------------------------------------------------


def book_single(
    *,
    organisation,
    room,
    date,
    start_time,
    end_time,
    title,
    is_public=False,
    created_by=None,
    staff=False,
    notify=True,
) -> SeriesResult:
    """Book one date: a series of one, so cancelling, history and approval work the same."""
    slot = Slot.once(
        organisation=organisation,
        room=room,
        date=date,
        start_time=start_time,
        end_time=end_time,
    )
    return book_series(
        slot=slot,
        title=title,
        is_public=is_public,
        created_by=created_by,
        expected_free_dates=[date],
        staff=staff,
        notify=notify,
    )


# --- cancelling --------------------------------------------------------------------------------


@transaction.atomic
def cancel_occurrence(*, booking, by=None, staff=False, reason="", notify=True):
    """Cancel one date. Organisations cannot cancel what has started; staff can."""
    lock_organisation(booking.organisation_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError(_("This booking is already cancelled."), "already_cancelled")
    if not booking.cancel_allowed(by_staff=staff):
        raise ValidationError(
            _("This booking has already started, so it can no longer be cancelled."), "started"
        )
    cancel_bookings([booking], actor=by, staff=staff, reason=reason)
    if booking.series_id and not booking.series.bookings.active().exists():
        BookingSeries.objects.filter(pk=booking.series_id).update(
            status=BookingSeries.Status.CANCELLED
        )
    # Staff's cancellations tell the organisation why; its own are confirmed, so the contact
    # person hears of a cancellation made by another member of the organisation.
    if notify:
        send_after_commit(
            template="rooms/email/cancelled_by_staff" if staff else "rooms/email/cancelled",
            recipients=[organisation_recipient(booking.organisation)],
            context={"bookings": [booking], "reason": reason},
        )
    return booking


@transaction.atomic
def cancel_series_from(*, series, from_date, by=None, staff=False, reason="", notify=True):
    """Cancel this and every later date of a series; the earlier dates stay as they are."""
    lock_organisation(series.organisation_id)
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    bookings = list(
        series.bookings.cancel_allowed(by_staff=staff)
        .filter(start__gte=day_start(from_date))
        .select_related("room")
    )
    if not bookings:
        raise ValidationError(
            _("There are no upcoming dates left to cancel in this series."), "nothing_to_cancel"
        )
    cancel_bookings(bookings, actor=by, staff=staff, reason=reason)
    if from_date <= series.first_date or not series.bookings.active().exists():
        series.status = BookingSeries.Status.CANCELLED
    else:
        end = from_date - dt.timedelta(days=1)
        series.last_date = min(series.last_date, end) if series.last_date else end
    series.full_clean()
    series.save()
    record(
        BookingEvent.Action.CANCELLED,
        series=series,
        actor=by,
        staff=staff,
        note=_("from %(date)s") % {"date": dates.long_date(from_date)},
    )
    if notify:
        send_after_commit(
            template="rooms/email/cancelled_by_staff" if staff else "rooms/email/cancelled",
            recipients=[organisation_recipient(series.organisation)],
            context={"bookings": bookings, "reason": reason, "series": series},
        )
    return bookings


@transaction.atomic
def release_series(*, series, by=None, reason=""):
    """Free the room of a series that is no longer needed, e.g. a group's meeting that moved or
    ended: its dates that have not ended are cancelled and the series says why; the dates and
    their history stay. Staff's own bookings, so nobody is emailed. Returns the dates cancelled.
    """
    lock_organisation(series.organisation_id)
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    bookings = list(series.bookings.active().upcoming())
    if bookings:
        cancel_bookings(bookings, actor=by, staff=True, reason=reason)
    if not series.bookings.active().exists():
        series.status = BookingSeries.Status.CANCELLED
        series.save(update_fields=["status", "updated_at"])
    record(BookingEvent.Action.CANCELLED, series=series, actor=by, staff=True, note=reason)
    return bookings


# --- approval ----------------------------------------------------------------------------------


@dataclass
class ApprovalResult:
    series: BookingSeries
    approved: list
    dropped: list  # bookings cancelled because they now clash or the centre is closed


@transaction.atomic
def approve_series(*, series, by=None, notify=True) -> ApprovalResult:
    """Approve a pending series, re-checking every date: clashing or closed dates are dropped."""
    lock_organisation(series.organisation_id)
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    if series.status != BookingSeries.Status.PENDING:
        raise ValidationError(
            _("Only a series waiting for approval can be approved."), "not_pending"
        )
    pending = list(
        series.bookings.filter(status=Booking.Status.PENDING)
        .select_related("room")
        .order_by("start")
    )
    previews = preview_booked_dates(pending, organisation=series.organisation, series=series)
    approved, dropped = [], []
    for booking in pending:
        # No preview: the date now lies beyond the horizon (it was shortened), so not bookable.
        preview = previews.get(booking.pk)
        free = preview is not None and not (preview.closure or preview.clashing)
        (approved if free else dropped).append(booking)
    if dropped:
        cancel_bookings(dropped, actor=by, staff=True, reason=_("not free when approved"))
    Booking.objects.filter(pk__in=[b.pk for b in approved]).update(status=Booking.Status.CONFIRMED)
    for booking in approved:
        booking.status = Booking.Status.CONFIRMED
    record_each(BookingEvent.Action.APPROVED, approved, actor=by, staff=True)
    series.status = BookingSeries.Status.APPROVED if approved else BookingSeries.Status.CANCELLED
    series.save(update_fields=["status", "updated_at"])
    record(BookingEvent.Action.APPROVED, series=series, actor=by, staff=True)
    if notify:
        send_after_commit(
            template="rooms/email/approved",
            recipients=[organisation_recipient(series.organisation)],
            context={"series": series, "approved": approved, "dropped": dropped},
        )
    return ApprovalResult(series=series, approved=approved, dropped=dropped)


# --- rolling over to the next term -------------------------------------------------------------


def roll_over_series(
    *, series, first_date, last_date, by=None, expected_free_dates=None, notify=True
) -> SeriesResult:
    """Book the same weekly slot for the next term as a new, approved series."""
    return book_series(
        slot=Slot.of(series, first_date=first_date, last_date=last_date),
        title=series.title,
        is_public=series.is_public,
        created_by=by,
        expected_free_dates=expected_free_dates,
        staff=True,
        notify=notify,
    )


# --- open-ended series ------------------------------------------------------------------------


def extend_open_ended_series():
    """Book the new free dates that came within the horizon for series without a last date.

    Run daily (``python manage.py rooms_extend_series``). Dates already booked or cancelled are
    never touched; only dates after the series' latest occurrence are added. Returns the number
    of dates booked.
    """
    added = 0
    series_list = (
        BookingSeries.objects.active()
        .filter(last_date__isnull=True)
        .select_related("organisation", "room")
        .annotate(latest=models.Max("bookings__start"))
    )
    for series in series_list:
        with transaction.atomic():
            lock_organisation(series.organisation_id)
            start = series.first_date
            if series.latest:
                start = local_date(series.latest) + dt.timedelta(days=1)
            # Every other week stays in step with the series' own first date.
            start = next_on_cadence(series, max(start, today_local()))
            if start > booking_horizon():
                continue
            previews = preview_series(slot=Slot.of(series, first_date=start, last_date=None))
            booked, _skipped = _book_free_dates(series, previews)
            record_each(
                BookingEvent.Action.CREATED, booked, note=_("added as the horizon moved on")
            )
            added += len(booked)
    return added


# --- calendar token ----------------------------------------------------------------------------


@transaction.atomic
def rotate_calendar_token(*, organisation):
    """A new secret feed address; the old one stops working at once."""
    organisation.calendar_token = new_calendar_token()
    organisation.save(update_fields=["calendar_token"])
    return organisation.calendar_token

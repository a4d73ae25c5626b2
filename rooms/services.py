"""Writes and the booking rules for the centre's calendar.

A weekly series is defined in local wall-clock time and expanded date by date in Europe/Oslo, so a
Tuesday 18:00 series stays at 18:00 through the daylight-saving changes. Before anything is saved
the organisation sees every date with its status (``preview_series``); ``book_series`` then books
exactly the dates that are free at that moment, each in its own savepoint, so a date taken between
preview and saving is reported instead of failing the whole series.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rooms import dates
from rooms.models import (
    Booking,
    BookingEvent,
    BookingSeries,
    Closure,
    OpeningHours,
    Organisation,
    Room,
    new_calendar_token,
)

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


def local_datetime(day, time):
    """An aware datetime for a wall-clock time on a date in the centre's time zone."""
    return dt.datetime.combine(day, time, tzinfo=LOCAL_TZ)


def today_local():
    return timezone.localdate(timezone=LOCAL_TZ)


def booking_horizon():
    """The last date organisations may book."""
    return today_local() + dt.timedelta(days=settings.ROOMS_HORIZON_DAYS)


def series_dates(*, weekday, first_date, last_date=None, every_weeks=1, week_of_month=None):
    """The dates of a series from ``first_date`` to ``last_date`` (or the horizon): every
    ``every_weeks``-th ``weekday``, or with ``week_of_month`` the n-th (1–4) or last (-1)
    ``weekday`` of each month. Dates, not times: each is given its wall-clock time in Oslo
    separately, so the daylight-saving changes never move a meeting."""
    end = min(last_date, booking_horizon()) if last_date else booking_horizon()
    if week_of_month:
        return _monthly_dates(weekday, week_of_month, first_date, end)
    day = first_date + dt.timedelta(days=(weekday - first_date.weekday()) % 7)
    dates = []
    while day <= end:
        dates.append(day)
        day += dt.timedelta(weeks=every_weeks)
    return dates


def nth_weekday(year, month, weekday, week_of_month):
    """The n-th (1–4) or last (-1) ``weekday`` of a month."""
    if week_of_month == -1:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7, weeks=week_of_month - 1)


def _monthly_dates(weekday, week_of_month, first_date, end):
    dates = []
    year, month = first_date.year, first_date.month
    while dt.date(year, month, 1) <= end:
        day = nth_weekday(year, month, weekday, week_of_month)
        if first_date <= day <= end:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def next_on_cadence(series, day):
    """Where to expand ``series`` again from, on or after ``day``: every other week, the next
    date in step with its first date; weekly and monthly dates follow from any start."""
    if series.week_of_month or series.every_weeks == 1:
        return max(day, series.first_date)
    first = series.first_date
    anchor = first + dt.timedelta(days=(series.weekday - first.weekday()) % 7)
    if day <= anchor:
        return anchor
    step = 7 * series.every_weeks
    steps = -(-(day - anchor).days // step)  # rounded up: never a date before ``day``
    return anchor + dt.timedelta(days=steps * step)


class DateStatus:
    FREE = "free"
    TAKEN = "taken"
    CLOSED = "closed"
    OUTSIDE_HOURS = "outside_hours"
    PAST = "past"
    OVER_QUOTA = "over_quota"


@dataclass
class DatePreview:
    """What booking one date of a series would do, before anything is saved."""

    date: dt.date
    start: dt.datetime
    end: dt.datetime
    status: str = DateStatus.FREE
    reason: str = ""
    # Only the organisation's own clashing booking is named; others' are just "taken".
    own_booking: Booking | None = None
    alternatives: list = field(default_factory=list)

    @property
    def is_free(self):
        return self.status == DateStatus.FREE


def check_booking_rules(*, start_time, end_time, first_date, last_date=None, weekday=None):
    """The rules a new booking or series must follow, each with its own message."""
    errors = []
    duration = dt.datetime.combine(first_date, end_time) - dt.datetime.combine(
        first_date, start_time
    )
    minutes = duration.total_seconds() / 60
    if minutes <= 0:
        errors.append(ValidationError(_("The end time must be after the start time."), "order"))
    elif minutes < settings.ROOMS_MIN_BOOKING_MINUTES:
        errors.append(
            ValidationError(
                _("A booking must last at least %(minutes)d minutes.")
                % {"minutes": settings.ROOMS_MIN_BOOKING_MINUTES},
                "too_short",
            )
        )
    elif minutes > settings.ROOMS_MAX_BOOKING_MINUTES:
        errors.append(
            ValidationError(
                _("A booking can last at most %(hours)s hours.")
                % {"hours": f"{settings.ROOMS_MAX_BOOKING_MINUTES / 60:g}"},
                "too_long",
            )
        )
    if first_date < today_local():
        errors.append(ValidationError(_("You cannot book a date in the past."), "past"))
    if first_date > booking_horizon():
        errors.append(
            ValidationError(
                _("You can book at most %(days)d days ahead (until %(date)s).")
                % {
                    "days": settings.ROOMS_HORIZON_DAYS,
                    "date": dates.long_date(booking_horizon()),
                },
                "beyond_horizon",
            )
        )
    if last_date and last_date < first_date:
        errors.append(
            ValidationError(
                _("The last date cannot be before the first date."), "last_before_first"
            )
        )
    if weekday is not None and minutes > 0:
        hours = OpeningHours.objects.filter(weekday=weekday).first()
        if hours is None:
            errors.append(ValidationError(_("The centre is closed on that weekday."), "closed_day"))
        elif start_time < hours.opens or end_time > hours.closes:
            errors.append(
                ValidationError(
                    _("The centre is open %(opens)s–%(closes)s that day; choose a time within it.")
                    % {"opens": f"{hours.opens:%H:%M}", "closes": f"{hours.closes:%H:%M}"},
                    "outside_hours",
                )
            )
    if errors:
        raise ValidationError(errors)


def preview_series(
    *,
    organisation,
    room,
    weekday,
    start_time,
    end_time,
    first_date,
    last_date=None,
    exclude_series=None,
    every_weeks=1,
    week_of_month=None,
):
    """Every date of a prospective series with its status and, if taken, free alternatives.

    Costs a fixed number of queries however long the series is.
    """
    dates = series_dates(
        weekday=weekday,
        first_date=first_date,
        last_date=last_date,
        every_weeks=every_weeks,
        week_of_month=week_of_month,
    )
    if not dates:
        return []
    previews = [
        DatePreview(
            date=day, start=local_datetime(day, start_time), end=local_datetime(day, end_time)
        )
        for day in dates
    ]
    rooms = list(Room.objects.bookable())
    # Only what overlaps one of the dates, in any room (for the alternatives): a year's
    # preview otherwise read every booking of the year, 100,000 of them at national scale.
    bookings = (
        Booking.objects.active()
        .overlapping_any((p.start, p.end) for p in previews)
        .select_related("organisation")
    )
    if exclude_series is not None:
        bookings = bookings.exclude(series=exclude_series)
    bookings_by_room = defaultdict(list)
    for booking in bookings:
        bookings_by_room[booking.room_id].append(booking)
    closures = list(
        Closure.objects.filter(start_date__lte=dates[-1], end_date__gte=dates[0]).select_related(
            "room"
        )
    )
    opening = OpeningHours.objects.filter(weekday=weekday).first()
    now = timezone.now()
    hours_used = _hours_used_per_week(
        organisation, previews[0].date, previews[-1].date, exclude_series=exclude_series
    )

    def clash(room_id, preview):
        return next(
            (
                b
                for b in bookings_by_room[room_id]
                if b.start < preview.end and b.end > preview.start
            ),
            None,
        )

    def closure_for(room_id, day):
        return next(
            (
                c
                for c in closures
                if c.start_date <= day <= c.end_date and (c.room_id is None or c.room_id == room_id)
            ),
            None,
        )

    for preview in previews:
        closure = closure_for(room.pk, preview.date)
        if preview.start < now:
            preview.status = DateStatus.PAST
            preview.reason = _("in the past")
        elif closure:
            preview.status = DateStatus.CLOSED
            preview.reason = str(closure)
        elif opening is None or start_time < opening.opens or end_time > opening.closes:
            preview.status = DateStatus.OUTSIDE_HOURS
            preview.reason = _("outside opening hours")
        elif booking := clash(room.pk, preview):
            preview.status = DateStatus.TAKEN
            if booking.organisation_id == organisation.pk:
                preview.own_booking = booking
                preview.reason = _("already booked by you: %(title)s") % {"title": booking.title}
            else:
                preview.reason = _("taken")
            preview.alternatives = [
                other
                for other in rooms
                if other.pk != room.pk
                and not clash(other.pk, preview)
                and not closure_for(other.pk, preview.date)
            ]
        elif hours_used is not None:
            week = _week_key(preview.date)
            hours = (preview.end - preview.start).total_seconds() / 3600
            if hours_used[week] + hours > organisation.weekly_quota_hours:
                preview.status = DateStatus.OVER_QUOTA
                preview.reason = _(
                    "over your weekly quota of %(quota)d hours (%(used)s hours already booked "
                    "that week)"
                ) % {"quota": organisation.weekly_quota_hours, "used": f"{hours_used[week]:g}"}
            else:
                hours_used[week] += hours
    return previews


def _week_key(day):
    return day.isocalendar()[:2]


def _hours_used_per_week(organisation, first_day, last_day, *, exclude_series=None):
    """Hours the organisation has booked per ISO week, or None when it has no quota.

    Callers that write hold the organisation's row lock, so the sum cannot change underneath.
    """
    if organisation.weekly_quota_hours is None:
        return None
    monday = first_day - dt.timedelta(days=first_day.weekday())
    next_monday = last_day + dt.timedelta(days=7 - last_day.weekday())
    bookings = (
        Booking.objects.active()
        .for_organisation(organisation)
        .overlapping(local_datetime(monday, dt.time.min), local_datetime(next_monday, dt.time.min))
    )
    if exclude_series is not None:
        bookings = bookings.exclude(series=exclude_series)
    used = defaultdict(float)
    for start, end in bookings.values_list("start", "end"):
        used[_week_key(start.astimezone(LOCAL_TZ).date())] += (end - start).total_seconds() / 3600
    return used


@dataclass
class SeriesResult:
    series: BookingSeries
    booked: list
    skipped: list  # DatePreview of every date not booked, with its reason
    taken_since_preview: list  # dates that were free when the user looked, and are not now


@transaction.atomic
def book_series(
    *,
    organisation: Organisation,
    room: Room,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    last_date: dt.date | None = None,
    title: str,
    is_public: bool = False,
    created_by=None,
    expected_free_dates=None,
    staff: bool = False,
    notify: bool = True,
    every_weeks: int = 1,
    week_of_month: int | None = None,
) -> SeriesResult:
    """Create a weekly (or every-other-week) series and book every date that is free now.

    ``expected_free_dates`` are the dates the user saw as free in the preview; any of them that
    is no longer free is reported in ``taken_since_preview``. ``staff``: booked by staff in the
    admin, approved at once even when approval is required.
    """
    check_booking_rules(
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        last_date=last_date,
        weekday=weekday,
    )
    # Serialise bookings by one organisation (quota) and make the free-check and insert atomic.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    status = (
        BookingSeries.Status.PENDING
        if settings.ROOMS_REQUIRE_APPROVAL and not staff
        else BookingSeries.Status.APPROVED
    )
    series = BookingSeries(
        organisation=organisation,
        room=room,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        last_date=last_date,
        title=title,
        is_public=is_public,
        status=status,
        created_by=created_by,
        every_weeks=every_weeks,
        week_of_month=week_of_month,
    )
    series.full_clean()
    series.save()
    previews = preview_series(
        organisation=organisation,
        room=room,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        first_date=first_date,
        last_date=last_date,
        every_weeks=every_weeks,
        week_of_month=week_of_month,
    )
    booking_status = (
        Booking.Status.PENDING
        if status == BookingSeries.Status.PENDING
        else Booking.Status.CONFIRMED
    )
    booked, skipped = [], []
    for preview in previews:
        if not preview.is_free:
            skipped.append(preview)
            continue
        booking = Booking(
            room=room,
            organisation=organisation,
            series=series,
            start=preview.start,
            end=preview.end,
            title=title,
            is_public=is_public,
            status=booking_status,
            created_by=created_by,
        )
        try:
            # A concurrent request may have taken the slot since the preview: on PostgreSQL the
            # exclusion constraint refuses it, and only this date's savepoint is rolled back.
            with transaction.atomic():
                booking.save()
        except IntegrityError:
            preview.status = DateStatus.TAKEN
            preview.reason = _("taken")
            skipped.append(preview)
            continue
        booked.append(booking)
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
    _record(BookingEvent.Action.CREATED, series=series, actor=created_by, staff=staff)
    _record_each(BookingEvent.Action.CREATED, booked, actor=created_by, staff=staff)
    _email_organisation(
        organisation,
        "booked",
        {"series": series, "booked": booked, "skipped": skipped},
        notify=notify,
    )
    return SeriesResult(
        series=series, booked=booked, skipped=skipped, taken_since_preview=taken_since
    )


# --- history and email -------------------------------------------------------------------------


def _record(action, *, booking=None, series=None, actor=None, staff=False, note=""):
    BookingEvent.objects.create(
        action=action,
        booking=booking,
        series=series,
        actor=actor if actor is not None and actor.is_authenticated else None,
        staff_override=staff,
        note=note[:300],
    )


def _record_each(action, bookings, *, actor=None, staff=False, note=""):
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


def _email_organisation(organisation, template, context, *, notify=True):
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


def _lock_organisation(organisation_id):
    """Serialise every write for one organisation (quota sums, free-checks)."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def _cancel(bookings, *, actor=None, staff=False, reason=""):
    now = timezone.now()
    for booking in bookings:
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.cancel_reason = reason[:200]
    Booking.objects.bulk_update(bookings, ["status", "cancelled_at", "cancel_reason"])
    _record_each(BookingEvent.Action.CANCELLED, bookings, actor=actor, staff=staff, note=reason)


# --- one date ----------------------------------------------------------------------------------


def preview_single(*, organisation, room, date, start_time, end_time):
    return preview_series(
        organisation=organisation,
        room=room,
        weekday=date.weekday(),
        start_time=start_time,
        end_time=end_time,
        first_date=date,
        last_date=date,
    )


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
    return book_series(
        organisation=organisation,
        room=room,
        weekday=date.weekday(),
        start_time=start_time,
        end_time=end_time,
        first_date=date,
        last_date=date,
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
    _lock_organisation(booking.organisation_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError(_("This booking is already cancelled."), "already_cancelled")
    if not staff and booking.start <= timezone.now():
        raise ValidationError(
            _("This booking has already started, so it can no longer be cancelled."), "started"
        )
    _cancel([booking], actor=by, staff=staff, reason=reason)
    if booking.series_id and not booking.series.bookings.active().exists():
        BookingSeries.objects.filter(pk=booking.series_id).update(
            status=BookingSeries.Status.CANCELLED
        )
    # Staff's cancellations tell the organisation why; its own are confirmed, so the contact
    # person hears of a cancellation made by another member of the organisation.
    _email_organisation(
        booking.organisation,
        "cancelled_by_staff" if staff else "cancelled",
        {"bookings": [booking], "reason": reason},
        notify=notify,
    )
    return booking


@transaction.atomic
def cancel_series_from(*, series, from_date, by=None, staff=False, reason="", notify=True):
    """Cancel this and every later date of a series; the earlier dates stay as they are."""
    _lock_organisation(series.organisation_id)
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    bookings = series.bookings.active().filter(start__gte=local_datetime(from_date, dt.time.min))
    if not staff:
        bookings = bookings.filter(start__gt=timezone.now())
    bookings = list(bookings.select_related("room"))
    if not bookings:
        raise ValidationError(
            _("There are no upcoming dates left to cancel in this series."), "nothing_to_cancel"
        )
    _cancel(bookings, actor=by, staff=staff, reason=reason)
    if from_date <= series.first_date or not series.bookings.active().exists():
        series.status = BookingSeries.Status.CANCELLED
    else:
        end = from_date - dt.timedelta(days=1)
        series.last_date = min(series.last_date, end) if series.last_date else end
    series.full_clean()
    series.save()
    _record(
        BookingEvent.Action.CANCELLED,
        series=series,
        actor=by,
        staff=staff,
        note=_("from %(date)s") % {"date": dates.long_date(from_date)},
    )
    _email_organisation(
        series.organisation,
        "cancelled_by_staff" if staff else "cancelled",
        {"bookings": bookings, "reason": reason, "series": series},
        notify=notify,
    )
    return bookings


# --- changing the rest of a series -------------------------------------------------------------


def _remaining_bookings(series, from_date):
    start = max(local_datetime(from_date, dt.time.min), timezone.now())
    return list(series.bookings.active().filter(start__gte=start).order_by("start"))


def preview_series_change(*, series, from_date, room, start_time, end_time):
    """Each remaining date of the series, as it would be at the new time or in the new room."""
    bookings = _remaining_bookings(series, from_date)
    if not bookings:
        return []
    dates = {b.start.astimezone(LOCAL_TZ).date() for b in bookings}
    previews = preview_series(
        organisation=series.organisation,
        room=room,
        weekday=series.weekday,
        start_time=start_time,
        end_time=end_time,
        first_date=min(dates),
        last_date=max(dates),
        exclude_series=series,
    )
    return [p for p in previews if p.date in dates]


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
    _lock_organisation(series.organisation_id)
    series = BookingSeries.objects.select_for_update().get(pk=series.pk)
    if series.status == BookingSeries.Status.CANCELLED:
        raise ValidationError(_("This series is cancelled."), "cancelled")
    previews = preview_series_change(
        series=series, from_date=from_date, room=room, start_time=start_time, end_time=end_time
    )
    by_date = {
        b.start.astimezone(LOCAL_TZ).date(): b for b in _remaining_bookings(series, from_date)
    }
    moved, kept = [], []
    for preview in previews:
        booking = by_date[preview.date]
        if not preview.is_free:
            kept.append(preview)
            continue
        old = f"{booking.room} {booking.start.astimezone(LOCAL_TZ):%H:%M}"
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
        _record(
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
    _email_organisation(
        series.organisation,
        "changed",
        {"series": series, "moved": moved, "kept": kept},
        notify=notify,
    )
    return ChangeResult(series=series, moved=moved, kept=kept, taken_since_preview=taken_since)


# --- approval ----------------------------------------------------------------------------------


@dataclass
class ApprovalResult:
    series: BookingSeries
    approved: list
    dropped: list  # bookings cancelled because they now clash or the centre is closed


@transaction.atomic
def approve_series(*, series, by=None, notify=True) -> ApprovalResult:
    """Approve a pending series, re-checking every date: clashing or closed dates are dropped."""
    _lock_organisation(series.organisation_id)
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
    approved, dropped = [], []
    if pending:
        others = list(
            Booking.objects.active()
            .exclude(series=series)
            .filter(room_id__in={b.room_id for b in pending})
            .overlapping(pending[0].start, pending[-1].end)
        )
        closures = list(
            Closure.objects.filter(
                start_date__lte=pending[-1].end.astimezone(LOCAL_TZ).date(),
                end_date__gte=pending[0].start.astimezone(LOCAL_TZ).date(),
            )
        )
        for booking in pending:
            day = booking.start.astimezone(LOCAL_TZ).date()
            clashes = any(
                o.room_id == booking.room_id and o.start < booking.end and o.end > booking.start
                for o in others
            )
            closed = any(
                c.start_date <= day <= c.end_date and c.room_id in (None, booking.room_id)
                for c in closures
            )
            (dropped if clashes or closed else approved).append(booking)
    if dropped:
        _cancel(dropped, actor=by, staff=True, reason=_("not free when approved"))
    Booking.objects.filter(pk__in=[b.pk for b in approved]).update(status=Booking.Status.CONFIRMED)
    for booking in approved:
        booking.status = Booking.Status.CONFIRMED
    _record_each(BookingEvent.Action.APPROVED, approved, actor=by, staff=True)
    series.status = BookingSeries.Status.APPROVED if approved else BookingSeries.Status.CANCELLED
    series.save(update_fields=["status", "updated_at"])
    _record(BookingEvent.Action.APPROVED, series=series, actor=by, staff=True)
    _email_organisation(
        series.organisation,
        "approved",
        {"series": series, "approved": approved, "dropped": dropped},
        notify=notify,
    )
    return ApprovalResult(series=series, approved=approved, dropped=dropped)


# --- closures and public holidays --------------------------------------------------------------


@dataclass
class ClosureResult:
    closure: Closure
    cancelled: list


def bookings_covered_by(closure):
    """The active bookings a closure (saved or not) would cancel."""
    start = local_datetime(closure.start_date, dt.time.min)
    end = local_datetime(closure.end_date + dt.timedelta(days=1), dt.time.min)
    bookings = Booking.objects.active().overlapping(start, end)
    if closure.room_id:
        bookings = bookings.filter(room_id=closure.room_id)
    return bookings


def _cancel_covered_bookings(closure, *, by=None, notify=True):
    bookings = bookings_covered_by(closure)
    org_ids = sorted(set(bookings.values_list("organisation_id", flat=True)))
    # Lock in a fixed order so two staff members adding closures cannot deadlock.
    list(Organisation.objects.select_for_update().filter(pk__in=org_ids).order_by("pk"))
    bookings = list(bookings.select_related("room", "organisation").order_by("start"))
    if not bookings:
        return []
    _cancel(bookings, actor=by, staff=True, reason=str(closure))
    by_org = defaultdict(list)
    for booking in bookings:
        by_org[booking.organisation].append(booking)
    for organisation, cancelled in by_org.items():
        _email_organisation(
            organisation,
            "closure",
            {"closure": closure, "bookings": cancelled},
            notify=notify,
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


def norwegian_public_holidays(year):
    """The real public holidays of a year, not every Sunday (some versions list those too)."""
    try:
        days = holidays.country_holidays("NO", years=year, language="no", include_sundays=False)
    except TypeError:  # an older holidays without the include_sundays switch
        days = holidays.country_holidays("NO", years=year, language="no")
    return sorted(
        (day, name) for day, name in days.items() if name.strip().lower() not in {"søndag"}
    )


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


# --- rolling over to the next term -------------------------------------------------------------


def next_term(series):
    """Dates for the next term of a series: straight after it ends, for as long again."""
    if series.last_date is None:
        raise ValidationError(
            _("This series has no last date, so it simply continues; nothing to roll over."),
            "open_ended",
        )
    first = max(series.last_date + dt.timedelta(days=1), today_local())
    # As many weeks again: the same span, shifted to start the week after the last date.
    span = series.last_date - series.first_date + dt.timedelta(days=7)
    last = min(series.last_date + span, booking_horizon())
    return first, last


def preview_roll_over(*, series, first_date, last_date):
    return preview_series(
        organisation=series.organisation,
        room=series.room,
        weekday=series.weekday,
        start_time=series.start_time,
        end_time=series.end_time,
        first_date=first_date,
        last_date=last_date,
        every_weeks=series.every_weeks,
        week_of_month=series.week_of_month,
    )


def roll_over_series(
    *, series, first_date, last_date, by=None, expected_free_dates=None, notify=True
) -> SeriesResult:
    """Book the same weekly slot for the next term as a new, approved series."""
    return book_series(
        organisation=series.organisation,
        room=series.room,
        weekday=series.weekday,
        start_time=series.start_time,
        end_time=series.end_time,
        first_date=first_date,
        last_date=last_date,
        title=series.title,
        is_public=series.is_public,
        created_by=by,
        expected_free_dates=expected_free_dates,
        staff=True,
        notify=notify,
        every_weeks=series.every_weeks,
        week_of_month=series.week_of_month,
    )


# --- open-ended series ------------------------------------------------------------------------


def extend_open_ended_series(*, notify=False):
    """Book the new free dates that came within the horizon for series without a last date.

    Run daily (``python manage.py rooms_extend_series``). Dates already booked or cancelled are
    never touched; only dates after the series' latest occurrence are added. Returns the number
    of dates booked.
    """
    added = 0
    series_list = (
        BookingSeries.objects.filter(last_date__isnull=True)
        .exclude(status=BookingSeries.Status.CANCELLED)
        .select_related("organisation", "room")
        .annotate(latest=models.Max("bookings__start"))
    )
    for series in series_list:
        with transaction.atomic():
            _lock_organisation(series.organisation_id)
            start = series.first_date
            if series.latest:
                start = series.latest.astimezone(LOCAL_TZ).date() + dt.timedelta(days=1)
            # Every other week stays in step with the series' own first date.
            start = next_on_cadence(series, max(start, today_local()))
            if start > booking_horizon():
                continue
            previews = preview_series(
                organisation=series.organisation,
                room=series.room,
                weekday=series.weekday,
                start_time=series.start_time,
                end_time=series.end_time,
                first_date=start,
                every_weeks=series.every_weeks,
                week_of_month=series.week_of_month,
            )
            status = (
                Booking.Status.PENDING
                if series.status == BookingSeries.Status.PENDING
                else Booking.Status.CONFIRMED
            )
            booked = []
            for preview in previews:
                if not preview.is_free:
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
                    continue
                booked.append(booking)
            _record_each(
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


# --- reminders ---------------------------------------------------------------------------------

REMINDER_DAYS = 14


def next_date_after(series):
    """The series' next date after its last date: where booking it again would start."""
    after = series.last_date + dt.timedelta(days=1)
    if series.week_of_month:
        return _monthly_dates(
            series.weekday, series.week_of_month, after, after + dt.timedelta(days=62)
        )[0]
    return after + dt.timedelta(days=(series.weekday - after.weekday()) % 7)


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
            _lock_organisation(series.organisation_id)
            already = series.events.filter(
                action=BookingEvent.Action.REMINDED, note=series.last_date.isoformat()
            ).exists()
            continued = (
                BookingSeries.objects.filter(
                    organisation=series.organisation_id,
                    room=series.room_id,
                    weekday=series.weekday,
                    start_time=series.start_time,
                    first_date__gt=series.last_date,
                )
                .exclude(status=BookingSeries.Status.CANCELLED)
                .exists()
            )
            if already or continued or not series.bookings.active().exists():
                continue
            # The note is the last date reminded of: the key that keeps this idempotent.
            _record(BookingEvent.Action.REMINDED, series=series, note=series.last_date.isoformat())
            _email_organisation(
                series.organisation,
                "ending",
                {"series": series, "next_date": next_date_after(series)},
            )
            reminded.append(series)
    return reminded

"""The centre's calendar: organisations, rooms, opening hours, closures, weekly series, bookings.

Rules that must hold under concurrency live in the database: on PostgreSQL an exclusion
constraint makes overlapping active bookings of one room impossible (see ``Booking.Meta``).
Writes go through ``rooms.services``; reads that pages need are QuerySet methods here. The
rooms, weekdays, opening hours and closures are in ``rooms.centre_models`` (imported here, so
``rooms.models`` names every model).
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import connections, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.centre_models import (  # noqa: F401  (the centre itself, kept in its own module)
    Closure,
    OpeningHours,
    Room,
    RoomQuerySet,
    Weekday,
)


def new_calendar_token():
    return secrets.token_urlsafe(32)


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(members=user, active=True)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("email"), help_text=_("Booking confirmations are sent here."))
    language = models.CharField(
        _("language for emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "Booking confirmations and other emails to the organisation are written in it."
        ),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    weekly_quota_hours = models.PositiveSmallIntegerField(
        _("weekly quota (hours)"),
        null=True,
        blank=True,
        help_text=_("Most room hours this organisation may book in one week. Empty: no limit."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("users"),
        related_name="organisations",
        blank=True,
        help_text=_("Logins that book rooms on behalf of this organisation."),
    )
    calendar_token = models.CharField(
        _("calendar token"),
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
        help_text=_("Secret part of the calendar feed address. Rotate it if it has leaked."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class BookingSeriesQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=BookingSeries.Status.CANCELLED)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class BookingSeries(models.Model):
    """A weekly slot in local wall-clock time, e.g. Tuesdays 18:00–20:00 Europe/Oslo."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="series",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="series"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    every_weeks = models.PositiveSmallIntegerField(
        _("how often"),
        choices=[(1, _("every week")), (2, _("every other week"))],
        default=1,
    )
    # Set for a monthly series: the n-th (1–4) or last (-1) such weekday of each month.
    week_of_month = models.SmallIntegerField(
        _("monthly on"),
        choices=[
            (1, _("the first in the month")),
            (2, _("the second in the month")),
            (3, _("the third in the month")),
            (4, _("the fourth in the month")),
            (-1, _("the last in the month")),
        ],
        null=True,
        blank=True,
        help_text=_("Empty: weekly."),
    )
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(
        _("last date"), null=True, blank=True, help_text=_("Empty: as far ahead as bookings go.")
    )
    title = models.CharField(_("title"), max_length=200)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public: the title may be shown to others.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPROVED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = BookingSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="series_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(last_date__isnull=True) | Q(last_date__gte=models.F("first_date")),
                name="series_last_date_not_before_first",
            ),
        ]

    def __str__(self):
        return (
            f"{self.title}: {self.get_weekday_display()} "
            f"{self.start_time:%H:%M}–{self.end_time:%H:%M}, {self.room}"
        )


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresOnlyExclusionConstraint(ExclusionConstraint):
    """The exclusion constraint on PostgreSQL; on other databases the service checks instead.

    Emitting no SQL elsewhere keeps one model definition and one migration for both backends.
    """

    @staticmethod
    def _is_postgres(schema_editor):
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor)
            if self._is_postgres(schema_editor)
            else None
        )

    def create_sql(self, model, schema_editor):
        return (
            super().create_sql(model, schema_editor) if self._is_postgres(schema_editor) else None
        )

    def remove_sql(self, model, schema_editor):
        return (
            super().remove_sql(model, schema_editor) if self._is_postgres(schema_editor) else None
        )

    def validate(self, model, instance, exclude=None, using="default"):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


def upcoming_condition(now=None, *, through=""):
    """``BookingQuerySet.upcoming`` as a condition, also across a relation
    (``through="bookings__"``), for counting a series' upcoming dates in one query."""
    return Q(**{f"{through}end__gt": now or timezone.now()})


# Every booking is for one date, from a start to an end time on it (the services check this,
# and the admin can neither add a booking nor move one); a day and a clock change is the most.
LONGEST_BOOKING = dt.timedelta(hours=25)


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Booking.Status.CANCELLED)

    def overlapping(self, start, end):
        """Half-open ranges: 18–20 and 20–22 do not overlap."""
        return self.filter(self._overlap(start, end))

    def overlapping_any(self, ranges):
        """Bookings overlapping any of the (start, end) ranges, e.g. the dates of a series.

        Unordered: then the database looks each range up in the index on start, where ordering
        by start would make SQLite read the whole index in order instead (2 s, not 60 ms, for a
        year of weekly dates among half a million bookings)."""
        condition = Q()
        for start, end in ranges:
            condition |= self._overlap(start, end)
        return self.filter(condition).order_by() if condition else self.none()

    @staticmethod
    def _overlap(start, end):
        # The lower bound on ``start`` is implied (no booking is longer than LONGEST_BOOKING)
        # but lets the database seek the index on start to a short range instead of reading
        # every booking that began before ``end``: years of them at national scale.
        return Q(start__lt=end, end__gt=start, start__gt=start - LONGEST_BOOKING)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def in_range(self, start, end):
        """Bookings overlapping [start, end) with what a calendar page shows, in fixed queries."""
        return self.overlapping(start, end).select_related("room", "organisation", "series")

    def upcoming(self, now=None):
        """The one rule for "upcoming": it ends after now (what has started is still on)."""
        return self.filter(upcoming_condition(now))

    def past(self, now=None):
        return self.exclude(upcoming_condition(now))

    def cancel_allowed(self, *, by_staff=False, now=None):
        """The bookings ``Booking.cancel_allowed`` allows to cancel, as a query."""
        active = self.active()
        return active if by_staff else active.filter(start__gt=now or timezone.now())


class Booking(models.Model):
    """One occurrence: a room taken from ``start`` (inclusive) to ``end`` (exclusive)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        db_index=False,  # the index on series and start below serves every lookup by series
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    title = models.CharField(_("title"), max_length=200)
    is_public = models.BooleanField(_("public"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["room", "start"]),
            # Every column the calendar's weekly runs read (groups/feed_runs.py) after start, so
            # both databases answer that query from the index alone: on SQLite, looking up
            # 63,000 rows scattered over the table cost more than grouping them. It replaces
            # the index on start alone, which every range on start reads just as well.
            models.Index(
                fields=["start", "end", "status", "series", "room"], name="booking_start_covering"
            ),
            # A series' next date (the group list's order, a group's page, the feeds): one probe
            # per series instead of reading its ten years of weekly bookings. At 5,000 groups
            # the group list's ordering query went from 79 to 15-21 ms on PostgreSQL.
            models.Index(fields=["series", "start"], name="booking_series_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
            PostgresOnlyExclusionConstraint(
                name="booking_no_overlap_in_room",
                expressions=[
                    (TsTzRange("start", "end", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("room", RangeOperators.EQUAL),
                ],
                condition=~Q(status="cancelled"),
                violation_error_message=_("The room is already booked at that time."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.room}, {timezone.localtime(self.start):%Y-%m-%d %H:%M})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def overlaps(self, start, end):
        """Half-open, like ``BookingQuerySet.overlapping``: 18–20 and 20–22 do not overlap."""
        return self.start < end and self.end > start

    def cancel_allowed(self, *, by_staff=False, now=None):
        """Organisations may cancel what has not started; staff may cancel any active booking."""
        return self.is_active and (by_staff or self.start > (now or timezone.now()))


class BookingEvent(models.Model):
    """History: who created, changed, approved or cancelled a booking or series, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        APPROVED = "approved", _("Approved")
        CANCELLED = "cancelled", _("Cancelled")
        REMINDED = "reminded", _("Reminded that it ends")

    booking = models.ForeignKey(
        Booking,
        verbose_name=_("booking"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_override = models.BooleanField(
        _("by staff"),
        default=False,
        help_text=_("Staff acted on the organisation's behalf, e.g. cancelled or approved."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

"""The centre itself: its rooms, the weekdays it is open and when, and when it is closed.

Imported into ``rooms.models``, so ``from rooms.models import Room`` keeps working; nothing here
depends on organisations or bookings.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering, so expansion code needs no conversion.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class RoomQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(bookable=True)


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"))
    location = models.CharField(_("floor / where"), max_length=200, blank=True)
    wheelchair_accessible = models.BooleanField(
        _("step-free / wheelchair accessible"), default=False
    )
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    directions = models.TextField(
        _("how to find the room"),
        blank=True,
        help_text=_(
            "Shown on the public group pages: the entrance, the floor, the lift, what the door "
            "says."
        ),
    )
    equipment_notes = models.TextField(_("equipment"), blank=True)
    bookable = models.BooleanField(_("bookable by organisations"), default=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class OpeningHours(models.Model):
    """When the centre is open on a weekday. A weekday without a row is closed."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, unique=True)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opening_hours_close_after_open"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    class Reason(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        MAINTENANCE = "maintenance", _("Maintenance")
        OTHER = "other", _("Other")

    start_date = models.DateField(_("first day closed"))
    end_date = models.DateField(_("last day closed"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        help_text=_("Empty: the whole centre is closed."),
    )

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="closure_end_not_before_start",
            )
        ]

    def __str__(self):
        label = self.description or self.get_reason_display()
        if self.start_date == self.end_date:
            return f"{label} ({self.start_date:%d.%m.%Y})"
        return f"{label} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def covers(self, day, room):
        """Whether this closure shuts ``room`` (a Room or its id) on the local date ``day``: a
        closure without a room shuts the whole centre."""
        room_id = getattr(room, "pk", room)
        return self.start_date <= day <= self.end_date and self.room_id in (None, room_id)

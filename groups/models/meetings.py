"""The centre's own meetings: information meetings (with sign-ups) and contact meetings."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models.participants import InterestRegistration
from groups.models.vocabulary import (
    Language,
)
from rooms.models import BookingSeries, Room


class CentreMeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now())


class InfoMeetingQuerySet(CentreMeetingQuerySet):
    def with_signup_counts(self):
        return self.annotate(signup_count=Count("signups"))


class CentreMeeting(models.Model):
    """A meeting the centre itself holds in one of its rooms, booked in the room calendar."""

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="%(class)ss"
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)
    meeting_series = models.OneToOneField(
        BookingSeries,
        verbose_name=_("room booking"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="%(class)s",
        help_text=_("The room is booked in the centre's calendar when the meeting is created."),
    )

    objects = CentreMeetingQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["starts_at"]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M}, {self.room.name}"


class InfoMeeting(CentreMeeting):
    """The centre's information meeting ("orienteringsmøte"): come and listen before deciding."""

    calendar_title = _("Information meeting")
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.NORWEGIAN
    )
    places = models.PositiveSmallIntegerField(
        pgettext_lazy("seats in a group or meeting", "places"), default=12
    )

    objects = InfoMeetingQuerySet.as_manager()

    class Meta(CentreMeeting.Meta):
        verbose_name = _("information meeting")
        verbose_name_plural = _("information meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="info_meeting_end_after_start"
            )
        ]

    def __str__(self):
        return f"{super().__str__()} ({self.get_language_display()})"

    def places_left(self):
        taken = getattr(self, "signup_count", None)
        if taken is None:
            taken = self.signups.count()
        return max(self.places - taken, 0)

    def check_open_for_signup(self):
        """Why nobody more can sign up, as a coded error: the form says it by the choice, and
        the service says it again under the row lock for whoever lost the race."""
        if self.starts_at < timezone.now():
            raise ValidationError(
                _(
                    "That information meeting has already started. Choose another one, or "
                    "“Not now” to skip it."
                ),
                "past",
            )
        if not self.places_left():
            raise ValidationError(
                _(
                    "That information meeting is full now. Choose another one, or “Not now” to "
                    "skip it."
                ),
                "full",
            )


class InfoMeetingSignupQuerySet(models.QuerySet):
    def past_retention(self, now=None):
        """Sign-ups for meetings that ended more than ``GROUPS_INFO_SIGNUP_RETENTION_DAYS`` ago."""
        now = now or timezone.now()
        cutoff = now - dt.timedelta(days=settings.GROUPS_INFO_SIGNUP_RETENTION_DAYS)
        return self.filter(info_meeting__ends_at__lt=cutoff)


class InfoMeetingSignup(models.Model):
    info_meeting = models.ForeignKey(
        InfoMeeting,
        verbose_name=_("information meeting"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    registration = models.ForeignKey(
        InterestRegistration,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="info_meeting_signups",
    )
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"))
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    objects = InfoMeetingSignupQuerySet.as_manager()

    class Meta:
        ordering = ["info_meeting", "created_at"]
        verbose_name = _("information meeting sign-up")
        verbose_name_plural = _("information meeting sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["info_meeting", "registration"], name="info_signup_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.registration.first_name} – {self.info_meeting}"


class ContactMeeting(CentreMeeting):
    """The centre's contact meeting for all running groups, about twice a half-year.

    Groups run themselves after the start; this is where they meet the staff and each other again.
    """

    calendar_title = _("Contact meeting for the groups")

    class Meta(CentreMeeting.Meta):
        verbose_name = _("contact meeting")
        verbose_name_plural = _("contact meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="contact_meeting_end_after_start",
            )
        ]

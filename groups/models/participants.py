"""The people: interest registrations (self sign-up) and memberships of closed groups."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models.group import Group
from groups.models.vocabulary import (
    MAX_GROUP_SIZE,
    Language,
    TimeOfDay,
    choice_label,
    choice_labels,
    validate_times_of_day,
    validate_weekdays,
)
from rooms.models import Weekday


class AgeBand(models.TextChoices):
    AGE_18_29 = "18-29", _("18–29")
    AGE_30_44 = "30-44", _("30–44")
    AGE_45_59 = "45-59", _("45–59")
    AGE_60_PLUS = "60+", _("60 or older")


def new_withdraw_token():
    return secrets.token_urlsafe(32)


class InterestRegistrationQuerySet(models.QuerySet):
    def waiting(self):
        """People who want a group and have no active place or waiting-list place yet."""
        return self.filter(status__in=["new", "contacted"]).exclude(
            memberships__status__in=["active", "waitlisted"]
        )

    def past_retention(self, now=None):
        """Registrations whose personal data must go (``purge_personal_data``).

        Untouched for ``GROUPS_RETENTION_DAYS`` days without a place in a group or on a waiting
        list; and any left "withdrawn" from before withdrawal erased at once.
        """
        now = now or timezone.now()
        cutoff = now - dt.timedelta(days=settings.GROUPS_RETENTION_DAYS)
        in_a_group = Membership.objects.filter(
            registration=OuterRef("pk"), status__in=["active", "waitlisted"]
        )
        return self.filter(
            Q(status=InterestRegistration.Status.WITHDRAWN)
            | (Q(updated_at__lt=cutoff) & ~Q(models.Exists(in_a_group)))
        )

    def same_person_as(self, registration):
        """Every registration with the same email address (any case) or phone number."""
        match = Q(pk=registration.pk)
        if registration.email:
            match |= Q(email__iexact=registration.email)
        if registration.phone:
            match |= Q(phone=registration.phone)
        return self.filter(match)


class InterestRegistration(models.Model):
    """A person's own sign-up for a closed group: the minimum needed to find them a group.

    There is deliberately no field for who registered: only the person can sign themselves up
    (through the public flow); staff cannot add registrations in the admin.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        PLACED = "placed", _("Placed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    first_name = models.CharField(_("first name or nickname"), max_length=50)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_adult = models.BooleanField(_("confirmed 18 or older"), default=False)
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices, blank=True)
    preferred_weekdays = models.JSONField(
        _("preferred weekdays"),
        default=list,
        blank=True,
        validators=[validate_weekdays],
        help_text=_("0 = Monday … 6 = Sunday"),
    )
    preferred_times = models.JSONField(
        _("preferred times of day"), default=list, blank=True, validators=[validate_times_of_day]
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.NORWEGIAN
    )
    preferred_group = models.ForeignKey(
        Group,
        verbose_name=_("preferred group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "closed"},
        help_text=_("Empty: any new group."),
    )
    message = models.TextField(_("anything we should know"), max_length=500, blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"))
    read_expectations = models.BooleanField(_("has read what to expect"), default=False)
    free_choice = models.BooleanField(_("comes of own free will"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    withdraw_token = models.CharField(
        _("withdraw token"), max_length=64, unique=True, default=new_withdraw_token, editable=False
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = InterestRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interest registration")
        verbose_name_plural = _("interest registrations")
        # The admin's newest-first list: 50,000 nationally, read a page at a time.
        indexes = [models.Index(fields=["created_at"], name="registration_created_idx")]
        permissions = [("view_personal_data", _("Can see group participants' personal data"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="registration_email_or_phone",
                violation_error_message=_("Give an email address or a phone number."),
            ),
            models.CheckConstraint(
                condition=Q(is_adult=True, read_expectations=True, free_choice=True),
                name="registration_adult_informed_voluntary",
                violation_error_message=_(
                    "A registration needs confirmed age, what to expect read, and free choice."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} ({choice_label(self.Status, self.status)})"

    def preferred_weekday_labels(self):
        labels = choice_labels(Weekday)
        return [str(labels[day]) for day in self.preferred_weekdays if day in labels]

    def preferred_time_labels(self):
        labels = choice_labels(TimeOfDay)
        return [str(labels[code]) for code in self.preferred_times if code in labels]

    def get_withdraw_url(self):
        return reverse("groups:withdraw", kwargs={"token": self.withdraw_token})


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def waitlisted(self):
        return self.filter(status=Membership.Status.WAITLISTED)

    def current(self):
        return self.filter(status__in=[Membership.Status.ACTIVE, Membership.Status.WAITLISTED])

    def past_retention(self, now=None):
        """Memberships ended more than ``GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS`` days ago."""
        now = now or timezone.now()
        days = dt.timedelta(days=settings.GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS)
        cutoff_day = timezone.localdate(now) - days
        return self.filter(status=Membership.Status.LEFT).filter(
            Q(left_on__lt=cutoff_day) | Q(left_on__isnull=True, updated_at__lt=now - days)
        )


class Membership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WAITLISTED = "waitlisted", _("On the waiting list")
        LEFT = "left", _("Left")

    registration = models.ForeignKey(
        InterestRegistration,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    seat = models.PositiveSmallIntegerField(_("seat"), null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(_("place in line"), null=True, blank=True)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "status", "seat", "waitlist_position"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "seat"],
                condition=Q(status="active"),
                name="membership_one_active_seat_per_group",
                violation_error_message=_("That seat in the group is already taken."),
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(seat__gte=1, seat__lte=MAX_GROUP_SIZE),
                name="membership_seat_1_to_8",
            ),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(seat__isnull=False))
                | (~Q(status="active") & Q(seat__isnull=True)),
                name="membership_active_has_seat",
            ),
            models.UniqueConstraint(
                fields=["registration", "group"],
                condition=Q(status__in=["active", "waitlisted"]),
                name="membership_once_per_group",
                violation_error_message=_("This person is already in or waiting for this group."),
            ),
        ]

    def __str__(self):
        return f"{self.registration.first_name} – {self.group} ({self.get_status_display()})"

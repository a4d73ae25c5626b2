"""Groups: closed self-help groups and partners' open groups, self sign-up, memberships.

Rules that must hold under concurrency live in the database: a group's capacity is at most
eight (``group_capacity_1_to_8``) and every active membership holds a numbered seat 1–8 that is
unique per group (``membership_one_active_seat_per_group``), so a ninth active member cannot be
stored even by a request that bypasses ``groups.services.place_in_group``.
"""

import datetime as dt
import json
import re
import secrets
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from groups.personal_data_models import (  # noqa: F401  (models of this app, kept apart)
    ConsentText,
    ErasedRegistrationCount,
    PersonalDataAccess,
)
from rooms.models import Booking, BookingSeries, Organisation, Room, Weekday

MAX_GROUP_SIZE = 8
# The one permission that lets staff see group participants' personal data (registrations,
# memberships, information-meeting sign-ups) in the admin, on top of the model permissions.
# The "centre staff" role does not include it; it is given to the people who place participants.
PERSONAL_DATA_PERMISSION = "groups.view_personal_data"
FOLLOW_UP_AFTER = dt.timedelta(weeks=6)
# Paths under /grupper/ that are pages, not groups.
RESERVED_SLUGS = {"meld-interesse", "kalender", "meeting-guide", "trekk", "fagfolk-og-parorende"}


@cache
def meeting_guide_types():
    """The official Meeting Guide type codes (code4recovery/spec data/types.json) with names.

    Norwegian names ("nb") are ours, added for the codes the centre uses.
    """
    path = Path(__file__).with_name("meeting_guide_types.json")
    return json.loads(path.read_text(encoding="utf-8"))


def meeting_guide_type_name(code, language=None):
    names = meeting_guide_types().get(code, {})
    language = (language or get_language() or "nb")[:2]
    return names.get(language) or names.get("en") or code


def meeting_guide_type_choices():
    return sorted(
        ((code, f"{code} – {meeting_guide_type_name(code)}") for code in meeting_guide_types()),
        key=lambda choice: choice[0],
    )


class Language(models.TextChoices):
    """Languages a group can be held in, with their Meeting Guide type code."""

    NORWEGIAN = "nb", _("Norwegian")
    ENGLISH = "en", _("English")
    POLISH = "pl", _("Polish")
    SWEDISH = "sv", _("Swedish")


LANGUAGE_TYPE_CODES = {"nb": "NO", "en": "EN", "pl": "POL", "sv": "SV"}


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning (before 12)")
    AFTERNOON = "afternoon", _("Afternoon (12–17)")
    EVENING = "evening", _("Evening (from 17)")


TIME_OF_DAY_RANGES = {
    TimeOfDay.MORNING: (dt.time(0), dt.time(12)),
    TimeOfDay.AFTERNOON: (dt.time(12), dt.time(17)),
    TimeOfDay.EVENING: (dt.time(17), dt.time(23, 59, 59)),
}


def validate_languages(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."))
    unknown = [code for code in value if code not in Language.values]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
        )


def validate_weekdays(value):
    if not isinstance(value, list) or any(day not in range(7) for day in value):
        raise ValidationError(_("Weekdays must be numbers from 0 (Monday) to 6 (Sunday)."))


def validate_times_of_day(value):
    if not isinstance(value, list) or any(code not in TimeOfDay.values for code in value):
        raise ValidationError(_("Unknown time of day."))


def validate_meeting_guide_types(value):
    if not isinstance(value, list):
        raise ValidationError(_("Meeting Guide types must be a list of codes."))
    unknown = [code for code in value if code not in meeting_guide_types()]
    if unknown:
        raise ValidationError(
            _("Not an official Meeting Guide type code: %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
        )
    if "O" in value and "C" in value:
        raise ValidationError(_("A meeting cannot be both open (O) and closed (C)."))


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online only")
    HYBRID = "hybrid", _("In person and online (hybrid)")


# Video services that Meeting Guide clients recognise by the link's host (TSML UI's default
# list): a link elsewhere is dropped by them, and the meeting shows as inactive.
CONFERENCE_PROVIDERS = {
    "bluejeans.com": "Bluejeans",
    "discord.gg": "Discord",
    "freeconference.com": "Free Conference",
    "freeconferencecall.com": "FreeConferenceCall",
    "goto.com": "GoTo",
    "gotomeet.me": "GoTo",
    "gotomeeting.com": "GoTo",
    "meet.google.com": "Google Meet",
    "meet.jit.si": "Jitsi",
    "meetings.dialpad.com": "Dialpad",
    "signal.group": "Signal",
    "skype.com": "Skype",
    "teams.live.com": "Teams",
    "teams.microsoft.com": "Teams",
    "webex.com": "WebEx",
    "zoho.com": "Zoho",
    "zoom.us": "Zoom",
}


def is_known_conference_url(url):
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == domain or host.endswith("." + domain) for domain in CONFERENCE_PROVIDERS
    )


CONFERENCE_PHONE = re.compile(r"^\+?[0-9][0-9 ,*#]*$")


def validate_conference_phone(value):
    # Meeting Guide: numeric, with + for international dialling and , * # for one-tap links;
    # TSML UI drops numbers with fewer than ten digits, so we refuse them here.
    digits = sum(character.isdigit() for character in value)
    if not CONFERENCE_PHONE.match(value) or digits < 10:
        raise ValidationError(
            _(
                "Write the dial-in number with its country code, e.g. +47 21 00 00 00 "
                "(digits, and + , * # only)."
            ),
            code="conference_phone",
        )


class GroupQuerySet(models.QuerySet):
    def listed(self):
        """Groups shown on the public pages: marked as listed and not ended."""
        return self.filter(listed=True).exclude(status=Group.Status.ENDED)

    def closed(self):
        return self.filter(kind=Group.Kind.CLOSED)

    def open(self):
        return self.filter(kind=Group.Kind.OPEN)

    def speaking(self, language):
        # A JSON list of codes such as ["nb", "en"]: match the quoted code, on every database.
        return self.filter(languages__icontains=f'"{language}"')

    def meeting_on(self, weekdays):
        return self.filter(meeting_series__weekday__in=weekdays)

    def starting_in(self, times_of_day):
        condition = Q()
        for time_of_day in times_of_day:
            start, end = TIME_OF_DAY_RANGES[time_of_day]
            condition |= Q(
                meeting_series__start_time__gte=start, meeting_series__start_time__lt=end
            )
        return self.filter(condition)

    def online(self):
        """Meetings one can attend online: online only, or hybrid."""
        return self.filter(attendance__in=[Attendance.ONLINE, Attendance.HYBRID])

    def step_free(self):
        return self.filter(meeting_series__room__wheelchair_accessible=True)

    def with_member_counts(self):
        return self.annotate(
            active_count=Count("memberships", filter=Q(memberships__status="active")),
            waiting_count=Count("memberships", filter=Q(memberships__status="waitlisted")),
        )

    def with_next_meeting(self):
        """Annotate ``next_meeting``: the start of the series' next active booking, or None."""
        upcoming = (
            Booking.objects.active()
            .filter(series=OuterRef("meeting_series"), start__gte=timezone.now())
            .order_by("start")
            .values("start")[:1]
        )
        return self.annotate(next_meeting=Subquery(upcoming))

    def in_public_order(self):
        return self.order_by("meeting_series__weekday", "meeting_series__start_time", "name")

    def for_public_display(self):
        return (
            self.listed()
            .select_related("meeting_series__room", "organisation")
            .with_member_counts()
            .with_next_meeting()
            .in_public_order()
        )

    def for_public_page(self):
        """A group's own page: listed groups, ended ones too, so that an old link or a
        calendar app's favourite says the group has ended instead of "not found"."""
        return (
            self.filter(listed=True)
            .select_related("meeting_series__room", "organisation")
            .with_member_counts()
        )

    def partner_listings(self):
        """Open meetings a partner organisation keeps (and confirms): every one not ended."""
        return self.open().filter(organisation__isnull=False).exclude(status=Group.Status.ENDED)

    def stale(self, on=None):
        """Partner listings nobody has confirmed for ``GROUPS_LISTING_STALE_DAYS`` days.

        A listing never confirmed counts from the day it was created."""
        on = on or timezone.localdate()
        cutoff = on - dt.timedelta(days=settings.GROUPS_LISTING_STALE_DAYS)
        return self.partner_listings().filter(
            Q(last_confirmed__lt=cutoff)
            | Q(last_confirmed__isnull=True, created_at__date__lt=cutoff)
        )

    def follow_ups_due(self, on=None):
        """Groups whose six-week follow-up is due (within a week) and not yet held."""
        on = on or timezone.localdate()
        return self.filter(
            follow_up_on__isnull=False,
            follow_up_on__lte=on + dt.timedelta(days=7),
            follow_up_held_on__isnull=True,
        ).exclude(status=Group.Status.ENDED)


class Group(models.Model):
    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed group (sign up)")
        OPEN = "open", _("Open group (just come)")

    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    class Theme(models.TextChoices):
        MIXED = "mixed", _("Across life problems")
        ADDICTION = "addiction", _("Alcohol, drugs or other addiction")
        RELATIVES = "relatives", _("For relatives")
        GRIEF = "grief", _("Grief and loss")
        MENTAL_HEALTH = "mental_health", _("Anxiety, depression and mental health")
        ILLNESS = "illness", _("Living with illness")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    short_description_nb = models.CharField(
        _("short description (Norwegian)"), max_length=300, blank=True
    )
    short_description_en = models.CharField(
        _("short description (English)"), max_length=300, blank=True
    )
    description_nb = models.TextField(_("description (Norwegian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, validators=[validate_languages]
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.MIXED)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FORMING
    )
    meeting_series = models.OneToOneField(
        BookingSeries,
        verbose_name=_("weekly meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group",
        help_text=_("The room booking series; the room and time come from there."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        help_text=_("Open groups: the partner organisation that runs the group."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=MAX_GROUP_SIZE, help_text=_("Closed groups: at most 8.")
    )
    meeting_guide_types = models.JSONField(
        _("Meeting Guide types"),
        default=list,
        blank=True,
        validators=[validate_meeting_guide_types],
        help_text=_("Open groups: official type codes. Language and wheelchair access are added."),
    )
    contact_email = models.EmailField(
        _("public contact email"), blank=True, help_text=_("Open groups: shown publicly.")
    )
    starters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("starters"),
        blank=True,
        related_name="started_groups",
        help_text=_("Closed groups: the staff members who run the first meetings."),
    )
    startup_meeting_on = models.DateField(_("start-up meeting"), null=True, blank=True)
    follow_up_on = models.DateField(
        _("six-week follow-up"),
        null=True,
        blank=True,
        help_text=_("Empty: six weeks after the start-up meeting."),
    )
    follow_up_held_on = models.DateField(_("follow-up held on"), null=True, blank=True)
    listed = models.BooleanField(
        _("listed publicly"), default=True, help_text=_("Shown on the public group pages.")
    )
    # Open meetings: how people attend. A hybrid or online meeting needs a way in (a
    # conference link or phone), or Meeting Guide clients show it as inactive.
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.IN_PERSON,
    )
    conference_url = models.URLField(
        _("conference link"),
        blank=True,
        help_text=_("Online and hybrid meetings: the link that opens the meeting itself."),
    )
    conference_url_notes = models.CharField(
        _("notes on the conference link"),
        max_length=300,
        blank=True,
        help_text=_("For example the meeting password."),
    )
    conference_phone = models.CharField(
        _("conference phone"),
        max_length=40,
        blank=True,
        validators=[validate_conference_phone],
        help_text=_("Digits with country code, e.g. +4721000000; , * and # for one-tap dialling."),
    )
    conference_phone_notes = models.CharField(
        _("notes on the conference phone"), max_length=300, blank=True
    )
    # Partner listings: when the organisation last said the listing is right (editing it counts),
    # and when the monthly email last asked it to (so the command sends one a month).
    last_confirmed = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("Open groups: the day the organisation last confirmed or edited the listing."),
    )
    confirmation_requested_on = models.DateField(
        _("confirmation last requested"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_GROUP_SIZE),
                name="group_capacity_1_to_8",
                violation_error_message=_("A group has between 1 and 8 places."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.startup_meeting_on and not self.follow_up_on:
            self.follow_up_on = self.startup_meeting_on + FOLLOW_UP_AFTER
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("groups:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by another page; choose another slug.")
        if self.kind == self.Kind.OPEN and self.organisation_id is None:
            errors["organisation"] = _("An open group needs the organisation that runs it.")
        if self.kind == self.Kind.CLOSED and self.meeting_guide_types:
            errors["meeting_guide_types"] = _(
                "Meeting Guide types are for open groups only; leave them empty."
            )
        errors.update(self._attendance_errors())
        if self.capacity and not 1 <= self.capacity <= MAX_GROUP_SIZE:
            errors["capacity"] = _("A group has between 1 and 8 places.")
        if (
            self.follow_up_on
            and self.startup_meeting_on
            and self.follow_up_on < self.startup_meeting_on
        ):
            errors["follow_up_on"] = _("The follow-up cannot be before the start-up meeting.")
        if errors:
            raise ValidationError(errors)

    def _attendance_errors(self):
        errors = {}
        online = self.attendance in (Attendance.ONLINE, Attendance.HYBRID)
        if online and not (self.conference_url or self.conference_phone):
            errors["conference_url"] = _(
                "An online or hybrid meeting needs a conference link or a dial-in number."
            )
        if not online and (self.conference_url or self.conference_phone):
            errors["attendance"] = _(
                "A conference link or phone is for online or hybrid meetings: choose one of "
                "those, or remove the link and phone."
            )
        if self.conference_url and not is_known_conference_url(self.conference_url):
            errors["conference_url"] = _(
                "Use the link of a video meeting service that meeting finders recognise "
                "(%(services)s), starting with https://."
            ) % {"services": ", ".join(sorted(set(CONFERENCE_PROVIDERS.values())))}
        if self.conference_url_notes and not self.conference_url:
            errors["conference_url_notes"] = _("Notes on the link need the link itself.")
        if self.conference_phone_notes and not self.conference_phone:
            errors["conference_phone_notes"] = _("Notes on the phone need the number itself.")
        return errors

    def is_stale(self, on=None):
        """See ``GroupQuerySet.stale``: the same rule for one row."""
        if not (self.is_open and self.organisation_id) or self.status == self.Status.ENDED:
            return False
        on = on or timezone.localdate()
        confirmed = self.last_confirmed or timezone.localdate(self.created_at)
        return (on - confirmed).days > settings.GROUPS_LISTING_STALE_DAYS

    @property
    def meets_now(self):
        """Only a running group has dates to show; a paused, forming or ended one says so."""
        return self.status == self.Status.RUNNING

    @property
    def join_label(self):
        """How you join, which is not the fellowship's meeting type (see ``meeting_type``)."""
        if self.is_open:
            return _("Just come: no sign-up")
        return _("Sign up through the centre")

    @property
    def meeting_type(self):
        """ "open" or "closed" from the fellowship's own codes O and C, or "" when not given.

        An open meeting welcomes anyone; a closed meeting is only for people who have the
        problem themselves. Both are open groups in the sense that nobody signs up."""
        if "C" in self.meeting_guide_types:
            return "closed"
        if "O" in self.meeting_guide_types:
            return "open"
        return ""

    @property
    def is_online(self):
        return self.attendance in (Attendance.ONLINE, Attendance.HYBRID)

    @property
    def is_in_person(self):
        return self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID)

    @property
    def is_closed(self):
        return self.kind == self.Kind.CLOSED

    @property
    def is_open(self):
        return self.kind == self.Kind.OPEN

    def _localised(self, field):
        language = (get_language() or "nb")[:2]
        value = getattr(self, f"{field}_{language}", "") if language in ("nb", "en") else ""
        return value or getattr(self, f"{field}_nb")

    @property
    def short_description(self):
        """The short description in the active language, falling back to Norwegian."""
        return self._localised("short_description")

    @property
    def description(self):
        return self._localised("description")

    @property
    def room(self):
        return self.meeting_series.room if self.meeting_series_id else None

    def language_labels(self):
        labels = dict(Language.choices)
        return [labels[code] for code in self.languages if code in labels]

    def all_meeting_guide_types(self):
        """The stored codes plus the ones that follow from facts: language, wheelchair access."""
        codes = list(self.meeting_guide_types)
        for language in self.languages:
            code = LANGUAGE_TYPE_CODES.get(language)
            if code and code not in codes:
                codes.append(code)
        if self.room and self.room.wheelchair_accessible and "X" not in codes:
            codes.append("X")
        return codes

    def meeting_guide_type_labels(self):
        # Open/closed meeting is shown on its own, with what it means.
        return [
            meeting_guide_type_name(code)
            for code in self.all_meeting_guide_types()
            if code not in ("O", "C")
        ]

    def places_left(self):
        """Free places for a closed group; needs ``with_member_counts()`` or counts a query."""
        active = getattr(self, "active_count", None)
        if active is None:
            active = self.memberships.active().count()
        return max(self.capacity - active, 0)

    def has_waiting_list(self):
        waiting = getattr(self, "waiting_count", None)
        if waiting is None:
            waiting = self.memberships.waitlisted().count()
        return waiting > 0 or self.places_left() == 0


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
        return f"{self.first_name} ({self.get_status_display()})"

    def preferred_weekday_labels(self):
        labels = dict(Weekday.choices)
        return [str(labels[day]) for day in self.preferred_weekdays if day in labels]

    def preferred_time_labels(self):
        labels = dict(TimeOfDay.choices)
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
    places = models.PositiveSmallIntegerField(_("places"), default=12)

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

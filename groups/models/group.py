"""A group: a closed self-help group of the centre or a partner's open meeting (its listing)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Mod
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from groups.models.vocabulary import (
    CONFERENCE_PROVIDERS,
    FOLLOW_UP_AFTER,
    LANGUAGE_TYPE_CODES,
    MAX_GROUP_SIZE,
    RESERVED_SLUGS,
    SEARCHED_TEXT_FIELDS,
    TIME_OF_DAY_RANGES,
    Attendance,
    Language,
    is_known_conference_url,
    meeting_guide_type_name,
    validate_conference_phone,
    validate_languages,
    validate_meeting_guide_types,
)
from rooms.models import Booking, BookingSeries, Organisation


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

    def matching_words(self, text):
        """Every word somewhere in the name or a description, Norwegian or English: a search
        from the Norwegian page finds a word that only the English description has."""
        queryset = self
        for word in text.split():
            condition = Q(name__icontains=word) | Q(organisation__name__icontains=word)
            for field in SEARCHED_TEXT_FIELDS:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    def in_coming_order(self, today=None):
        """Next meeting first, from today and now; groups with no date planned (forming,
        paused) follow by weekday counted from today, then those with no meeting time."""
        today = today or timezone.localdate()
        days_ahead = Mod(F("meeting_series__weekday") - today.weekday() + 7, 7)
        return self.order_by(
            F("next_meeting").asc(nulls_last=True),
            days_ahead.asc(nulls_last=True),
            "meeting_series__start_time",
            "name",
        )

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

    def for_public_display(self):
        return (
            self.listed()
            .select_related("meeting_series__room", "organisation")
            .with_member_counts()
            .with_next_meeting()
            .in_coming_order()
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
        # A context: outreach's "places" are locations (steder); these are seats (plasser).
        pgettext_lazy("seats in a group or meeting", "places"),
        default=MAX_GROUP_SIZE,
        help_text=_("Closed groups: at most 8."),
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
    starters_step_back_on = models.DateField(
        _("starters step back after"),
        null=True,
        blank=True,
        help_text=_(
            "The last meeting the starters attend. Empty: the start-up meeting and the "
            "first meetings after it (GROUPS_STARTERS_WEEKS)."
        ),
    )
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
        if self.startup_meeting_on and not self.starters_step_back_on:
            weeks = dt.timedelta(weeks=settings.GROUPS_STARTERS_WEEKS)
            self.starters_step_back_on = self.startup_meeting_on + weeks
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
        if (
            self.starters_step_back_on
            and self.startup_meeting_on
            and self.starters_step_back_on < self.startup_meeting_on
        ):
            errors["starters_step_back_on"] = _(
                "The starters cannot step back before the start-up meeting."
            )
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

"""Outreach: brochures and their stock, the places they go, professionals and contact activities.

Stock is a ledger: every change is a ``StockMovement`` (received and printed are positive,
distributed negative, corrections either way), so the current stock of a brochure is the sum of
its movements and every number can be traced. Writes that touch stock go through
``outreach.services``, which locks the brochure row so stock can never go below zero.
"""

import datetime as dt
from functools import cache

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


def today():
    return timezone.localdate()


@cache
def _choice_labels(choices):
    return dict(choices.choices)


def choice_label(choices, value):
    """What ``get_<field>_display()`` gives for a field with these choices, from a dict made
    once: Django rebuilds the field's list of choices on every call, and a change list calls it
    for every row (a row's name in its checkbox label, a "kind of place" column)."""
    return force_str(_choice_labels(choices).get(value, value), strings_only=True)


class District(models.TextChoices):
    """Oslo's 15 city districts (bydeler), plus the city centre and places outside Oslo."""

    GAMLE_OSLO = "gamle-oslo", "Gamle Oslo"
    GRUNERLOKKA = "grunerlokka", "Grünerløkka"
    SAGENE = "sagene", "Sagene"
    ST_HANSHAUGEN = "st-hanshaugen", "St. Hanshaugen"
    FROGNER = "frogner", "Frogner"
    ULLERN = "ullern", "Ullern"
    VESTRE_AKER = "vestre-aker", "Vestre Aker"
    NORDRE_AKER = "nordre-aker", "Nordre Aker"
    BJERKE = "bjerke", "Bjerke"
    GRORUD = "grorud", "Grorud"
    STOVNER = "stovner", "Stovner"
    ALNA = "alna", "Alna"
    OSTENSJO = "ostensjo", "Østensjø"
    NORDSTRAND = "nordstrand", "Nordstrand"
    SONDRE_NORDSTRAND = "sondre-nordstrand", "Søndre Nordstrand"
    SENTRUM = "sentrum", _("City centre (Sentrum)")
    OUTSIDE_OSLO = "outside", _("Outside Oslo")


class BrochureQuerySet(models.QuerySet):
    def with_stock(self):
        """Annotate ``stock``: the sum of the brochure's stock movements (one query)."""
        stock = (
            StockMovement.objects.filter(brochure=models.OuterRef("pk"))
            .order_by()
            .values("brochure")
            .annotate(total=Sum("quantity"))
            .values("total")
        )
        return self.annotate(
            stock=Coalesce(models.Subquery(stock, output_field=models.IntegerField()), Value(0))
        )

    def active(self):
        return self.filter(active=True)

    def low_on_stock(self):
        """Active brochures at or below their low-stock threshold, with ``stock`` annotated."""
        return self.active().with_stock().filter(stock__lte=F("low_stock_threshold"))


class Brochure(models.Model):
    class Language(models.TextChoices):
        NORWEGIAN = "nb", _("Norwegian")
        ENGLISH = "en", _("English")
        ARABIC = "ar", _("Arabic")
        SOMALI = "so", _("Somali")
        URDU = "ur", _("Urdu")
        POLISH = "pl", _("Polish")
        TIGRINYA = "ti", _("Tigrinya")
        UKRAINIAN = "uk", _("Ukrainian")
        OTHER = "other", _("Other language")

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.NORWEGIAN
    )
    edition = models.CharField(
        _("edition"), max_length=50, blank=True, help_text=_("For example “2025” or “3rd edition”.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when the brochure is no longer handed out.")
    )
    low_stock_threshold = models.PositiveIntegerField(
        _("low-stock threshold"),
        default=100,
        help_text=_("Warn when the stock is at or below this number."),
    )

    objects = BrochureQuerySet.as_manager()

    class Meta:
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        ordering = ["title", "language", "edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "language", "edition"], name="outreach_brochure_unique_edition"
            )
        ]

    def __str__(self):
        parts = [self.title, self.get_language_display()]
        if self.edition:
            parts.append(self.edition)
        return " – ".join(str(part) for part in parts)

    def current_stock(self):
        """The stock from the ledger; use ``Brochure.objects.with_stock()`` for lists."""
        if hasattr(self, "stock"):
            return self.stock
        return self.movements.aggregate(total=Coalesce(Sum("quantity"), 0))["total"]


class StockMovement(models.Model):
    """One line in a brochure's stock ledger. Never edited: a mistake is fixed by a correction."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        PRINTED = "printed", _("Printed")
        DISTRIBUTED = "distributed", _("Distributed")
        CORRECTION = "correction", _("Correction (count or loss)")

    brochure = models.ForeignKey(
        Brochure, on_delete=models.CASCADE, related_name="movements", verbose_name=_("brochure")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    quantity = models.IntegerField(
        _("quantity"),
        help_text=_("Positive adds to the stock, negative takes from it (corrections only)."),
    )
    date = models.DateField(_("date"), default=today)
    note = models.CharField(_("note"), max_length=200, blank=True)
    distribution = models.OneToOneField(
        "Distribution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stock_movement",
        verbose_name=_("distribution"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["received", "printed"], quantity__gt=0)
                    | Q(kind="distributed", quantity__lt=0, distribution__isnull=False)
                    | (Q(kind="correction") & ~Q(quantity=0))
                ),
                name="outreach_stockmovement_sign_matches_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.quantity:+d} × {self.brochure.title}"


class Place(models.Model):
    class Kind(models.TextChoices):
        GP_OFFICE = "gp", _("GP office")
        NAV_OFFICE = "nav", _("NAV office")
        HOSPITAL = "hospital", _("Hospital or DPS")
        ADDICTION = "addiction", _("Addiction service")
        LIBRARY = "library", _("Library")
        DISTRICT_OFFICE = "district", _("District office")
        SCHOOL = "school", _("School or college")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    district = models.CharField(_("district (bydel)"), max_length=20, choices=District.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "address"], name="outreach_place_unique")
        ]

    def __str__(self):
        return self.name


class ProfessionalQuerySet(models.QuerySet):
    def past_retention(self, now=None):
        """Contacts not met, called or added for ``OUTREACH_PROFESSIONAL_RETENTION_DAYS`` days.

        Their name and contact details must go (``purge_personal_data``); already anonymised
        ones are left out.
        """
        now = now or timezone.now()
        cutoff = now - dt.timedelta(days=settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS)
        recent = ContactActivity.objects.filter(
            professionals=OuterRef("pk"), occurred_at__gte=cutoff
        )
        return self.filter(
            anonymised_on__isnull=True, added_on__lt=timezone.localdate(cutoff)
        ).exclude(models.Exists(recent))


class Professional(models.Model):
    """A contact in the health and welfare services. Work contact data only."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role or profession"), max_length=100, help_text=_("For example GP, nurse, NAV adviser.")
    )
    workplace = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professionals",
        verbose_name=_("workplace"),
    )
    email = models.EmailField(_("work email"), blank=True)
    phone = models.CharField(_("work phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when the person has left or moved on.")
    )
    added_on = models.DateField(_("added on"), default=today)
    anonymised_on = models.DateField(
        _("anonymised on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Name and contact details removed after the retention period."),
    )

    objects = ProfessionalQuerySet.as_manager()

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "workplace"], name="outreach_professional_unique_at_workplace"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class ContactActivityQuerySet(models.QuerySet):
    def with_open_follow_up(self):
        return self.filter(follow_up_on__isnull=False, follow_up_done=False)

    def follow_ups_due(self, *, on=None):
        """Open follow-ups due on or before ``on`` (today), the most overdue first."""
        on = on or today()
        return (
            self.with_open_follow_up()
            .filter(follow_up_on__lte=on)
            .order_by("follow_up_on", "occurred_at")
        )

    def for_follow_up_list(self):
        """Open follow-ups, overdue first, with what the list shows in a fixed number of queries."""
        return (
            self.with_open_follow_up()
            .select_related("place", "staff")
            .prefetch_related("professionals")
            .order_by("follow_up_on", "occurred_at")
        )

    def with_professional_count(self):
        # A correlated count rather than a join: grouping the whole log by activity before it is
        # sorted and paged was the admin list's main cost at 10,000 entries.
        links = (
            self.model.professionals.through.objects.filter(contactactivity=OuterRef("pk"))
            .order_by()
            .values("contactactivity")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(professional_count=Coalesce(Subquery(links), 0))


class ContactActivity(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        VISIT = "visit", _("Visit")
        CONFERENCE_STAND = "stand", _("Conference stand")
        POST = "post", _("Website or social media post")

    occurred_at = models.DateTimeField(_("date and time"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    professionals = models.ManyToManyField(
        Professional, blank=True, related_name="activities", verbose_name=_("professionals")
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("place"),
    )
    people_reached = models.PositiveIntegerField(
        _("people reached"), default=0, help_text=_("About how many people heard about us.")
    )
    topic = models.CharField(_("topic"), max_length=200)
    summary = models.TextField(_("short summary"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_activities",
        verbose_name=_("staff member"),
    )

    objects = ContactActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact activity")
        verbose_name_plural = _("contact activities")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["occurred_at"]),
            models.Index(fields=["follow_up_done", "follow_up_on"]),
        ]

    def __str__(self):
        local = timezone.localtime(self.occurred_at)
        return f"{local:%Y-%m-%d} {choice_label(self.Kind, self.kind)}: {self.topic}"

    def get_absolute_url(self):
        return reverse("admin:outreach_contactactivity_change", args=[self.pk])

    def follow_up_overdue(self, *, on=None):
        on = on or today()
        return bool(self.follow_up_on and not self.follow_up_done and self.follow_up_on < on)


class Distribution(models.Model):
    """Brochures left at a place. Recorded through ``services.record_distribution``."""

    brochure = models.ForeignKey(
        Brochure, on_delete=models.PROTECT, related_name="distributions", verbose_name=_("brochure")
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="distributions", verbose_name=_("place")
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    date = models.DateField(_("date"), default=today)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_distributions",
        verbose_name=_("staff member"),
    )
    activity = models.ForeignKey(
        ContactActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="distributions",
        verbose_name=_("visit"),
    )

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="outreach_distribution_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.quantity} × {self.brochure.title} → {self.place.name} ({self.date})"

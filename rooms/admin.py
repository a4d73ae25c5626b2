"""Staff work in the admin: every write that touches bookings goes through ``rooms.services``."""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rooms import (
    admin_closures,  # noqa: F401  (registers the closures' admin, kept in its own module)
    availability,
    changes,
    services,
    times,
)
from rooms.admin_helpers import AddThroughServiceMixin
from rooms.forms import DateInput
from rooms.grid import week_frame
from rooms.grid_html import grid_table
from rooms.models import (
    Booking,
    BookingEvent,
    BookingSeries,
    OpeningHours,
    Organisation,
    Room,
)
from rooms.slots import Slot


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = BookingEvent
    fields = ["at", "action", "actor", "staff_override", "note"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "capacity",
        "location",
        "wheelchair_accessible",
        "hearing_loop",
        "bookable",
        "display_order",
    ]
    list_editable = ["bookable", "display_order"]
    list_filter = ["bookable", "wheelchair_accessible", "hearing_loop"]
    search_fields = ["name", "location"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["weekday", "opens", "closes"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "contact_person",
        "email",
        "phone",
        "weekly_quota_hours",
        "member_count",
        "active",
    ]
    list_filter = ["active", "language"]
    search_fields = ["name", "contact_person", "email", "members__username"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    readonly_fields = ["calendar_feed"]
    actions = ["rotate_calendar_tokens"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "active"]}),
        (_("Contact"), {"fields": ["contact_person", "email", "language", "phone", "website"]}),
        (_("Booking"), {"fields": ["members", "weekly_quota_hours", "calendar_feed"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description=_("logins"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count

    @admin.display(description=_("calendar feed"))
    def calendar_feed(self, obj):
        if not obj.pk:
            return "–"
        return reverse("rooms:calendar", args=[obj.calendar_token])

    @admin.action(
        description=_("Give the selected organisations a new calendar address"),
        permissions=["change"],
    )
    def rotate_calendar_tokens(self, request, queryset):
        for organisation in queryset:
            services.rotate_calendar_token(organisation=organisation)
        self.message_user(
            request,
            ngettext(
                "New calendar address for %(count)d organisation; the old one no longer works.",
                "New calendar addresses for %(count)d organisations; the old ones no longer work.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )


class SeriesAdminForm(forms.ModelForm):
    class Meta:
        model = BookingSeries
        fields = [
            "organisation",
            "room",
            "weekday",
            "every_weeks",
            "week_of_month",
            "start_time",
            "end_time",
            "first_date",
            "last_date",
            "title",
            "is_public",
        ]
        widgets = {"first_date": DateInput, "last_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Weekly unless staff choose otherwise, so a form posted without the field still works.
        if "every_weeks" in self.fields:  # read-only once the series exists
            self.fields["every_weeks"].required = False

    def clean_every_weeks(self):
        return self.cleaned_data.get("every_weeks") or 1

    def slot(self):
        data = self.cleaned_data
        return Slot(
            organisation=data["organisation"],
            room=data["room"],
            weekday=data["weekday"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            first_date=data["first_date"],
            last_date=data.get("last_date"),
            every_weeks=data.get("every_weeks") or 1,
            week_of_month=data.get("week_of_month"),
        )

    def clean(self):
        data = super().clean()
        if self.instance.pk or self.errors:
            return data
        try:
            availability.check_booking_rules(**self.slot().rule_fields())
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        if not any(p.is_free for p in availability.preview_series(slot=self.slot())):
            raise ValidationError(_("None of the dates is free, so nothing would be booked."))
        return data


class SeriesEventInline(EventInline):
    """Only what happened to the series as a whole; each date has its own history."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(booking__isnull=True)


class BookingInline(ReadOnlyInline):
    model = Booking
    fields = ["start", "end", "room", "status", "cancel_reason"]
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("dates")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("room")


@admin.register(BookingSeries)
class BookingSeriesAdmin(AddThroughServiceMixin, admin.ModelAdmin):
    form = SeriesAdminForm
    list_display = [
        "title",
        "organisation",
        "room",
        "weekday",
        "time_span",
        "first_date",
        "last_date",
        "status",
    ]
    list_filter = ["status", "room", "organisation", "weekday"]
    search_fields = ["title", "organisation__name"]
    date_hierarchy = "first_date"
    list_select_related = ["organisation", "room"]
    inlines = [BookingInline, SeriesEventInline]
    actions = ["approve", "cancel_rest", "roll_over"]

    def _warn(self, request, series, error):
        self.message_user(request, f"{series}: {' '.join(error.messages)}", messages.WARNING)

    @admin.display(description=_("time"), ordering="start_time")
    def time_span(self, obj):
        return f"{obj.start_time:%H:%M}–{obj.end_time:%H:%M}"

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "organisation",
            "room",
            "weekday",
            "every_weeks",
            "week_of_month",
            "start_time",
            "end_time",
            "first_date",
            "last_date",
            "status",
            "created_by",
        ]

    def create(self, request, form):
        result = services.book_series(
            slot=form.slot(),
            title=form.cleaned_data["title"],
            is_public=form.cleaned_data["is_public"],
            created_by=request.user,
            staff=True,
        )
        self.message_user(
            request,
            ngettext(
                "Booked %(count)d date; %(skipped)d not free.",
                "Booked %(count)d dates; %(skipped)d not free.",
                len(result.booked),
            )
            % {"count": len(result.booked), "skipped": len(result.skipped)},
            messages.SUCCESS,
        )
        return result.series

    def save_model(self, request, obj, form, change):
        # Adding goes through ``create``; a change can only be the title and visibility, since
        # times and rooms change through the services that check they are free.
        changes.change_series_details(
            series=obj, title=obj.title, is_public=obj.is_public, by=request.user
        )

    def has_delete_permission(self, request, obj=None):
        # Cancel instead: the dates and their history stay for the record.
        return False

    @admin.action(
        description=_("Approve the selected series (re-checks every date)"), permissions=["change"]
    )
    def approve(self, request, queryset):
        for series in queryset.select_related("organisation"):
            try:
                result = services.approve_series(series=series, by=request.user)
            except ValidationError as error:
                self._warn(request, series, error)
                continue
            self.message_user(
                request,
                _("%(series)s: %(approved)d dates approved, %(dropped)d no longer free.")
                % {
                    "series": series,
                    "approved": len(result.approved),
                    "dropped": len(result.dropped),
                },
                messages.SUCCESS if not result.dropped else messages.WARNING,
            )

    @admin.action(
        description=_("Cancel the upcoming dates of the selected series"), permissions=["change"]
    )
    def cancel_rest(self, request, queryset):
        for series in queryset.select_related("organisation"):
            try:
                cancelled = services.cancel_series_from(
                    series=series,
                    from_date=times.today_local(),
                    by=request.user,
                    staff=True,
                    reason=str(_("cancelled by the centre")),
                )
            except ValidationError as error:
                self._warn(request, series, error)
                continue
            self.message_user(
                request,
                _("%(series)s: %(count)d dates cancelled; the organisation was told.")
                % {"series": series, "count": len(cancelled)},
                messages.SUCCESS,
            )

    # Rolling over books a new term: new dates, so it needs the add permission.
    @admin.action(
        description=_("Roll over to the next term (shows the dates first)"), permissions=["add"]
    )
    def roll_over(self, request, queryset):
        plans = []
        for series in queryset.select_related("organisation", "room"):
            try:
                first, last = availability.next_term(series)
            except ValidationError as error:
                self._warn(request, series, error)
                continue
            previews = availability.preview_roll_over(
                series=series, first_date=first, last_date=last
            )
            plans.append({"series": series, "first": first, "last": last, "previews": previews})
        if request.POST.get("confirm") == "yes":
            for plan in plans:
                expected = [p.date for p in plan["previews"] if p.is_free]
                try:
                    result = services.roll_over_series(
                        series=plan["series"],
                        first_date=plan["first"],
                        last_date=plan["last"],
                        by=request.user,
                        expected_free_dates=expected,
                    )
                except ValidationError as error:
                    self.message_user(
                        request, f"{plan['series']}: {' '.join(error.messages)}", messages.ERROR
                    )
                    continue
                self.message_user(
                    request,
                    _("%(series)s: %(count)d dates booked for the next term.")
                    % {"series": plan["series"], "count": len(result.booked)},
                    messages.SUCCESS,
                )
            return None
        if not plans:
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Roll over to the next term"),
            "plans": plans,
            "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/rooms/bookingseries/roll_over.html", context)


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "room", "start", "end", "status"]
    list_filter = ["status", WhenFilter, "room", "organisation"]
    search_fields = ["title", "organisation__name", "room__name"]
    date_hierarchy = "start"
    list_select_related = ["organisation", "room"]
    readonly_fields = [
        "room",
        "organisation",
        "series",
        "start",
        "end",
        "status",
        "created_by",
        "created_at",
        "cancelled_at",
        "cancel_reason",
    ]
    fields = ["title", "is_public", *readonly_fields]
    inlines = [EventInline]
    actions = ["cancel_bookings"]
    change_list_template = "admin/rooms/booking/change_list.html"

    def has_add_permission(self, request):
        # New bookings are made as series (one date is a series of one), which checks conflicts.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changes.change_booking_details(
            booking=obj, title=obj.title, is_public=obj.is_public, by=request.user
        )

    @admin.action(
        description=_("Cancel the selected bookings and tell the organisations"),
        permissions=["change"],
    )
    def cancel_bookings(self, request, queryset):
        done = 0
        for booking in queryset.select_related("organisation", "series"):
            try:
                services.cancel_occurrence(
                    booking=booking,
                    by=request.user,
                    staff=True,
                    reason=str(_("cancelled by the centre")),
                )
                done += 1
            except ValidationError:
                continue
        self.message_user(
            request,
            ngettext("Cancelled %(count)d booking.", "Cancelled %(count)d bookings.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path("week/", self.admin_site.admin_view(self.week_view), name="rooms_booking_week"),
            *super().get_urls(),
        ]

    def week_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            day = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            day = times.today_local()
        week = week_frame(day=day, rooms=list(Room.objects.all()))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Week overview, all rooms"),
            "week": week,
            "grid_table": grid_table(week, show_all=True, today=times.today_local()),
        }
        return TemplateResponse(request, "admin/rooms/booking/week.html", context)


@admin.register(BookingEvent)
class BookingEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "booking", "series", "actor", "staff_override", "note"]
    list_filter = ["action", "staff_override"]
    search_fields = ["note", "actor__username", "booking__title", "series__title"]
    date_hierarchy = "at"
    list_select_related = ["booking", "series", "actor", "booking__room", "series__room"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

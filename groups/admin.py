"""Staff tools for groups: the group list, start-up plans and follow-ups, moving up from the
waiting list, and the members inline.

The other groups admins sit beside it, one module per job: registrations and memberships
(``registration_admin.py``), information and contact meetings (``meeting_admin.py``), the
anonymous counts and starters' reminders (``record_admin.py``), one person's data
(``personal_data_admin.py``). Personal data is shown only to staff with
``groups.view_personal_data`` on top of the model's own permission (``PersonalDataMixin``).
Every action declares the permission it needs (``permissions=[...]``).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from groups import (
    meeting_admin,  # noqa: F401  (registers the centre meetings' admin)
    record_admin,  # noqa: F401  (registers the counts' and reminders' admin)
    registration_admin,  # noqa: F401  (registers the registrations' and memberships' admin)
    services,
    starters,
)
from groups.admin_forms import GroupAdminForm
from groups.listing_admin import FreshnessFilter, ListingAdminMixin
from groups.models import PERSONAL_DATA_PERMISSION, ContactMeeting, Group, Membership
from groups.personal_data_admin import PersonalDataMixin
from groups.waiting_admin import MEMBERSHIP_CHANGE, FormingViewMixin


class MembershipInline(PersonalDataMixin, admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    fields = ["registration", "status", "seat", "waitlist_position", "joined_on", "left_on"]
    readonly_fields = fields
    ordering = ["status", "seat", "waitlist_position"]
    verbose_name_plural = _("members and waiting list")

    def has_add_permission(self, request, obj=None):
        # People are placed through the "place in a group" action, which guards the seats.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration").current()


@admin.register(Group)
class GroupAdmin(ListingAdminMixin, FormingViewMixin, admin.ModelAdmin):
    # Partner listings' freshness and feed import: listing_admin.py; forming: waiting_admin.py.
    form = GroupAdminForm
    list_display = [
        "name",
        "kind",
        "status",
        "members",
        "waiting",
        "meeting_time",
        "organisation",
        "startup_meeting_on",
        "follow_up_on",
        "listed",
        "confirmed",
    ]
    list_filter = [
        "kind",
        "status",
        "listed",
        FreshnessFilter,
        "attendance",
        "theme",
        "organisation",
    ]
    search_fields = ["name", "slug", "short_description_nb", "short_description_en"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "startup_meeting_on"
    filter_horizontal = ["starters"]
    list_select_related = ["meeting_series__room", "organisation"]
    inlines = [MembershipInline]
    actions = ["record_follow_up_held"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "slug", "status", "listed", "theme", "languages"]}),
        (
            _("Descriptions"),
            {
                "fields": [
                    "short_description_nb",
                    "short_description_en",
                    "description_nb",
                    "description_en",
                ]
            },
        ),
        (_("Meeting"), {"fields": ["meeting_series", "capacity"]}),
        (
            _("Closed groups: start-up"),
            {
                "fields": [
                    "starters",
                    "startup_meeting_on",
                    "starters_step_back_on",
                    "follow_up_on",
                    "follow_up_held_on",
                    "starter_plan",
                ]
            },
        ),
        (
            _("Open groups"),
            {"fields": ["organisation", "contact_email", "meeting_guide_types", "last_confirmed"]},
        ),
        (
            _("Open groups: attendance"),
            {
                "fields": [
                    "attendance",
                    "conference_url",
                    "conference_url_notes",
                    "conference_phone",
                    "conference_phone_notes",
                ]
            },
        ),
    ]

    readonly_fields = ["starter_plan"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_member_counts()

    @admin.display(description=_("starter's plan"))
    def starter_plan(self, obj):
        steps = starters.plan_for(obj, ContactMeeting.objects.upcoming()) if obj.pk else []
        if not steps:
            return gettext("Set the start-up meeting to see the plan.")
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 (a fixed tag)
            "{} {}{}",
            (
                (step.date.strftime("%d.%m.%Y"), step.label, " ✓" if step.done else "")
                for step in steps
            ),
        )

    @admin.display(description=_("members"), ordering="active_count")
    def members(self, obj):
        if obj.is_open:
            return "–"
        return gettext("%(active)d of %(capacity)d") % {
            "active": obj.active_count,
            "capacity": obj.capacity,
        }

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, obj):
        if not obj.is_closed:
            return "–"
        free = obj.places_left()
        if obj.waiting_count and free:
            # Someone waits while seats are free: the forming view says why, person by person.
            return format_html(
                '{} (<a href="{}#group-{}">{}</a>)',
                obj.waiting_count,
                reverse("admin:groups_group_forming"),
                obj.pk,
                ngettext("%(free)d seat free: why?", "%(free)d seats free: why?", free)
                % {"free": free},
            )
        return obj.waiting_count

    @admin.display(description=_("meets"))
    def meeting_time(self, obj):
        series = obj.meeting_series
        if series is None:
            return "–"
        return f"{series.get_weekday_display()} {series.start_time:%H:%M}, {series.room}"

    @admin.action(
        description=_("Record the six-week follow-up as held today"), permissions=["change"]
    )
    def record_follow_up_held(self, request, queryset):
        for group in queryset:
            services.record_follow_up(group=group)
        self.message_user(request, _("Follow-up recorded."), messages.SUCCESS)

    def get_urls(self):
        own = [
            path(
                "forming/",
                self.admin_site.admin_view(self.forming_view),
                name="groups_group_forming",
            ),
            path(
                "follow-ups/",
                self.admin_site.admin_view(self.follow_ups_view),
                name="groups_group_follow_ups",
            ),
            path(
                "<int:pk>/promote/",
                self.admin_site.admin_view(self.promote_view),
                name="groups_group_promote",
            ),
        ]
        return own + super().get_urls()

    def follow_ups_view(self, request):
        if not request.user.has_perm("groups.view_group"):
            raise PermissionDenied
        today = timezone.localdate()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Start-up meetings and follow-ups"),
            "due": Group.objects.follow_ups_due(today).order_by("follow_up_on"),
            "startups": Group.objects.closed()
            .filter(startup_meeting_on__gte=today)
            .order_by("startup_meeting_on"),
            "plans": starters.plans(today),
            "today": today,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/groups/follow_ups.html", context)

    def promote_view(self, request, pk):
        """Show the first in line and the free seat; promote only when staff confirm (POST)."""
        if not request.user.has_perms([MEMBERSHIP_CHANGE, PERSONAL_DATA_PERMISSION]):
            raise PermissionDenied
        group = get_object_or_404(Group.objects.with_member_counts(), pk=pk)
        if request.method == "POST":
            try:
                membership = services.promote_from_waitlist(group=group, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(name)s now has seat %(seat)d in %(group)s.")
                    % {
                        "name": membership.registration.first_name,
                        "seat": membership.seat,
                        "group": group.name,
                    },
                    messages.SUCCESS,
                )
            return redirect(reverse("admin:groups_group_change", args=[group.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Move up from the waiting list"),
            "group": group,
            "first": services.first_in_line(group),
            "places_left": group.places_left(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/groups/promote.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "follow_ups_due": Group.objects.follow_ups_due().count(),
        }
        return super().changelist_view(request, extra_context)

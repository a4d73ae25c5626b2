"""Staff tools: the registrations inbox, placing people, memberships, forming and follow-ups.

Personal data (registrations, memberships, information-meeting sign-ups) is shown only to staff
with ``groups.view_personal_data`` on top of the model's own permission: ``PersonalDataMixin``
adds it to every list, form and inline that shows a participant, and the extra views below check
it themselves. Every action declares the permission it needs (``permissions=[...]``).
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

from groups import services, starters
from groups.forms import (
    ContactMeetingAdminForm,
    GroupAdminForm,
    InfoMeetingAdminForm,
    PlaceInGroupForm,
)
from groups.listing_admin import FreshnessFilter, ListingAdminMixin
from groups.models import (
    PERSONAL_DATA_PERMISSION,
    ContactMeeting,
    Group,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
)
from groups.personal_data_admin import PersonalDataAdminMixin
from groups.waiting_admin import (
    MEMBERSHIP_CHANGE,
    FormingViewMixin,
    WaitingListActionsMixin,
    withdraw_on_request,
)
from rooms.admin_helpers import AddThroughServiceMixin


class PersonalDataMixin:
    """For admins and inlines that show participants: the model permission is not enough, the
    user also needs the personal-data permission (organisation logins are never staff)."""

    def _may_see_personal_data(self, request):
        return request.user.is_staff and request.user.has_perm(PERSONAL_DATA_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return self._may_see_personal_data(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_see_personal_data(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_see_personal_data(request) and super().has_delete_permission(request, obj)


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


class HasActiveMembershipFilter(admin.SimpleListFilter):
    title = _("place in a group")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        return [
            ("active", _("In a group")),
            ("waitlisted", _("On a waiting list")),
            ("none", _("Waiting for a group")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("active", "waitlisted"):
            return queryset.filter(memberships__status=self.value()).distinct()
        if self.value() == "none":
            return queryset.waiting()
        return queryset


@admin.register(InterestRegistration)
class InterestRegistrationAdmin(PersonalDataMixin, PersonalDataAdminMixin, admin.ModelAdmin):
    # Export, erase-with-confirmation and the access record: groups/personal_data_admin.py.
    list_display = [
        "first_name",
        "contact",
        "status",
        "weekdays",
        "preferred_language",
        "age_band",
        "preferred_group",
        "created_at",
    ]
    list_filter = [
        "status",
        HasActiveMembershipFilter,
        "preferred_language",
        "age_band",
        # Only groups someone asked for: nationally the full list would be thousands long.
        ("preferred_group", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["first_name", "email", "phone"]
    date_hierarchy = "created_at"
    list_select_related = ["preferred_group"]
    actions = [
        "place_in_group",
        "waitlist_in_group",
        "mark_contacted",
        "withdraw_on_request",
        "erase",
    ]
    fields = [
        "status",
        "first_name",
        "email",
        "phone",
        "is_adult",
        "age_band",
        "weekdays",
        "times",
        "preferred_language",
        "preferred_group",
        "message",
        "read_expectations",
        "free_choice",
        "consent_version",
        "consented_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [field for field in fields if field != "status"]

    def has_add_permission(self, request):
        # Only the person themself registers, through the public sign-up.
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        # "Erase" is the only delete: it says what it does and goes through the service.
        actions.pop("delete_selected", None)
        return actions

    def has_place_permission(self, request):
        """Placing someone in a group changes memberships, not the registration itself."""
        return self.has_view_permission(request) and request.user.has_perm(MEMBERSHIP_CHANGE)

    @admin.display(description=_("contact"))
    def contact(self, obj):
        return " / ".join(part for part in [obj.email, obj.phone] if part)

    @admin.display(description=_("preferred weekdays"))
    def weekdays(self, obj):
        return ", ".join(obj.preferred_weekday_labels()) or "–"

    @admin.display(description=_("preferred times of day"))
    def times(self, obj):
        return ", ".join(obj.preferred_time_labels()) or "–"

    def _place(self, request, queryset, *, waitlist):
        if "apply" in request.POST:
            form = PlaceInGroupForm(request.POST)
            if form.is_valid():
                group = form.cleaned_data["group"]
                placed, waiting, failed = 0, 0, []
                for registration in queryset.order_by("created_at"):
                    try:
                        membership = services.place_in_group(
                            registration=registration,
                            group=group,
                            by=request.user,
                            waitlist=waitlist,
                        )
                    except ValidationError as error:
                        failed.append(" ".join(error.messages))
                        continue
                    if membership.status == Membership.Status.ACTIVE:
                        placed += 1
                    else:
                        waiting += 1
                self.message_user(
                    request,
                    gettext("%(group)s: %(placed)d placed, %(waiting)d on the waiting list.")
                    % {"group": group.name, "placed": placed, "waiting": waiting},
                    messages.SUCCESS,
                )
                for message in failed:
                    self.message_user(request, message, messages.WARNING)
                return None
        else:
            form = PlaceInGroupForm()
        form.fields["group"].queryset = (
            Group.objects.closed()
            .exclude(status=Group.Status.ENDED)
            .with_member_counts()
            .order_by("name")
        )
        form.fields["group"].label_from_instance = lambda group: (
            gettext("%(name)s (%(active)d of %(capacity)d, %(waiting)d waiting)")
            % {
                "name": group.name,
                "active": group.active_count,
                "capacity": group.capacity,
                "waiting": group.waiting_count,
            }
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Put on a waiting list") if waitlist else _("Place in a group"),
            "registrations": queryset,
            "form": form,
            "action": "waitlist_in_group" if waitlist else "place_in_group",
            "waitlist": waitlist,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/groups/place_in_group.html", context)

    @admin.action(
        description=_("Place in a group (or its waiting list if full)"), permissions=["place"]
    )
    def place_in_group(self, request, queryset):
        return self._place(request, queryset, waitlist=False)

    @admin.action(description=_("Put on a group's waiting list"), permissions=["place"])
    def waitlist_in_group(self, request, queryset):
        return self._place(request, queryset, waitlist=True)

    @admin.action(description=_("Mark as contacted"), permissions=["change"])
    def mark_contacted(self, request, queryset):
        count = services.mark_contacted(registrations=list(queryset))
        self.message_user(
            request,
            ngettext(
                "%d registration marked as contacted.",
                "%d registrations marked as contacted.",
                count,
            )
            % count,
        )

    @admin.action(
        description=_("Withdraw on the person's request (erases them)…"),
        permissions=["delete"],
    )
    def withdraw_on_request(self, request, queryset):
        return withdraw_on_request(
            self, request, queryset, selected=[registration.pk for registration in queryset]
        )


@admin.register(Membership)
class MembershipAdmin(WaitingListActionsMixin, PersonalDataMixin, admin.ModelAdmin):
    list_display = ["person", "group", "status", "seat", "waitlist_position", "joined_on"]
    list_filter = ["status", "group"]
    search_fields = ["registration__first_name", "group__name"]
    list_select_related = ["registration", "group"]
    date_hierarchy = "joined_on"
    # The waiting list is this list filtered to "on the waiting list"; its daily work is here.
    actions = ["give_seat", "move_forward", "mark_contacted", "withdraw_on_request", "leave"]
    readonly_fields = [
        "registration",
        "group",
        "status",
        "seat",
        "waitlist_position",
        "joined_on",
        "left_on",
        "placed_by",
    ]

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("person"), ordering="registration__first_name")
    def person(self, obj):
        return obj.registration.first_name

    @admin.action(description=_("Has left the group (frees the seat)"), permissions=["change"])
    def leave(self, request, queryset):
        groups_with_waiting = set()
        for membership in queryset.current():
            services.leave_group(membership=membership, by=request.user)
            groups_with_waiting.add(membership.group_id)
        self.message_user(request, _("Memberships ended."), messages.SUCCESS)
        for group in Group.objects.filter(
            pk__in=groups_with_waiting, memberships__status=Membership.Status.WAITLISTED
        ).distinct():
            self.message_user(
                request,
                gettext(
                    "%(group)s has people on its waiting list: confirm moving the first in line "
                    "up at %(url)s"
                )
                % {
                    "group": group.name,
                    "url": reverse("admin:groups_group_promote", args=[group.pk]),
                },
                messages.INFO,
            )


class InfoMeetingSignupInline(PersonalDataMixin, admin.TabularInline):
    model = InfoMeetingSignup
    extra = 0
    fields = ["registration", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class CentreMeetingAdmin(AddThroughServiceMixin, admin.ModelAdmin):
    """Information and contact meetings: creating, moving and deleting one books, moves and frees
    its room in the centre's calendar through the services."""

    date_hierarchy = "starts_at"
    list_select_related = ["room"]

    @staticmethod
    def _slot(request, obj):
        starts, ends = timezone.localtime(obj.starts_at), timezone.localtime(obj.ends_at)
        return {
            "room": obj.room,
            "day": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "by": request.user,
        }

    def create(self, request, form):
        return self.schedule(form.instance, self._slot(request, form.instance))

    def save_model(self, request, obj, form, change):
        # Adding goes through ``create``; here a change, which moves the booking if need be.
        if not form.moved():
            return super().save_model(request, obj, form, change)
        return self.move(request, obj, self._slot(request, obj))

    def delete_model(self, request, obj):
        services.cancel_centre_meeting(meeting=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for meeting in queryset:
            services.cancel_centre_meeting(meeting=meeting, by=request.user)


@admin.register(InfoMeeting)
class InfoMeetingAdmin(CentreMeetingAdmin):
    form = InfoMeetingAdminForm
    list_display = ["starts_at", "room", "language", "places", "signed_up"]
    list_filter = ["language", "room"]
    inlines = [InfoMeetingSignupInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_signup_counts()

    def schedule(self, obj, slot):
        return services.schedule_info_meeting(
            **slot, language=obj.language, places=obj.places, notes=obj.notes
        )

    def move(self, request, obj, slot):
        without_email = services.reschedule_info_meeting(info_meeting=obj, **slot)
        self.message_user(
            request,
            _("The meeting is moved and its room booked; the people signed up are emailed."),
        )
        if without_email:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person signed up has no email: tell them by phone.",
                    "%(count)d people signed up have no email: tell them by phone.",
                    without_email,
                )
                % {"count": without_email},
                messages.WARNING,
            )

    @admin.display(description=_("signed up"), ordering="signup_count")
    def signed_up(self, obj):
        return gettext("%(count)d of %(places)d") % {
            "count": obj.signup_count,
            "places": obj.places,
        }


@admin.register(ContactMeeting)
class ContactMeetingAdmin(CentreMeetingAdmin):
    form = ContactMeetingAdminForm
    list_display = ["starts_at", "room", "notes"]
    list_filter = ["room"]

    def schedule(self, obj, slot):
        return services.schedule_contact_meeting(**slot, notes=obj.notes)

    def move(self, request, obj, slot):
        services.move_centre_meeting(meeting=obj, **slot)
        self.message_user(request, _("The meeting is moved and its room booked."))

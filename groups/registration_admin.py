"""Staff tools for people: the registrations inbox (placing people in a group, marking them
contacted, withdrawing them on request) and the memberships with the waiting list's actions.

Both show personal data, so both need ``groups.view_personal_data`` too (``PersonalDataMixin``).
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groups import services
from groups.admin_forms import PlaceInGroupForm
from groups.models import Group, InterestRegistration, Membership
from groups.personal_data_admin import PersonalDataAdminMixin, PersonalDataMixin
from groups.waiting_admin import (
    MEMBERSHIP_CHANGE,
    WaitingListActionsMixin,
    say_marked_contacted,
    withdraw_on_request,
)


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
        say_marked_contacted(self, request, count)

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

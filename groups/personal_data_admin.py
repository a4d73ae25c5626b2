"""Admin for one person's data: export (JSON and a readable page), erase with confirmation, and
the append-only record of who viewed, exported, changed or erased a registration.

``PersonalDataAdminMixin`` goes on the registrations admin (``groups/registration_admin.py``),
``PersonalDataMixin`` on every admin and inline that shows a participant. Every view here
checks the model admin's own ``has_view_permission``/``has_delete_permission``, so whatever
decides those (the model's permissions, a personal-data permission) decides these too.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from groups import services
from groups.models import (
    PERSONAL_DATA_PERMISSION,
    ConsentText,
    ErasedRegistrationCount,
    PersonalDataAccess,
)

Action = PersonalDataAccess.Action
# List actions (groups/registration_admin.py) that change the selected registrations.
CHANGING_ACTIONS = {"place_in_group", "waitlist_in_group", "mark_contacted"}


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


class PersonalDataAdminMixin:
    """Export and erasure of one person, and the access record, for ``InterestRegistration``."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        own = [
            path(
                "<int:pk>/personal-data/",
                wrap(self.personal_data_view),
                name="groups_interestregistration_personal_data",
            ),
            path(
                "<int:pk>/personal-data.json",
                wrap(self.personal_data_json_view),
                name="groups_interestregistration_personal_data_json",
            ),
            path(
                "<int:pk>/erase/",
                wrap(self.erase_person_view),
                name="groups_interestregistration_erase_person",
            ),
        ]
        return own + super().get_urls()

    # --- the access record for Django's own views ---

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Django answers 200 only when the user may see the registration (else 302/403/404).
        if request.method == "GET" and response.status_code == 200 and str(object_id).isdigit():
            services.record_access(
                user=request.user, action=Action.VIEWED, registration_ids=[int(object_id)]
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.has_changed():
            services.record_access(
                user=request.user, action=Action.CHANGED, registration_ids=[obj.pk]
            )

    def response_action(self, request, queryset):
        action = request.POST.get("action")
        response = super().response_action(request, queryset)
        # Django redirects once an action is done; a page in between (choose the group) is not.
        if action in CHANGING_ACTIONS and isinstance(response, HttpResponseRedirect):
            selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
            if request.POST.get("select_across") != "1":
                queryset = queryset.filter(pk__in=selected)
            ids = list(queryset.values_list("pk", flat=True))
            services.record_access(user=request.user, action=Action.CHANGED, registration_ids=ids)
        return response

    def delete_model(self, request, obj):
        services.erase_registration(registration=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        services.erase_registrations(registrations=list(queryset), by=request.user)

    # --- export ---

    def _registration_or_403(self, request, pk, *, delete=False):
        registration = get_object_or_404(self.model, pk=pk)
        allowed = (
            self.has_delete_permission(request, registration)
            if delete
            else self.has_view_permission(request, registration)
        )
        if not allowed:
            raise PermissionDenied
        return registration

    def personal_data_view(self, request, pk):
        registration = self._registration_or_403(request, pk)
        data = services.export_person(registration=registration, by=request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Everything held about %(name)s") % {"name": registration.first_name},
            "data": data,
            "registration": registration,
            "can_erase": self.has_delete_permission(request, registration),
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/groups/interestregistration/personal_data.html", context
        )

    def personal_data_json_view(self, request, pk):
        registration = self._registration_or_403(request, pk)
        data = services.export_person(registration=registration, by=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="personal-data-{pk}.json"'
        return response

    # --- erasure, always after a confirmation page ---

    def erase_person_view(self, request, pk):
        registration = self._registration_or_403(request, pk, delete=True)
        registrations = list(services.person_registrations(registration))
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            count = services.erase_person(registration=registration, by=request.user)
            self._erased_message(request, count)
            return redirect(reverse("admin:groups_interestregistration_changelist"))
        return self._erase_confirmation(request, registrations, action=None)

    @admin.action(
        description=gettext_lazy("Erase selected registrations and all their data…"),
        permissions=["delete"],
    )
    def erase(self, request, queryset):
        if request.POST.get("confirm") == "yes":
            count = services.erase_registrations(registrations=list(queryset), by=request.user)
            self._erased_message(request, count)
            return None
        registrations = list(
            queryset.prefetch_related("memberships__group", "info_meeting_signups")
        )
        return self._erase_confirmation(request, registrations, action="erase")

    def _erase_confirmation(self, request, registrations, *, action):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "registrations": registrations,
            "action": action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/groups/interestregistration/erase_confirm.html", context
        )

    def _erased_message(self, request, count):
        self.message_user(
            request,
            ngettext(
                "%d registration erased, with its group places and meeting sign-ups.",
                "%d registrations erased, with their group places and meeting sign-ups.",
                count,
            )
            % count,
            messages.SUCCESS,
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody edits in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    """Append-only, and for superusers only: it shows which staff handled whose data."""

    list_display = ["at", "username", "action", "registration_id"]
    list_filter = ["action"]
    search_fields = ["username", "=registration_id"]
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(ConsentText)
class ConsentTextAdmin(ReadOnlyAdmin):
    """Every consent text people have agreed to, word for word."""

    list_display = ["version", "first_agreed_at"]
    fields = ["version", "first_agreed_at", "text_nb", "text_en"]
    readonly_fields = fields


@admin.register(ErasedRegistrationCount)
class ErasedRegistrationCountAdmin(ReadOnlyAdmin):
    """What statistics keep of erased registrations: counts, no people."""

    list_display = ["registered_month", "preferred_language", "reason", "had_place", "count"]
    list_filter = ["reason", "preferred_language", "had_place"]
    date_hierarchy = "registered_month"

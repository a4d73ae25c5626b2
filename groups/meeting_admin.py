"""Staff tools for information and contact meetings: creating, moving and deleting one books,
moves and frees its room in the centre's calendar through the services."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from groups import services
from groups.admin_forms import ContactMeetingAdminForm, InfoMeetingAdminForm
from groups.models import ContactMeeting, InfoMeeting, InfoMeetingSignup
from groups.personal_data_admin import PersonalDataMixin
from rooms.admin_helpers import AddThroughServiceMixin


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

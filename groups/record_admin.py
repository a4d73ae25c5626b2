"""Read-only records of groups: how people heard of the centre (anonymous counts by month) and
the reminders sent to a group's starters. Nobody edits either: the sign-up adds to the counts,
and a reminder's row is what keeps it from going out twice."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from groups.models import HowHeardCount, StarterReminder
from groups.personal_data_admin import ReadOnlyAdmin


@admin.register(HowHeardCount)
class HowHeardCountAdmin(ReadOnlyAdmin):
    """Counts, never people: staff with the model's view permission see them."""

    list_display = ["month", "answer", "count"]
    list_filter = ["answer"]
    date_hierarchy = "month"
    ordering = ["-month", "answer"]


@admin.register(StarterReminder)
class StarterReminderAdmin(ReadOnlyAdmin):
    list_display = ["group", "group_status", "step", "about_date", "sent_at"]
    list_filter = ["step", "group__status", ("group", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["group__name"]
    date_hierarchy = "sent_at"
    list_select_related = ["group"]

    @admin.display(description=_("group status"), ordering="group__status")
    def group_status(self, obj):
        return obj.group.get_status_display()

"""Third-party admin classes brought under this project's rule: every action that changes data
declares its permission (tests/linkcentre/test_admin_permissions.py checks all of them)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

from linkcentre.login_forms import StaffLoginForm


class GuardedAccessAttemptAdmin(AccessAttemptAdmin):
    # django-axes offers its clean-up to anyone who may view the failed logins.
    @admin.action(
        description=AccessAttemptAdmin.cleanup_expired_attempts.short_description,
        permissions=["delete"],
    )
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


# The staff login's username limit is a real validator (see linkcentre/login_forms.py).
admin.site.login_form = StaffLoginForm

if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, GuardedAccessAttemptAdmin)


# --- change lists of large tables (issue 14) ---------------------------------------------------
# Nationally these hold hundreds of thousands of rows. Their change lists never count the whole
# table a second time ("show all"), draw the date drill-down from the first and last date
# (templates/admin/change_list.html), and on PostgreSQL an unfiltered list shows the planner's
# estimate of the rows instead of counting them.
LARGE_CHANGE_LISTS = [
    "rooms.Booking",
    "rooms.BookingEvent",
    "groups.InterestRegistration",
    "groups.Membership",
    "outreach.ContactActivity",
    "outreach.Distribution",
    "outreach.StockMovement",
]


class LargeTablePaginator(Paginator):
    ESTIMATE_FROM = 100_000  # below this, counting is quick enough and exact

    @cached_property
    def count(self):
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            connection = connections[queryset.db]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                        [queryset.model._meta.db_table],
                    )
                    row = cursor.fetchone()
                if row and row[0] >= self.ESTIMATE_FROM:
                    return row[0]
        return super().count


def tune_large_change_lists(site=admin.site):
    """Called from LinkcentreConfig.ready(), once every app's admin is registered."""
    for label in LARGE_CHANGE_LISTS:
        model_admin = site._registry.get(apps.get_model(label))
        if model_admin is not None:
            model_admin.show_full_result_count = False
            model_admin.paginator = LargeTablePaginator
            model_admin.large_table = True

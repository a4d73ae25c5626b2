"""Third-party admin classes brought under this project's rule: every action that changes data
declares its permission (tests/linkcentre/test_admin_permissions.py checks all of them)."""

import functools
import hashlib
import secrets

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from linkcentre import admin_kept
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
            # The whole table's: kept between writes (admin_kept.py).
            key = f"count:{queryset.model._meta.label}:{queryset.db}"
            return admin_kept.kept(key, self._whole_table_count, models=[queryset.model])
        return super().count

    def _whole_table_count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql":
            # One query whatever the size (the same count at one centre and nationally):
            # the planner's estimate for a large table, else the exact count, which
            # PostgreSQL runs only when that branch is taken (an init plan runs lazily).
            table = connection.ops.quote_name(queryset.model._meta.db_table)
            with connection.cursor() as cursor:
                sql = (
                    # The table name is the model's own, quoted: nothing a user typed.
                    "SELECT CASE WHEN reltuples >= %s THEN reltuples::bigint"  # noqa: S608
                    f" ELSE (SELECT COUNT(*) FROM {table}) END"
                    " FROM pg_class WHERE oid = %s::regclass"
                )
                cursor.execute(sql, [self.ESTIMATE_FROM, queryset.model._meta.db_table])
                row = cursor.fetchone()
            if row:
                return row[0]
        return super().count


# Fifty rows, not Django's hundred: each row is several formatted cells and a checkbox, and
# staff find a row in a table this size by searching and filtering, not by paging.
LARGE_LIST_PER_PAGE = 50


def quick_action_checkbox(obj):
    """The same checkbox as ``ModelAdmin.action_checkbox``, written directly: Django renders
    each one through the form widget templates, a third of a large change list's time. As
    ``format_html`` would, the translated sentence is taken as markup and the row's name put
    in escaped, but in one string per row instead of two ``format_html`` calls."""
    label = _("Select this object for an action - {}").format(conditional_escape(obj))
    return mark_safe(  # noqa: S308 -- the key and the row's name are escaped
        CHECKBOX.format(escape(obj.pk), label)
    )


CHECKBOX = (
    f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="{{}}"'
    ' class="action-select" aria-label="{}">'
)


class _QueryStringsFromOne:
    """The change list as one relation filter's choices see it: each choice's link is the
    filter's value put into one query string made once, instead of the list's parameters
    copied, sorted and encoded again for each of the bookings' 308 organisations (a tenth of
    that list's time). Only for a whole number, which is its own URL encoding; anything else
    is asked of the change list itself."""

    def __init__(self, changelist):
        self._changelist = changelist
        self._made = {}

    def __getattr__(self, name):
        return getattr(self._changelist, name)

    def get_query_string(self, new_params=None, remove=None):
        if not new_params or len(new_params) != 1:
            return self._changelist.get_query_string(new_params, remove)
        [(key, value)] = new_params.items()
        if type(value) is not int:
            return self._changelist.get_query_string(new_params, remove)
        made_for = (key, tuple(remove or ()))
        if (template := self._made.get(made_for)) is None:
            template = self._changelist.get_query_string({key: VALUE_TOKEN}, remove)
            self._made[made_for] = template
        return template.replace(VALUE_TOKEN, str(value))


# Letters and digits only, so encoding leaves it as it is; random, so no parameter of a
# request can contain it.
VALUE_TOKEN = "v" + secrets.token_hex(16)


class _QuickChoiceLinks:
    """A relation filter whose choices' links come from ``_QueryStringsFromOne``."""

    def choices(self, changelist):
        return super().choices(_QueryStringsFromOne(changelist))


def _choices_key(field, ordering, *more):
    parts = [field.model._meta.label, field.name, *map(str, ordering), get_language(), *more]
    return "choices:" + hashlib.sha256(repr(parts).encode()).hexdigest()


class QuickRelatedFieldListFilter(_QuickChoiceLinks, admin.RelatedFieldListFilter):
    """Also the choices themselves kept between writes (admin_kept.py): the bookings' 307
    organisations and 50 rooms, read and built as model instances on every page, were a fifth
    of that list's time."""

    def field_choices(self, field, request, model_admin):
        build = functools.partial(super().field_choices, field, request, model_admin)
        if field.get_limit_choices_to():
            return build()  # may depend on the time or the request
        ordering = self.field_admin_ordering(field, request, model_admin)
        key = _choices_key(field, ordering)
        return admin_kept.kept(key, build, models=[field.related_model])


class QuickRelatedOnlyFieldListFilter(_QuickChoiceLinks, admin.RelatedOnlyFieldListFilter):
    """The same choices (only the staff or groups some row points to), found the other way
    round: each of the few candidates is looked up in the large table's index, instead of a
    DISTINCT over all of its rows on every page (20–50 ms at 50,000 rows)."""

    def field_choices(self, field, request, model_admin):
        # "Is not null" says nothing new to the rows it matches, but tells PostgreSQL's planner
        # how few rows name any candidate at all: with it, the registrations' preferred groups
        # (mostly empty) are an index lookup, without it a hash of the whole table (13 ms).
        visible = model_admin.get_queryset(request).order_by()
        rows = visible.filter(
            **{self.field_path: OuterRef("pk"), f"{self.field_path}__isnull": False}
        )
        ordering = self.field_admin_ordering(field, request, model_admin)
        build = functools.partial(
            field.get_choices,
            include_blank=False,
            limit_choices_to=Q(Exists(rows)),
            ordering=ordering,
        )
        # Kept between writes to either table, per set of rows: the model admin's queryset may
        # depend on who asks.
        sql, params = visible.query.sql_with_params()
        key = _choices_key(field, ordering, sql, params)
        return admin_kept.kept(key, build, models=[field.related_model, field.model])


def _quick_filters(model, list_filter):
    def quick(item):
        if isinstance(item, tuple) and item[1] is admin.RelatedOnlyFieldListFilter:
            return (item[0], QuickRelatedOnlyFieldListFilter)
        if isinstance(item, str) and LOOKUP_SEP not in item:
            field = model._meta.get_field(item)
            if field.is_relation and field.many_to_one:
                return (item, QuickRelatedFieldListFilter)
        return item

    return [quick(item) for item in list_filter]


def tune_large_change_lists(site=admin.site):
    """Called from LinkcentreConfig.ready(), once every app's admin is registered."""
    for label in LARGE_CHANGE_LISTS:
        model_admin = site._registry.get(apps.get_model(label))
        if model_admin is not None:
            model_admin.show_full_result_count = False
            model_admin.paginator = LargeTablePaginator
            model_admin.large_table = True
            model_admin.list_per_page = LARGE_LIST_PER_PAGE
            model_admin.action_checkbox = quick_action_checkbox
            model_admin.list_filter = _quick_filters(model_admin.model, model_admin.list_filter)

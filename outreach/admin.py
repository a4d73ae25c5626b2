from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportMixin

from outreach import services
from outreach.forms import (
    ContactActivityAdminForm,
    DistributionAdminForm,
    DistributionInlineFormSet,
    StockMovementAdminForm,
)
from outreach.models import (
    Brochure,
    ContactActivity,
    Distribution,
    District,
    Place,
    Professional,
    StockMovement,
    choice_label,
    today,
)
from outreach.resources import ExcelFriendlyCSV, PlaceResource, ProfessionalResource


class ServiceErrorsMixin:
    """Show a service's ValidationError (e.g. stock taken by someone else a moment ago) as an
    error message. The admin's transaction is rolled back, so nothing is half-saved."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class LedgerFollowsMixin:
    """Stock movements cannot be deleted on their own (the ledger is append-only), but they go
    with the distribution or brochure they belong to, so they need no permission of their own."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(StockMovement._meta.verbose_name)
        return deleted, model_count, perms_needed, protected


def titled(filter_class, title):
    """A list filter with its own title, e.g. "kind of place" rather than the field's "kind"."""

    class TitledFilter(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


PLACE_KIND_FILTER = ("place__kind", titled(admin.ChoicesFieldListFilter, _("kind of place")))


class LowStockFilter(admin.SimpleListFilter):
    title = _("stock")
    parameter_name = "stock"

    def lookups(self, request, model_admin):
        return [("low", _("Low or out of stock")), ("ok", _("Enough in stock"))]

    def queryset(self, request, queryset):
        low = Brochure.objects.low_on_stock().values("pk")
        if self.value() == "low":
            return queryset.filter(pk__in=low)
        if self.value() == "ok":
            return queryset.exclude(pk__in=low)
        return queryset


@admin.register(Brochure)
class BrochureAdmin(LedgerFollowsMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "language",
        "edition",
        "stock_display",
        "low_stock_threshold",
        "ledger_link",
        "active",
    ]
    list_filter = ["active", "language", LowStockFilter]
    search_fields = ["title", "edition"]
    list_editable = ["active"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_stock()

    @admin.display(description=_("in stock"), ordering="stock")
    def stock_display(self, obj):
        if obj.active and obj.stock <= obj.low_stock_threshold:
            return _("%(stock)d (low)") % {"stock": obj.stock}
        return obj.stock

    @admin.display(description=_("stock ledger"))
    def ledger_link(self, obj):
        url = reverse("admin:outreach_stockmovement_changelist")
        return format_html(
            '<a href="{}?brochure__id__exact={}">{}</a>', url, obj.pk, _("Movements")
        )


@admin.register(StockMovement)
class StockMovementAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    """The stock ledger. Lines are added, never changed: fix a mistake with a correction."""

    form = StockMovementAdminForm
    list_display = ["date", "brochure", "kind", "quantity", "note", "created_by"]
    list_filter = ["kind", "brochure"]
    list_select_related = ["brochure", "created_by"]
    search_fields = ["brochure__title", "note"]
    date_hierarchy = "date"
    autocomplete_fields = ["brochure"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        created = services.record_stock_movement(
            brochure=obj.brochure,
            kind=obj.kind,
            quantity=obj.quantity,
            date=obj.date,
            note=obj.note,
            user=request.user,
        )
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(Place)
class PlaceAdmin(ImportMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "district", "address", "active"]
    list_filter = ["kind", "district", "active"]
    search_fields = ["name", "address"]
    resource_classes = [PlaceResource]
    import_formats = [ExcelFriendlyCSV]

    def has_import_permission(self, request):
        return request.user.has_perms(["outreach.add_place", "outreach.change_place"])


@admin.register(Professional)
class ProfessionalAdmin(ImportMixin, admin.ModelAdmin):
    list_display = ["name", "role", "workplace", "email", "phone", "active", "added_on"]
    list_filter = [
        "active",
        ("workplace__kind", titled(admin.ChoicesFieldListFilter, _("kind of workplace"))),
        "workplace__district",
    ]
    list_select_related = ["workplace"]
    search_fields = ["name", "role", "email", "workplace__name"]
    autocomplete_fields = ["workplace"]
    date_hierarchy = "added_on"
    resource_classes = [ProfessionalResource]
    import_formats = [ExcelFriendlyCSV]

    def has_import_permission(self, request):
        return request.user.has_perms(["outreach.add_professional", "outreach.change_professional"])


class DistributionInline(admin.TabularInline):
    """Brochures left during this visit. Saved rows are history: delete one to undo it."""

    model = Distribution
    formset = DistributionInlineFormSet
    fields = ["brochure", "quantity"]
    autocomplete_fields = ["brochure"]
    extra = 3
    verbose_name = _("brochures left")
    verbose_name_plural = _("brochures left during this visit")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("brochure")

    def has_change_permission(self, request, obj=None):
        return False


class FollowUpFilter(admin.SimpleListFilter):
    title = _("follow-up")
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("open", _("Open")),
            ("done", _("Done")),
            ("none", _("No follow-up")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "overdue":
            return queryset.with_open_follow_up().filter(follow_up_on__lt=today())
        if value == "open":
            return queryset.with_open_follow_up()
        if value == "done":
            return queryset.filter(follow_up_done=True)
        if value == "none":
            return queryset.filter(follow_up_on__isnull=True)
        return queryset


@admin.register(ContactActivity)
class ContactActivityAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    form = ContactActivityAdminForm
    list_display = [
        "occurred_at",
        "kind",
        "topic",
        "place",
        "professional_count",
        "people_reached",
        "follow_up_on",
        "follow_up_done",
        "staff",
    ]
    list_filter = [
        "kind",
        FollowUpFilter,
        PLACE_KIND_FILTER,
        "place__district",
        ("staff", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["place", "staff"]
    search_fields = ["topic", "summary", "place__name", "professionals__name"]
    date_hierarchy = "occurred_at"
    autocomplete_fields = ["place", "professionals"]
    inlines = [DistributionInline]
    actions = ["mark_follow_up_done"]
    fieldsets = [
        (None, {"fields": ["occurred_at", "kind", "staff"]}),
        (_("Whom we reached"), {"fields": ["place", "professionals", "people_reached"]}),
        (_("What it was about"), {"fields": ["topic", "summary"]}),
        (_("Follow-up"), {"fields": ["follow_up_on", "follow_up_done"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_professional_count()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("staff", request.user.pk)
        initial.setdefault("occurred_at", timezone.now())
        return initial

    @admin.display(description=_("professionals"), ordering="professional_count")
    def professional_count(self, obj):
        return obj.professional_count

    @admin.action(description=_("Mark the follow-up as done"), permissions=["change"])
    def mark_follow_up_done(self, request, queryset):
        count = services.complete_follow_ups(activities=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d follow-up marked as done.",
                "%(count)d follow-ups marked as done.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Distribution:
            return super().save_formset(request, form, formset, change)
        activity = form.instance
        new_rows = formset.save(commit=False)
        for distribution in formset.deleted_objects:
            services.delete_distribution(distribution=distribution)
        # The service makes the rows (under the stock lock); the admin's history message
        # then names those instead of the unsaved form instances.
        formset.new_objects = services.record_distributions(
            items=[(row.brochure, row.quantity) for row in new_rows if row.pk is None],
            place=activity.place,
            date=timezone.localdate(activity.occurred_at),
            staff=activity.staff or request.user,
            activity=activity,
        )


@admin.register(Distribution)
class DistributionAdmin(LedgerFollowsMixin, ServiceErrorsMixin, admin.ModelAdmin):
    form = DistributionAdminForm
    list_display = ["date", "brochure", "quantity", "place", "place_kind", "district", "staff"]
    list_filter = [
        PLACE_KIND_FILTER,
        "place__district",
        "brochure",
        ("staff", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["brochure", "place", "staff"]
    search_fields = ["place__name", "brochure__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["brochure", "place", "activity"]

    def get_readonly_fields(self, request, obj=None):
        return ["brochure", "quantity"] if obj else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("staff", request.user.pk)
        return initial

    @admin.display(description=_("kind of place"), ordering="place__kind")
    def place_kind(self, obj):
        return choice_label(Place.Kind, obj.place.kind)

    @admin.display(description=_("district"), ordering="place__district")
    def district(self, obj):
        return choice_label(District, obj.place.district)

    def save_model(self, request, obj, form, change):
        if change:
            services.update_distribution(distribution=obj)
            return
        created = services.record_distribution(
            brochure=obj.brochure,
            place=obj.place,
            quantity=obj.quantity,
            date=obj.date,
            staff=obj.staff or request.user,
            activity=obj.activity,
        )
        obj.pk = created.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.delete_distribution(distribution=obj)

    def delete_queryset(self, request, queryset):
        for distribution in queryset:
            services.delete_distribution(distribution=distribution)

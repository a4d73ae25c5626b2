from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from research.models import Finding, Principle, Source


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        ("source", "certainty", "order"),
        ("summary_nb", "summary_en"),
        ("caveat_nb", "caveat_en"),
    ]


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["title_nb", "title_en", "order", "is_published", "findings_shown"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title_nb", "title_en", "summary_nb", "summary_en", "body_nb", "body_en"]
    prepopulated_fields = {"slug": ["title_nb"]}
    ordering = ["order", "pk"]
    inlines = [FindingInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["slug", "order", "is_published"]}),
        (_("Norwegian"), {"fields": ["title_nb", "summary_nb", "body_nb"]}),
        (_("English"), {"fields": ["title_en", "summary_en", "body_en"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_finding_count()

    @admin.display(description=_("findings"), ordering="finding_count")
    def findings_shown(self, obj):
        return obj.finding_count

    @admin.action(description=_("Publish the selected principles"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(is_published=True)
        self.message_user(request, _("%(count)d principle(s) published.") % {"count": count})

    @admin.action(description=_("Hide the selected principles"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(is_published=False)
        self.message_user(request, _("%(count)d principle(s) hidden.") % {"count": count})


class HasDoiFilter(admin.SimpleListFilter):
    title = _("DOI")
    parameter_name = "doi"

    def lookups(self, request, model_admin):
        return [
            ("checked", _("DOI checked")),
            ("unchecked", _("DOI not checked")),
            ("none", _("No DOI, web address only")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "checked":
            return queryset.exclude(doi="").filter(doi_checked=True)
        if self.value() == "unchecked":
            return queryset.exclude(doi="").filter(doi_checked=False)
        if self.value() == "none":
            return queryset.filter(doi="")
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["short_citation_display", "title", "kind", "doi", "doi_checked", "url"]
    list_filter = ["kind", HasDoiFilter, "year"]
    search_fields = ["key", "authors", "title", "container", "doi", "url"]
    prepopulated_fields = {"key": ["authors", "year"]}
    ordering = ["authors", "year"]
    fieldsets = [
        (None, {"fields": ["key", "kind", "authors", "year", "title"]}),
        (_("Where it was published"), {"fields": ["container", "volume_pages"]}),
        (_("Where readers find it"), {"fields": ["doi", "doi_checked", "url"]}),
        (_("Note shown with the reference"), {"fields": ["note_nb", "note_en"]}),
    ]

    @admin.display(description=_("source"), ordering="authors")
    def short_citation_display(self, obj):
        return obj.short_citation


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["principle", "source", "certainty", "order"]
    list_filter = ["certainty", "principle"]
    list_select_related = ["principle", "source"]
    search_fields = ["summary_nb", "summary_en", "source__authors", "source__title"]
    autocomplete_fields = ["source"]
    ordering = ["principle__order", "order"]

"""The admin of closures and public holidays: staff see what a closure would cancel, and
confirm, before any booking falls out; the writes go through ``rooms.closures``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rooms import availability, closures, times
from rooms.models import Closure


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ClosureAdminForm(forms.ModelForm):
    """Staff see what a closure would cancel, and confirm, before any booking falls out."""

    confirm_cancellations = forms.BooleanField(
        label=_("Yes, cancel these bookings and email the organisations"), required=False
    )

    class Meta:
        model = Closure
        fields = ["start_date", "end_date", "reason", "description", "room"]

    def clean(self):
        data = super().clean()
        if self.errors or data.get("confirm_cancellations"):
            return data
        closure = Closure(
            start_date=data["start_date"], end_date=data["end_date"], room=data.get("room")
        )
        if closure.end_date < closure.start_date:
            return data  # the model's own check gives the message
        per_organisation = (
            availability.bookings_covered_by(closure)
            .values("organisation__name")
            .annotate(count=Count("pk"))
            .order_by("organisation__name")
        )
        if per_organisation:
            summary = ", ".join(
                f"{row['organisation__name']} ({row['count']})" for row in per_organisation
            )
            raise ValidationError(
                _(
                    "This closure would cancel %(count)d booking(s): %(summary)s. Each "
                    "organisation gets an email with its dates. Tick the box below to go ahead."
                ),
                code="confirm_cancellations",
                params={"count": sum(row["count"] for row in per_organisation), "summary": summary},
            )
        return data


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    form = ClosureAdminForm
    list_display = ["__str__", "start_date", "end_date", "reason", "room"]
    list_filter = ["reason", "room"]
    search_fields = ["description"]
    date_hierarchy = "start_date"
    change_list_template = "admin/rooms/closure/change_list.html"

    def save_model(self, request, obj, form, change):
        result = closures.save_closure(closure=obj, by=request.user)
        if result.cancelled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d booking fell out and its organisation was told by email.",
                    "%(count)d bookings fell out and their organisations were told by email.",
                    len(result.cancelled),
                )
                % {"count": len(result.cancelled)},
                messages.WARNING,
            )

    def get_urls(self):
        return [
            path(
                "holidays/",
                self.admin_site.admin_view(self.holidays_view),
                name="rooms_closure_holidays",
            ),
            *super().get_urls(),
        ]

    def holidays_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        year = times.today_local().year
        form = HolidayYearForm(request.POST or None, initial={"year": year + 1})
        if request.method == "POST" and form.is_valid():
            results = closures.add_public_holidays(year=form.cleaned_data["year"], by=request.user)
            cancelled = sum(len(r.cancelled) for r in results)
            message = _(
                "Added %(count)d public holidays for %(year)d; %(cancelled)d bookings fell out."
            ) % {"count": len(results), "year": form.cleaned_data["year"], "cancelled": cancelled}
            self.message_user(request, message, messages.SUCCESS)
            return redirect("admin:rooms_closure_changelist")
        holidays = times.norwegian_public_holidays(
            form.cleaned_data["year"] if form.is_bound and form.is_valid() else year + 1
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Add Norwegian public holidays"),
            "form": form,
            "holidays": holidays,
        }
        return TemplateResponse(request, "admin/rooms/closure/holidays.html", context)

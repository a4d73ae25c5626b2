import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from outreach import services
from outreach.models import ContactActivity, Distribution, StockMovement, today
from outreach.reports import MONTH, PERIODS

MAX_REPORT_DAYS = 366 * 10


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReportFilterForm(forms.Form):
    """The date range and period size of the report page (a GET form)."""

    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    period = forms.ChoiceField(
        label=_("Count by"),
        choices=list(PERIODS.items()),
        initial=MONTH,
        widget=forms.RadioSelect,
    )

    @classmethod
    def default_range(cls, *, on=None):
        """Twelve months up to today: from the first day of the month eleven months ago."""
        on = on or today()
        month_index = on.year * 12 + on.month - 1 - 11
        start = dt.date(month_index // 12, month_index % 12 + 1, 1)
        return {"start": start, "end": on, "period": MONTH}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise ValidationError(
                    _("The end date is before the start date. Choose an end date on or after it.")
                )
            if (end - start).days > MAX_REPORT_DAYS:
                raise ValidationError(_("Choose a range of at most ten years."))
        return cleaned


def staff_choices(*keep):
    """Active staff for a staff picker, never an organisation's login; people already chosen
    stay (a starter who has left is kept on record rather than silently dropped on save)."""
    return (
        get_user_model()
        .objects.filter(Q(is_staff=True, is_active=True) | Q(pk__in=[pk for pk in keep if pk]))
        .order_by("first_name", "username")
    )


class StaffPickerForm(forms.ModelForm):
    """The "staff member" field lists staff only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "staff" in self.fields:
            self.fields["staff"].queryset = staff_choices(self.instance.staff_id)


class DistributionAdminForm(StaffPickerForm):
    class Meta:
        model = Distribution
        fields = ["date", "brochure", "place", "quantity", "staff", "activity"]

    def clean(self):
        cleaned = super().clean()
        brochure, quantity = cleaned.get("brochure"), cleaned.get("quantity")
        if self.instance.pk is None and brochure and quantity:
            try:
                services.check_stock_for([(brochure, quantity)])
            except ValidationError as error:
                self.add_error("quantity", error)
        return cleaned


class StockMovementAdminForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[
            (value, label)
            for value, label in StockMovement.Kind.choices
            if value != StockMovement.Kind.DISTRIBUTED
        ],
        help_text=_("Brochures handed out are recorded as distributions, not here."),
    )

    class Meta:
        model = StockMovement
        fields = ["brochure", "kind", "quantity", "date", "note"]

    def clean(self):
        cleaned = super().clean()
        brochure, kind, quantity = (cleaned.get(name) for name in ("brochure", "kind", "quantity"))
        if brochure and kind and quantity is not None:
            try:
                services.check_stock_movement(brochure=brochure, kind=kind, quantity=quantity)
            except ValidationError as error:
                self.add_error("quantity", error)
        return cleaned


class ContactActivityAdminForm(StaffPickerForm):
    class Meta:
        model = ContactActivity
        fields = [
            "occurred_at",
            "kind",
            "staff",
            "place",
            "professionals",
            "people_reached",
            "topic",
            "summary",
            "follow_up_on",
            "follow_up_done",
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("professionals"):
            raise ValidationError(
                _("Choose the place, the professionals, or both, so we know whom we reached.")
            )
        if cleaned.get("follow_up_done") and not cleaned.get("follow_up_on"):
            self.add_error(
                "follow_up_on", _("Set the follow-up date before marking the follow-up as done.")
            )
        return cleaned


class DistributionInlineFormSet(BaseInlineFormSet):
    """Several brochures left during one visit: checked together against the stock.

    Rows already saved are history and are not counted again; only new rows take stock.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        new_items = []
        for form in self.forms:
            if not form.has_changed() or self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.pk is None and form.cleaned_data.get("brochure"):
                new_items.append((form.cleaned_data["brochure"], form.cleaned_data["quantity"]))
        if not new_items:
            return
        place = self.instance.place if self.instance else None
        if place is None:
            raise ValidationError(
                _("Choose the place of the visit above to record brochures left there.")
            )
        services.check_stock_for(new_items)

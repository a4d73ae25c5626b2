"""The annual report's period: any range of dates, given as ?fra=…&til=… (ISO dates)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from linkcentre.annual_report import MAX_SPAN_DAYS, MAX_YEAR, MIN_YEAR


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AnnualReportPeriodForm(forms.Form):
    fra = forms.DateField(label=_("From"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    til = forms.DateField(label=_("To"), widget=DateInput(), input_formats=["%Y-%m-%d"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start is None or end is None:
            return cleaned
        if not (MIN_YEAR <= start.year <= MAX_YEAR and MIN_YEAR <= end.year <= MAX_YEAR):
            raise ValidationError(
                _("Choose dates between %(first)d and %(last)d."),
                code="out_of_range",
                params={"first": MIN_YEAR, "last": MAX_YEAR},
            )
        if start > end:
            raise ValidationError(_("The first date must be on or before the last."), code="order")
        if (end - start).days >= MAX_SPAN_DAYS:
            raise ValidationError(_("Choose a period of at most ten years."), code="too_long")
        return cleaned

    @staticmethod
    def for_year(year):
        return {"fra": dt.date(year, 1, 1), "til": dt.date(year, 12, 31)}

"""The annual report's pages: the report for a year or any range, and one CSV per table."""

from urllib.parse import urlencode

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from linkcentre.annual_report import MAX_YEAR, MIN_YEAR, AnnualReport
from linkcentre.forms import AnnualReportPeriodForm
from outreach import csv_export


class AnnualReportAccessMixin(PermissionRequiredMixin):
    """Staff with ``linkcentre.view_annual_report``: anonymous users go to the login page,
    anyone else logged in without it gets 403 (an organisation's login is never staff)."""

    permission_required = "linkcentre.view_annual_report"

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()

    def get_period(self):
        """(form, report, errors): the report is None when the period given is not valid."""
        if "year" in self.kwargs:
            year = self.kwargs["year"]
            if not MIN_YEAR <= year <= MAX_YEAR:
                message = _(
                    "There is no annual report for the year %(year)d; choose a year between "
                    "%(first)d and %(last)d."
                ) % {"year": year, "first": MIN_YEAR, "last": MAX_YEAR}
                return AnnualReportPeriodForm(), None, [message]
            data = AnnualReportPeriodForm.for_year(year)
            form = AnnualReportPeriodForm(
                data={key: value.isoformat() for key, value in data.items()}
            )
        else:
            form = AnnualReportPeriodForm(data=self.request.GET)
        if not form.is_valid():
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            return form, None, errors
        start, end = form.cleaned_data["fra"], form.cleaned_data["til"]
        return form, AnnualReport(start=start, end=end), []


class AnnualReportView(AnnualReportAccessMixin, TemplateView):
    template_name = "linkcentre/annual_report.html"

    def get(self, request, *args, **kwargs):
        if "year" not in kwargs and not request.GET:
            return redirect("annual_report", year=timezone.localdate().year - 1)
        form, report, errors = self.get_period()
        context = self.get_context_data(form=form, report=report, period_errors=errors)
        if report is not None:
            context["sections"] = [
                {"section": section, "chart": section.chart(report)}
                for section in report.sections()
            ]
            context["query"] = urlencode(
                {"fra": report.start.isoformat(), "til": report.end.isoformat()}
            )
        this_year = timezone.localdate().year
        context["years"] = list(range(this_year, this_year - 6, -1))
        return self.render_to_response(context, status=200 if report else 400)


class AnnualReportCSVView(AnnualReportAccessMixin, View):
    def get(self, request, slug, **kwargs):
        _form, report, errors = self.get_period()
        if report is None:
            return HttpResponseBadRequest(
                " ".join(str(error) for error in errors), content_type="text/plain; charset=utf-8"
            )
        section = report.section(slug)
        if section is None:
            raise Http404
        filename = f"{slug}_{report.start:%Y-%m-%d}_{report.end:%Y-%m-%d}.csv"
        return csv_export.csv_response(filename, section.csv_rows(report))

"""Staff pages: reports with charts and CSV, follow-ups due, brochure stock. Staff only."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import ListView, TemplateView, View

from outreach import charts, csv_export, services
from outreach.forms import ReportFilterForm
from outreach.models import Brochure, ContactActivity, today
from outreach.reports import OutreachReport


class StaffPermissionRequiredMixin(PermissionRequiredMixin):
    """Staff with the model permissions. Anonymous users go to the login page; anyone else
    logged in without access gets 403."""

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()


REPORT_PERMISSIONS = (
    "outreach.view_distribution",
    "outreach.view_contactactivity",
    "outreach.view_professional",
)


class ReportMixin(StaffPermissionRequiredMixin):
    permission_required = REPORT_PERMISSIONS

    def get_form(self):
        data = self.request.GET if "start" in self.request.GET else None
        form = ReportFilterForm(data=data, initial=ReportFilterForm.default_range())
        return form

    def get_report(self, form):
        if form.is_bound and form.is_valid():
            values = form.cleaned_data
        else:
            values = ReportFilterForm.default_range()
        return OutreachReport(start=values["start"], end=values["end"], period=values["period"])


def chart_for(table):
    series = [charts.Series(label=str(label), values=values) for label, values in table.rows]
    description = _(
        "%(title)s, %(start)s to %(end)s. The table below the chart gives the same numbers."
    ) % {
        "title": table.title,
        "start": table.period_labels[0] if table.periods else "",
        "end": table.period_labels[-1] if table.periods else "",
    }
    if len(series) > len(charts.PALETTE):
        # Too many categories to tell apart by colour: one bar per category for the whole range.
        totals = sorted(
            ((sum(values), str(label)) for label, values in table.rows), key=lambda t: -t[0]
        )
        description = _(
            "%(title)s, totals from %(start)s to %(end)s. The table below the chart gives the "
            "numbers by period."
        ) % {
            "title": table.title,
            "start": table.period_labels[0],
            "end": table.period_labels[-1],
        }
        return charts.horizontal_bar_chart(
            title=str(table.title),
            description=description,
            categories=[label for _total, label in totals],
            values=[total for total, _label in totals],
            chart_id=f"chart-{table.slug}",
        )
    draw = charts.line_chart if len(series) == 1 else charts.bar_chart
    return draw(
        title=str(table.title),
        description=description,
        categories=table.period_labels,
        series=series,
        chart_id=f"chart-{table.slug}",
    )


class ReportView(ReportMixin, TemplateView):
    template_name = "outreach/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        report = self.get_report(form)
        tables = report.tables()
        context.update(
            form=form,
            report=report,
            sections=[{"table": table, "chart": chart_for(table)} for table in tables],
            query=self.request.GET.urlencode() if form.is_bound and form.is_valid() else "",
        )
        return context


class ReportCSVView(ReportMixin, View):
    def get(self, request, slug):
        report = self.get_report(self.get_form())
        table = report.table(slug)
        if table is None:
            raise Http404
        filename = f"{slug}_{report.start:%Y-%m-%d}_{report.end:%Y-%m-%d}_{report.period}.csv"
        return csv_export.csv_response(filename, table.as_csv_rows())


class RawLogCSVView(ReportMixin, View):
    """The raw log for the chosen date range: every distribution or every activity."""

    def get(self, request, log):
        report = self.get_report(self.get_form())
        dates = f"{report.start:%Y-%m-%d}_{report.end:%Y-%m-%d}"
        if log == "distributions":
            rows = csv_export.distribution_log_rows(report.distributions())
        elif log == "activities":
            rows = csv_export.activity_log_rows(report.activities())
        else:
            raise Http404
        return csv_export.csv_response(f"{log}_{dates}.csv", rows)


class FollowUpListView(StaffPermissionRequiredMixin, ListView):
    permission_required = "outreach.view_contactactivity"
    template_name = "outreach/follow_ups.html"
    context_object_name = "activities"
    paginate_by = 50

    def get_queryset(self):
        queryset = ContactActivity.objects.for_follow_up_list()
        if self.request.GET.get("mine"):
            queryset = queryset.filter(staff=self.request.user)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            today=today(),
            mine=bool(self.request.GET.get("mine")),
            can_complete=self.request.user.has_perm("outreach.change_contactactivity"),
        )
        return context


class CompleteFollowUpView(StaffPermissionRequiredMixin, View):
    permission_required = "outreach.change_contactactivity"
    http_method_names = ["post"]

    def post(self, request, pk):
        activities = ContactActivity.objects.filter(pk=pk)
        if not activities.exists():
            raise Http404
        count = services.complete_follow_ups(activities=activities)
        if count:
            messages.success(request, _("The follow-up is marked as done."))
        return redirect("outreach:follow_ups")


class StockView(StaffPermissionRequiredMixin, ListView):
    permission_required = "outreach.view_brochure"
    template_name = "outreach/stock.html"
    context_object_name = "brochures"

    def get_queryset(self):
        return Brochure.objects.active().with_stock().order_by("title", "language", "edition")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        low = [
            brochure
            for brochure in context["brochures"]
            if brochure.stock <= brochure.low_stock_threshold
        ]
        context.update(
            low_count=len(low),
            low_message=ngettext(
                "%(count)d brochure is running low. Order or print more in good time.",
                "%(count)d brochures are running low. Order or print more in good time.",
                len(low),
            )
            % {"count": len(low)},
            can_add_movement=self.request.user.has_perm("outreach.add_stockmovement"),
            can_add_distribution=self.request.user.has_perm("outreach.add_distribution"),
        )
        return context

"""CSV files that open cleanly in Excel with Norwegian settings.

The choice, once for every file: UTF-8 with a byte-order mark (so Excel reads æ, ø and å right
instead of guessing a Windows code page) and semicolons between columns (Excel in Norway uses the
comma as the decimal separator and expects ``;`` between columns). Python reads the files back with
``open(path, encoding="utf-8-sig", newline="")`` and ``csv.reader(f, delimiter=";")``.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outreach.models import ContactActivity, Distribution

DELIMITER = ";"
BOM = "\ufeff"
# A cell starting with one of these is read as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def safe_cell(value):
    """Neutralise text that a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows, *, language=None):
    """The file line by line. Rows are made while streaming, so the request's language is
    switched on again here: by then the request itself has been answered."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER)
    yield BOM
    with translation.override(language or translation.get_language()):
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(filename, rows):
    response = StreamingHttpResponse(
        csv_lines(rows, language=translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def distribution_log_rows(queryset=None):
    queryset = queryset if queryset is not None else Distribution.objects.all()
    yield [
        _("Date"),
        _("Brochure"),
        _("Language"),
        _("Edition"),
        _("Quantity"),
        _("Place"),
        _("Kind of place"),
        _("District"),
        _("Staff member"),
    ]
    rows = queryset.select_related("brochure", "place", "staff").order_by("date", "pk")
    for distribution in rows.iterator(chunk_size=2000):
        yield [
            distribution.date.isoformat(),
            distribution.brochure.title,
            distribution.brochure.get_language_display(),
            distribution.brochure.edition,
            distribution.quantity,
            distribution.place.name,
            distribution.place.get_kind_display(),
            distribution.place.get_district_display(),
            distribution.staff.get_username() if distribution.staff else "",
        ]


def activity_log_rows(queryset=None):
    queryset = queryset if queryset is not None else ContactActivity.objects.all()
    yield [
        _("Date and time"),
        _("Kind"),
        _("Topic"),
        _("Place"),
        _("District"),
        _("Professionals"),
        _("People reached"),
        _("Follow up on"),
        _("Follow-up done"),
        _("Staff member"),
        _("Summary"),
    ]
    rows = (
        queryset.select_related("place", "staff")
        .prefetch_related("professionals")
        .order_by("occurred_at", "pk")
    )
    for activity in rows.iterator(chunk_size=2000):
        yield [
            timezone.localtime(activity.occurred_at).strftime("%Y-%m-%d %H:%M"),
            activity.get_kind_display(),
            activity.topic,
            activity.place.name if activity.place else "",
            activity.place.get_district_display() if activity.place else "",
            ", ".join(professional.name for professional in activity.professionals.all()),
            activity.people_reached,
            activity.follow_up_on.isoformat() if activity.follow_up_on else "",
            _("yes") if activity.follow_up_done else _("no"),
            activity.staff.get_username() if activity.staff else "",
            activity.summary,
        ]

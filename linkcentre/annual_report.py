"""The annual report for the municipality: every app's figures for a period and the year before.

The figures come from each app's ``reports.py`` (numbers out; this module never reads another
app's tables). A period is any range of Oslo dates, both ends included; "the year before" is the
same dates one year earlier (29 February becomes the 28th). Each section is built only when asked
for, so a CSV download costs the queries of its own table, and the whole page a fixed number.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups import reports as group_reports
from outreach import charts
from outreach import reports as outreach_reports
from rooms import reports as room_reports

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_SPAN_DAYS = 10 * 366


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def period_heading(start: dt.date, end: dt.date) -> str:
    """A column heading for the period that no spreadsheet reads as a date.

    A calendar year is "2025"; whole months are Statistics Norway codes ("2025M01–2025M06");
    anything else is spelled out with words between the dates.
    """
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        first = outreach_reports.period_code(start, outreach_reports.MONTH)
        last = outreach_reports.period_code(end, outreach_reports.MONTH)
        return first if first == last else f"{first}–{last}"
    return _("%(start)s to %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}


def format_number(value):
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=1)
    return formats.number_format(value)


@dataclass
class Row:
    label: str
    current: int | Decimal | None
    previous: int | Decimal | None
    # Rows in another unit (a median in days) stay in the table but out of the chart.
    in_chart: bool = True

    @property
    def change(self):
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass
class Section:
    slug: str
    title: str
    row_heading: str
    unit: str
    rows: list[Row] = field(default_factory=list)

    def csv_rows(self, report):
        yield [
            self.row_heading,
            period_heading(report.start, report.end),
            period_heading(report.previous_start, report.previous_end),
            _("Change"),
        ]
        for row in self.rows:
            yield [
                row.label,
                *(csv_number(value) for value in (row.current, row.previous, row.change)),
            ]

    def chart(self, report):
        rows = [row for row in self.rows if row.in_chart]
        if not rows:
            return ""
        previous_label = period_heading(report.previous_start, report.previous_end)
        current_label = period_heading(report.start, report.end)
        return charts.paired_bar_chart(
            title=str(self.title),
            description=_(
                "%(title)s (%(unit)s): %(current)s beside %(previous)s for each row. The table "
                "below the chart gives the same numbers and the change."
            )
            % {
                "title": self.title,
                "unit": self.unit,
                "current": current_label,
                "previous": previous_label,
            },
            categories=[row.label for row in rows],
            series=[
                charts.Series(label=previous_label, values=[row.previous or 0 for row in rows]),
                charts.Series(label=current_label, values=[row.current or 0 for row in rows]),
            ],
            chart_id=f"chart-{self.slug}",
            format_value=format_number,
        )


class _LocalisedNumber:
    """A number the CSV writer prints in the language's format. Not a ``str``, so the CSV
    export's formula guard leaves a minus sign alone, as it does for whole numbers."""

    def __init__(self, value):
        self.value = value

    def __str__(self):
        return formats.number_format(self.value, decimal_pos=1, force_grouping=False)


def csv_number(value):
    """Whole numbers as they are; hours with the language's decimal separator (a comma in
    Norwegian, which Norwegian Excel and Calc read as a number, where "1.5" would become a date);
    an empty cell for a figure that does not exist."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return _LocalisedNumber(value)
    return value


def _rows(current: dict, previous: dict, labels=None):
    """Rows for every label in either period, in the current period's order then the old one's."""
    labels = labels or {key: key for key in [*current, *(k for k in previous if k not in current)]}
    return [
        Row(label=str(label), current=current.get(key, 0), previous=previous.get(key, 0))
        for key, label in labels.items()
    ]


def _decimal_rows(current: dict, previous: dict):
    zero = Decimal("0.0")
    keys = [*current, *(k for k in previous if k not in current)]
    return [
        Row(label=key, current=current.get(key, zero), previous=previous.get(key, zero))
        for key in keys
    ]


class AnnualReport:
    SECTIONS = [
        ("closed-groups", gettext_lazy("Closed groups")),
        ("registrations", gettext_lazy("People signing up for closed groups")),
        ("centre-meetings", gettext_lazy("Information and contact meetings")),
        ("open-groups", gettext_lazy("Open groups and meetings held")),
        ("open-groups-by-organisation", gettext_lazy("Open groups by organisation")),
        ("room-hours-by-organisation", gettext_lazy("Room hours by organisation")),
        ("room-hours-by-room", gettext_lazy("Room hours by room")),
        ("occupancy-by-room", gettext_lazy("Occupancy by room")),
        ("occupancy-by-weekday", gettext_lazy("Occupancy by weekday")),
        ("occupancy-by-part-of-day", gettext_lazy("Occupancy, daytime and evening")),
        ("outreach-activities-by-kind", gettext_lazy("Outreach activities by kind")),
        ("outreach-activities-by-district", gettext_lazy("Outreach activities by district")),
        ("brochures-by-place-kind", gettext_lazy("Brochures distributed by kind of place")),
        ("sign-ups-by-how-heard", gettext_lazy("How the people who signed up heard about us")),
        ("outreach-summary", gettext_lazy("Professional contacts and people reached")),
    ]
    SLUGS = [slug for slug, _title in SECTIONS]

    def __init__(self, *, start: dt.date, end: dt.date):
        self.start, self.end = start, end
        self.previous_start, self.previous_end = year_before(start), year_before(end)

    @property
    def heading(self):
        return period_heading(self.start, self.end)

    @property
    def previous_heading(self):
        return period_heading(self.previous_start, self.previous_end)

    def _both(self, function, **kwargs):
        return (
            function(self.start, self.end, **kwargs),
            function(self.previous_start, self.previous_end, **kwargs),
        )

    @cached_property
    def _occupancy(self):
        return self._both(room_reports.occupancy)

    @cached_property
    def _outreach(self):
        return tuple(
            outreach_reports.annual_figures(start=start, end=end)
            for start, end in ((self.start, self.end), (self.previous_start, self.previous_end))
        )

    # One builder per section; each returns (row heading, unit, rows).

    def _closed_groups(self):
        current, previous = self._both(group_reports.closed_group_counts)
        labels = {
            "started": _("Started"),
            "running": _("Met at least once"),
            "paused": _("Paused (no meeting)"),
            "ended": _("Ended"),
        }
        return _("Groups"), _("groups"), _rows(current, previous, labels)

    def _registrations(self):
        current, previous = self._both(group_reports.registration_counts)
        labels = {
            "registered": _("Registered interest"),
            "placed": _("Given a place in a group"),
            "waiting": _("Still waiting at the end of the period"),
            "withdrew": _("Withdrew"),
        }
        rows = _rows(current, previous, labels)
        rows.append(
            Row(
                label=_("Median days from registration to a place"),
                current=current["median_days_to_place"],
                previous=previous["median_days_to_place"],
                in_chart=False,
            )
        )
        return _("Measure"), _("people"), rows

    def _centre_meetings(self):
        current, previous = self._both(group_reports.centre_meeting_counts)
        labels = {
            "info_meetings": _("Information meetings held"),
            "info_places": _("Places at information meetings"),
            "info_signups": _("Sign-ups for information meetings"),
            "contact_meetings": _("Contact meetings held"),
        }
        return _("Measure"), _("number"), _rows(current, previous, labels)

    def _open_groups(self):
        current, previous = self._both(group_reports.open_group_counts)
        labels = {
            "open_groups": _("Open groups that met"),
            "open_group_organisations": _("Organisations running them"),
            "open_group_meetings": _("Meetings of open groups held"),
            "closed_group_meetings": _("Meetings of closed groups held"),
        }
        return _("Measure"), _("number"), _rows(current, previous, labels)

    def _open_groups_by_organisation(self):
        current, previous = self._both(group_reports.open_groups_by_organisation)
        return _("Organisation"), _("open groups"), _rows(current, previous)

    def _room_hours_by_organisation(self):
        current, previous = self._both(room_reports.hours_by_organisation)
        return _("Organisation"), _("hours"), _decimal_rows(current, previous)

    def _room_hours_by_room(self):
        current, previous = self._both(room_reports.hours_by_room)
        return _("Room"), _("hours"), _decimal_rows(current, previous)

    def _occupancy_rows(self, attribute):
        current, previous = (getattr(result, attribute) for result in self._occupancy)
        return _rows(
            {row.label: row.percent for row in current},
            {row.label: row.percent for row in previous},
        )

    def _occupancy_by_room(self):
        return _("Room"), _("per cent of opening hours"), self._occupancy_rows("by_room")

    def _occupancy_by_weekday(self):
        return _("Weekday"), _("per cent of opening hours"), self._occupancy_rows("by_weekday")

    def _occupancy_by_part_of_day(self):
        return (
            _("Time of day"),
            _("per cent of opening hours"),
            self._occupancy_rows("by_part_of_day"),
        )

    def _outreach_rows(self, key):
        current, previous = self._outreach
        return _rows(current[key], previous[key])

    def _outreach_activities_by_kind(self):
        return _("Kind of activity"), _("activities"), self._outreach_rows("activities_by_kind")

    def _outreach_activities_by_district(self):
        return _("District"), _("activities"), self._outreach_rows("activities_by_district")

    def _brochures_by_place_kind(self):
        return _("Kind of place"), _("brochures"), self._outreach_rows("brochures_by_place_kind")

    def _sign_ups_by_how_heard(self):
        # Beside the brochures by kind of place: which outreach brings people to sign up. The
        # anonymous answers are counted by whole months, so they survive every erasure.
        current, previous = (
            {
                row["label"]: row["total"]
                for row in group_reports.sign_ups_by_how_heard(periods=[(start, end)])["rows"]
            }
            for start, end in ((self.start, self.end), (self.previous_start, self.previous_end))
        )
        return _("Heard about us through"), _("sign-ups"), _rows(current, previous)

    def _outreach_summary(self):
        current, previous = self._outreach
        labels = {
            "new_professionals": _("New professional contacts"),
            "people_reached": _("People reached"),
            "brochures": _("Brochures distributed"),
        }
        return _("Measure"), _("number"), _rows(current, previous, labels)

    def section(self, slug):
        titles = dict(self.SECTIONS)
        if slug not in titles:
            return None
        builder = getattr(self, "_" + slug.replace("-", "_"))
        row_heading, unit, rows = builder()
        return Section(
            slug=slug, title=str(titles[slug]), row_heading=row_heading, unit=unit, rows=rows
        )

    def sections(self):
        return [self.section(slug) for slug in self.SLUGS]

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from rooms.availability import check_booking_rules
from rooms.choices import SmallModelChoiceField
from rooms.dates import long_date
from rooms.grid import FIRST_DAY, LAST_DAY
from rooms.models import Organisation, Room
from rooms.slots import Slot
from rooms.times import booking_horizon, today_local
from rooms.widgets import PlainSelect

# Which field a broken booking rule belongs to, so the message appears next to it.
RULE_FIELDS = {
    "order": "end_time",
    "too_short": "end_time",
    "too_long": "end_time",
    "outside_hours": "start_time",
    "closed_day": "date",
    "past": "date",
    "beyond_horizon": "date",
    "last_before_first": "last_date",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": 900, **(attrs or {})}, format="%H:%M")


def _add_rule_errors(form, error, *, date_field="date"):
    for item in error.error_list:
        field = RULE_FIELDS.get(item.code)
        if field == "date":
            field = date_field
        form.add_error(field if field in form.fields else None, item)


def _hour_minute(time):
    return time.strftime("%H:%M")


def _parsed(field, raw, name, text):
    """``{name: value}`` when ``raw`` is a valid value for ``field``, else nothing."""
    if not raw:
        return {}
    try:
        value = field.clean(raw)
    except ValidationError:
        return {}
    return {name: text(value)} if value is not None else {}


class RoomChoiceField(SmallModelChoiceField):
    """Rooms with what matters when choosing one: size and step-free access."""

    def label_from_instance(self, obj):
        label = _("%(room)s (up to %(capacity)d people)") % {
            "room": obj.name,
            "capacity": obj.capacity,
        }
        if obj.wheelchair_accessible:
            label += ", " + str(_("step-free"))
        return label


class BookingForm(forms.Form):
    ONCE = "once"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    MONTHLY_LAST = "monthly_last"
    EVERY_WEEKS = {ONCE: 1, WEEKLY: 1, FORTNIGHTLY: 2, MONTHLY: 1, MONTHLY_LAST: 1}

    room = RoomChoiceField(
        label=_("Room"), queryset=Room.objects.none(), empty_label=_("Choose a room")
    )
    repeat = forms.ChoiceField(
        label=_("How often"),
        choices=[
            (ONCE, _("One date")),
            (WEEKLY, _("Every week")),
            (FORTNIGHTLY, _("Every other week")),
            (MONTHLY, _("Every month on the same weekday, e.g. the first Sunday")),
            (MONTHLY_LAST, _("Every month on the last such weekday, e.g. the last Thursday")),
        ],
        initial=ONCE,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Date"),
        help_text=_("For a repeating booking: the first date. The weekday repeats."),
        widget=DateInput,
    )
    last_date = forms.DateField(
        label=_("Last date (repeating bookings only)"),
        required=False,
        widget=DateInput,
    )
    start_time = forms.TimeField(label=_("From"), widget=TimeInput)
    end_time = forms.TimeField(label=_("To"), widget=TimeInput)
    title = forms.CharField(
        label=_("What the room is for"),
        max_length=200,
        help_text=_("E.g. the name of the group. Only your organisation and staff see it."),
    )
    is_public = forms.BooleanField(
        label=_("Open meeting: list it in the public group finder"),
        required=False,
        help_text=_(
            "Weekly series: next you write the public listing (name, description, who may come)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.bookable()
        self.fields["last_date"].help_text = _(
            "Empty: as far ahead as you may book (until %(date)s)."
        ) % {"date": long_date(booking_horizon())}
        self.fields["date"].widget.attrs["min"] = today_local().isoformat()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["repeat"] == self.ONCE:
            data["last_date"] = data["date"]
        if data["repeat"] == self.MONTHLY and data["date"].day > 28:
            self.add_error(
                "repeat",
                _("Not every month has a fifth %(weekday)s; choose “the last” instead.")
                % {"weekday": date_format(data["date"], "l")},
            )
            return data
        try:
            check_booking_rules(
                start_time=data["start_time"],
                end_time=data["end_time"],
                first_date=data["date"],
                last_date=data["last_date"],
                weekday=data["date"].weekday(),
            )
        except ValidationError as error:
            _add_rule_errors(self, error)
        return data

    @classmethod
    def initial_from(cls, query):
        """Initial values from a free time chosen in the week grid
        (``?room=&date=&start_time=&end_time=``) or a reminder's link to book a series again
        (also ``repeat`` and ``title``). A value that does not parse is left out, so a
        damaged link opens the form with that field empty, never an error page."""
        initial = {"repeat": cls.ONCE}
        room = query.get("room", "")
        if room.isascii() and room.isdigit() and len(room) < 10:
            initial["room"] = room
        if query.get("repeat") in cls.EVERY_WEEKS:
            initial["repeat"] = query["repeat"]
        for name, text in (
            ("date", dt.date.isoformat),
            ("start_time", _hour_minute),
            ("end_time", _hour_minute),
            ("title", str),
        ):
            initial.update(_parsed(cls.base_fields[name], query.get(name), name, text))
        return initial

    def slot(self, organisation):
        """The slot chosen, for ``organisation``."""
        data = self.cleaned_data
        return Slot(
            organisation=organisation,
            room=data["room"],
            weekday=data["date"].weekday(),
            start_time=data["start_time"],
            end_time=data["end_time"],
            first_date=data["date"],
            last_date=data["last_date"],
            every_weeks=self.EVERY_WEEKS[data["repeat"]],
            week_of_month=self._week_of_month(),
        )

    def _week_of_month(self):
        data = self.cleaned_data
        if data["repeat"] == self.MONTHLY:
            return (data["date"].day - 1) // 7 + 1  # the first, second ... fourth such weekday
        if data["repeat"] == self.MONTHLY_LAST:
            return -1
        return None


class ExpectedDatesField(forms.Field):
    """The dates the preview showed as free, carried to the confirm step in hidden inputs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [dt.date.fromisoformat(v) for v in value or []]
        except (TypeError, ValueError) as error:
            raise ValidationError(_("The preview was damaged; please start again.")) from error


class ConfirmForm(forms.Form):
    expected = ExpectedDatesField(required=False)


class CancelForm(forms.Form):
    ONE = "one"
    REST = "rest"

    scope = forms.ChoiceField(
        label=_("What do you want to cancel?"),
        choices=[
            (ONE, _("Only this date")),
            (REST, _("This date and all later dates in the series")),
        ],
        initial=ONE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, has_series=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_series:
            self.fields["scope"].choices = self.fields["scope"].choices[:1]


class SeriesChangeForm(forms.Form):
    from_date = forms.DateField(
        label=_("Change from this date"),
        help_text=_("Earlier dates stay as they are."),
        widget=DateInput,
    )
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput)
    end_time = forms.TimeField(label=_("To"), widget=TimeInput)

    def __init__(self, *args, series, **kwargs):
        self.series = series
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.bookable()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        # Read before the rules run: add_error() removes a field it reports on from the data.
        from_date = data["from_date"]
        try:
            check_booking_rules(
                start_time=data["start_time"],
                end_time=data["end_time"],
                first_date=max(from_date, today_local()),
                weekday=self.series.weekday,
            )
        except ValidationError as error:
            _add_rule_errors(self, error, date_field="from_date")
        if from_date < today_local():
            self.add_error("from_date", _("Choose today or a later date."))
        return data


class WeekForm(forms.Form):
    """The date picker and room filter above the week grid (a GET form)."""

    WEEK = "week"
    DAY = "day"

    date = forms.DateField(label=_("Date"), required=False, widget=DateInput)
    view = forms.ChoiceField(
        label=_("Show"),
        choices=[(WEEK, _("The whole week")), (DAY, _("Only that day"))],
        required=False,
    )
    room = SmallModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("All rooms"),
        to_field_name="slug",
        widget=PlainSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.bookable()
        self.fields["room"].widget.attrs["class"] = "form-select"
        self.fields["view"].widget.attrs["class"] = "form-select"

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                code="out_of_range",
                params={
                    "first": FIRST_DAY.strftime("%d.%m.%Y"),
                    "last": LAST_DAY.strftime("%d.%m.%Y"),
                },
            )
        return day


class EmailLanguageForm(forms.ModelForm):
    """The language an organisation reads the centre's emails in (``rooms.mail``)."""

    class Meta:
        model = Organisation
        fields = ["language"]
        widgets = {"language": forms.RadioSelect}

"""The form partner organisations fill in for the public listing of one of their meetings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.forms import reject_control_characters
from groups.listing_services import REPORT_MAX_LENGTH
from groups.models import Attendance, Group, Language, meeting_guide_type_choices
from groups.publicforms import HoneypotMixin
from rooms.models import BookingSeries

CHECK = {"class": "form-check-input"}
TEXT = {"class": "form-control"}
# Open/closed meeting is asked on its own, and "temporarily closed" follows from a pause.
SEPARATE_CODES = {"O", "C", "TC"}


def _other_type_choices():
    return [choice for choice in meeting_guide_type_choices() if choice[0] not in SEPARATE_CODES]


class ListingForm(forms.Form):
    meeting_series = forms.ModelChoiceField(
        label=_("Booking series"),
        queryset=BookingSeries.objects.none(),
        help_text=_("The room, weekday and time come from your booking."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name = forms.CharField(
        label=_("Name of the meeting"), max_length=120, widget=forms.TextInput(attrs=TEXT)
    )
    short_description_nb = forms.CharField(
        label=_("Short description (Norwegian)"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    short_description_en = forms.CharField(
        label=_("Short description (English)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    description_nb = forms.CharField(
        label=_("Description (Norwegian)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 4}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 4}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Language of the meeting"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )
    meeting_type = forms.ChoiceField(
        label=_("Who may come"),
        choices=[
            ("O", _("Open meeting: anyone may come, also relatives and the curious")),
            ("C", _("Closed meeting: only for people who have the problem themselves")),
            ("", _("Not stated")),
        ],
        required=False,
        widget=forms.RadioSelect(attrs=CHECK),
    )
    meeting_guide_types = forms.MultipleChoiceField(
        label=_("Kind of meeting"),
        required=False,
        choices=_other_type_choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        help_text=_(
            "The fellowship's official meeting types. Language and step-free access are added."
        ),
    )
    attendance = forms.ChoiceField(
        label=_("How people take part"),
        choices=Attendance.choices,
        widget=forms.RadioSelect(attrs=CHECK),
    )
    conference_url = forms.URLField(
        label=_("Conference link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT),
    )
    conference_url_notes = forms.CharField(
        label=_("Notes on the link"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
    )
    conference_phone = forms.CharField(
        label=_("Dial-in number"), required=False, max_length=40, widget=forms.TextInput(attrs=TEXT)
    )
    conference_phone_notes = forms.CharField(
        label=_("Notes on the dial-in"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
    )
    contact_email = forms.EmailField(
        label=_("Public contact email"),
        required=False,
        help_text=_("Shown on the meeting's page and in the feed. No personal names."),
        widget=forms.EmailInput(attrs=TEXT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Group.Status.RUNNING, _("Meets as usual")),
            (Group.Status.PAUSED, _("Paused for now")),
            (Group.Status.FORMING, _("Starting soon")),
            (Group.Status.ENDED, _("Ended: take it off the group finder")),
        ],
        widget=forms.RadioSelect(attrs=CHECK),
    )

    def __init__(self, *args, organisation, listing=None, **kwargs):
        if listing is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(listing)
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.CharField:  # free text, not links or addresses
                field.validators.append(reject_control_characters)
        # Only the organisation's own series that are not cancelled and not listed already.
        series = BookingSeries.objects.filter(organisation=organisation).exclude(
            status=BookingSeries.Status.CANCELLED
        )
        taken = Group.objects.filter(meeting_series__isnull=False)
        if listing is not None:
            taken = taken.exclude(pk=listing.pk)
        self.fields["meeting_series"].queryset = series.exclude(
            pk__in=taken.values("meeting_series")
        ).select_related("room")

    @staticmethod
    def initial_from(listing):
        codes = listing.meeting_guide_types
        initial = {
            field: getattr(listing, field)
            for field in [
                "name",
                "short_description_nb",
                "short_description_en",
                "description_nb",
                "description_en",
                "languages",
                "attendance",
                "conference_url",
                "conference_url_notes",
                "conference_phone",
                "conference_phone_notes",
                "contact_email",
                "status",
            ]
        }
        initial["meeting_series"] = listing.meeting_series_id
        initial["meeting_type"] = next((code for code in ("C", "O") if code in codes), "")
        initial["meeting_guide_types"] = [code for code in codes if code not in SEPARATE_CODES]
        return initial

    def listing_values(self):
        """The cleaned data as ``save_listing`` takes it."""
        data = dict(self.cleaned_data)
        series = data.pop("meeting_series")
        meeting_type = data.pop("meeting_type")
        data["meeting_guide_types"] = ([meeting_type] if meeting_type else []) + list(
            data["meeting_guide_types"]
        )
        data["languages"] = list(data["languages"])
        return series, data


class ReportChangeForm(HoneypotMixin, forms.Form):
    """ "This listing is wrong": anyone may send it; name and email only if they want an answer."""

    message = forms.CharField(
        label=_("What is wrong or has changed?"),
        max_length=REPORT_MAX_LENGTH,
        validators=[reject_control_characters],
        widget=forms.Textarea(attrs={**TEXT, "rows": 5}),
        help_text=_("For example a new time, a new link, or that the meeting has ended."),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=100,
        validators=[reject_control_characters],
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. It goes in the email and is not stored."),
        widget=forms.EmailInput(attrs={**TEXT, "autocomplete": "email"}),
    )

"""The public forms: the group list's filters and signing up (the admin's: ``admin_forms.py``)."""

import re

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from groups.models import (
    AgeBand,
    Group,
    InfoMeeting,
    Language,
    TimeOfDay,
    how_heard_answer_choices,
)
from groups.publicforms import HoneypotMixin
from rooms.choices import OneQueryChoiceIterator, SmallModelChoiceField
from rooms.models import Organisation, Weekday

# Readable, stable filter values in the URL: /grupper/?type=apen&dag=tirsdag&tid=kveld
KIND_SLUGS = {"apen": Group.Kind.OPEN, "lukket": Group.Kind.CLOSED}
DAY_SLUGS = {
    "mandag": Weekday.MONDAY,
    "tirsdag": Weekday.TUESDAY,
    "onsdag": Weekday.WEDNESDAY,
    "torsdag": Weekday.THURSDAY,
    "fredag": Weekday.FRIDAY,
    "lordag": Weekday.SATURDAY,
    "sondag": Weekday.SUNDAY,
}
TIME_SLUGS = {
    "formiddag": TimeOfDay.MORNING,
    "ettermiddag": TimeOfDay.AFTERNOON,
    "kveld": TimeOfDay.EVENING,
}

MESSAGE_MAX_LENGTH = 500
# Something that looks like markup: "<" followed by a letter, "/", "!" or "?".
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# [0-9], not \d: in Python \d also matches Arabic-Indic, Devanagari and other digits.
PHONE = re.compile(r"(?:\+|00)?[0-9]+")

NO_MARKUP_MESSAGE = _(
    "Please write plain text. Text in angle brackets, like <this>, cannot be saved."
)


# C0 and C1 control characters other than tab and line breaks: never typed by a person, and they
# garble the pages, feeds and calendars that show the text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def reject_control_characters(value):
    if value and CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            _("The text contains invisible control characters. Please type it again."),
            code="control_characters",
        )
    return value


def reject_markup(value):
    if value and MARKUP.search(value):
        raise forms.ValidationError(NO_MARKUP_MESSAGE, code="markup")
    return value


def normalise_phone(value):
    """Loose check for a Norwegian (8 digits, optional +47) or international number."""
    compact = PHONE_SEPARATORS.sub("", value or "")
    if not compact:
        return ""
    if not PHONE.fullmatch(compact):
        raise forms.ValidationError(
            _("Write the phone number with digits only, for example 912 34 567 or +47 912 34 567."),
            code="phone",
        )
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+47") and len(compact) != 11:
        raise forms.ValidationError(
            _("A Norwegian phone number has 8 digits after +47."), code="phone"
        )
    if compact.startswith("+") and not 8 <= len(compact) <= 16:
        raise forms.ValidationError(
            _("Please check the phone number: it looks too short or too long."), code="phone"
        )
    if not compact.startswith("+") and len(compact) != 8:
        raise forms.ValidationError(
            _("A Norwegian phone number has 8 digits. Add the country code for other countries."),
            code="phone",
        )
    return compact


CHECK = {"class": "form-check-input"}


class _OpenInfoMeetingIterator(OneQueryChoiceIterator):
    """Offers only upcoming meetings with places left (the field's queryset holds them all)."""

    def __init__(self, field):
        super().__init__(field)
        self.queryset = self.queryset.upcoming().filter(signup_count__lt=F("places"))


class InfoMeetingChoiceField(SmallModelChoiceField):
    """Accepts any information meeting and says why one cannot be chosen.

    Whoever loses the race for a meeting's last place (it filled between showing the form and
    sending it) is told that it is full, not Django's "Select a valid choice".
    """

    iterator = _OpenInfoMeetingIterator

    def validate(self, value):
        super().validate(value)
        if value is not None:
            value.check_open_for_signup()


class GroupFilterForm(forms.Form):
    """The filters on /grupper/, submitted with GET so every result has a readable URL."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A word from the name or description, e.g. grief, anxiety or AA."),
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    type = forms.ChoiceField(
        label=_("Kind of group"),
        required=False,
        widget=forms.RadioSelect(attrs=CHECK),
        choices=[
            ("", _("All groups")),
            ("apen", _("Open groups: just come")),
            ("lukket", _("Closed groups: register interest")),
        ],
    )
    dag = forms.MultipleChoiceField(
        label=_("Weekday"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        choices=[
            (slug, label) for slug, (_value, label) in zip(DAY_SLUGS, Weekday.choices, strict=True)
        ],
    )
    tid = forms.MultipleChoiceField(
        label=_("Time of day"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        choices=[(slug, dict(TimeOfDay.choices)[value]) for slug, value in TIME_SLUGS.items()],
    )
    sprak = forms.ChoiceField(
        label=_("Language"),
        required=False,
        widget=forms.RadioSelect(attrs=CHECK),
        choices=[("", _("Any language")), *Language.choices],
    )
    org = SmallModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("Any organisation"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    trinnfri = forms.BooleanField(
        label=_("Only step-free rooms"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    nett = forms.BooleanField(
        label=_("Can be attended online"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["org"].queryset = organisations

    def filter(self, queryset):
        """Apply the valid filters; an invalid value is ignored rather than emptying the list."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            queryset = queryset.matching_words(data["q"])
        if data.get("type"):
            queryset = queryset.filter(kind=KIND_SLUGS[data["type"]])
        if data.get("dag"):
            queryset = queryset.meeting_on([DAY_SLUGS[slug] for slug in data["dag"]])
        if data.get("tid"):
            queryset = queryset.starting_in([TIME_SLUGS[slug] for slug in data["tid"]])
        if data.get("sprak"):
            queryset = queryset.speaking(data["sprak"])
        if data.get("org"):
            queryset = queryset.filter(organisation=data["org"])
        if data.get("trinnfri"):
            queryset = queryset.step_free()
        if data.get("nett"):
            queryset = queryset.online()
        return queryset

    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)

    def _relaxed(self, label, **changes):
        """The same search with ``changes`` (field: new value, "" or [] to drop it)."""
        query = self.data.copy()
        query.pop("side", None)
        for name, value in changes.items():
            query.setlist(name, value if isinstance(value, list) else [value])
            if not any(query.getlist(name)):
                query.pop(name)
        return label, query

    def alternatives(self, queryset, show=3):
        """When nothing matches: the nearest searches that do find groups, nearest first.

        Each is ``{"label", "query", "count", "groups"}``; the template links to ``?<query>``.
        Only the ones with something to show are kept, so the person is never sent to another
        empty list; the nearest one also brings its first ``show`` groups to show at once.
        """
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        candidates = []
        if data.get("dag") or data.get("tid"):
            candidates.append(self._relaxed(_("On other days and times"), dag=[], tid=[]))
        if data.get("type"):
            other = "lukket" if data["type"] == "apen" else "apen"
            label = (
                _("Closed groups instead (register interest)")
                if other == "lukket"
                else _("Open groups instead (just come)")
            )
            candidates.append(self._relaxed(label, type=other))
        if data.get("q"):
            candidates.append(self._relaxed(_("Without the search words"), q=""))
        others = [name for name in ("sprak", "org", "trinnfri", "nett") if data.get(name)]
        if others:
            candidates.append(
                self._relaxed(_("Without the other choices"), **dict.fromkeys(others, ""))
            )
        alternatives = []
        for label, query in candidates:
            relaxed = GroupFilterForm(query, organisations=self.fields["org"].queryset)
            count = relaxed.filter(queryset).count()
            if count:
                groups = list(relaxed.filter(queryset)[:show]) if not alternatives else []
                alternatives.append(
                    {"label": label, "query": query.urlencode(), "count": count, "groups": groups}
                )
        return alternatives


class ExpectationsForm(forms.Form):
    read_expectations = forms.BooleanField(
        label=_("I have read how a closed group works and what is expected of me."),
        error_messages={
            "required": _("Please tick the box to confirm that you have read what to expect.")
        },
    )


class ConsentForm(forms.Form):
    free_choice = forms.BooleanField(
        label=_("I am signing up myself, because I want to. Nobody has made me do it."),
        error_messages={
            "required": _(
                "Please tick the box if you are signing up of your own free will. Joining a "
                "group only helps when it is your own choice."
            )
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that the centre stores the details I give, as described above."),
        error_messages={
            "required": _(
                "Please tick the box to agree that we store your details. Without it we cannot "
                "contact you."
            )
        },
    )


class ContactForm(HoneypotMixin, forms.Form):
    """Step 3: the person's own minimum contact details and wishes, and the information-meeting
    sign-up. Public and creating data, so it has the honeypot (and the view the rate limit)."""

    first_name = forms.CharField(
        label=_("Your first name or a nickname"),
        max_length=50,
        help_text=_("We only need what you want us to call you."),
        error_messages={
            "required": _("Please write your first name or a nickname."),
            "max_length": _("Please use at most 50 characters for your name."),
        },
    )
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        error_messages={"invalid": _("Please check the email address, e.g. name@example.no.")},
    )
    phone = forms.CharField(label=_("Your phone number"), required=False, max_length=30)
    is_adult = forms.BooleanField(
        label=_("I am 18 or older."),
        error_messages={
            "required": _("The groups are for adults. Please confirm that you are 18 or older.")
        },
    )
    age_band = forms.ChoiceField(
        label=_("Your age (optional)"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("I'd rather not say")), *AgeBand.choices],
        help_text=_("Helps us put together groups of people of similar age."),
    )
    preferred_weekdays = forms.TypedMultipleChoiceField(
        label=_("Days that suit you (optional)"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=Weekday.choices,
    )
    preferred_times = forms.MultipleChoiceField(
        label=_("Times that suit you (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=TimeOfDay.choices,
    )
    # The initial language is the page's or the chosen group's (see the view), not Norwegian.
    preferred_language = forms.ChoiceField(
        label=_("Language you want to speak in the group"),
        widget=forms.RadioSelect,
        choices=Language.choices,
    )
    preferred_group = SmallModelChoiceField(
        label=_("Group (optional)"),
        required=False,
        queryset=Group.objects.none(),
        to_field_name="slug",
        empty_label=_("Any new group is fine"),
    )
    info_meeting = InfoMeetingChoiceField(
        label=_("Would you like to come to an information meeting first? (optional)"),
        required=False,
        blank=True,
        widget=forms.RadioSelect,
        queryset=InfoMeeting.objects.with_signup_counts().none(),
        empty_label=_("Not now"),
        help_text=_("You listen, ask questions and decide afterwards. No obligation."),
    )
    how_heard = forms.ChoiceField(
        label=_("How did you hear about us? (optional)"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("I'd rather not say")), *how_heard_answer_choices()],
        help_text=_(
            "Anonymous: only counted, not stored with your registration. It tells us which of "
            "our information reaches people."
        ),
    )
    message = forms.CharField(
        label=_("Anything we should know? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_(
            "At most 500 characters. For example when you cannot come, or if you need step-free "
            "access. No need to tell us why you want to join."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_group"].queryset = (
            Group.objects.listed()
            .closed()
            .filter(status__in=[Group.Status.FORMING, Group.Status.RUNNING])
            .select_related("meeting_series")
        )
        # Past and full meetings are valid choices that get their own message (see the field).
        meetings = InfoMeeting.objects.with_signup_counts().select_related("room")
        self.fields["info_meeting"].queryset = meetings

    def clean_first_name(self):
        return reject_markup(self.cleaned_data["first_name"].strip())

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        reject_markup(value)
        return normalise_phone(value)

    def clean_message(self):
        value = self.cleaned_data["message"].strip()
        if len(value) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Please shorten your message to at most %(limit)d characters "
                    "(it has %(length)d now)."
                ),
                code="too_long",
                params={"limit": MESSAGE_MAX_LENGTH, "length": len(value)},
            )
        return reject_markup(value)

    def clean(self):
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and not (self.errors.get("email") or self.errors.get("phone"))
        ):
            # On the email field, so the message sits where the person can act on it.
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Please give an email address or a phone number, so that we can reach you."),
                    code="no_contact",
                ),
            )
        return data

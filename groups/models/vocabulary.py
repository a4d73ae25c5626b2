"""The words the groups app is written in: languages, times of day, attendance, Meeting Guide
type codes, and the validators of the fields that hold them. No models here."""

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MAX_GROUP_SIZE = 8
# The one permission that lets staff see group participants' personal data (registrations,
# memberships, information-meeting sign-ups) in the admin, on top of the model permissions.
# The "centre staff" role does not include it; it is given to the people who place participants.
PERSONAL_DATA_PERMISSION = "groups.view_personal_data"
FOLLOW_UP_AFTER = dt.timedelta(weeks=6)
# Paths under /grupper/ that are pages, not groups.
RESERVED_SLUGS = {"meld-interesse", "kalender", "meeting-guide", "trekk", "fagfolk-og-parorende"}


@cache
def choice_labels(choices):
    """Value -> label (lazy: each is translated when shown), made once per set of choices."""
    return dict(choices.choices)


def choice_label(choices, value):
    """What ``get_<field>_display()`` gives for a field with these choices, from a dict made
    once: Django rebuilds the field's list of choices on every call, and a change list calls it
    for every row (a row's name in its checkbox label, a "kind of place" column)."""
    return force_str(choice_labels(choices).get(value, value), strings_only=True)


@cache
def meeting_guide_types():
    """The official Meeting Guide type codes (code4recovery/spec data/types.json) with names.

    Norwegian names ("nb") are ours, added for the codes the centre uses.
    """
    path = Path(__file__).resolve().parent.parent / "meeting_guide_types.json"
    return json.loads(path.read_text(encoding="utf-8"))


def meeting_guide_type_name(code, language=None):
    names = meeting_guide_types().get(code, {})
    language = (language or get_language() or "nb")[:2]
    return names.get(language) or names.get("en") or code


def meeting_guide_type_choices():
    return sorted(
        ((code, f"{code} – {meeting_guide_type_name(code)}") for code in meeting_guide_types()),
        key=lambda choice: choice[0],
    )


class Language(models.TextChoices):
    """Languages a group can be held in, with their Meeting Guide type code."""

    NORWEGIAN = "nb", _("Norwegian")
    ENGLISH = "en", _("English")
    POLISH = "pl", _("Polish")
    SWEDISH = "sv", _("Swedish")


LANGUAGE_TYPE_CODES = {"nb": "NO", "en": "EN", "pl": "POL", "sv": "SV"}


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning (before 12)")
    AFTERNOON = "afternoon", _("Afternoon (12–17)")
    EVENING = "evening", _("Evening (from 17)")


TIME_OF_DAY_RANGES = {
    TimeOfDay.MORNING: (dt.time(0), dt.time(12)),
    TimeOfDay.AFTERNOON: (dt.time(12), dt.time(17)),
    TimeOfDay.EVENING: (dt.time(17), dt.time(23, 59, 59)),
}


def validate_languages(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."))
    unknown = [code for code in value if code not in Language.values]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
        )


def validate_weekdays(value):
    if not isinstance(value, list) or any(day not in range(7) for day in value):
        raise ValidationError(_("Weekdays must be numbers from 0 (Monday) to 6 (Sunday)."))


def validate_times_of_day(value):
    if not isinstance(value, list) or any(code not in TimeOfDay.values for code in value):
        raise ValidationError(_("Unknown time of day."))


def validate_meeting_guide_types(value):
    if not isinstance(value, list):
        raise ValidationError(_("Meeting Guide types must be a list of codes."))
    unknown = [code for code in value if code not in meeting_guide_types()]
    if unknown:
        raise ValidationError(
            _("Not an official Meeting Guide type code: %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
        )
    if "O" in value and "C" in value:
        raise ValidationError(_("A meeting cannot be both open (O) and closed (C)."))


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online only")
    HYBRID = "hybrid", _("In person and online (hybrid)")


# Video services that Meeting Guide clients recognise by the link's host (TSML UI's default
# list): a link elsewhere is dropped by them, and the meeting shows as inactive.
CONFERENCE_PROVIDERS = {
    "bluejeans.com": "Bluejeans",
    "discord.gg": "Discord",
    "freeconference.com": "Free Conference",
    "freeconferencecall.com": "FreeConferenceCall",
    "goto.com": "GoTo",
    "gotomeet.me": "GoTo",
    "gotomeeting.com": "GoTo",
    "meet.google.com": "Google Meet",
    "meet.jit.si": "Jitsi",
    "meetings.dialpad.com": "Dialpad",
    "signal.group": "Signal",
    "skype.com": "Skype",
    "teams.live.com": "Teams",
    "teams.microsoft.com": "Teams",
    "webex.com": "WebEx",
    "zoho.com": "Zoho",
    "zoom.us": "Zoom",
}


def is_known_conference_url(url):
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == domain or host.endswith("." + domain) for domain in CONFERENCE_PROVIDERS
    )


CONFERENCE_PHONE = re.compile(r"^\+?[0-9][0-9 ,*#]*$")


def validate_conference_phone(value):
    # Meeting Guide: numeric, with + for international dialling and , * # for one-tap links;
    # TSML UI drops numbers with fewer than ten digits, so we refuse them here.
    digits = sum(character.isdigit() for character in value)
    if not CONFERENCE_PHONE.match(value) or digits < 10:
        raise ValidationError(
            _(
                "Write the dial-in number with its country code, e.g. +47 21 00 00 00 "
                "(digits, and + , * # only)."
            ),
            code="conference_phone",
        )


SEARCHED_TEXT_FIELDS = [
    "short_description_nb",
    "short_description_en",
    "description_nb",
    "description_en",
]

"""The staff admin's forms for groups and centre meetings; the public forms are in
``groups/forms.py``."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import (
    MAX_GROUP_SIZE,
    Attendance,
    ContactMeeting,
    Group,
    InfoMeeting,
    Language,
    meeting_guide_type_choices,
)


def staff_choices(*keep):
    """Active staff for a staff picker, never an organisation's login; people already chosen
    stay (a starter who has left is kept on record rather than silently dropped on save)."""
    return (
        get_user_model()
        .objects.filter(Q(is_staff=True, is_active=True) | Q(pk__in=[pk for pk in keep if pk]))
        .order_by("first_name", "username")
    )


class GroupAdminForm(forms.ModelForm):
    """Checkboxes instead of raw JSON for the languages and the Meeting Guide type codes."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    meeting_guide_types = forms.MultipleChoiceField(
        label=_("Meeting Guide types"),
        required=False,
        choices=meeting_guide_type_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Open groups only. Language and wheelchair access are added automatically."),
    )
    # Not stated means in person, as before attendance existed: older forms stay valid.
    attendance = forms.TypedChoiceField(
        label=_("attendance"),
        choices=Attendance.choices,
        required=False,
        empty_value=Attendance.IN_PERSON,
        initial=Attendance.IN_PERSON,
    )
    conference_url = forms.URLField(
        label=_("conference link"),
        required=False,
        assume_scheme="https",
        help_text=_("Online and hybrid meetings: the link that opens the meeting itself."),
    )

    class Meta:
        model = Group
        fields = [
            "kind",
            "name",
            "slug",
            "status",
            "listed",
            "theme",
            "languages",
            "short_description_nb",
            "short_description_en",
            "description_nb",
            "description_en",
            "meeting_series",
            "capacity",
            "starters",
            "startup_meeting_on",
            "starters_step_back_on",
            "follow_up_on",
            "follow_up_held_on",
            "organisation",
            "contact_email",
            "meeting_guide_types",
            "attendance",
            "conference_url",
            "conference_url_notes",
            "conference_phone",
            "conference_phone_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "starters" in self.fields:
            chosen = self.instance.starters.values_list("pk", flat=True) if self.instance.pk else []
            self.fields["starters"].queryset = staff_choices(*chosen)

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and not 1 <= capacity <= MAX_GROUP_SIZE:
            raise forms.ValidationError(_("A group has between 1 and 8 places."))
        return capacity


class PlaceInGroupForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.closed().exclude(status=Group.Status.ENDED),
    )


class CentreMeetingAdminForm(forms.ModelForm):
    """A centre meeting books its room: a new or moved time must be free in the calendar."""

    def moved(self):
        return bool(self.instance.pk) and bool(
            {"starts_at", "ends_at", "room"} & set(self.changed_data)
        )

    def clean(self):
        data = super().clean()
        starts, ends, room = data.get("starts_at"), data.get("ends_at"), data.get("room")
        if (self.instance.pk and not self.moved()) or not (starts and ends and room):
            return data
        starts, ends = timezone.localtime(starts), timezone.localtime(ends)
        if ends <= starts or ends.date() != starts.date():
            raise forms.ValidationError(
                _("The meeting must end after it starts, on the same day."), code="order"
            )
        from groups.services import check_room_free

        check_room_free(
            room=room,
            day=starts.date(),
            start_time=starts.time(),
            end_time=ends.time(),
            exclude_series=self.instance.meeting_series if self.instance.pk else None,
        )
        return data


class InfoMeetingAdminForm(CentreMeetingAdminForm):
    class Meta:
        model = InfoMeeting
        fields = ["starts_at", "ends_at", "room", "language", "places", "notes"]


class ContactMeetingAdminForm(CentreMeetingAdminForm):
    class Meta:
        model = ContactMeeting
        fields = ["starts_at", "ends_at", "room", "notes"]

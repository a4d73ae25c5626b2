"""Writes for groups: self sign-up, placing people in groups, waiting lists, centre meetings.

Withdrawal, erasure, export and retention of personal data live in ``groups.personal_data``,
placing people, waiting lists and placing a proposed new group in ``groups.placing``; both are
re-exported here, so views, the admin and commands call ``groups.services`` for all.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groups.models import (
    ContactMeeting,
    Group,
    HowHeard,
    HowHeardCount,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
)
from groups.personal_data import (  # noqa: F401  (re-exported: one entry point for writes)
    Withdrawal,
    can_withdraw,
    consent_html,
    current_consent_version,
    erase_person,
    erase_registration,
    erase_registrations,
    export_person,
    person_registrations,
    purge_personal_data,
    record_access,
    record_consent,
    withdraw_registration,
)
from groups.placing import (  # noqa: F401  (re-exported: one entry point for writes)
    email_language,
    first_in_line,
    first_meeting,
    leave_group,
    mark_contacted,
    move_forward_in_line,
    move_up,
    place_in_group,
    place_proposal,
    promote_from_waitlist,
    registration_recipient,
    withdraw_on_request,
)
from rooms.availability import preview_series
from rooms.mail import Recipient, send_after_commit
from rooms.models import Organisation, Room
from rooms.services import book_series, release_series
from rooms.slots import Slot
from rooms.times import local_datetime


def _confirmation_recipients(registration_id, language):
    registration = InterestRegistration.objects.filter(pk=registration_id).first()
    if registration is None:
        return []
    signups = list(registration.info_meeting_signups.select_related("info_meeting"))
    return [registration_recipient(registration, language=language, info_signups=signups)]


@transaction.atomic
def register_interest(
    *,
    first_name: str,
    email: str = "",
    phone: str = "",
    is_adult: bool,
    read_expectations: bool,
    free_choice: bool,
    consent_version: str,
    consented_at: dt.datetime,
    age_band: str = "",
    preferred_weekdays=(),
    preferred_times=(),
    preferred_language: str = "nb",
    preferred_group: Group | None = None,
    message: str = "",
    info_meeting: InfoMeeting | None = None,
    how_heard: str = "",
    notify: bool = True,
) -> InterestRegistration:
    """Store a person's own registration and send them a confirmation.

    Only the person themself uses this (through the public sign-up): it takes no "registered
    by" and nothing about anyone else. ``how_heard`` is not stored on the registration: it is
    added to the anonymous count of the month (see ``count_how_heard``).
    """
    record_consent(version=consent_version)
    if preferred_group is not None and not preferred_group.is_closed:
        raise ValidationError(_("You can only register interest in a closed group."), "not_closed")
    registration = InterestRegistration(
        first_name=first_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        is_adult=is_adult,
        age_band=age_band,
        preferred_weekdays=sorted(set(preferred_weekdays)),
        preferred_times=list(preferred_times),
        preferred_language=preferred_language,
        preferred_group=preferred_group,
        message=message.strip(),
        consent_version=consent_version,
        consented_at=consented_at,
        read_expectations=read_expectations,
        free_choice=free_choice,
    )
    registration.full_clean()
    registration.save()
    count_how_heard(answer=how_heard)
    if info_meeting is not None:
        # The consent of step 2 covers the information meeting chosen in the same sign-up.
        sign_up_for_info_meeting(
            registration=registration,
            info_meeting=info_meeting,
            consent_version=consent_version,
            consented_at=consented_at,
        )
    if notify:
        # The language the person signed up in; the rows are read again after commit.
        language = translation.get_language() or settings.LANGUAGE_CODE
        registration_id = registration.pk
        send_after_commit(
            template="groups/email/registration_received",
            recipients=lambda: _confirmation_recipients(registration_id, language),
        )
    return registration


@transaction.atomic
def count_how_heard(*, answer: str = "", on: dt.date | None = None) -> None:
    """Add one sign-up to the anonymous count of its month and answer ("" = not answered).

    The count has no link to the person, so it survives withdrawal and erasure. The increment
    is an UPDATE with F(), so two sign-ups at once both count.
    """
    answer = answer or HowHeard.NOT_ANSWERED
    if answer not in HowHeard.values:
        raise ValidationError(_("Please choose one of the answers."), "how_heard")
    month = (on or timezone.localdate()).replace(day=1)
    HowHeardCount.objects.get_or_create(month=month, answer=answer)
    HowHeardCount.objects.filter(month=month, answer=answer).update(count=F("count") + 1)


@transaction.atomic
def sign_up_for_info_meeting(
    *,
    registration: InterestRegistration,
    info_meeting: InfoMeeting,
    consent_version: str | None = None,
    consented_at: dt.datetime | None = None,
) -> InfoMeetingSignup:
    """Sign the person up, with the consent (text version and time) that covers it.

    Without a consent of its own the registration's consent is recorded.
    """
    meeting = InfoMeeting.objects.select_for_update().get(pk=info_meeting.pk)
    if meeting.signups.filter(registration=registration).exists():
        raise ValidationError(_("You are already signed up for that meeting."), "duplicate")
    meeting.check_open_for_signup()
    signup = InfoMeetingSignup(
        info_meeting=meeting,
        registration=registration,
        consent_version=consent_version or registration.consent_version,
        consented_at=consented_at or registration.consented_at,
    )
    signup.full_clean()
    signup.save()
    return signup


def book_quietly(**kwargs):
    """``rooms.services.book_series`` for the centre's own bookings and the demo: the centre
    booking its own room needs neither the email to the organisation nor the approval step."""
    return book_series(**kwargs, notify=False, staff=True)


def centre_organisation():
    """The centre itself as a rooms organisation: it books the closed groups and info meetings."""
    organisation, _created = Organisation.objects.get_or_create(
        slug=settings.GROUPS_CENTRE_SLUG,
        defaults={"name": settings.CENTRE_NAME, "email": settings.CENTRE_EMAIL},
    )
    return organisation


def check_room_free(
    *, room: Room, day: dt.date, start_time: dt.time, end_time: dt.time, exclude_series=None
):
    """Raise a ValidationError saying why, if the room cannot be booked then.

    ``exclude_series``: a booking being moved does not stand in its own way.
    """
    slot = Slot.once(
        organisation=centre_organisation(),
        room=room,
        date=day,
        start_time=start_time,
        end_time=end_time,
    )
    previews = preview_series(slot=slot, exclude_series=exclude_series)
    if not previews:
        raise ValidationError(_("That date is too far ahead to book."), "beyond_horizon")
    if not previews[0].is_free:
        raise ValidationError(
            _("%(room)s cannot be booked then: %(reason)s. Choose another time or room.")
            % {"room": room.name, "reason": previews[0].reason},
            "room_not_free",
        )


@transaction.atomic
def schedule_info_meeting(
    *,
    room: Room,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    language: str = "nb",
    places: int = 12,
    notes: str = "",
    by=None,
) -> InfoMeeting:
    """Book the room in the centre's calendar and create the information meeting."""
    meeting = InfoMeeting(language=language, places=places, notes=notes)
    slot = {"room": room, "day": day, "start_time": start_time, "end_time": end_time}
    _book_centre_meeting_slot(meeting, **slot, by=by)
    return meeting


@transaction.atomic
def schedule_contact_meeting(
    *,
    room: Room,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    notes: str = "",
    by=None,
) -> ContactMeeting:
    """Book the room and create the contact meeting for all running groups."""
    meeting = ContactMeeting(notes=notes)
    slot = {"room": room, "day": day, "start_time": start_time, "end_time": end_time}
    _book_centre_meeting_slot(meeting, **slot, by=by)
    return meeting


def _book_centre_meeting_slot(meeting, *, room, day, start_time, end_time, by):
    """Book the slot in the centre's calendar and save the meeting at that time and room."""
    check_room_free(room=room, day=day, start_time=start_time, end_time=end_time)
    slot = Slot.once(
        organisation=centre_organisation(),
        room=room,
        date=day,
        start_time=start_time,
        end_time=end_time,
    )
    result = book_quietly(
        slot=slot,
        title=str(meeting.calendar_title),
        is_public=True,
        created_by=by,
    )
    meeting.starts_at = local_datetime(day, start_time)
    meeting.ends_at = local_datetime(day, end_time)
    meeting.room = room
    meeting.meeting_series = result.series
    meeting.full_clean()
    meeting.save()


@transaction.atomic
def cancel_centre_meeting(*, meeting: InfoMeeting | ContactMeeting, by=None) -> None:
    """Delete an information or contact meeting (with any sign-ups) and free its room; the
    room's booking is cancelled, not deleted, so the calendar's history keeps it."""
    series = meeting.meeting_series
    meeting.delete()
    if series is not None:
        release_series(series=series, by=by, reason=_("the meeting was cancelled"))


def _info_meeting_moved_recipients(meeting_id):
    signups = (
        InfoMeetingSignup.objects.filter(info_meeting_id=meeting_id)
        .exclude(registration__email="")
        .select_related("registration")
        .order_by("pk")
    )
    return [
        Recipient(signup.registration.email, email_language(signup.registration))
        for signup in signups
    ]


@transaction.atomic
def reschedule_info_meeting(
    *,
    info_meeting: InfoMeeting,
    room: Room,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    by=None,
) -> int:
    """Move the meeting to another time or room; the sign-ups stay and are told by email.

    The old room booking is released first, so the meeting can also grow into its own slot; if
    the new slot cannot be booked the transaction rolls back and the old booking stands.
    Returns how many signed-up people have no email and must be told another way.
    """
    # From the database: in the admin the instance already holds the new time.
    old_description = str(InfoMeeting.objects.select_related("room").get(pk=info_meeting.pk))
    move_centre_meeting(
        meeting=info_meeting, room=room, day=day, start_time=start_time, end_time=end_time, by=by
    )
    meeting_id = info_meeting.pk
    send_after_commit(
        template="groups/email/info_meeting_moved",
        recipients=lambda: _info_meeting_moved_recipients(meeting_id),
        context=lambda: {
            "meeting": InfoMeeting.objects.select_related("room").get(pk=meeting_id),
            "old_description": old_description,
        },
    )
    return info_meeting.signups.filter(registration__email="").count()


@transaction.atomic
def move_centre_meeting(
    *, meeting, room: Room, day: dt.date, start_time: dt.time, end_time: dt.time, by=None
) -> None:
    """Free the meeting's old room booking and book the new slot, all or nothing.

    The old booking goes first so the meeting can also grow into its own slot.
    """
    if meeting.meeting_series_id:
        release_series(
            series=meeting.meeting_series, by=by, reason=_("the meeting moved to another time")
        )
    _book_centre_meeting_slot(
        meeting, room=room, day=day, start_time=start_time, end_time=end_time, by=by
    )


@transaction.atomic
def record_follow_up(*, group: Group, held_on: dt.date | None = None) -> Group:
    group = Group.objects.select_for_update().get(pk=group.pk)
    group.follow_up_held_on = held_on or timezone.localdate()
    group.full_clean()
    group.save()
    return group

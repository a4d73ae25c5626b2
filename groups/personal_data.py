"""Writes for the participants' personal data: consent, withdrawal, export, erasure, retention.

The writes of ``groups/services.py`` that concern one person's data live here (that module was
long enough); ``groups.services`` re-exports them, so callers still have one entry point.

Erasing deletes the registration row with its memberships and information-meeting sign-ups
(``on_delete=CASCADE``), so no identifying field can be overlooked, now or when a field is added.
What statistics keep is a count without a person: ``ErasedRegistrationCount`` by month of
registration, language, reason and whether the person had had a place.
"""

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from groups.forms import ConsentForm
from groups.models import (
    ConsentText,
    ErasedRegistrationCount,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
    PersonalDataAccess,
)

CONSENT_TEMPLATE = "groups/_consent_text.html"
CONSENT_LANGUAGES = ("nb", "en")
# ``secrets.token_urlsafe(32)``: 43 URL-safe characters. Anything else is not a link we sent, and
# is answered without a query (a NUL byte would make PostgreSQL refuse the query).
WITHDRAW_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
Reason = ErasedRegistrationCount.Reason
Action = PersonalDataAccess.Action


# --- consent --------------------------------------------------------------------------------


def consent_html(language=None):
    """The consent text of step 2 (the list of what is stored, why and for how long)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(
            CONSENT_TEMPLATE,
            {
                "centre": {"name": settings.CENTRE_NAME},
                "retention_days": settings.GROUPS_RETENTION_DAYS,
            },
        )
    return mark_safe(html)  # noqa: S308  (our own template, autoescaped)


def consent_texts():
    """{language: the words a person agrees to}: the text above plus the two ticked statements.

    Plain text, one line per sentence block, so re-indenting the template is not a new version.
    """
    texts = {}
    for language in CONSENT_LANGUAGES:
        with translation.override(language):
            labels = [str(field.label) for field in ConsentForm.base_fields.values()]
        lines = [" ".join(line.split()) for line in strip_tags(consent_html(language)).splitlines()]
        texts[language] = "\n".join(line for line in [*lines, *labels] if line)
    return texts


def consent_version(texts=None):
    """A short hash of the consent text in every language: a changed word is a new version."""
    texts = texts or consent_texts()
    digest = hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()
    return digest[:12]


def current_consent_version():
    return consent_version()


def record_consent(*, version: str) -> ConsentText:
    """Check that ``version`` is the text shown now, and keep that text (once per version)."""
    texts = consent_texts()
    if version != consent_version(texts):
        raise ValidationError(
            _("The consent text has changed since you agreed to it. Please read it again."),
            "consent_outdated",
        )
    consent, _created = ConsentText.objects.get_or_create(
        version=version, defaults={"text_nb": texts["nb"], "text_en": texts["en"]}
    )
    return consent


# --- the access record ------------------------------------------------------------------------


def record_access(*, user, action: str, registration_ids) -> None:
    """Append who did what to which registrations (viewed, exported, changed, erased)."""
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(
            user=user, username=user.get_username(), action=action, registration_id=pk
        )
        for pk in sorted(set(registration_ids))
    )


# --- erasure ----------------------------------------------------------------------------------


def _count_erasures(registrations, reason):
    """Add the erased registrations to the anonymous counts (no person in them)."""
    placed = set(
        Membership.objects.filter(
            registration__in=[registration.pk for registration in registrations],
            joined_on__isnull=False,
        ).values_list("registration_id", flat=True)
    )
    counts = Counter(
        (
            timezone.localtime(registration.created_at).date().replace(day=1),
            registration.preferred_language,
            registration.pk in placed,
        )
        for registration in registrations
    )
    for (month, language, had_place), count in sorted(counts.items()):
        row, _created = ErasedRegistrationCount.objects.get_or_create(
            registered_month=month, preferred_language=language, reason=reason, had_place=had_place
        )
        ErasedRegistrationCount.objects.filter(pk=row.pk).update(count=F("count") + count)


@transaction.atomic
def erase_registrations(*, registrations, reason: str = Reason.ERASED, by=None) -> int:
    """Delete the registrations with their memberships and meeting sign-ups; count them.

    ``by``: the staff user, recorded in the access record. Returns how many were erased.
    """
    locked = list(
        InterestRegistration.objects.select_for_update()
        .filter(pk__in=[registration.pk for registration in registrations])
        .order_by("pk")
    )
    if not locked:
        return 0
    _count_erasures(locked, reason)
    ids = [registration.pk for registration in locked]
    InterestRegistration.objects.filter(pk__in=ids).delete()
    if by is not None:
        record_access(user=by, action=Action.ERASED, registration_ids=ids)
    return len(ids)


def erase_registration(*, registration: InterestRegistration, by=None) -> None:
    erase_registrations(registrations=[registration], by=by)


def erase_person(*, registration: InterestRegistration, by) -> int:
    """Erase everything held about the person: every registration with their email or phone."""
    return erase_registrations(
        registrations=list(InterestRegistration.objects.same_person_as(registration)), by=by
    )


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal removed, for the page that tells the person."""

    groups: int
    waiting_lists: int
    info_meetings: int


def can_withdraw(token: str) -> bool:
    return bool(WITHDRAW_TOKEN.match(token or "")) and (
        InterestRegistration.objects.filter(withdraw_token=token).exists()
    )


@transaction.atomic
def withdraw_registration(*, token: str) -> Withdrawal:
    """The person withdraws: the registration is erased at once, with every group place,
    waiting-list place and information-meeting sign-up. Only an anonymous count remains.
    """
    registration = None
    if WITHDRAW_TOKEN.match(token or ""):
        registration = (
            InterestRegistration.objects.select_for_update().filter(withdraw_token=token).first()
        )
    if registration is None:
        raise ValidationError(
            _(
                "There is nothing to withdraw with this link: the registration is already "
                "withdrawn and erased, or the link is not one we sent."
            ),
            "unknown_token",
        )
    current = Counter(registration.memberships.current().values_list("status", flat=True))
    withdrawal = Withdrawal(
        groups=current[Membership.Status.ACTIVE],
        waiting_lists=current[Membership.Status.WAITLISTED],
        info_meetings=registration.info_meeting_signups.count(),
    )
    erase_registrations(registrations=[registration], reason=Reason.WITHDRAWN)
    return withdrawal


# --- export -----------------------------------------------------------------------------------


def _export_registration(registration, consent_texts_by_version):
    consent = consent_texts_by_version.get(registration.consent_version)
    return {
        "id": registration.pk,
        "status": registration.get_status_display(),
        "first_name": registration.first_name,
        "email": registration.email,
        "phone": registration.phone,
        "confirmed_18_or_older": registration.is_adult,
        "age_band": registration.get_age_band_display(),
        "preferred_weekdays": registration.preferred_weekday_labels(),
        "preferred_times": registration.preferred_time_labels(),
        "preferred_language": registration.get_preferred_language_display(),
        "preferred_group": str(registration.preferred_group or ""),
        "message": registration.message,
        "read_what_to_expect": registration.read_expectations,
        "of_own_free_will": registration.free_choice,
        "consent": {
            "version": registration.consent_version,
            "agreed_at": registration.consented_at,
            "text": {"nb": consent.text_nb, "en": consent.text_en} if consent else None,
        },
        "registered_at": registration.created_at,
        "changed_at": registration.updated_at,
        "groups": [
            {
                "group": membership.group.name,
                "status": membership.get_status_display(),
                "seat": membership.seat,
                "place_in_line": membership.waitlist_position,
                "joined_on": membership.joined_on,
                "left_on": membership.left_on,
                "since": membership.created_at,
            }
            for membership in registration.memberships.all()
        ],
        "information_meetings": [
            {
                "meeting": str(signup.info_meeting),
                "starts_at": signup.info_meeting.starts_at,
                "signed_up_at": signup.created_at,
                "consent_version": signup.consent_version,
                "consented_at": signup.consented_at,
            }
            for signup in registration.info_meeting_signups.all()
        ],
    }


def person_registrations(registration):
    """The person's registrations (same email or phone) with what hangs on them, no N+1."""
    return (
        InterestRegistration.objects.same_person_as(registration)
        .select_related("preferred_group")
        .prefetch_related("memberships__group", "info_meeting_signups__info_meeting__room")
        .order_by("created_at")
    )


def export_person(*, registration: InterestRegistration, by) -> dict:
    """Everything held about the person, as plain values (for JSON and the readable page).

    Recorded as "exported" in the access record for each registration included.
    """
    registrations = list(person_registrations(registration))
    versions = {registration.consent_version for registration in registrations} | {
        signup.consent_version
        for registration in registrations
        for signup in registration.info_meeting_signups.all()
    }
    consent_texts_by_version = ConsentText.objects.in_bulk(versions, field_name="version")
    ids = [registration.pk for registration in registrations]
    accesses = PersonalDataAccess.objects.filter(registration_id__in=ids).order_by("at")
    data = {
        "controller": {
            "name": settings.CENTRE_NAME,
            "email": settings.CENTRE_EMAIL,
            "phone": settings.CENTRE_PHONE,
        },
        "exported_at": timezone.now(),
        "registrations": [
            _export_registration(registration, consent_texts_by_version)
            for registration in registrations
        ],
        # Who at the centre has handled the data, by role rather than by staff name.
        "handled_by_staff": [
            {
                "registration": access.registration_id,
                "action": access.get_action_display(),
                "at": access.at,
            }
            for access in accesses
        ],
    }
    record_access(user=by, action=Action.EXPORTED, registration_ids=ids)
    return data


# --- retention --------------------------------------------------------------------------------


def purge_personal_data(*, now: dt.datetime | None = None, dry_run: bool = False) -> dict:
    """Erase what is past its retention period; returns {kind: how many}, never who.

    Registrations are erased (and counted) like a withdrawal; ended memberships and sign-ups for
    past information meetings are deleted. With ``dry_run`` nothing changes.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = InterestRegistration.objects.past_retention(now)
        # Locked: nobody changes them between counting and erasing.
        registrations = list(due if dry_run else due.select_for_update())
        # Sign-ups and memberships of those registrations go with them: count them once.
        erased_ids = [registration.pk for registration in registrations]
        memberships = Membership.objects.past_retention(now).exclude(registration_id__in=erased_ids)
        signups = InfoMeetingSignup.objects.past_retention(now).exclude(
            registration_id__in=erased_ids
        )
        counts = {
            "registrations": len(registrations),
            "memberships": memberships.count(),
            "info_meeting_signups": signups.count(),
        }
        if not dry_run:
            memberships.delete()
            signups.delete()
            erase_registrations(registrations=registrations, reason=Reason.EXPIRED)
    return counts

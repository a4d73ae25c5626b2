"""Writes for the public listings partner organisations keep of their open meetings.

An open ``Group`` is a partner's listing: the organisation writes it on its own pages under
/rom/, from one of its own booking series (room, weekday and time come from the booking, so a
listing can never show a slot the room calendar does not hold). Staff see and override all of
it in the admin; with ``GROUPS_LISTING_REQUIRE_APPROVAL`` a new listing waits, unlisted, until
staff tick "listed publicly".
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groups.models import RESERVED_SLUGS, Group
from rooms.mail import Recipient, send_after_commit
from rooms.models import BookingSeries

LISTING_FIELDS = [
    "name",
    "short_description_nb",
    "short_description_en",
    "description_nb",
    "description_en",
    "languages",
    "meeting_guide_types",
    "attendance",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "contact_email",
    "status",
]


# slugify() drops letters it cannot decompose: "møtet" would become "mtet".
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def _unique_slug(name, series):
    base = slugify(str(name).translate(NORWEGIAN_LETTERS))[:56].strip("-") or f"mote-{series.pk}"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Group.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def save_listing(*, organisation, series, listing=None, slug=None, listed=None, **values) -> Group:
    """Create (``listing=None``) or change one organisation's listing of an open meeting.

    ``values`` are the fields in ``LISTING_FIELDS``. The series row is locked so that two
    listings cannot take the same booking series at once; nothing is saved unless every
    field is valid. Saving counts as confirming the listing (``last_confirmed``): whoever
    edits it has just looked at it. A new listing takes ``slug`` when free (an imported
    feed's own), and ``listed`` overrides the approval setting (staff importing approve).
    """
    unknown = set(values) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown listing fields: {sorted(unknown)}")
    series = (
        BookingSeries.objects.select_for_update()
        .filter(pk=series.pk, organisation=organisation)
        .exclude(status=BookingSeries.Status.CANCELLED)
        .first()
    )
    if series is None:
        raise ValidationError(
            {"meeting_series": _("Choose one of your own booking series that is not cancelled.")},
            code="not_your_series",
        )
    if listing is None:
        listing = Group(
            kind=Group.Kind.OPEN,
            organisation=organisation,
            listed=not settings.GROUPS_LISTING_REQUIRE_APPROVAL if listed is None else listed,
            slug=_unique_slug(slug or values.get("name", ""), series),
        )
    elif listing.organisation_id != organisation.pk or listing.kind != Group.Kind.OPEN:
        raise ValidationError(_("This listing belongs to another organisation."), code="not_yours")
    taken = Group.objects.filter(meeting_series=series).exclude(pk=listing.pk).exists()
    if taken:
        raise ValidationError(
            {"meeting_series": _("This booking series already has a listing; edit that one.")},
            code="series_listed",
        )
    for field, value in values.items():
        setattr(listing, field, value)
    listing.meeting_series = series
    listing.last_confirmed = timezone.localdate()
    listing.full_clean()
    listing.save()
    if not series.is_public:
        # A listed meeting's title is public anyway: the booking says so too.
        series.is_public = True
        series.save(update_fields=["is_public", "updated_at"])
    return listing


@transaction.atomic
def end_listings(*, listings) -> int:
    """Mark listings ended (an imported feed no longer has them); their pages say so."""
    ended = 0
    for listing in listings:
        if listing.status != Group.Status.ENDED:
            listing.status = Group.Status.ENDED
            listing.full_clean()
            listing.save(update_fields=["status", "updated_at"])
            ended += 1
    return ended


REPORT_MAX_LENGTH = 2000


def _change_report_recipients(listing_id, name, email, message):
    listing = Group.objects.select_related("organisation", "meeting_series__room").get(
        pk=listing_id
    )
    organisation = listing.organisation
    # One message to the listing's contact and the staff, in the organisation's language.
    context = {
        "listing": listing,
        "listing_url": settings.SITE_URL + listing.get_absolute_url(),
        "edit_url": settings.SITE_URL + reverse("listings:edit", kwargs={"pk": listing.pk}),
        "reporter_name": name,
        "reporter_email": email,
        "message": message,
    }
    return [
        Recipient(
            listing.contact_email or organisation.email,
            organisation.language,
            context,
            also_to=(settings.CENTRE_EMAIL,),
        )
    ]


@transaction.atomic
def report_listing_change(*, listing: Group, message: str, name: str = "", email: str = "") -> None:
    """Send a visitor's "this listing is wrong" to the organisation's contact and the staff.

    Nothing is stored: the message, name and address exist only in the email (sent after
    commit, in the organisation's language).
    """
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write what is wrong or has changed.")}, code="empty")
    if len(message) > REPORT_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("Please keep the message under %(max)d characters.")
                % {"max": REPORT_MAX_LENGTH}
            },
            code="too_long",
        )
    if not (listing.is_open and listing.organisation_id):
        raise ValidationError(_("Only partner listings take change reports."), code="not_listing")
    listing_id, name, email = listing.pk, name.strip(), email.strip()
    send_after_commit(
        template="groups/email/listing_change_report",
        recipients=partial(_change_report_recipients, listing_id, name, email, message),
        # Answering goes straight to the person, when they gave an address; we keep none.
        reply_to=[email] if email else [],
    )

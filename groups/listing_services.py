"""Writes for the public listings partner organisations keep of their open meetings.

An open ``Group`` is a partner's listing: the organisation writes it on its own pages under
/rom/, from one of its own booking series (room, weekday and time come from the booking, so a
listing can never show a slot the room calendar does not hold). Staff see and override all of
it in the admin; with ``GROUPS_LISTING_REQUIRE_APPROVAL`` a new listing waits, unlisted, until
staff tick "listed publicly".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groups.models import RESERVED_SLUGS, Group
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
    base = slugify(name.translate(NORWEGIAN_LETTERS))[:56].strip("-") or f"mote-{series.pk}"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Group.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def save_listing(*, organisation, series, listing=None, **values) -> Group:
    """Create (``listing=None``) or change one organisation's listing of an open meeting.

    ``values`` are the fields in ``LISTING_FIELDS``. The series row is locked so that two
    listings cannot take the same booking series at once; nothing is saved unless every
    field is valid.
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
            listed=not settings.GROUPS_LISTING_REQUIRE_APPROVAL,
            slug=_unique_slug(values.get("name", ""), series),
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
    listing.full_clean()
    listing.save()
    if not series.is_public:
        # A listed meeting's title is public anyway: the booking says so too.
        series.is_public = True
        series.save(update_fields=["is_public", "updated_at"])
    return listing

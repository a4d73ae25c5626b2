"""Fresh listings: once a month each partner organisation confirms its open meetings are right.

``send_confirmation_requests`` (the ``send_listing_confirmations`` command, monthly from cron)
mails each organisation's contact its listings with one signed link. The link is the
credential (the contact may have no login): it names the organisation and the listings in the
email, is signed with ``SECRET_KEY`` (``django.core.signing``) and expires after
``GROUPS_LISTING_CONFIRMATION_LINK_DAYS`` days. Opening it only shows what would be confirmed;
the button's POST confirms, so a mail scanner that follows links confirms nothing.
"""

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Group
from rooms.mail import organisation_recipient, send_after_commit
from rooms.models import Organisation

logger = logging.getLogger(__name__)
SALT = "groups.listing_confirmation"


def confirmation_token(organisation, listing_ids):
    return signing.dumps({"o": organisation.pk, "g": sorted(listing_ids)}, salt=SALT, compress=True)


def read_confirmation_token(token):
    """(organisation, its listings named in the link that are still its own), or a coded error."""
    max_age = dt.timedelta(days=settings.GROUPS_LISTING_CONFIRMATION_LINK_DAYS)
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _(
                "This link has expired. Log in to confirm your listings, or wait for next "
                "month's email."
            ),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid."), code="bad_link") from error
    organisation = Organisation.objects.active().filter(pk=value.get("o")).first()
    if organisation is None:
        raise ValidationError(_("This link is not valid."), code="bad_link")
    listings = (
        Group.objects.partner_listings()
        .filter(organisation=organisation, pk__in=value.get("g") or [])
        .select_related("meeting_series__room")
        .order_by("meeting_series__weekday", "meeting_series__start_time", "name")
    )
    return organisation, list(listings)


@transaction.atomic
def confirm_listings(*, organisation, listing_ids) -> int:
    """Mark the organisation's own listings among ``listing_ids`` as confirmed today."""
    return (
        Group.objects.partner_listings()
        .filter(organisation=organisation, pk__in=listing_ids)
        .update(last_confirmed=timezone.localdate())
    )


def _request_recipients(organisation_id, listing_ids):
    organisation = Organisation.objects.get(pk=organisation_id)
    listings = list(
        Group.objects.filter(pk__in=listing_ids)
        .select_related("meeting_series__room")
        .order_by("meeting_series__weekday", "meeting_series__start_time", "name")
    )
    token = confirmation_token(organisation, listing_ids)
    return [
        organisation_recipient(
            organisation,
            listings=listings,
            confirm_url=settings.SITE_URL
            + reverse("listings:confirm_link", kwargs={"token": token}),
            edit_url=settings.SITE_URL + reverse("listings:list"),
            link_days=settings.GROUPS_LISTING_CONFIRMATION_LINK_DAYS,
        )
    ]


def send_confirmation_requests(*, today=None) -> int:
    """Ask every active organisation with listings to confirm them; returns how many were asked.

    At most once per calendar month per organisation, however often it runs: an organisation
    any of whose listings was asked this month is skipped. Each organisation is one
    transaction that locks its listings, so two runs at once cannot both send; the email
    goes after commit.
    """
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    organisation_ids = (
        Group.objects.partner_listings()
        .filter(organisation__active=True)
        .exclude(organisation__email="")
        .values_list("organisation", flat=True)
        .distinct()
    )
    asked = 0
    for organisation_id in sorted(set(organisation_ids)):
        with transaction.atomic():
            listings = list(
                Group.objects.partner_listings()
                .select_for_update()
                .filter(organisation_id=organisation_id)
                .order_by("pk")
            )
            if not listings or any(
                listing.confirmation_requested_on
                and listing.confirmation_requested_on >= month_start
                for listing in listings
            ):
                continue
            ids = [listing.pk for listing in listings]
            Group.objects.filter(pk__in=ids).update(confirmation_requested_on=today)
            send_after_commit(
                template="groups/email/listing_confirmation",
                recipients=partial(_request_recipients, organisation_id, ids),
            )
            asked += 1
    logger.info("Asked %d organisations to confirm their listings", asked)
    return asked

"""Partner organisations' own pages for the public listings of their open meetings (/rom/…).

Every lookup is limited to the organisation the user acts for, so another organisation's
listing answers 404, as the booking pages do.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from groups import listing_services
from groups.listing_forms import ListingForm
from groups.models import Group
from rooms.models import BookingSeries
from rooms.views import organisation_required


def _own_listings(organisation):
    return (
        Group.objects.open()
        .filter(organisation=organisation)
        .select_related("meeting_series__room")
    )


@require_GET
@organisation_required
def listing_list(request):
    listings = _own_listings(request.organisation).order_by(
        "meeting_series__weekday", "meeting_series__start_time", "name"
    )
    unlisted_series = (
        BookingSeries.objects.filter(organisation=request.organisation, group__isnull=True)
        .exclude(status=BookingSeries.Status.CANCELLED)
        .select_related("room")
    )
    return render(
        request,
        "groups/listings/list.html",
        {"listings": listings, "unlisted_series": unlisted_series, "active": "listings"},
    )


def _save(request, form, listing):
    series, values = form.listing_values()
    try:
        return listing_services.save_listing(
            organisation=request.organisation, series=series, listing=listing, **values
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                field = field if field in form.fields else None
                for message in errors:
                    form.add_error(field, message)
        else:
            for message in error.messages:
                form.add_error(None, message)
        return None


@require_http_methods(["GET", "POST"])
@organisation_required
def listing_edit(request, pk=None):
    listing = None
    if pk is not None:
        listing = get_object_or_404(_own_listings(request.organisation), pk=pk)
    initial = None
    if listing is None:
        initial = {
            "meeting_series": request.GET.get("serie"),
            "languages": ["nb"],
            "attendance": "in_person",
            "status": Group.Status.RUNNING,
            "contact_email": request.organisation.email,
        }
    form = ListingForm(
        request.POST if request.method == "POST" else None,
        organisation=request.organisation,
        listing=listing,
        **({"initial": initial} if initial else {}),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, listing)
        if saved is not None:
            if not saved.listed:
                messages.success(
                    request,
                    _("Saved. The centre's staff approve new listings before they are shown."),
                )
            else:
                messages.success(request, _("Saved: the listing is public."))
            return redirect("listings:list")
    return render(
        request,
        "groups/listings/form.html",
        {
            "form": form,
            "listing": listing,
            "active": "listings",
            "needs_approval": settings.GROUPS_LISTING_REQUIRE_APPROVAL,
        },
    )

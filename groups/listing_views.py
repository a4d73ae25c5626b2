"""Partner organisations' own pages for the public listings of their open meetings (/rom/…),
the monthly email's confirmation link, and the public "report a change" form.

Every lookup on the organisation pages is limited to the organisation the user acts for, so
another organisation's listing answers 404, as the booking pages do.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groups import listing_confirmations, listing_services
from groups.listing_forms import ListingForm, ReportChangeForm
from groups.models import Group
from groups.publicforms import refuse_when_over_limit
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
        _add_errors(form, error)
        return None


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = field if field in form.fields else None
            for message in errors:
                form.add_error(field, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


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


@require_POST
@organisation_required
def listing_confirm(request, pk=None):
    """ "Still right": confirm one of the organisation's listings, or all of them."""
    listings = Group.objects.partner_listings().filter(organisation=request.organisation)
    if pk is not None:
        listings = listings.filter(pk=pk)
        if not listings.exists():
            raise Http404
    count = listing_confirmations.confirm_listings(
        organisation=request.organisation, listing_ids=list(listings.values_list("pk", flat=True))
    )
    messages.success(
        request,
        ngettext(
            "Thank you: %(count)d listing is confirmed as right.",
            "Thank you: %(count)d listings are confirmed as right.",
            count,
        )
        % {"count": count},
    )
    return redirect("listings:list")


@require_http_methods(["GET", "POST"])
def confirm_by_link(request, token):
    """The link in the monthly email: it is the credential, so no login is needed.

    GET shows the listings it confirms; only the button's POST confirms them.
    """
    try:
        organisation, listings = listing_confirmations.read_confirmation_token(token)
    except ValidationError as error:
        return render(
            request, "groups/listings/confirm.html", {"error": error.messages[0]}, status=404
        )
    context = {"organisation": organisation, "listings": listings}
    if request.method == "POST":
        context["confirmed"] = listing_confirmations.confirm_listings(
            organisation=organisation, listing_ids=[listing.pk for listing in listings]
        )
    return render(request, "groups/listings/confirm.html", context)


@require_http_methods(["GET", "POST"])
def report_change(request, slug):
    """ "Report a change to this listing": anyone, no account; nothing is stored."""
    listing = get_object_or_404(
        Group.objects.for_public_page().open().filter(organisation__isnull=False), slug=slug
    )
    form = ReportChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if (refused := refuse_when_over_limit(request, "listing_change")) is not None:
            return refused
        try:
            listing_services.report_listing_change(
                listing=listing,
                message=form.cleaned_data["message"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. Your message has been sent to %(organisation)s and the centre.")
                % {"organisation": listing.organisation.name},
            )
            return redirect(listing)
    return render(request, "groups/listings/report_change.html", {"form": form, "listing": listing})

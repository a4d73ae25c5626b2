"""Pages for partner organisations. Thin: reads are QuerySets and ``rooms.grid``, writes go
through ``rooms.services``. Every lookup is limited to the current organisation, so another
organisation's ids answer 404."""

import datetime as dt
from functools import wraps
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from rooms import availability, changes, dates, preview_cache, services, times
from rooms.forms import (
    BookingForm,
    CancelForm,
    ConfirmForm,
    EmailLanguageForm,
    SeriesChangeForm,
    WeekForm,
)
from rooms.grid import week_frame
from rooms.grid_html import grid_table
from rooms.models import Booking, BookingSeries, Organisation, upcoming_condition

SESSION_KEY = "rooms_organisation"


def organisation_required(view):
    """Log in first; then the organisation the user acts for (chosen by ``?org=`` if several)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        organisations = list(Organisation.objects.for_user(request.user))
        if not organisations:
            return render(request, "rooms/no_organisation.html")
        chosen = request.GET.get("org") or request.session.get(SESSION_KEY)
        current = next((o for o in organisations if o.slug == chosen), organisations[0])
        if request.GET.get("org") == current.slug:
            request.session[SESSION_KEY] = current.slug
        request.organisation = current
        request.organisations = organisations
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@login_required
def after_login(request):
    """Where the login page sends a user who did not ask for a page (``LOGIN_REDIRECT_URL``):
    staff to the admin (also when they book for an organisation too), a partner
    organisation's member to the rooms, anyone else home."""
    if request.user.is_staff:
        return redirect("admin:index")
    if Organisation.objects.for_user(request.user).exists():
        return redirect("rooms:week")
    return redirect("home")


@require_GET
@organisation_required
def week(request):
    form = WeekForm(request.GET or None)
    # Each field that is valid is used; one that is not falls back and says so above the grid.
    data = {}
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
    day = data.get("date") or times.today_local()
    single_day = data.get("view") == WeekForm.DAY
    rooms = [data["room"]] if data.get("room") else None
    grid = week_frame(day=day, rooms=rooms, single_day=single_day)
    today = times.today_local()
    table = grid_table(
        grid,
        organisation=request.organisation,
        can_book=True,
        today=today,
        template="rooms/_week_body.html",
    )
    query = request.GET.copy()
    query.pop("date", None)
    return render(
        request,
        "rooms/week.html",
        {
            "week": grid,
            "grid_table": table,
            "form": form,
            "keep_query": query.urlencode(),
        },
    )


def _preview_context(request, form, previews):
    free = [p for p in previews if p.is_free]
    return {
        "form": form,
        "previews": previews,
        "free_count": len(free),
        "confirm_form": ConfirmForm(initial={"expected": [p.date.isoformat() for p in free]}),
    }


@require_http_methods(["GET", "POST"])
@organisation_required
def book(request):
    organisation = request.organisation
    if request.method == "GET":
        form = BookingForm(initial=BookingForm.initial_from(request.GET))
        return render(request, "rooms/book_form.html", {"form": form})
    form = BookingForm(request.POST)
    action = request.POST.get("action", "preview")
    if action == "edit":
        form = BookingForm(initial=request.POST.dict())
        return render(request, "rooms/book_form.html", {"form": form})
    if not form.is_valid():
        return render(request, "rooms/book_form.html", {"form": form})
    if request.POST.get("alternative"):
        return _book_alternative(request, form)
    if action == "confirm":
        confirm = ConfirmForm(request.POST)
        expected = confirm.cleaned_data["expected"] if confirm.is_valid() else None
        try:
            result = services.book_series(
                slot=form.slot(organisation),
                title=form.cleaned_data["title"],
                is_public=form.cleaned_data["is_public"],
                created_by=request.user,
                expected_free_dates=expected,
            )
        except ValidationError as error:
            return _render_book_preview(request, form, error.messages)
        _report_booking(request, result)
        if form.cleaned_data["is_public"] and form.cleaned_data["repeat"] == BookingForm.WEEKLY:
            # An open meeting goes on to its public listing, from this series.
            return redirect(f"{reverse('listings:create')}?serie={result.series.pk}")
        return redirect("rooms:mine")
    return _render_book_preview(request, form)


def _render_book_preview(request, form, errors=()):
    previews = preview_cache.book_preview(form.slot(request.organisation))
    context = _preview_context(request, form, previews)
    context["errors"] = list(errors)
    return render(request, "rooms/book_preview.html", context)


def _book_alternative(request, form):
    """Book one taken date of the preview in a free room the preview offered instead; then show
    the preview again, so the rest of the dates can still be booked."""
    room_pk, _sep, day = request.POST["alternative"].partition(":")
    previews = availability.preview_series(slot=form.slot(request.organisation))
    preview = next((p for p in previews if p.date.isoformat() == day), None)
    offered = preview.alternatives if preview else []
    room = next((r for r in offered if str(r.pk) == room_pk), None)
    if room is None:
        return _render_book_preview(
            request, form, [_("That room is no longer free on that date. Choose another.")]
        )
    data = form.cleaned_data
    try:
        services.book_single(
            organisation=request.organisation,
            room=room,
            date=preview.date,
            start_time=data["start_time"],
            end_time=data["end_time"],
            title=data["title"],
            is_public=data["is_public"],
            created_by=request.user,
        )
    except ValidationError as error:
        return _render_book_preview(request, form, error.messages)
    messages.success(
        request,
        _("Booked %(room)s on %(date)s.") % {"room": room, "date": dates.long_date(preview.date)},
    )
    return _render_book_preview(request, form)


def _report_booking(request, result):
    count = len(result.booked)
    if result.series.status == BookingSeries.Status.PENDING:
        messages.success(
            request,
            ngettext(
                "Your request for %(count)d date is received and waits for approval by staff.",
                "Your request for %(count)d dates is received and waits for approval by staff.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.success(
            request,
            ngettext("Booked %(count)d date.", "Booked %(count)d dates.", count) % {"count": count},
        )
    if result.taken_since_preview:
        messages.warning(
            request,
            _("Taken by someone else since you looked, so not booked: %(dates)s.")
            % {"dates": dates.date_list(p.date for p in result.taken_since_preview)},
        )


@require_GET
@organisation_required
def mine(request):
    now = timezone.now()
    own = Booking.objects.for_organisation(request.organisation).select_related("room", "series")
    upcoming = Paginator(own.active().upcoming(now).order_by("start"), 50).get_page(
        request.GET.get("page")
    )
    earlier = own.past(now).order_by("-start")[:20]
    cancelled = own.filter(status=Booking.Status.CANCELLED, start__gt=now).order_by("start")[:50]
    series = (
        BookingSeries.objects.for_organisation(request.organisation)
        .active()
        .select_related("room")
        .annotate(upcoming_count=Count("bookings", filter=_upcoming_filter(now)))
        .filter(upcoming_count__gt=0)
    )
    feed_url = request.build_absolute_uri(
        reverse("rooms:calendar", args=[request.organisation.calendar_token])
    )
    return render(
        request,
        "rooms/mine.html",
        {
            "upcoming": upcoming,
            "earlier": earlier,
            "cancelled": cancelled,
            "series_list": series,
            "feed_url": feed_url,
        },
    )


@require_http_methods(["GET", "POST"])
@organisation_required
def email_language(request):
    """The organisation chooses the language of the emails the centre sends it."""
    form = EmailLanguageForm(request.POST or None, instance=request.organisation)
    if request.method == "POST" and form.is_valid():
        # Only this column: the staff may be editing the organisation's other details.
        form.instance.save(update_fields=["language"])
        messages.success(
            request,
            _("Saved. The centre's emails to %(organisation)s are written in: %(language)s.")
            % {
                "organisation": request.organisation.name,
                "language": request.organisation.get_language_display(),
            },
        )
        return redirect("rooms:mine")
    return render(request, "rooms/email_language.html", {"form": form})


def _upcoming_filter(now):
    return upcoming_condition(now, through="bookings__") & ~Q(
        bookings__status=Booking.Status.CANCELLED
    )


@require_http_methods(["GET", "POST"])
@organisation_required
def cancel(request, pk):
    booking = get_object_or_404(
        Booking.objects.select_related("room", "series"),
        pk=pk,
        organisation=request.organisation,
    )
    form = CancelForm(request.POST or None, has_series=_has_later_dates(booking))
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["scope"] == CancelForm.REST:
                cancelled = services.cancel_series_from(
                    series=booking.series,
                    from_date=times.local_date(booking.start),
                    by=request.user,
                )
                count = len(cancelled)
            else:
                services.cancel_occurrence(booking=booking, by=request.user)
                count = 1
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("Cancelled %(count)d date.", "Cancelled %(count)d dates.", count)
                % {"count": count},
            )
            return redirect("rooms:mine")
    return render(request, "rooms/cancel.html", {"booking": booking, "form": form})


def _has_later_dates(booking):
    return bool(
        booking.series_id
        and booking.series.bookings.active().filter(start__gt=booking.start).exists()
    )


@require_http_methods(["GET", "POST"])
@organisation_required
def change_series(request, pk):
    series = get_object_or_404(
        BookingSeries.objects.active().select_related("room", "organisation"),
        pk=pk,
        organisation=request.organisation,
    )
    if request.method == "GET":
        form = SeriesChangeForm(
            series=series,
            initial={
                "from_date": max(series.first_date, times.today_local()),
                "room": series.room,
                "start_time": series.start_time,
                "end_time": series.end_time,
            },
        )
        return render(request, "rooms/change_form.html", {"form": form, "series": series})
    action = request.POST.get("action", "preview")
    form = SeriesChangeForm(request.POST, series=series)
    if action == "edit":
        form = SeriesChangeForm(series=series, initial=request.POST.dict())
    if action == "edit" or not form.is_valid():
        return render(request, "rooms/change_form.html", {"form": form, "series": series})
    kwargs = {
        "series": series,
        "from_date": form.cleaned_data["from_date"],
        "room": form.cleaned_data["room"],
        "start_time": form.cleaned_data["start_time"],
        "end_time": form.cleaned_data["end_time"],
    }
    if action == "confirm":
        confirm = ConfirmForm(request.POST)
        try:
            result = changes.edit_series_from(
                **kwargs,
                by=request.user,
                expected_free_dates=confirm.cleaned_data["expected"]
                if confirm.is_valid()
                else None,
            )
        except ValidationError as error:
            context = _preview_context(request, form, availability.preview_series_change(**kwargs))
            context.update(errors=error.messages, series=series)
            return render(request, "rooms/change_preview.html", context)
        moved = len(result.moved)
        messages.success(
            request,
            ngettext("Changed %(count)d date.", "Changed %(count)d dates.", moved)
            % {"count": moved},
        )
        if result.kept:
            messages.warning(
                request,
                _("These dates were not free at the new time or room and keep the old: %(dates)s.")
                % {"dates": dates.date_list(p.date for p in result.kept)},
            )
        return redirect("rooms:mine")
    context = _preview_context(request, form, availability.preview_series_change(**kwargs))
    context["series"] = series
    return render(request, "rooms/change_preview.html", context)


@require_GET
@organisation_required
def extend_series(request, pk):
    """The link in the "your series ends soon" email: the booking form, filled in to go on
    on from the series' next date in the same room, time and rhythm. Booking then goes through the
    usual preview, so nothing is booked by following the link."""
    series = get_object_or_404(BookingSeries, pk=pk, organisation=request.organisation)
    start = times.next_date_after(series) if series.last_date else times.today_local()
    query = QueryDict(mutable=True)
    query.update(
        {
            "room": series.room_id,
            "repeat": _repeat_of(series),
            "date": max(start, times.today_local()).isoformat(),
            "start_time": f"{series.start_time:%H:%M}",
            "end_time": f"{series.end_time:%H:%M}",
            "title": series.title,
        }
    )
    return redirect(f"{reverse('rooms:book')}?{query.urlencode()}")


def _repeat_of(series):
    if series.week_of_month == -1:
        return BookingForm.MONTHLY_LAST
    if series.week_of_month:
        return BookingForm.MONTHLY
    return BookingForm.FORTNIGHTLY if series.every_weeks == 2 else BookingForm.WEEKLY


@require_GET
def calendar_feed(request, token):
    """RFC 5545 feed for calendar apps: the secret token is the only key, so no login."""
    organisation = get_object_or_404(Organisation, calendar_token=token, active=True)
    since = timezone.now() - dt.timedelta(days=90)
    bookings = (
        Booking.objects.for_organisation(organisation)
        .filter(end__gte=since)
        .select_related("room")
        .annotate(event_count=Count("events"))
        .order_by("start")
    )
    host = urlsplit(settings.SITE_URL).hostname or "linkcentre"
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.CENTRE_NAME}//linkcentre rooms//NB")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{organisation.name} – {settings.CENTRE_NAME}")
    for booking in bookings:
        event = icalendar.Event()
        event.add("uid", f"booking-{booking.pk}@{host}")
        event.add("dtstamp", booking.cancelled_at or booking.created_at)
        event.add("dtstart", booking.start.astimezone(dt.UTC))
        event.add("dtend", booking.end.astimezone(dt.UTC))
        event.add("summary", f"{booking.title} ({booking.room})")
        event.add("location", f"{booking.room}, {settings.CENTRE_NAME}, {settings.CENTRE_ADDRESS}")
        event.add("sequence", max(booking.event_count - 1, 0))
        event.add(
            "status",
            {
                Booking.Status.CANCELLED: "CANCELLED",
                Booking.Status.PENDING: "TENTATIVE",
            }.get(booking.status, "CONFIRMED"),
        )
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, max-age=900"
    return response

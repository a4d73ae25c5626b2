"""Numbers out of the groups app for the staff dashboard (see linkcentre's dashboard tag) and
the annual report (linkcentre asks these functions; nothing here names a person)."""

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DateField, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groups import starters
from groups.models import (
    PERSONAL_DATA_PERMISSION,
    ContactMeeting,
    ErasedRegistrationCount,
    Group,
    HowHeard,
    HowHeardCount,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
)
from rooms.reports import day_bounds, held_bookings, held_bookings_between, held_until
from rooms.times import LOCAL_TZ, today_local

CONTACT_MEETING_INTERVAL = dt.timedelta(days=92)


def sign_ups_by_how_heard(*, periods: list[tuple[dt.date, dt.date]]) -> dict:
    """Sign-ups by their answer to "how did you hear about us?", for each period given.

    For the annual report, beside outreach's brochures and activities (linkcentre combines the
    two apps' reports; groups never reads outreach). ``periods`` are (first day, last day)
    pairs, both inclusive, in order; the caller decides them (months, quarters, one year), so
    the one rule for report periods stays with the caller. The counts are anonymous and kept
    apart from the registrations (``HowHeardCount``), so they still hold after people withdraw
    and are erased. They are kept by whole months: a month counts in the first period it
    overlaps.

    Returns ``{"periods": periods, "rows": [{"answer": code, "label": text, "counts": [one
    number per period], "total": n}, ...], "totals": [one number per period], "total": n}``.
    Every answer is a row, in the order of the form, and "not answered" last, so tables
    compare year by year. One query.
    """
    if not periods or any(first > last for first, last in periods):
        raise ValueError(f"periods must be (first, last) pairs in order, not {periods!r}")
    months = [(first.replace(day=1), last) for first, last in periods]
    counts = {code: [0] * len(periods) for code in HowHeard.values}
    rows = HowHeardCount.objects.filter(
        month__gte=months[0][0], month__lte=months[-1][1]
    ).values_list("month", "answer", "count")
    for month, answer, count in rows:
        column = next((i for i, (first, last) in enumerate(months) if first <= month <= last), None)
        if column is not None and answer in counts:
            counts[answer][column] += count
    result_rows = [
        {"answer": code, "label": label, "counts": counts[code], "total": sum(counts[code])}
        for code, label in HowHeard.choices
    ]
    totals = [sum(row["counts"][column] for row in result_rows) for column in range(len(periods))]
    return {"periods": periods, "rows": result_rows, "totals": totals, "total": sum(totals)}


NEXT_INFO_MEETINGS = 3
FORMING_GROUPS_SHOWN = 10


def stale_listings_count(on=None):
    """Partner listings unconfirmed for ``GROUPS_LISTING_STALE_DAYS`` days (fresh listings)."""
    return Group.objects.stale(on).count()


def stale_listings_row():
    count = stale_listings_count()
    return {
        "label": _("Listings not confirmed for %(days)d days")
        % {"days": settings.GROUPS_LISTING_STALE_DAYS},
        "value": count,
        "url": reverse("admin:groups_group_changelist") + "?freshness=stale",
        "warning": count > 0,
    }


def dashboard_panel(user):
    """The self-help groups at a glance, or None when the user may see nothing here."""
    if not user.has_perm("groups.view_group"):
        return None
    groups_url = reverse("admin:groups_group_changelist")
    running = Group.objects.closed().filter(status=Group.Status.RUNNING).count()
    due = Group.objects.follow_ups_due().count()
    steps = starters.steps_due()
    # Groups meet the staff at a contact meeting about twice a half-year: one should be planned.
    next_contact = ContactMeeting.objects.upcoming().first()
    soon = timezone.now() + CONTACT_MEETING_INTERVAL
    contact_soon = next_contact is not None and next_contact.starts_at <= soon
    rows = [
        {
            "label": _("Closed groups running"),
            "value": running,
            "url": f"{groups_url}?kind__exact=closed&status__exact=running",
            "warning": False,
        },
        {
            "label": _("Starters' steps in the coming week"),
            "value": len(steps),
            "url": reverse("admin:groups_group_follow_ups"),
            "warning": bool(steps),
        },
        {
            "label": _("Six-week follow-ups of new groups due"),
            "value": due,
            "url": reverse("admin:groups_group_follow_ups"),
            "warning": due > 0,
        },
        {
            "label": _("Next contact meeting for the groups"),
            "value": date_format(timezone.localtime(next_contact.starts_at), "SHORT_DATE_FORMAT")
            if next_contact
            else _("none planned"),
            "url": reverse("admin:groups_contactmeeting_changelist"),
            "warning": not contact_soon,
        },
    ]
    if user.has_perms(["groups.view_interestregistration", PERSONAL_DATA_PERMISSION]):
        counts = InterestRegistration.objects.aggregate(
            new=Count("pk", filter=Q(status=InterestRegistration.Status.NEW))
        )
        waiting = Membership.objects.waitlisted().count()
        rows[1:1] = [
            {
                "label": _("New registrations not yet contacted"),
                "value": counts["new"],
                "url": reverse("admin:groups_interestregistration_changelist")
                + "?status__exact=new",
                "warning": counts["new"] > 0,
            },
            {
                "label": _("People on waiting lists"),
                "value": waiting,
                "url": reverse("admin:groups_membership_changelist") + "?status__exact=waitlisted",
                "warning": False,
            },
        ]
    return {"id": "groups", "title": _("Self-help groups"), "rows": rows}


def _forming_panel(user):
    """Each group being formed with how many wait for it: on its waiting list, and registered
    with it as their wish and not yet placed. One query."""
    wishing = (
        InterestRegistration.objects.filter(preferred_group=OuterRef("pk"))
        .waiting()
        .order_by()
        .values("preferred_group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    groups = list(
        Group.objects.closed()
        .filter(status=Group.Status.FORMING)
        .with_member_counts()
        .annotate(wishing=Coalesce(Subquery(wishing, output_field=IntegerField()), 0))
        .order_by("name")[: FORMING_GROUPS_SHOWN + 1]
    )
    memberships_url = reverse("admin:groups_membership_changelist")
    registrations_url = reverse("admin:groups_interestregistration_changelist")
    can_see_people = user.has_perms(["groups.view_interestregistration", PERSONAL_DATA_PERMISSION])
    rows = [
        {
            "label": group.name,
            "url": reverse("admin:groups_group_change", args=[group.pk]),
            "cells": [
                {"value": group.active_count},
                {
                    "value": group.waiting_count,
                    "url": f"{memberships_url}?group__id__exact={group.pk}&status__exact=waitlisted"
                    if can_see_people
                    else "",
                },
                {
                    "value": group.wishing,
                    "url": f"{registrations_url}?preferred_group__id__exact={group.pk}"
                    if can_see_people
                    else "",
                },
            ],
        }
        for group in groups[:FORMING_GROUPS_SHOWN]
    ]
    return {
        "id": "groups-forming",
        "title": _("Groups being formed and who waits for them"),
        "columns": [_("Group"), _("Members"), _("On the waiting list"), _("Wish for this group")],
        "table_rows": rows,
        "more_url": reverse("admin:groups_group_forming"),
        "more_label": _("All groups being formed"),
        "empty": _("No group is being formed."),
        "rows": [],
    }


def _meetings_panel():
    """The next information meetings with their sign-ups. One query."""
    meetings = list(
        InfoMeeting.objects.upcoming()
        .with_signup_counts()
        .select_related("room")
        .order_by("starts_at")[:NEXT_INFO_MEETINGS]
    )
    return {
        "id": "groups-meetings",
        "title": _("Next information meetings"),
        "columns": [_("Information meeting"), _("Signed up"), _("Places")],
        "table_rows": [
            {
                "label": date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
                + f" · {meeting.room.name} · {meeting.get_language_display()}",
                "url": reverse("admin:groups_infomeeting_change", args=[meeting.pk]),
                "cells": [{"value": meeting.signup_count}, {"value": meeting.places}],
            }
            for meeting in meetings
        ],
        "more_url": reverse("admin:groups_infomeeting_changelist"),
        "more_label": _("All information meetings"),
        "empty": _("No information meeting is planned."),
        "rows": [],
    }


def _listings_panel():
    """Partners' open-meeting listings nobody has confirmed for a while. One query."""
    return {
        "id": "groups-listings",
        "title": _("Open meetings listed by partners"),
        "rows": [stale_listings_row()],
    }


def dashboard_panels(user):
    """The groups' part of the staff dashboard; [] for staff who may not see groups."""
    panel = dashboard_panel(user)
    if panel is None:
        return []
    return [panel, _forming_panel(user), _meetings_panel(), _listings_panel()]


# --- the annual report ---------------------------------------------------------------------------
#
# Figures for a range of Oslo dates, both ends included; each function costs a fixed number of
# queries. There is no status history, so a group's life is read from its meetings: the room
# bookings of its weekly series that were held (``rooms.reports.held_bookings``: not cancelled, not
# on a closed day). Erased registrations count through their anonymous ``ErasedRegistrationCount``.


def _held_for_series():
    return held_bookings().filter(series=OuterRef("meeting_series")).order_by("start")


def closed_group_counts(start, end):
    """Closed groups that started, ran (met at least once), paused or ended in the range.

    Started: the start-up meeting is in the range and before today (without one, the first
    meeting); a group still being formed has not started. Ended: status
    ended and the last meeting in the range. Paused: had started before the range, held no meeting
    in it, and had not ended before it. One query.
    """
    start_at, end_before = day_bounds(start, end)
    first = Subquery(_held_for_series().values("start")[:1])
    last = Subquery(_held_for_series().reverse().values("start")[:1])
    met = Exists(_held_for_series().filter(start__gte=start_at, start__lt=end_before))
    ended = Q(status=Group.Status.ENDED)
    return (
        Group.objects.closed()
        .annotate(first_meeting=first, last_meeting=last, met=met)
        .aggregate(
            started=Count(
                "pk",
                filter=Q(
                    startup_meeting_on__range=(start, end),
                    startup_meeting_on__lt=today_local(),
                )
                & ~Q(status=Group.Status.FORMING)
                | Q(
                    startup_meeting_on__isnull=True,
                    first_meeting__gte=start_at,
                    first_meeting__lt=end_before,
                ),
            ),
            running=Count("pk", filter=Q(met=True)),
            paused=Count(
                "pk",
                filter=Q(met=False, first_meeting__lt=start_at)
                & (~ended | Q(last_meeting__gte=end_before)),
            ),
            ended=Count(
                "pk",
                filter=ended
                & (
                    Q(last_meeting__gte=start_at, last_meeting__lt=end_before)
                    | Q(
                        last_meeting__isnull=True,
                        updated_at__gte=start_at,
                        updated_at__lt=end_before,
                    )
                ),
            ),
        )
    )


def _median(histogram):
    """The median of {value: how many}, rounded to a whole number (None when empty)."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(index):
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        return ordered[-1][0]  # pragma: no cover - index < total always returns above

    middle = (nth((total - 1) // 2) + nth(total // 2)) / 2
    return int(Decimal(middle).quantize(0, ROUND_HALF_UP))


def registration_counts(start, end):
    """People who registered interest, were placed, were still waiting at the end of the range,
    and withdrew; and the median days from registration to a first place. Three queries.

    Placed: got a seat in a group during the range. Waiting: registered by the end of the range,
    with no seat by then and not withdrawn by then (waiting lists included). A withdrawal erases
    the registration at once, leaving only ``ErasedRegistrationCount``: registered and withdrew
    include those counts, by the month the registration was made (the withdrawal's own date is
    not kept). Placed, waiting and the median know only the registrations still stored.
    """
    start_at, end_before = day_bounds(start, end)
    memberships = Membership.objects.filter(registration=OuterRef("pk"), joined_on__isnull=False)
    withdrawn = Q(status=InterestRegistration.Status.WITHDRAWN)
    counts = (
        InterestRegistration.objects.order_by()
        .annotate(
            placed_in_range=Exists(memberships.filter(joined_on__range=(start, end))),
            placed_by_end=Exists(memberships.filter(joined_on__lte=end)),
        )
        .aggregate(
            registered=Count("pk", filter=Q(created_at__gte=start_at, created_at__lt=end_before)),
            placed=Count("pk", filter=Q(placed_in_range=True)),
            waiting=Count(
                "pk",
                filter=Q(created_at__lt=end_before, placed_by_end=False)
                & ~(withdrawn & Q(updated_at__lt=end_before)),
            ),
            withdrew=Count(
                "pk", filter=withdrawn & Q(updated_at__gte=start_at, updated_at__lt=end_before)
            ),
        )
    )
    # How long people waited, as a histogram of (registered on, first placed on) pairs: as many
    # rows as distinct pairs, not as people, and no date arithmetic that differs by database.
    first_place = Subquery(
        memberships.order_by("joined_on").values("joined_on")[:1], output_field=DateField()
    )
    pairs = (
        InterestRegistration.objects.order_by()
        .annotate(first_placed=first_place, registered_on=TruncDate("created_at", tzinfo=LOCAL_TZ))
        .filter(first_placed__range=(start, end))
        .values("registered_on", "first_placed")
        .annotate(count=Count("pk"))
    )
    histogram = defaultdict(int)
    for row in pairs:
        histogram[max((row["first_placed"] - row["registered_on"]).days, 0)] += row["count"]
    counts["median_days_to_place"] = _median(histogram)
    # Erased registrations live on only as anonymous counts by the month they were made: add
    # those of the months that begin within the range (exact for whole months and years).
    erased = ErasedRegistrationCount.objects.filter(registered_month__range=(start, end)).aggregate(
        registered=Sum("count"),
        withdrew=Sum("count", filter=Q(reason=ErasedRegistrationCount.Reason.WITHDRAWN)),
    )
    counts["registered"] += erased["registered"] or 0
    counts["withdrew"] += erased["withdrew"] or 0
    return counts


def _held_centre_meetings(model, start, end):
    """Centre meetings that began in the range, before today, whose room booking was held."""
    start_at, end_before = day_bounds(start, end)
    return model.objects.filter(
        Q(meeting_series__isnull=True)
        | Exists(held_bookings().filter(series=OuterRef("meeting_series"))),
        starts_at__gte=start_at,
        starts_at__lt=min(end_before, held_until()),
    )


def centre_meeting_counts(start, end):
    """Information meetings held, their places and sign-ups; contact meetings held. Two queries.

    Sign-ups of people who later withdrew are deleted with the withdrawal, so they are not here.
    """
    signups = (
        InfoMeetingSignup.objects.filter(info_meeting=OuterRef("pk"))
        .order_by()
        .values("info_meeting")
        .annotate(count=Count("pk"))
        .values("count")
    )
    info = (
        _held_centre_meetings(InfoMeeting, start, end)
        .order_by()
        .annotate(signed_up=Coalesce(Subquery(signups, output_field=IntegerField()), 0))
        .aggregate(held=Count("pk"), places=Sum("places"), signups=Sum("signed_up"))
    )
    contact = _held_centre_meetings(ContactMeeting, start, end).count()
    return {
        "info_meetings": info["held"],
        "info_places": info["places"] or 0,
        "info_signups": info["signups"] or 0,
        "contact_meetings": contact,
    }


def open_group_counts(start, end):
    """Open groups that met in the range, the organisations running them, and their meetings
    held; also the closed groups' meetings held. Two queries."""
    start_at, end_before = day_bounds(start, end)
    met = Exists(_held_for_series().filter(start__gte=start_at, start__lt=end_before))
    groups = (
        Group.objects.open()
        .filter(met)
        .aggregate(groups=Count("pk"), organisations=Count("organisation", distinct=True))
    )
    meetings = (
        held_bookings_between(start, end)
        .filter(series__group__isnull=False)
        .aggregate(
            open=Count("pk", filter=Q(series__group__kind=Group.Kind.OPEN)),
            closed=Count("pk", filter=Q(series__group__kind=Group.Kind.CLOSED)),
        )
    )
    return {
        "open_groups": groups["groups"],
        "open_group_organisations": groups["organisations"],
        "open_group_meetings": meetings["open"],
        "closed_group_meetings": meetings["closed"],
    }


def open_groups_by_organisation(start, end):
    """{organisation name: open groups it ran that met in the range}, most first. One query."""
    start_at, end_before = day_bounds(start, end)
    met = Exists(_held_for_series().filter(start__gte=start_at, start__lt=end_before))
    rows = (
        Group.objects.open()
        .filter(met)
        .order_by()
        .values("organisation__name")
        .annotate(groups=Count("pk"))
    )
    ordered = sorted(
        ((row["organisation__name"], row["groups"]) for row in rows),
        key=lambda item: (-item[1], item[0]),
    )
    return dict(ordered)

"""Numbers out of the groups app for the staff dashboard (see linkcentre's dashboard tag) and
the annual report (``sign_ups_by_how_heard``)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groups import starters
from groups.models import (
    PERSONAL_DATA_PERMISSION,
    ContactMeeting,
    Group,
    HowHeard,
    HowHeardCount,
    InterestRegistration,
    Membership,
)

CONTACT_MEETING_INTERVAL = dt.timedelta(days=92)
MONTH = "month"
QUARTER = "quarter"


def _period_start(day, period):
    if period == QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


def _periods(start, end, period):
    step = 3 if period == QUARTER else 1
    current, periods = _period_start(start, period), []
    while current <= end:
        periods.append(current)
        index = current.year * 12 + current.month - 1 + step
        current = dt.date(index // 12, index % 12 + 1, 1)
    return periods


def sign_ups_by_how_heard(*, start: dt.date, end: dt.date, period: str = MONTH) -> dict:
    """Sign-ups by their answer to "how did you hear about us?", per month or quarter.

    For the annual report, beside outreach's brochures and activities (linkcentre combines the
    two apps' reports; groups never reads outreach). The counts are anonymous and kept apart
    from the registrations (``HowHeardCount``), so they still hold after people withdraw and
    are erased. A month counts when it overlaps ``start``..``end`` (both inclusive): the counts
    are kept by whole months.

    Returns ``{"period": "month" | "quarter", "periods": [first day of each period, ...],
    "rows": [{"answer": code, "label": text, "counts": [one number per period], "total": n},
    ...], "totals": [one number per period], "total": n}``. Every answer is a row, in the
    order of the form, and "not answered" last, so tables compare year by year. One query.
    """
    if period not in (MONTH, QUARTER):
        raise ValueError(f"period must be {MONTH!r} or {QUARTER!r}, not {period!r}")
    periods = _periods(start, end, period)
    index = {first: number for number, first in enumerate(periods)}
    counts = {code: [0] * len(periods) for code in HowHeard.values}
    rows = HowHeardCount.objects.filter(
        month__gte=start.replace(day=1), month__lte=end
    ).values_list("month", "answer", "count")
    for month, answer, count in rows:
        column = index.get(_period_start(month, period))
        if column is not None and answer in counts:
            counts[answer][column] += count
    result_rows = [
        {"answer": code, "label": label, "counts": counts[code], "total": sum(counts[code])}
        for code, label in HowHeard.choices
    ]
    totals = [sum(row["counts"][column] for row in result_rows) for column in range(len(periods))]
    return {
        "period": period,
        "periods": periods,
        "rows": result_rows,
        "totals": totals,
        "total": sum(totals),
    }


def dashboard_panel(user):
    """This week at a glance for the groups, or None when the user may see nothing here."""
    if not user.has_perm("groups.view_group"):
        return None
    groups_url = reverse("admin:groups_group_changelist")
    running = Group.objects.closed().filter(status=Group.Status.RUNNING).count()
    forming = Group.objects.closed().filter(status=Group.Status.FORMING).count()
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
            "label": _("Groups being formed"),
            "value": forming,
            "url": reverse("admin:groups_group_forming"),
            "warning": False,
        },
        {
            "label": _("Starters' steps in the coming week"),
            "value": len(steps),
            "url": reverse("admin:groups_group_follow_ups"),
            "warning": bool(steps),
        },
        {
            "label": _("Follow-ups due"),
            "value": due,
            "url": reverse("admin:groups_group_follow_ups"),
            "warning": due > 0,
        },
        {
            "label": _("Next contact meeting"),
            "value": date_format(timezone.localtime(next_contact.starts_at), "SHORT_DATE_FORMAT")
            if next_contact
            else _("none planned"),
            "url": reverse("admin:groups_contactmeeting_changelist"),
            "warning": not contact_soon,
        },
    ]
    if user.has_perms(["groups.view_interestregistration", PERSONAL_DATA_PERMISSION]):
        new = InterestRegistration.objects.filter(status=InterestRegistration.Status.NEW).count()
        waiting = Membership.objects.waitlisted().count()
        rows += [
            {
                "label": _("New registrations"),
                "value": new,
                "url": reverse("admin:groups_interestregistration_changelist")
                + "?status__exact=new",
                "warning": new > 0,
            },
            {
                "label": _("On waiting lists"),
                "value": waiting,
                "url": reverse("admin:groups_membership_changelist") + "?status__exact=waitlisted",
                "warning": False,
            },
        ]
    return {"title": _("Groups"), "rows": rows}

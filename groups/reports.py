"""Numbers out of the groups app for the staff dashboard (see linkcentre's dashboard tag)."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from groups.models import (
    PERSONAL_DATA_PERMISSION,
    ContactMeeting,
    Group,
    InterestRegistration,
    Membership,
)

CONTACT_MEETING_INTERVAL = dt.timedelta(days=92)


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
    """This week at a glance for the groups, or None when the user may see nothing here."""
    if not user.has_perm("groups.view_group"):
        return None
    groups_url = reverse("admin:groups_group_changelist")
    running = Group.objects.closed().filter(status=Group.Status.RUNNING).count()
    forming = Group.objects.closed().filter(status=Group.Status.FORMING).count()
    due = Group.objects.follow_ups_due().count()
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
    rows.append(stale_listings_row())  # fresh listings (issue 11)
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

"""Numbers out of the groups app for the staff dashboard (see linkcentre's dashboard tag)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from groups.models import Group, InterestRegistration, Membership


def dashboard_panel(user):
    """This week at a glance for the groups, or None when the user may see nothing here."""
    if not user.has_perm("groups.view_group"):
        return None
    groups_url = reverse("admin:groups_group_changelist")
    running = Group.objects.closed().filter(status=Group.Status.RUNNING).count()
    forming = Group.objects.closed().filter(status=Group.Status.FORMING).count()
    due = Group.objects.follow_ups_due().count()
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
    ]
    if user.has_perm("groups.view_interestregistration"):
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

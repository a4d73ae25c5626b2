"""The "centre staff" role: one auth group with the permissions for daily work.

The group is created, and its permissions set to exactly the list below, after every
``migrate`` (``post_migrate``), so a new deployment and an upgraded one end up the same. The
code is the source of truth: permissions added to this group by hand are reset on the next
migrate; give extra permissions to a person or to another group instead.

Participants' personal data is deliberately not part of the role: it sits behind its own
permission, ``groups.view_personal_data``, given only to the staff who place people in groups.
Organisation logins are never staff and never get either.
"""

from django.contrib.auth.management import create_permissions

CENTRE_STAFF_GROUP = "Senterpersonale"

# app label -> model -> actions ("view", "add", "change", "delete").
DAILY_WORK = {
    "rooms": {
        "room": ["view", "add", "change"],
        "openinghours": ["view", "change"],
        "organisation": ["view", "add", "change"],
        "closure": ["view", "add", "change", "delete"],
        "bookingseries": ["view", "add", "change"],
        "booking": ["view", "change"],
        "bookingevent": ["view"],
    },
    "groups": {
        "group": ["view", "add", "change"],
        "infomeeting": ["view", "add", "change", "delete"],
        "contactmeeting": ["view", "add", "change", "delete"],
        # The model permissions for participants do nothing without view_personal_data.
        "interestregistration": ["view", "change"],
        "membership": ["view", "change"],
        "infomeetingsignup": ["view"],
    },
    "outreach": {
        "brochure": ["view", "add", "change"],
        "stockmovement": ["view", "add"],
        "place": ["view", "add", "change"],
        "professional": ["view", "add", "change"],
        "contactactivity": ["view", "add", "change", "delete"],
        "distribution": ["view", "add", "change", "delete"],
    },
    "research": {
        "principle": ["view", "add", "change"],
        "source": ["view", "add", "change"],
        "finding": ["view", "add", "change", "delete"],
    },
}


def centre_staff_permissions():
    """``(app_label, codename)`` pairs of the role."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in DAILY_WORK.items()
        for model, actions in models.items()
        for action in actions
    }


def ensure_roles(sender, *, apps=None, using="default", **kwargs):
    """post_migrate handler (sent once per app; connected to auth's, as this project package
    has no models and so gets no signal of its own): create or update the centre staff group.

    Django makes each app's permissions in its own post_migrate step, in INSTALLED_APPS order,
    so they may not exist yet when this runs; ``create_permissions`` is idempotent, so make sure
    of them here first.
    """
    from django.apps import apps as global_apps

    # migrate passes its historical apps; flush sends the signal without them.
    apps = apps or global_apps
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = centre_staff_permissions()
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.using(using)
        .filter(content_type__app_label__in=DAILY_WORK)
        .select_related("content_type")
    }
    missing = wanted - found.keys()
    if missing:
        raise LookupError(f"The centre staff role names unknown permissions: {sorted(missing)}")
    group, _created = Group.objects.using(using).get_or_create(name=CENTRE_STAFF_GROUP)
    group.permissions.set([found[key] for key in wanted])

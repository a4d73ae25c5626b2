from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    # Not "Groups": the admin lists the login groups (auth) under that name too.
    verbose_name = _("Self-help groups")

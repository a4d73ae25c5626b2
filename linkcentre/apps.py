from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkcentreConfig(AppConfig):
    name = "linkcentre"
    verbose_name = _("Centre")

    def ready(self):
        from django.apps import apps
        from django.conf import settings
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from linkcentre.middleware import limit_staff_session
        from linkcentre.roles import ensure_roles

        user_logged_in.connect(limit_staff_session, dispatch_uid="linkcentre-staff-session")

        post_migrate.connect(
            ensure_roles, sender=apps.get_app_config("auth"), dispatch_uid="linkcentre-roles"
        )

        admin.site.site_header = settings.CENTRE_NAME
        admin.site.site_title = settings.CENTRE_NAME
        admin.site.index_title = _("Daily work")
        admin.site.site_url = "/"

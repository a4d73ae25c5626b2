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
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from linkcentre import pagefront  # noqa: F401 - registers its check (linkcentre.W002)
        from linkcentre.middleware import limit_staff_session
        from linkcentre.pagecache import watch_connection
        from linkcentre.roles import ensure_roles

        user_logged_in.connect(limit_staff_session, dispatch_uid="linkcentre-staff-session")

        # Writes to what the public pages show drop the cached pages (linkcentre/pagecache.py).
        connection_created.connect(watch_connection, dispatch_uid="linkcentre-pagecache")

        post_migrate.connect(
            ensure_roles, sender=apps.get_app_config("auth"), dispatch_uid="linkcentre-roles"
        )

        from linkcentre.admin import tune_large_change_lists

        tune_large_change_lists()

        admin.site.site_header = settings.CENTRE_NAME
        admin.site.site_title = settings.CENTRE_NAME
        admin.site.index_title = _("Daily work")
        admin.site.site_url = "/"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkcentreConfig(AppConfig):
    name = "linkcentre"
    verbose_name = _("Centre")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        admin.site.site_header = settings.CENTRE_NAME
        admin.site.site_title = settings.CENTRE_NAME
        admin.site.index_title = _("Daily work")
        admin.site.site_url = "/"

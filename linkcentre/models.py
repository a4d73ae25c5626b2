"""The centre's own permissions, which belong to no app's data.

``AnnualReport`` exists only so that Django creates the permission
``linkcentre.view_annual_report``; its table stays empty (an unmanaged model without a table
would break ``dumpdata`` and everything else that walks all models). The annual report gathers
figures from every app, so reusing one app's model permission (say ``outreach.view_distribution``)
would give it to the wrong people or withhold it from the right ones; a permission of its own is
given on purpose. The "centre staff" role (``linkcentre.roles``) does not include it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualReport(models.Model):
    class Meta:
        default_permissions = ()
        permissions = [("view_annual_report", _("Can see the annual report"))]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self):
        return str(self._meta.verbose_name)

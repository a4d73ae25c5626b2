"""The staff dashboard on the admin index: this week at a glance.

Each app may provide ``<app>/reports.py`` with ``dashboard_panel(user)`` returning ``None`` (nothing
for this user) or ``{"title": str, "rows": [{"label", "value", "url", "warning"}]}``. The project
package discovers them by name, so it never reaches into another app's tables.
"""

import importlib
import importlib.util

from django import template
from django.apps import apps

register = template.Library()


def app_report_modules():
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.reports"
        if importlib.util.find_spec(module_name) is not None:
            module = importlib.import_module(module_name)
            if hasattr(module, "dashboard_panel"):
                yield module


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    user = context["request"].user
    panels = []
    for module in app_report_modules():
        panel = module.dashboard_panel(user)
        if panel and panel.get("rows"):
            panels.append(panel)
    return panels

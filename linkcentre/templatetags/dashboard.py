"""The staff dashboard on the admin index: the day and the week at a glance.

Each app may provide ``<app>/reports.py`` with ``dashboard_panels(user)``, a list of panels
(empty when the user may see nothing there). A panel is ``{"id", "title", "rows": [{"label",
"value", "url", "warning"}]}``, optionally with a table: ``"columns"`` and ``"table_rows":
[{"label", "url", "cells": [{"value", "url"}]}]``. Every title is the app's own and says what
it is about, so no two panels look the same. The project discovers the modules by name, so it
never reaches into another app's tables.
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
            if hasattr(module, "dashboard_panels"):
                yield module


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    user = context["request"].user
    panels = []
    for module in app_report_modules():
        panels.extend(
            panel
            for panel in module.dashboard_panels(user)
            if panel.get("rows") or "table_rows" in panel
        )
    return panels

"""The admin's navigation sidebar, rendered once for each thing it can show.

Every admin page lists every app and model the user may see in the sidebar (Django's
admin/app_list.html, included by templates/admin/nav_sidebar.html): on a change list that
template was a twentieth of the request, the same markup page after page. What it writes
depends only on the language, the page's path (which model is current) and, for each app and
model, the names, links and whether it is view-only; so that markup is kept in this process
under exactly those, and made again for anything new. A change in someone's permissions changes
their links, hence the key: nothing shown can be stale.
"""

import threading

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

register = template.Library()

KEEP = 512  # distinct sidebars kept; beyond that all are dropped and made again
_made = {}
_lock = threading.Lock()


def _what_it_shows(app_list):
    if not app_list:
        return None
    return tuple(
        (
            str(app["name"]),
            app["app_label"],
            app["app_url"],
            tuple(
                (
                    model["object_name"],
                    str(model["name"]),
                    model.get("admin_url"),
                    model.get("add_url"),
                    model.get("view_only"),
                )
                for model in app["models"]
            ),
        )
        for app in app_list
    )


@register.simple_tag(takes_context=True)
def sidebar_app_list(context):
    """What ``{% include 'admin/app_list.html' with app_list=available_apps
    show_changelinks=False %}`` writes."""
    app_list = context.get("available_apps")
    request = context.get("request")
    key = (get_language(), getattr(request, "path", None), _what_it_shows(app_list))
    html = _made.get(key)
    if html is None:
        html = get_template("admin/app_list.html").render(
            {"app_list": app_list, "show_changelinks": False, "request": request}
        )
        with _lock:
            if len(_made) >= KEEP:
                _made.clear()
            _made[key] = html
    return html

"""The admin's navigation sidebar, rendered once for each thing it can show.

Every admin page lists every app and model the user may see in the sidebar (Django's
admin/app_list.html, included by templates/admin/nav_sidebar.html): on a change list that
template was some 15 % of the function calls of the request, the same markup page after page. What
it writes depends only on the language, and for each app and model on its names and links,
whether it is view-only and whether the page is one of its pages (its link within the page's
path); so that markup is kept in this process under exactly those, and made again for anything
new. A change in someone's permissions changes their links, hence the key: nothing shown can be
stale.
"""

import threading

from django import template
from django.template.defaultfilters import urlencode
from django.template.loader import get_template
from django.utils.translation import get_language

register = template.Library()

KEEP = 256  # distinct sidebars kept (users' permissions x current model x language), then redone
_made = {}
_lock = threading.Lock()


def _what_it_shows(app_list, path):
    """Everything of the list and the page that admin/app_list.html reads: names and links,
    and which app and model the page belongs to (their links within the page's path)."""
    if not app_list:
        return None
    return tuple(
        (
            str(app["name"]),
            app["app_label"],
            app["app_url"],
            app["app_url"] in path,
            tuple(
                (
                    model["object_name"],
                    str(model["name"]),
                    model.get("admin_url"),
                    model.get("admin_url") in path if model.get("admin_url") else None,
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
    # As the template compares them: the links against the page's path, URL-quoted.
    path = urlencode(request.path) if request is not None else ""
    key = (get_language(), _what_it_shows(app_list, path))
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

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import gettext_lazy as _


def centre(request):
    """The centre's name and contact details for the header, footer and emails."""
    return {
        "centre": {
            "name": settings.CENTRE_NAME,
            "email": settings.CENTRE_EMAIL,
            "phone": settings.CENTRE_PHONE,
            "address": settings.CENTRE_ADDRESS,
            "opening_hours": settings.CENTRE_OPENING_HOURS,
        },
        "accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
    }


# (url name, label) for the main navigation. Apps own their pages; an entry shows only once its
# URL exists, so the menu never links to a page that is not there.
MAIN_NAVIGATION = [
    ("home", _("Home")),
    ("groups:list", _("Find a group")),
    ("research:index", _("Research")),
    ("research:professionals", _("For professionals")),
    ("rooms:week", _("Room booking")),
]


def navigation(request):
    items = []
    current = request.path
    for url_name, label in MAIN_NAVIGATION:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        is_current = current == url or (url != reverse("home") and current.startswith(url))
        items.append({"url": url, "label": label, "current": is_current})
    languages = [
        {
            "code": code,
            "name": name,
            "url": translate_url(request.get_full_path(), code),
        }
        for code, name in (("nb", "Norsk"), ("en", "English"))
    ]
    return {"main_navigation": items, "language_links": languages}

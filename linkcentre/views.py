import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from linkcentre.context_processors import centre, navigation

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "linkcentre/home.html"


class PrivacyView(TemplateView):
    template_name = "linkcentre/privacy.html"

    def get_context_data(self, **kwargs):
        # The periods the purge_personal_data command enforces, so the page cannot drift.
        return {
            **super().get_context_data(**kwargs),
            "retention": {
                "registration_days": settings.GROUPS_RETENTION_DAYS,
                "membership_days": settings.GROUPS_LEFT_MEMBERSHIP_RETENTION_DAYS,
                "info_signup_days": settings.GROUPS_INFO_SIGNUP_RETENTION_DAYS,
                "professional_days": settings.OUTREACH_PROFESSIONAL_RETENTION_DAYS,
            },
        }


class AccessibilityView(TemplateView):
    template_name = "linkcentre/accessibility.html"


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for the container: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# --- Error pages -------------------------------------------------------------------------------
# Rendered from what the settings and the URL give, never from the database, the session or the
# logged-in user, so that they still work when one of those is what failed. That costs the
# "Log out" button on an error page, nothing else.


def _error_context(request):
    context = {**centre(request), **navigation(request)}
    path = request.get_full_path()
    current = translation.get_language()
    for link in context["language_links"]:
        # An address that does not resolve has no translation: offer the other language's home.
        if link["code"] != current and link["url"] == path:
            with translation.override(link["code"]):
                link["url"] = reverse("home")
    return context


def _plain_error_page(status):
    """The last resort when the site's layout itself cannot be rendered."""
    return format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
        "<body><h1>{}</h1><p>{}</p></body></html>",
        translation.get_language(),
        settings.CENTRE_NAME,
        _("Something went wrong (error %(status)s). Please try again later.") % {"status": status},
        _(
            "In an emergency, call 113. Mental health helpline (Mental Helse): 116 123, open day "
            "and night."
        ),
    )


def error_response(request, template_name, status):
    """An error page in the site's layout, in the language of the URL (English under /en/)."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            content = loader.render_to_string(template_name, _error_context(request))
        except Exception:
            logger.exception("The %s page could not be rendered; sending the plain one", status)
            content = _plain_error_page(status)
    return HttpResponse(content, status=status)


def bad_request(request, exception):
    return error_response(request, "linkcentre/errors/400.html", 400)


def permission_denied(request, exception):
    return error_response(request, "linkcentre/errors/403.html", 403)


def page_not_found(request, exception):
    return error_response(request, "linkcentre/errors/404.html", 404)


def server_error(request):
    return error_response(request, "linkcentre/errors/500.html", 500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the usual cause is a form left open too long or blocked cookies."""
    return error_response(request, "linkcentre/errors/csrf.html", 403)

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

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

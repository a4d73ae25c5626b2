import logging

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

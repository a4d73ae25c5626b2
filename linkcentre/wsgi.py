import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkcentre.settings")

django_application = get_wsgi_application()

# After Django is set up: it reads the settings and the page cache.
from linkcentre.pagefront import PageFront  # noqa: E402

# A page this worker has replayed from its memory is answered again before Django (issue 14).
application = PageFront(django_application)

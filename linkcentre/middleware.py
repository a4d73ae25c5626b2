"""Shorter sessions for staff, who can see health-related personal data.

On login a staff session is made to end when the browser closes, and it records when it must
end at the latest (``STAFF_SESSION_HOURS`` after login); the middleware logs staff out after
that, however active they were. Organisation and public sessions keep Django's defaults. (The
Content Security Policy is django-csp's, configured in settings.)
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

STAFF_SESSION_ENDS = "staff_session_ends"


def start_staff_session_clock(session):
    session.set_expiry(0)
    ends = timezone.now() + dt.timedelta(hours=settings.STAFF_SESSION_HOURS)
    session[STAFF_SESSION_ENDS] = ends.timestamp()


def limit_staff_session(sender, request, user, **kwargs):
    """user_logged_in receiver."""
    if request is not None and user.is_staff:
        start_staff_session_clock(request.session)


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            ends = request.session.get(STAFF_SESSION_ENDS)
            if ends is None:
                # Logged in before this rule, or made staff since: the clock starts now.
                start_staff_session_clock(request.session)
            elif timezone.now().timestamp() >= ends:
                logout(request)
        return self.get_response(request)

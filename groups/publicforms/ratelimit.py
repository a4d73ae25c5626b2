"""A fixed-window limit on submissions of a public form per visitor's address, in the cache.

django-ratelimit does the same, but its system checks reject the in-memory cache we use in
development and do not know Django's own Redis backend, so these few lines are ours.

The counter of a window is created with ``cache.add`` (only when missing) and counted with
``cache.incr``; both are atomic in Redis, so two gunicorn workers can never both take the last
place. The key is an HMAC of the form's name and the address under SECRET_KEY: the cache never
holds an address, and one cannot be guessed back from the key.
"""

import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

# Keys outlive their window a little, so a counter never vanishes while its window is current.
EXPIRY_MARGIN_SECONDS = 60


def client_address(request):
    """The visitor's address. Behind ``TRUSTED_PROXY_COUNT`` proxies of our own it is the one the
    outermost of them saw (X-Forwarded-For from the right: earlier entries are the client's own
    word). An IPv6 address counts as its /64, which one home or phone usually has all of."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _window():
    period = settings.PUBLIC_FORM_RATE_WINDOW_SECONDS
    number, into = divmod(int(time.time()), period)
    return number, period - into


def counter_key(request, form_name, window_number):
    digest = salted_hmac(
        "groups.publicforms.ratelimit", f"{form_name}\n{client_address(request)}"
    ).hexdigest()
    return f"ratelimit:{form_name}:{window_number}:{digest}"


def count_submission(request, form_name):
    """Count one submission of ``form_name`` from this visitor; True when it is over the limit."""
    number, _left = _window()
    key = counter_key(request, form_name, number)
    timeout = settings.PUBLIC_FORM_RATE_WINDOW_SECONDS + EXPIRY_MARGIN_SECONDS
    try:
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:
            # Evicted between add and incr (a full in-memory cache culls): count afresh.
            cache.set(key, 1, timeout=timeout)
            count = 1
    except Exception:
        # The limit guards against floods; a cache that is down must not stop a person signing
        # up, so the submission goes through and the failure is logged for the operator.
        logger.warning("Rate limit for %s not counted: the cache failed", form_name, exc_info=True)
        return False
    return count > settings.PUBLIC_FORM_RATE_LIMIT


def too_many_submissions(request):
    """429 in the site's layout: nothing was saved, when to try again, other ways to reach us."""
    _number, seconds_left = _window()
    response = render(
        request,
        "groups/too_many_submissions.html",
        {"minutes_left": max(1, -(-seconds_left // 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds_left)
    return response


def refuse_when_over_limit(request, form_name):
    """Call once the form is valid and before saving: None to go on, or the 429 response."""
    if count_submission(request, form_name):
        logger.info("Rate limit reached for %s", form_name)
        return too_many_submissions(request)
    return None

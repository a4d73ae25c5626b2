"""Fetching a partner's feed from a URL a person typed, without opening the server's network.

Fetching a URL given by a person is a way into the server's own network (SSRF), so
``fetch_feed`` speaks only http(s), resolves the host itself, refuses loopback, private,
link-local and other non-public addresses (unless ``DEBUG``), connects to the address it checked
(a second DNS answer cannot swap it), ignores proxy settings, follows at most three redirects
through the same checks, and stops at ``GROUPS_FEED_IMPORT_MAX_BYTES`` and
``GROUPS_FEED_IMPORT_TIMEOUT_SECONDS``.
"""

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_SCHEMES = {"http", "https"}
MAX_REDIRECTS = 3
CHUNK = 64 * 1024


def is_public_address(ip):
    """True for an address on the public internet; IPv4 inside IPv6 is judged as IPv4."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return ip.is_global and not ip.is_multicast


def _refused(host):
    return ValidationError(
        _("The address %(host)s is not on the public internet; the feed was not fetched.")
        % {"host": host},
        code="private_address",
    )


def guarded_create_connection(address, timeout=None, source_address=None, *args, **kwargs):
    """``socket.create_connection`` that resolves once, checks, and connects to that address."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise OSError(_("The host name %(host)s was not found.") % {"host": host}) from error
    addresses = [info[4][0] for info in infos]
    for found in addresses:
        ip = ipaddress.ip_address(found.split("%", 1)[0])
        if not settings.DEBUG and not is_public_address(ip):
            raise _refused(host)
    return socket.create_connection((addresses[0], port), timeout, source_address)


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = guarded_create_connection


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    # TLS still checks the certificate against the host name (SNI), not the address.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = guarded_create_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ALLOWED_SCHEMES:
            raise ValidationError(
                _("The feed's address redirects to something that is not http or https."),
                code="bad_redirect",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener():
    # Built by hand: no ProxyHandler (a proxy from the environment would bypass the guard),
    # and no file:, ftp: or data: handlers.
    opener = urllib.request.OpenerDirector()
    for handler in [
        _HTTPHandler(),
        _HTTPSHandler(context=ssl.create_default_context()),
        _RedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ]:
        opener.add_handler(handler)
    return opener


def _too_big():
    return ValidationError(
        _("The feed is larger than %(size)d kB; it was not read.")
        % {"size": settings.GROUPS_FEED_IMPORT_MAX_BYTES // 1000},
        code="too_big",
    )


def read_limited(stream, deadline=None):
    """Read at most ``GROUPS_FEED_IMPORT_MAX_BYTES`` (and until ``deadline``) or refuse."""
    limit = settings.GROUPS_FEED_IMPORT_MAX_BYTES
    chunks, size = [], 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise _too_big()
        if deadline is not None and time.monotonic() > deadline:
            raise ValidationError(_("The feed took too long to download."), code="timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_feed(url):
    """The feed's bytes from ``url``, or a ValidationError that says what went wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES or not parts.hostname:
        raise ValidationError(
            _("Give the feed's address starting with https:// (or http://)."), code="bad_url"
        )
    timeout = settings.GROUPS_FEED_IMPORT_TIMEOUT_SECONDS
    # The scheme is checked above, and the opener has only http(s) handlers.
    request = urllib.request.Request(  # noqa: S310
        url,
        headers={
            "Accept": "application/json",
            "User-Agent": f"{settings.CENTRE_NAME} feed import",
        },
    )
    try:
        with _opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > settings.GROUPS_FEED_IMPORT_MAX_BYTES:
                raise _too_big()
            return read_limited(response, deadline=time.monotonic() + timeout)
    except urllib.error.HTTPError as error:
        error.close()  # it holds the response and its socket
        if 300 <= error.code < 400:
            # urllib refuses a redirect to file:, data: and the like itself.
            raise ValidationError(
                _("The feed's address redirects to something that is not http or https."),
                code="bad_redirect",
            ) from error
        raise ValidationError(
            _("The feed's server answered %(status)d.") % {"status": error.code}, code="http"
        ) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, ValidationError):
            raise error.reason from error
        raise ValidationError(
            _("The feed could not be fetched: %(reason)s") % {"reason": error.reason},
            code="unreachable",
        ) from error
    except (OSError, http.client.HTTPException) as error:
        raise ValidationError(
            _("The feed could not be fetched: %(reason)s") % {"reason": error}, code="unreachable"
        ) from error

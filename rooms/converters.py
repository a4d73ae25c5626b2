"""The secret tokens in link addresses (calendar feeds, withdrawal links).

``secrets.token_urlsafe`` makes them from letters, digits, ``-`` and ``_``, and they are stored in
64 characters. Anything else in that part of the address (a NUL byte, which PostgreSQL refuses
in a query, or a string of a megabyte) can never match a token, so it answers 404 before any
query runs.
"""

from django.urls import register_converter


class TokenConverter:
    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Registered here, once, when the first urls module imports this one (rooms' or groups').
register_converter(TokenConverter, "token")

"""``{{ day|long_date }}`` and ``{{ day|short_date }}`` in templates (see ``rooms.dates``)."""

from django import template

from rooms import dates

register = template.Library()

# expects_localtime: an aware datetime is shown on its Oslo date, as the ``date`` filter does.
register.filter("long_date", dates.long_date, expects_localtime=True)
register.filter("short_date", dates.short_date, expects_localtime=True)

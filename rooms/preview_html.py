"""The preview table's body rows written in Python (``{% preview_rows %}`` in
``rooms/_preview_table.html``).

A year of weekly dates is 52 rows, each taken one with up to a button per free room; through
template tags every variable, ``if`` and date filter was resolved again per row and button,
which cost more than working out the preview. Here each row's date is written once and the rows
joined as strings, every value from the data escaped. The markup is the one the template wrote.
"""

import functools

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from rooms import dates
from rooms.availability import DateStatus


@functools.lru_cache(maxsize=4096)
def _long_date(language, day):
    """The date in words, escaped: the same year of dates is written again on every preview,
    and Django's date format costs more than the rest of a row. ``language`` is the one
    active: it is in the key, not passed on."""
    return escape(dates.long_date(day))


def _hhmm(moment):
    moment = timezone.localtime(moment)  # as the template's ``time`` filter shows it
    return f"{moment.hour:02}:{moment.minute:02}"


class _Words:
    """The table's words, translated once a page."""

    def __init__(self):
        self.badges = {
            DateStatus.FREE: ("success", escape(gettext("Free"))),
            DateStatus.TAKEN: ("danger", escape(gettext("Taken"))),
            DateStatus.CLOSED: ("warning", escape(gettext("Closed"))),
            DateStatus.OUTSIDE_HOURS: ("secondary", escape(gettext("Outside opening hours"))),
            DateStatus.OVER_QUOTA: ("warning", escape(gettext("Over your quota"))),
        }
        self.past = ("secondary", escape(gettext("In the past")))
        self.alternatives = escape(gettext("Free alternatives"))
        self.none_free = escape(gettext("none at this time"))


def _status(preview, words):
    colour, text = words.badges.get(preview.status, words.past)
    badge = f'<span class="badge text-bg-{colour}">{text}</span>'
    # The badge already says taken, outside hours or past; only say more when there is more.
    says_more = preview.own_booking or preview.status in (
        DateStatus.CLOSED,
        DateStatus.OVER_QUOTA,
    )
    if preview.reason and says_more:
        badge += f'<span class="d-block small">{escape(preview.reason)}</span>'
    return badge


def _alternatives(preview, day_text, *, words, book_alternatives):
    elsewhere = getattr(preview, "booked_elsewhere", None)
    if elsewhere:
        text = gettext("Booked in %(room)s") % {"room": escape(elsewhere.room)}
        return f'<span class="badge text-bg-success">{text}</span>'
    if preview.alternatives and book_alternatives:
        # Each button posts the whole booking form (form="book-form") and books this date in
        # that room.
        day = preview.date.isoformat()
        buttons = "".join(
            f'<li><button type="submit" form="book-form" name="alternative" '
            f'value="{escape(room.pk)}:{day}" class="btn btn-sm btn-outline-primary">'
            f"{gettext('Book %(room)s') % {'room': escape(room.name)}}"
            f'<span class="visually-hidden"> {day_text}</span></button></li>'
            for room in preview.alternatives
        )
        return (
            f'<span class="d-md-none small">{words.alternatives}:</span>'
            f'<ul class="list-unstyled d-flex flex-wrap gap-1 mb-0">{buttons}</ul>'
        )
    if preview.alternatives:
        return ", ".join(escape(room.name) for room in preview.alternatives)
    if preview.status == DateStatus.TAKEN:
        return f'<span class="text-body-secondary">{words.none_free}</span>'
    return ""


def preview_rows(previews, *, book_alternatives=False):
    """The ``<tr>`` of every ``rooms.availability.DatePreview``, as safe HTML."""
    words, language = _Words(), get_language()
    out = []
    for preview in previews:
        day_text = _long_date(language, preview.date)
        alternatives = _alternatives(
            preview, day_text, words=words, book_alternatives=book_alternatives
        )
        out.append(
            f'<tr class="preview-{escape(preview.status)}">'
            f'<th scope="row">{day_text}</th>'
            f"<td>{_hhmm(preview.start)}–{_hhmm(preview.end)}</td>"
            f"<td>{_status(preview, words)}</td>"
            f"<td>{alternatives}</td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308 -- every value from the data is escaped above

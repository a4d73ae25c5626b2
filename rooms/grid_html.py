"""The week grid's body rows written in Python (``{% grid_rows %}`` in ``rooms/_grid.html``).

A national week is 350 cells and a thousand segments; through template tags each variable,
``if`` and ``for`` is resolved again per segment, which cost more than building the grid.
Here each row's words, date and address are worked out once and the cells are joined as
strings, every value from the data escaped. The markup is the one the template wrote.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from rooms import dates, shared_cache
from rooms.grid import SegmentKind, bookable_from, fill_week


def _hhmm(moment):
    return f"{moment.hour:02}:{moment.minute:02}"


class _Words:
    """The grid's words, translated once a page."""

    def __init__(self):
        self.closed = escape(gettext("Closed"))
        self.free = escape(gettext("Free"))
        self.taken = escape(gettext("Taken"))
        self.nothing_free = escape(gettext("Nothing free"))
        self.today = escape(gettext("today"))
        self.pending = escape(gettext("waiting for approval"))


def _free(segment, cell, *, words, book_url, day_text, can_book):
    times = segment.times
    if not can_book:
        return f'<li class="seg seg-free">{words.free} {times}</li>'
    room = cell.room
    hidden = escape(gettext("book %(room)s on %(day)s") % {"room": room.name, "day": day_text})
    href = (
        f"{book_url}?room={room.pk}&amp;date={cell.day.isoformat()}"
        f"&amp;start_time={_hhmm(segment.start)}&amp;end_time={_hhmm(segment.end_for_form)}"
    )
    return (
        f'<li class="seg seg-free"><a href="{href}">{words.free} {times}'
        f'<span class="visually-hidden">: {hidden}</span></a></li>'
    )


def _own(segment, *, words, show_all):
    booking = segment.booking
    pending = booking.is_pending
    parts = [
        f'<li class="seg seg-own{" is-pending" if pending else ""}">',
        f'<span class="d-block">{segment.times}</span>',
        f'<strong class="d-block">{escape(booking.title)}</strong>',
    ]
    if show_all:
        parts.append(f'<span class="d-block">{escape(booking.organisation)}</span>')
    if pending:
        parts.append(f'<span class="d-block fst-italic">{words.pending}</span>')
    parts.append("</li>")
    return "".join(parts)


def _cell(cell, *, words, book_url, day_text, can_book, show_all):
    head = (
        f'<td class="rooms-cell{cell.css}">'
        f'<span class="rooms-cell-room">{escape(cell.room.name)}</span>'
    )
    if cell.closure:
        return (
            f'{head}<span class="seg seg-closed">{words.closed}: {escape(cell.closure)}</span></td>'
        )
    if not cell.segments:
        text = words.nothing_free if cell.is_open else words.closed
        return f'{head}<span class="seg seg-none">{text}</span></td>'
    items = []
    for segment in cell.segments:
        if segment.kind == SegmentKind.TAKEN:
            items.append(f'<li class="seg seg-taken">{segment.times} {words.taken}</li>')
        elif segment.kind == SegmentKind.FREE:
            items.append(
                _free(
                    segment,
                    cell,
                    words=words,
                    book_url=book_url,
                    day_text=day_text,
                    can_book=can_book,
                )
            )
        else:
            items.append(_own(segment, words=words, show_all=show_all))
    return f'{head}<ul class="rooms-segments">{"".join(items)}</ul></td>'


def _day_header(row, *, words, is_today):
    hours = row.hours
    opening = f"{_hhmm(hours.opens)}–{_hhmm(hours.closes)}" if hours else words.closed
    today = f'<span class="d-block small fw-normal">{words.today}</span>' if is_today else ""
    return (
        f'<th scope="row" class="rooms-grid-day">'
        f'<span class="d-block">{escape(dates.short_date(row.day))}</span>{today}'
        f'<span class="d-block small fw-normal">{opening}</span></th>'
    )


def grid_rows(week, *, today=None, can_book=False, show_all=False):
    """The ``<tr>`` of every day in ``week`` (a ``rooms.grid.Week``), as safe HTML."""
    words = _Words()
    book_url = escape(reverse("rooms:book")) if can_book else ""
    out = []
    for row in week.rows:
        is_today = row.day == today
        # The day in words only for the free times' links, once a row instead of per link.
        day_text = dates.long_date(row.day) if can_book else ""
        out.append(f'<tr class="rooms-grid-row{" is-today" if is_today else ""}">')
        out.append(_day_header(row, words=words, is_today=is_today))
        for cell in row.cells:
            out.append(
                _cell(
                    cell,
                    words=words,
                    book_url=book_url,
                    day_text=day_text,
                    can_book=can_book,
                    show_all=show_all,
                )
            )
        out.append("</tr>")
    return mark_safe("\n".join(out))  # noqa: S308 -- every value from the data is escaped above


def grid_table(
    week,
    *,
    organisation=None,
    show_all=False,
    can_book=False,
    today=None,
    template="rooms/_grid.html",
):
    """The grid's whole table (``template``: ``rooms/_grid.html`` or a template including it)
    for ``week``, a ``rooms.grid.week_frame``, as safe HTML: from the shared cache when it can
    be trusted (``rooms.shared_cache``), else ``week`` is filled and rendered.

    An organisation looks at the same few weeks again and again between two bookings; a hit
    reads neither the week's bookings nor its hundreds of cells. The entry is per organisation
    (its own bookings are shown in full), language, rooms and day, and per quarter hour while
    the week holds today (free times start from now)."""
    earliest = bookable_from(timezone.now())

    def render():
        fill_week(week, organisation=organisation, show_all=show_all, earliest=earliest)
        context = {"week": week, "can_book": can_book, "today": today, "show_all": show_all}
        return render_to_string(template, context)

    version = shared_cache.trusted_version()
    if version is None:
        return mark_safe(render())  # noqa: S308 -- the template escapes
    first, last = week.days[0], week.days[-1]
    parts = [
        version,
        template,
        get_language(),
        organisation.pk if organisation else "-",
        int(show_all),
        int(can_book),
        first.isoformat(),
        last.isoformat(),
        int(week.single_day),
        today.isoformat() if today else "-",
        # Only the day holding "now" changes with the clock; before it nothing is free any
        # more, after it everything from opening time is.
        earliest.isoformat() if first <= earliest.date() <= last else "-",
        shared_cache.digest(room.pk for room in week.rooms),
    ]
    key = "rooms:grid:" + ":".join(map(str, parts))
    return mark_safe(shared_cache.get_or_build(key, render))  # noqa: S308 -- as above

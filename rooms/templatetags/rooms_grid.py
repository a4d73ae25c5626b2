"""``{% grid_rows %}``: the week grid's body rows, written in Python (see ``rooms.grid_html``)."""

from django import template

from rooms.grid_html import grid_rows as _grid_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def grid_rows(context):
    return _grid_rows(
        context["week"],
        today=context.get("today"),
        can_book=bool(context.get("can_book")),
        show_all=bool(context.get("show_all")),
    )

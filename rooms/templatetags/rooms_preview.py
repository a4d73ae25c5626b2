"""``{% preview_rows %}``: the preview table's body rows, written in Python (see
``rooms.preview_html``)."""

from django import template

from rooms.preview_html import preview_rows as _preview_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def preview_rows(context):
    return _preview_rows(
        context["previews"], book_alternatives=bool(context.get("book_alternatives"))
    )

"""Form widgets of the rooms pages (groups may use them too: rooms is the bottom layer)."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs):
    """As ``django/forms/widgets/attrs.html`` writes them: in order (``flatatt`` sorts them),
    True as a bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """``forms.Select`` with the same markup, written in Python instead of a template per
    option: a list of fifty rooms rendered through the option templates cost more than the
    rest of the page around it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "\n",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), _attrs(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">\n{}\n</optgroup>', group_name, html)
                if group_name
                else html
            )
        options = mark_safe("\n".join(groups))  # noqa: S308 -- each part escaped above
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', widget["name"], _attrs(widget["attrs"]), options
        )

"""``PlainSelect`` writes the markup Django's ``Select`` writes through its templates."""

import re

import pytest
from django import forms

from rooms.widgets import PlainSelect

CHOICES = [
    ("", "—"),
    ("x&y", 'A "quoted" <b>label</b>'),
    ("Group & co", [("1", "one"), ("2", "two")]),
]


def as_html(widget, data):
    class Form(forms.Form):
        choice = forms.ChoiceField(choices=CHOICES, required=False, widget=widget)
        required = forms.ChoiceField(choices=CHOICES, widget=widget)  # a bare "required"

    form = Form(data)
    if data is not None:
        form.is_valid()
    return re.sub(r">\s+<", "><", f"{form['choice']}{form['required']}")


@pytest.mark.parametrize("data", [None, {"choice": "1"}, {"choice": "x&y"}, {"choice": "zzz"}])
def test_the_same_markup_as_djangos_select(data):
    plain = as_html(PlainSelect(attrs={"class": "form-select"}), data)
    assert plain == as_html(forms.Select(attrs={"class": "form-select"}), data)
    assert "&lt;b&gt;" in plain and "<b>" not in plain  # labels escaped
    assert " required" in plain

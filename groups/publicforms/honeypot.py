"""A honeypot field for public forms: people never see it, robots that fill in every field do.

It is hidden from sight (``form-honeypot`` in static/css/site.css; the CSP allows no inline
style), from assistive technology (``aria-hidden``), from the keyboard (``tabindex=-1``) and from
autofill (``autocomplete=off``), and its label tells anyone who still meets it to leave it empty.
No CAPTCHA: those fail people with disabilities.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

HONEYPOT_CSS_CLASS = "form-honeypot"


class HoneypotInput(forms.TextInput):
    def __init__(self, label, attrs=None):
        super().__init__(attrs)
        self.label = label

    def format_value(self, value):
        # Never echo what was typed: a person whose browser filled it in just sends again.
        return None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "tabindex": "-1", "autocomplete": "off"}
        field = super().render(name, None, attrs, renderer)
        return format_html(
            '<div class="{}" aria-hidden="true"><label for="{}">{}</label>{}</div>',
            HONEYPOT_CSS_CLASS,
            attrs.get("id", ""),
            self.label,
            field,
        )


class HoneypotBoundField(BoundField):
    def css_classes(self, extra_classes=None):
        # The wrapper that form templates (crispy's too) put around a field is hidden as well.
        return f"{super().css_classes(extra_classes)} {HONEYPOT_CSS_CLASS}".strip()


class HoneypotField(forms.Field):
    """A plain Field, not a CharField: it has no validators, so whatever a robot puts in it (NUL
    bytes, 10 kB) gives only the one form-level message below, never a field error on a field
    nobody can see."""

    def __init__(self):
        # No label of its own: the widget carries it inside the aria-hidden part.
        super().__init__(
            label="",
            required=False,
            widget=HoneypotInput(label=_("Leave this field empty")),
        )

    def get_bound_field(self, form, field_name):
        return HoneypotBoundField(form, self, field_name)


class HoneypotMixin:
    """First among a form's bases. A filled honeypot makes the form invalid with a friendly
    message, so the view saves nothing, and a person who was caught by autofill can send again."""

    honeypot_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added last, so it comes after every real field in the page and in the tab order.
        self.fields[self.honeypot_name] = HoneypotField()

    def caught_by_honeypot(self):
        name = self.add_prefix(self.honeypot_name)
        # Every value counts: a second, empty copy of the field must not cancel a filled one.
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
        return any(values)

    def clean(self):
        data = super().clean()
        if self.caught_by_honeypot():
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The form was not sent: a field that must stay empty was filled in, "
                        "perhaps by a program that fills in forms. Nothing has been saved. "
                        "Please check your answers and send the form again."
                    ),
                    code="honeypot",
                ),
            )
        return data

"""The rows of a large table's change list (linkcentre/admin.py LARGE_CHANGE_LISTS), the same
markup as Django's ``items_for_result`` at a fraction of its cost.

Django works out each cell from scratch: which field or callable the column is, its classes,
whether it links, and it formats every value anew through the locale's formats and the admin's
templates. On a page of fifty rows that was a quarter of the request. Here what depends only on
the column is decided once per page, and a model field's displayed value once per distinct value
on the page (the same room, status or date recurs down the list; a related row's name is the
same wherever it recurs). Callables from ``list_display`` still run for every row, exactly as
Django runs them. Change lists with editable columns (a formset) keep Django's own rows.
"""

import datetime

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _coerce_field_name,
    items_for_result,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.dateformat import DateFormat, TimeFormat, re_escaped, re_formatchars
from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

_MISSING = object()


def _model_field(opts, name):
    """The model field a column shows, or None where Django's ``lookup_field`` would call
    something (a callable, a ModelAdmin method, a property) instead."""
    if callable(name):
        return None
    try:
        return _get_non_gfk_field(opts, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        return None


class _StandIn:
    """Just enough of a row for ``ChangeList.url_for_result``."""

    def __init__(self, attname, pk):
        setattr(self, attname, pk)


def _class_attr(classes):
    # Class names from list_display's names (code, not data), as Django marks them.
    return mark_safe(f' class="{" ".join(classes)}"')  # noqa: S308


class DateDisplay:
    """``display_for_field`` for a date, time or date-and-time field without choices, with the
    locale's format split into its parts once per page rather than for every value (Django's
    ``Formatter.format`` does it with a regular expression each time)."""

    KINDS = [
        (datetime.datetime, "DATETIME_FORMAT", DateFormat),
        (datetime.date, "DATE_FORMAT", DateFormat),
        (datetime.time, "TIME_FORMAT", TimeFormat),
    ]

    def __init__(self, field):
        self.field = field
        self.to_local = isinstance(field, models.DateTimeField)
        self.parts = {}

    @staticmethod
    def _parts(format_string):
        parts = []
        for index, piece in enumerate(re_formatchars.split(str(format_string))):
            if index % 2:
                parts.append((True, piece))
            elif piece:
                parts.append((False, re_escaped.sub(r"\1", piece)))
        return parts

    def __call__(self, value, empty):
        """The display, or None where only Django's own function will do."""
        if value in self.field.empty_values:
            return empty
        if self.to_local:
            value = timezone.template_localtime(value)
        found = next((kind for kind in self.KINDS if isinstance(value, kind[0])), None)
        if found is None:
            return None
        _kind, name, formatter = found
        if name not in self.parts:
            self.parts[name] = self._parts(get_format(name))
        parts = self.parts[name]
        if type(value) is datetime.date and any(
            code and hasattr(TimeFormat, piece) for code, piece in parts
        ):
            return None  # Django refuses: a time in a date's format
        shown = formatter(value)
        return "".join(str(getattr(shown, piece)()) if code else piece for code, piece in parts)


class Column:
    """One column of ``list_display``: what Django decides per cell, decided once."""

    def __init__(self, cl, index, name, *, link, tag):
        self.cl, self.name, self.link, self.tag = cl, name, link, tag
        self.empty = cl.model_admin.get_empty_value_display()
        self.field = _model_field(cl.lookup_opts, name)
        self.call = None
        if self.field is None:
            # What ``lookup_field`` calls for such a column, when that is the same for every row.
            if callable(name):
                self.call = name
            elif hasattr(cl.model_admin, name) and name != "__str__":
                self.call = getattr(cl.model_admin, name)
        elif self.field.auto_created:
            self.field = None  # an implicit id: Django shows it as a plain value
        self.classes = [f"field-{_coerce_field_name(name, index)}"]
        if self.field is not None and isinstance(
            self.field, (models.DateField, models.TimeField, models.ForeignKey)
        ):
            self.classes.append("nowrap")
        self.related = self.field is not None and isinstance(
            self.field.remote_field, models.ManyToOneRel
        )
        self.dates = None
        if isinstance(self.field, (models.DateField, models.TimeField)) and not (
            self.field.flatchoices
        ):
            self.dates = DateDisplay(self.field)
        self.class_attr = _class_attr(self.classes)
        # value (or the related row's key) -> (escaped display, class attribute), this page only
        self.shown = {}

    def html(self, result):
        """The cell's escaped content and its class attribute."""
        if self.field is None:
            return self._computed(result)
        return self._stored(result)

    def _stored(self, result):
        if self.related:
            key = getattr(result, self.field.attname)
        else:
            key = getattr(result, self.name)
            if isinstance(key, str) and key.strip() == "":
                key = ""
        try:
            return self.shown[key]
        except KeyError:
            shown = self.shown[key] = self._display(result, key)
            return shown
        except TypeError:  # an unhashable value (JSON): shown, not remembered
            return self._display(result, key)

    def _display(self, result, value):
        if not self.related:
            shown = self.dates(value, self.empty) if self.dates else None
            if shown is None:
                shown = display_for_field(value, self.field, self.empty, avoid_link=self.link)
            return conditional_escape(shown), self.class_attr
        try:
            related = getattr(result, self.field.name)
        except ObjectDoesNotExist:  # a dangling key: Django gives no "nowrap" then
            return conditional_escape(self.empty), _class_attr(self.classes[:1])
        return conditional_escape(self.empty if related is None else related), self.class_attr

    def _computed(self, result):
        # Django's own per-cell steps (items_for_result), for columns that are not fields.
        classes = list(self.classes)
        try:
            if self.call is not None:
                attr, value = self.call, self.call(result)
            else:
                _field, attr, value = lookup_field(self.name, result, self.cl.model_admin)
        except ObjectDoesNotExist:
            return conditional_escape(self.empty), self.class_attr
        empty = getattr(attr, "empty_value_display", self.empty)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.name == "action_checkbox":
            classes = ["action-checkbox"]
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        if isinstance(value, (datetime.date, datetime.time)):
            classes.append("nowrap")
        return conditional_escape(display_for_value(value, empty, boolean)), _class_attr(classes)


class QuickRows:
    def __init__(self, cl):
        self.cl = cl
        self.columns = []
        first = True
        for index, name in enumerate(cl.list_display):
            link = self._links(first, name)
            self.columns.append(
                Column(cl, index, name, link=link, tag="th" if link and first else "td")
            )
            first = first and not link
        self._suffix = self._template = _MISSING

    def _links(self, is_first, name):
        links = self.cl.list_display_links
        if links is None:
            return False
        return (is_first and not links) or name in links

    def _url(self, result):
        if self._suffix is _MISSING:
            self._prepare_urls(result)
        if self._template is not None:
            url = self._template[0] + str(getattr(result, self.cl.pk_attname)) + self._template[1]
        else:
            url = self.cl.url_for_result(result)
        if self._suffix is None:
            context = {"preserved_filters": self.cl.preserved_filters, "opts": self.cl.opts}
            return add_preserved_filters(context, url)
        return url + self._suffix

    def _prepare_urls(self, result):
        url = self.cl.url_for_result(result)  # may raise NoReverseMatch: then no links at all
        # The preserved filters are the same for every row's change link: work them out once
        # (the change URL itself has no query string to merge them with).
        context = {"preserved_filters": self.cl.preserved_filters, "opts": self.cl.opts}
        full = add_preserved_filters(context, url)
        self._suffix = full[len(url) :] if full.startswith(url) and "?" not in url else None
        # With a whole-number key the change URLs differ only in the number: reverse the URL
        # once, for a stand-in number, and keep what comes before and after it.
        self._template = None
        if isinstance(self.cl.lookup_opts.pk, models.IntegerField):
            stand_in = 918273645546372819
            parts = self.cl.url_for_result(_StandIn(self.cl.pk_attname, stand_in)).split(
                f"/{stand_in}/"
            )
            if len(parts) == 2:
                template = (parts[0] + "/", "/" + parts[1])
                pk = getattr(result, self.cl.pk_attname)
                if template[0] + str(pk) + template[1] == url:
                    self._template = template

    def _linked(self, result, shown):
        try:
            url = self._url(result)
        except NoReverseMatch:
            return shown
        popup = ""
        if self.cl.is_popup:
            attr = str(self.cl.to_field) if self.cl.to_field else self.cl.lookup_opts.pk.attname
            popup = format_html(' data-popup-opener="{}"', result.serializable_value(attr))
        return format_html('<a href="{}"{}>{}</a>', url, popup, shown)

    def row(self, result):
        cells = []
        for column in self.columns:
            shown, classes = column.html(result)
            if column.link:
                shown = self._linked(result, shown)
            cells.append(f"<{column.tag}{classes}>{shown}</{column.tag}>")
        return mark_safe("".join(cells))  # noqa: S308 -- each cell's content is escaped above


def quick_results(cl):
    """What Django's ``admin_list.results`` yields, for the change list template, except that
    each row's cells come as one piece of markup (the template joins them anyway; rendering
    them one by one was a third of the rows' time)."""
    if cl.formset:
        for result, form in zip(cl.result_list, cl.formset.forms, strict=False):
            yield ResultList(form, items_for_result(cl, result, form))
        return
    rows = QuickRows(cl)
    for result in cl.result_list:
        yield ResultList(None, [rows.row(result)])

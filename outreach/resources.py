"""CSV import of existing lists of places and professionals (django-import-export).

The admin shows a dry-run preview first, with an error per row; nothing is saved until the
preview is clean and confirmed. Files may be comma- or semicolon-separated (Excel in Norway
saves with semicolons), UTF-8 with or without a byte-order mark. Kinds and districts may be
written as their code or their name in Norwegian or English ("Grünerløkka", "NAV-kontor").
"""

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV

from outreach.models import District, Place, Professional


class ExcelFriendlyCSV(CSV):
    """CSV that accepts ``;`` as well as ``,`` as the separator, whichever the header uses."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        in_stream = in_stream.removeprefix("\ufeff")
        first_line = in_stream.split("\n", 1)[0]
        kwargs.setdefault(
            "delimiter", ";" if first_line.count(";") > first_line.count(",") else ","
        )
        return super().create_dataset(in_stream, **kwargs)


class ChoiceWidget(widgets.Widget):
    """A choice given as its stored code or its label in Norwegian or English."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def _lookup(self):
        lookup = {}
        for language in ("en", "nb"):
            with translation.override(language):
                for value, label in self.choices:
                    lookup[str(label).casefold()] = value
        for value, _label in self.choices:
            lookup[str(value).casefold()] = value
        return lookup

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return ""
        try:
            return self._lookup()[text.casefold()]
        except KeyError:
            allowed = ", ".join(str(label) for _value, label in self.choices)
            raise ValueError(
                _("“%(value)s” is not one of the choices: %(allowed)s.")
                % {"value": text, "allowed": allowed}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value)


class PlaceByNameWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(Place, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if not (value or "").strip():
            return None
        matches = list(Place.objects.filter(name__iexact=value.strip())[:2])
        if not matches:
            raise ValueError(
                _(
                    "There is no place called “%(name)s”. Import the places first, "
                    "or check the spelling."
                )
                % {"name": value.strip()}
            )
        if len(matches) > 1:
            raise ValueError(
                _("More than one place is called “%(name)s”. Give the place a unique name first.")
                % {"name": value.strip()}
            )
        return matches[0]


class PlaceResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="name")
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(Place.Kind.choices)
    )
    district = fields.Field(
        attribute="district", column_name="district", widget=ChoiceWidget(District.choices)
    )
    address = fields.Field(attribute="address", column_name="address")
    notes = fields.Field(attribute="notes", column_name="notes")

    class Meta:
        model = Place
        fields = ("name", "kind", "district", "address", "notes")
        import_id_fields = ("name", "address")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        # Missing optional columns are blank, not "None".
        for column in ("address", "notes"):
            if row.get(column) is None:
                row[column] = ""


class ProfessionalResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="name")
    role = fields.Field(attribute="role", column_name="role")
    workplace = fields.Field(
        attribute="workplace", column_name="workplace", widget=PlaceByNameWidget()
    )
    email = fields.Field(attribute="email", column_name="email")
    phone = fields.Field(attribute="phone", column_name="phone")
    notes = fields.Field(attribute="notes", column_name="notes")

    class Meta:
        model = Professional
        fields = ("name", "role", "workplace", "email", "phone", "notes")
        import_id_fields = ("name", "workplace")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        for column in ("email", "phone", "notes", "role"):
            if row.get(column) is None:
                row[column] = ""

"""``choice_label`` says what ``get_<field>_display()`` says, in either language."""

import pytest
from django.utils import translation

from outreach.models import ContactActivity, District, Place, choice_label


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize(
    ("model", "field", "choices"),
    [(Place, "kind", Place.Kind), (Place, "district", District), (ContactActivity, "kind", None)],
)
def test_the_label_is_the_fields_display(language, model, field, choices):
    choices = choices or model.Kind
    with translation.override(language):
        for value in [*choices.values, "not-a-choice"]:
            row = model(**{field: value})
            expected = getattr(row, f"get_{field}_display")()
            assert choice_label(choices, value) == expected
            assert type(choice_label(choices, value)) is str

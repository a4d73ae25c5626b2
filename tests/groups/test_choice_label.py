"""``choice_label`` says what ``get_<field>_display()`` says, in either language."""

import pytest
from django.utils import translation

from groups.models import InterestRegistration
from groups.models.vocabulary import choice_label


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_label_is_the_fields_display(language):
    with translation.override(language):
        for value in [*InterestRegistration.Status.values, "not-a-status"]:
            registration = InterestRegistration(status=value)
            expected = registration.get_status_display()
            assert choice_label(InterestRegistration.Status, value) == expected
            assert str(registration) == f" ({expected})"

"""``choice_label`` says what ``get_<field>_display()`` says, in either language."""

import pytest
from django.utils import translation

from groups.models import InterestRegistration
from groups.models.vocabulary import TimeOfDay, choice_label
from rooms.models import Weekday


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_label_is_the_fields_display(language):
    with translation.override(language):
        for value in [*InterestRegistration.Status.values, "not-a-status"]:
            registration = InterestRegistration(status=value)
            expected = registration.get_status_display()
            assert choice_label(InterestRegistration.Status, value) == expected
            assert str(registration) == f" ({expected})"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_preferred_days_and_times_read_as_before(language):
    registration = InterestRegistration(
        preferred_weekdays=[0, 2, 9], preferred_times=[*TimeOfDay.values[:2], "not-a-time"]
    )
    with translation.override(language):
        days, times = dict(Weekday.choices), dict(TimeOfDay.choices)
        assert registration.preferred_weekday_labels() == [str(days[0]), str(days[2])]
        assert registration.preferred_time_labels() == [str(times[t]) for t in TimeOfDay.values[:2]]

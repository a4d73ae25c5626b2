"""``SmallModelChoiceField`` reads its choices in one plain query (rooms/choices.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rooms.forms import WeekForm
from tests.factories import RoomFactory

pytestmark = pytest.mark.django_db


def test_the_choices_in_one_query_without_a_server_side_cursor():
    rooms = [RoomFactory(name=f"Rom {n}", slug=f"rom-{n}") for n in range(3)]
    with CaptureQueriesContext(connection) as queries:
        choices = [choice for choice in WeekForm().fields["room"].choices]  # no len(): no COUNT
    assert [label for _value, label in choices[1:]] == [room.name for room in rooms]
    assert choices[0][0] == ""  # "All rooms"
    sql = [query["sql"] for query in queries]
    assert len(sql) == 1, sql
    assert not sql[0].startswith("DECLARE")

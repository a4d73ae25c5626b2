import pytest
from django.core.exceptions import ValidationError

from groups.models import Attendance, Group

pytestmark = pytest.mark.django_db


def open_group(partner, **fields):
    return Group(
        kind=Group.Kind.OPEN,
        name="NA Onsdag",
        slug="na-onsdag",
        languages=["nb"],
        organisation=partner,
        **fields,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"attendance": Attendance.ONLINE}, "conference_url"),
        ({"attendance": Attendance.HYBRID}, "conference_url"),
        ({"conference_url": "https://zoom.us/j/1"}, "attendance"),
        (
            {"attendance": Attendance.ONLINE, "conference_url": "https://example.org/m"},
            "conference_url",
        ),
        (
            {"attendance": Attendance.ONLINE, "conference_url": "http://zoom.us/j/1"},
            "conference_url",
        ),
        ({"attendance": Attendance.ONLINE, "conference_phone": "12345"}, "conference_phone"),
        (
            {"attendance": Attendance.ONLINE, "conference_phone": "+47 ٢١٠٠٠٠٠٠٠"},
            "conference_phone",
        ),
        (
            {"attendance": Attendance.ONLINE, "conference_phone": "ring 21000000"},
            "conference_phone",
        ),
        (
            {
                "attendance": Attendance.ONLINE,
                "conference_phone": "+4721000000",
                "conference_url_notes": "x",
            },
            "conference_url_notes",
        ),
        (
            {
                "attendance": Attendance.ONLINE,
                "conference_url": "https://zoom.us/j/1",
                "conference_phone_notes": "x",
            },
            "conference_phone_notes",
        ),
        ({"attendance": "by-pigeon"}, "attendance"),
    ],
)
def test_attendance_needs_a_way_in_that_meeting_finders_read(partner, fields, field):
    with pytest.raises(ValidationError) as error:
        open_group(partner, **fields).full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"attendance": Attendance.HYBRID, "conference_url": "https://us02web.zoom.us/j/1"},
        {"attendance": Attendance.ONLINE, "conference_phone": "+47 21 00 00 00,,1234#"},
        {
            "attendance": Attendance.ONLINE,
            "conference_url": "https://meet.jit.si/x",
            "conference_url_notes": "Passord 1",
        },
    ],
)
def test_valid_attendance(partner, fields):
    group = open_group(partner, **fields)
    group.full_clean()
    assert group.is_online == (group.attendance != Attendance.IN_PERSON)

"""A small hand-counted world for the annual report: 2024 and 2025 in Europe/Oslo.

Both years lie wholly in the past, so "held up to now" never depends on the day the tests run.
The data straddles the New Year (things at 23:30 and 00:30 Oslo time, when UTC is still in the
old year), includes both daylight-saving nights (27 Oct 2024, 30 Mar 2025), cancelled bookings,
a centre-wide Christmas closure and a one-room closure with bookings "kept by mistake" on them.
Two erased registrations (withdrawn) and one expired one exist only as anonymous counts.
The expected figures are counted by hand in ``EXPECTED``; each test names the ones it checks.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from groups.models import (
    ContactMeeting,
    ErasedRegistrationCount,
    Group,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
)
from outreach.models import Brochure, ContactActivity, Distribution, District, Place, Professional
from rooms.models import Booking, BookingSeries, Closure, OpeningHours, Organisation, Room

OSLO = ZoneInfo("Europe/Oslo")
YEAR_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def oslo(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=OSLO)


EXPECTED = {
    2024: {
        "hours_by_organisation": {"LINK Oslo": "11.5", "AA Oslo": "2.0", "NA Oslo": "2.0"},
        "hours_by_room": {"Stua": "6.0", "Rom 3": "9.5"},
        "closed_groups": {"started": 2, "running": 2, "paused": 1, "ended": 1},
        "registrations": {
            "registered": 5,
            "placed": 2,
            "waiting": 2,
            "withdrew": 0,
            "median_days_to_place": 35,
        },
        "centre_meetings": {
            "info_meetings": 1,
            "info_places": 8,
            "info_signups": 2,
            "contact_meetings": 1,
        },
        "open_groups": {
            "open_groups": 2,
            "open_group_organisations": 2,
            "open_group_meetings": 2,
            "closed_group_meetings": 4,
        },
        "activities_by_kind": {"Presentation": 1},
        "people_reached": 25,
        "new_professionals": 1,
        "brochures_by_place_kind": {"GP office": 12},
    },
    2025: {
        "hours_by_organisation": {"AA Oslo": "4.0", "LINK Oslo": "3.5", "NA Oslo": "3.0"},
        "hours_by_room": {"Stua": "6.0", "Rom 3": "4.5"},
        "closed_groups": {"started": 0, "running": 1, "paused": 1, "ended": 0},
        "registrations": {
            "registered": 4,
            "placed": 1,
            "waiting": 2,
            "withdrew": 3,
            "median_days_to_place": 9,
        },
        "centre_meetings": {
            "info_meetings": 1,
            "info_places": 12,
            "info_signups": 3,
            "contact_meetings": 0,
        },
        "open_groups": {
            "open_groups": 2,
            "open_group_organisations": 2,
            "open_group_meetings": 2,
            "closed_group_meetings": 1,
        },
        "activities_by_kind": {"Presentation": 1, "Meeting": 1},
        "people_reached": 15,
        "new_professionals": 2,
        "brochures_by_place_kind": {"NAV office": 5},
    },
}


def _series(organisation, room, weekday, start, end, first, title):
    return BookingSeries.objects.create(
        organisation=organisation,
        room=room,
        weekday=weekday,
        start_time=dt.time(*start),
        end_time=dt.time(*end),
        first_date=first,
        title=title,
    )


def _booking(organisation, room, day, start, end, *, series=None, cancelled=False):
    return Booking.objects.create(
        organisation=organisation,
        room=room,
        series=series,
        start=dt.datetime.combine(day, dt.time(*start), tzinfo=OSLO),
        end=dt.datetime.combine(day, dt.time(*end), tzinfo=OSLO),
        title=series.title if series else "Møte",
        status=Booking.Status.CANCELLED if cancelled else Booking.Status.CONFIRMED,
    )


def _weekly(organisation, room, weekday, start, end, days, title, *, cancelled=()):
    series = _series(organisation, room, weekday, start, end, days[0], title)
    for day in days:
        _booking(organisation, room, day, start, end, series=series, cancelled=day in cancelled)
    return series


def _registration(created_at, **fields):
    updated_at = fields.pop("updated_at", None) or created_at
    number = InterestRegistration.objects.count() + 1
    registration = InterestRegistration.objects.create(
        first_name=f"Person {number}",
        email=f"person{number}@example.org",
        is_adult=True,
        read_expectations=True,
        free_choice=True,
        consent_version="2024-01",
        consented_at=created_at,
        **fields,
    )
    InterestRegistration.objects.filter(pk=registration.pk).update(
        created_at=created_at, updated_at=updated_at
    )
    return registration


def _centre_meeting(model, centre, room, day, start, end, *, cancelled=False, **fields):
    series = _series(centre, room, day.weekday(), start, end, day, str(model.calendar_title))
    _booking(centre, room, day, start, end, series=series, cancelled=cancelled)
    return model.objects.create(
        starts_at=dt.datetime.combine(day, dt.time(*start), tzinfo=OSLO),
        ends_at=dt.datetime.combine(day, dt.time(*end), tzinfo=OSLO),
        room=room,
        meeting_series=series,
        **fields,
    )


def build():
    """Create the world; returns the main objects by name."""
    for weekday in range(7):
        OpeningHours.objects.create(weekday=weekday, opens=dt.time(10), closes=dt.time(22))
    stua = Room.objects.create(name="Stua", slug="stua", capacity=12, display_order=1)
    rom3 = Room.objects.create(name="Rom 3", slug="rom-3", capacity=8, display_order=2)
    centre = Organisation.objects.create(name="LINK Oslo", slug="link-oslo", email="p@example.org")
    aa = Organisation.objects.create(name="AA Oslo", slug="aa-oslo", email="aa@example.org")
    na = Organisation.objects.create(name="NA Oslo", slug="na-oslo", email="na@example.org")

    Closure.objects.create(
        start_date=dt.date(2024, 12, 24), end_date=dt.date(2024, 12, 26), reason="holiday"
    )
    Closure.objects.create(
        start_date=dt.date(2025, 2, 7),
        end_date=dt.date(2025, 2, 7),
        reason="maintenance",
        room=rom3,
    )

    # Open groups: AA on Wednesdays (Christmas Day closed, one date cancelled), NA on the two
    # Sundays the clocks changed.
    aa_series = _weekly(
        aa,
        stua,
        2,
        (18,),
        (20,),
        [dt.date(2024, 12, 18), dt.date(2024, 12, 25), dt.date(2025, 1, 8), dt.date(2025, 1, 15)],
        "AA onsdag",
        cancelled={dt.date(2025, 1, 15)},
    )
    na_series = _weekly(
        na, stua, 6, (18,), (20,), [dt.date(2024, 10, 27), dt.date(2025, 3, 30)], "NA søndag"
    )
    for name, organisation, series in (("AA onsdag", aa, aa_series), ("NA søndag", na, na_series)):
        Group.objects.create(
            kind=Group.Kind.OPEN,
            name=name,
            slug=name.lower().replace(" ", "-").replace("ø", "o"),
            languages=["nb"],
            status=Group.Status.RUNNING,
            organisation=organisation,
            meeting_series=series,
        )

    # Closed groups: one running across the New Year, one that ended in 2024, one that has not
    # met since 2023, one still forming.
    thursday = Group.objects.create(
        kind=Group.Kind.CLOSED,
        name="Torsdagsgruppen",
        slug="torsdagsgruppen",
        languages=["nb"],
        status=Group.Status.RUNNING,
        startup_meeting_on=dt.date(2024, 11, 7),
        meeting_series=_weekly(
            centre,
            rom3,
            3,
            (18,),
            (20,),
            [dt.date(2024, 11, 7), dt.date(2024, 11, 14), dt.date(2025, 1, 9)],
            "Torsdagsgruppen",
        ),
    )
    spring = Group.objects.create(
        kind=Group.Kind.CLOSED,
        name="Vårgruppen",
        slug="vargruppen",
        languages=["nb"],
        status=Group.Status.ENDED,
        startup_meeting_on=dt.date(2024, 3, 4),
        meeting_series=_weekly(
            centre, rom3, 0, (12,), (14,), [dt.date(2024, 3, 4), dt.date(2024, 6, 17)], "Vår"
        ),
    )
    Group.objects.create(
        kind=Group.Kind.CLOSED,
        name="Sovende",
        slug="sovende",
        languages=["nb"],
        status=Group.Status.RUNNING,
        startup_meeting_on=dt.date(2023, 9, 4),
        meeting_series=_weekly(centre, rom3, 4, (10,), (12,), [dt.date(2023, 9, 8)], "Sovende"),
    )
    Group.objects.create(
        kind=Group.Kind.CLOSED, name="Ny gruppe", slug="ny-gruppe", languages=["nb"]
    )

    # One-off bookings: New Year's night (outside opening hours), a cancelled date, one across
    # 17:00, and one in the room closed for maintenance.
    _booking(na, rom3, dt.date(2025, 1, 1), (0,), (1,))
    _booking(na, stua, dt.date(2025, 2, 4), (18,), (20,), cancelled=True)
    _booking(aa, stua, dt.date(2025, 3, 25), (16,), (18,))
    _booking(aa, rom3, dt.date(2025, 2, 7), (10,), (12,))

    # People: r1 registered at 23:30 on New Year's Eve, r2 at 00:30 on New Year's Day (still
    # 2024 in UTC).
    r1 = _registration(oslo(2024, 12, 31, 23, 30), status="placed")
    r2 = _registration(oslo(2025, 1, 1, 0, 30))
    r3 = _registration(oslo(2024, 10, 1), status="placed")
    _registration(oslo(2024, 5, 1), status="withdrawn", updated_at=oslo(2025, 3, 1))
    r5 = _registration(oslo(2025, 6, 1), status="contacted")
    r6 = _registration(oslo(2024, 2, 1), status="placed")
    Membership.objects.create(
        registration=r1, group=thursday, status="active", seat=1, joined_on=dt.date(2025, 1, 9)
    )
    Membership.objects.create(
        registration=r3,
        group=thursday,
        status="left",
        joined_on=dt.date(2024, 11, 7),
        left_on=dt.date(2025, 2, 1),
    )
    Membership.objects.create(
        registration=r5, group=thursday, status="waitlisted", waitlist_position=1
    )
    Membership.objects.create(
        registration=r6,
        group=spring,
        status="left",
        joined_on=dt.date(2024, 3, 4),
        left_on=dt.date(2024, 6, 17),
    )

    # Registrations already erased live on as anonymous counts by the month they were made.
    ErasedRegistrationCount.objects.create(
        registered_month=dt.date(2025, 4, 1), preferred_language="nb", reason="withdrawn", count=2
    )
    ErasedRegistrationCount.objects.create(
        registered_month=dt.date(2024, 12, 1), preferred_language="en", reason="expired", count=1
    )

    # Information meetings: one held in each year, one on Christmas Eve (closed, so not held).
    held_2024 = _centre_meeting(
        InfoMeeting, centre, rom3, dt.date(2024, 9, 10), (17,), (18, 30), places=8
    )
    christmas = _centre_meeting(
        InfoMeeting, centre, stua, dt.date(2024, 12, 24), (17,), (18, 30), places=10
    )
    held_2025 = _centre_meeting(
        InfoMeeting, centre, rom3, dt.date(2025, 2, 11), (17,), (18, 30), places=12
    )
    for meeting, people in ((held_2024, [r3, r6]), (christmas, [r1]), (held_2025, [r1, r2, r5])):
        for person in people:
            InfoMeetingSignup.objects.create(
                info_meeting=meeting,
                registration=person,
                consent_version=person.consent_version,
                consented_at=person.consented_at,
            )
    _centre_meeting(ContactMeeting, centre, stua, dt.date(2024, 11, 21), (18,), (20,))
    _centre_meeting(
        ContactMeeting, centre, stua, dt.date(2025, 5, 22), (18,), (20,), cancelled=True
    )

    # Outreach across the New Year.
    gp = Place.objects.create(name="Legene på Løkka", kind="gp", district=District.GRUNERLOKKA)
    nav = Place.objects.create(name="NAV Gamle Oslo", kind="nav", district=District.GAMLE_OSLO)
    ContactActivity.objects.create(
        occurred_at=oslo(2024, 12, 31, 23, 30), kind="presentation", place=gp, people_reached=25
    )
    ContactActivity.objects.create(
        occurred_at=oslo(2025, 1, 1, 0, 30), kind="meeting", place=nav, people_reached=10
    )
    ContactActivity.objects.create(
        occurred_at=oslo(2025, 6, 1), kind="presentation", people_reached=5
    )
    brochure = Brochure.objects.create(title="Selvhjelp")
    Distribution.objects.create(
        brochure=brochure, place=gp, quantity=12, date=dt.date(2024, 12, 31)
    )
    Distribution.objects.create(brochure=brochure, place=nav, quantity=5, date=dt.date(2025, 1, 2))
    Professional.objects.create(name="Fagperson 1", workplace=gp, added_on=dt.date(2024, 12, 31))
    Professional.objects.create(name="Fagperson 2", workplace=nav, added_on=dt.date(2025, 1, 1))
    Professional.objects.create(name="Fagperson 3", workplace=nav, added_on=dt.date(2025, 1, 1))
    return {"stua": stua, "rom3": rom3, "centre": centre, "aa": aa, "na": na}


def add_bulk_bookings(world, *, weeks, organisations=20):
    """Many more organisations, rooms and weekly bookings in 2025, for query-count tests."""
    rooms = Room.objects.bulk_create(
        [Room(name=f"Rom {100 + i}", slug=f"rom-{100 + i}", capacity=10) for i in range(5)]
    )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Forening {i}", slug=f"forening-{i}", email=f"f{i}@example.org")
            for i in range(organisations)
        ]
    )
    monday = dt.date(2025, 1, 6)
    bookings = []
    for week in range(weeks):
        for i, organisation in enumerate(orgs):
            day = monday + dt.timedelta(weeks=week, days=i % 7)
            hour = 10 + (i // 7) % 4 * 3
            bookings.append(
                Booking(
                    organisation=organisation,
                    room=rooms[i % len(rooms)],
                    start=dt.datetime.combine(day, dt.time(hour), tzinfo=OSLO),
                    end=dt.datetime.combine(day, dt.time(hour + 2), tzinfo=OSLO),
                    title="Møte",
                    status="cancelled" if week % 9 == 0 else "confirmed",
                )
            )
    Booking.objects.bulk_create(bookings)
    Closure.objects.create(
        start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 1), reason="holiday"
    )

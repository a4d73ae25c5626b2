"""The worlds the browser tests play in: fixtures that build each app's data through its own
services and models. Imported by tests/e2e/conftest.py so that every e2e test (and the page list
in tests/e2e/pages.py, by fixture name) can use them.
"""

import datetime as dt
import io
from types import SimpleNamespace

import pytest

from tests.dates import weekday_weeks_ahead
from tests.e2e import data
from tests.factories import BrochureFactory, OrganisationFactory, PlaceFactory, ProfessionalFactory


@pytest.fixture
def research_content(transactional_db):
    """The research pages' shipped content. It comes from a data migration, which the flush
    after each live-server test empties; the app's demo loader puts it back (never twice)."""
    from research.demo import create_demo_data

    create_demo_data(io.StringIO())


@pytest.fixture
def groups_world(transactional_db):
    """The public group finder's world: three open groups run by partners and one closed group
    that is forming, each with its weekly meeting booked in the centre's rooms.

    Only "AA Tirsdagsmøtet" meets on a Tuesday evening; the others differ from it in one filter
    each (Tuesday morning, Wednesday evening, a closed group on Thursday).
    """
    from groups.models import Group

    room_1, room_2 = data.centre()
    aa = OrganisationFactory(
        name="Anonyme Alkoholikere Oslo",
        slug="aa-oslo",
        email="aa@example.org",
        website="https://aa.example.org",
    )
    na = OrganisationFactory(name="Anonyme Narkomane Oslo", slug="na-oslo", email="na@e.org")
    open_kind, closed_kind = Group.Kind.OPEN, Group.Kind.CLOSED
    tuesday_evening = data.group(
        "AA Tirsdagsmøtet",
        "aa-tirsdag",
        kind=open_kind,
        organisation=aa,
        room=room_1,
        weekday=1,
        start=dt.time(18),
        end=dt.time(19, 30),
        short_description_nb="Åpent AA-møte hver tirsdag kveld. Alle er velkomne.",
        short_description_en="Open AA meeting every Tuesday evening. Everyone is welcome.",
    )
    tuesday_morning = data.group(
        "NA Tirsdag formiddag",
        "na-tirsdag-formiddag",
        kind=open_kind,
        organisation=na,
        room=room_2,
        weekday=1,
        start=dt.time(10),
        end=dt.time(11, 30),
    )
    wednesday_evening = data.group(
        "AA Onsdagskveld",
        "aa-onsdag",
        kind=open_kind,
        organisation=aa,
        room=room_1,
        weekday=2,
        start=dt.time(18),
        end=dt.time(19, 30),
    )
    closed = data.group(
        "Torsdagsgruppa",
        "torsdagsgruppa",
        kind=closed_kind,
        room=room_2,
        weekday=3,
        start=dt.time(18),
        end=dt.time(20),
        status=Group.Status.FORMING,
        theme=Group.Theme.MIXED,
        short_description_nb="Ny samtalegruppe på tvers av livsproblemer. Meld interesse!",
        short_description_en="A new conversation group across life problems. Register interest!",
    )
    return SimpleNamespace(
        open=tuesday_evening,
        others=[tuesday_morning, wednesday_evening, closed],
        closed=closed,
    )


@pytest.fixture
def rooms_world(transactional_db):
    """Two partner organisations sharing the centre's two rooms.

    AA (user "aa.bruker") has a weekly series of its own; NA has taken Rom 1 on two Tuesday
    evenings (the 2nd and 4th of ``tuesdays``, six Tuesdays from next week), so a weekly Tuesday
    18–20 series in Rom 1 over ``tuesdays`` clashes on exactly those two dates.
    """
    room_1, room_2 = data.centre()
    aa, user = data.organisation("Anonyme Alkoholikere Oslo", "aa-oslo", "aa.bruker")
    na, _na_user = data.organisation("Anonyme Narkomane Oslo", "na-oslo", "na.bruker")
    from rooms.times import today_local

    tomorrow = today_local() + dt.timedelta(days=1)
    data.weekly(aa, room_2, tomorrow.weekday(), dt.time(12), dt.time(13), "AA lunsjmøte", weeks=4)
    data.weekly(na, room_2, tomorrow.weekday(), dt.time(15), dt.time(17), "NA samtale", weeks=4)
    first = weekday_weeks_ahead(1, weeks_ahead=1)
    tuesdays = [first + dt.timedelta(weeks=week) for week in range(6)]
    taken = [tuesdays[1], tuesdays[3]]
    for day in taken:
        data.weekly(
            na, room_1, 1, dt.time(18, 30), dt.time(20, 30), "NA ekstra", weeks=1, first_date=day
        )
    return SimpleNamespace(
        user=user, organisation=aa, other=na, room=room_1, tuesdays=tuesdays, taken=taken
    )


@pytest.fixture
def organisation_user(rooms_world):
    """The organisation pages' login: a member of AA, which has bookings of its own."""
    return rooms_world.user


@pytest.fixture
def staff_world(transactional_db):
    """A staff member with the outreach permissions, a brochure in stock, a GP office and a GP;
    and for the groups inbox, a closed group that is forming and a new interest registration."""
    from django.contrib.auth.models import Permission

    from groups.models import Group

    staff = data.make_user("kari.ansatt", is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["groups", "outreach"])
    )
    brochure = BrochureFactory(
        title="Selvhjelp i grupper", language="nb", stock=500, stock__user=staff
    )
    place = PlaceFactory(name="Grünerløkka legesenter")
    professional = ProfessionalFactory(name="Per Lege", role="Fastlege", workplace=place)
    room_1, _room_2 = data.centre()
    forming = data.group(
        "Torsdagsgruppa",
        "torsdagsgruppa",
        kind=Group.Kind.CLOSED,
        room=room_1,
        weekday=3,
        start=dt.time(18),
        end=dt.time(20),
        status=Group.Status.FORMING,
    )
    registration = data.registration(
        "Ingrid", phone="91234567", preferred_weekdays=[3], preferred_group=forming
    )
    return SimpleNamespace(
        staff=staff,
        brochure=brochure,
        place=place,
        professional=professional,
        forming_group=forming,
        registration=registration,
    )


@pytest.fixture
def outreach_staff(staff_world):
    """Staff login for the outreach pages, with some history so the report has tables."""
    from django.utils import timezone

    from outreach.models import ContactActivity
    from outreach.services import record_distribution

    world = staff_world
    record_distribution(brochure=world.brochure, place=world.place, quantity=25, staff=world.staff)
    activity = ContactActivity.objects.create(
        kind=ContactActivity.Kind.PRESENTATION,
        place=world.place,
        people_reached=12,
        topic="Selvhjelp på personalmøtet",
        follow_up_on=timezone.localdate(),
        staff=world.staff,
    )
    activity.professionals.add(world.professional)
    return world.staff

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from groups import services
from groups.models import Group
from rooms.models import OpeningHours, Organisation, Room
from rooms.services import book_series
from rooms.times import today_local


@pytest.fixture
def opening_hours(db):
    return [
        OpeningHours.objects.create(weekday=day, opens=dt.time(8), closes=dt.time(22))
        for day in range(7)
    ]


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="LINK Oslo", slug="link-oslo", email="post@example.org")


@pytest.fixture
def partner(db):
    return Organisation.objects.create(
        name="Anonyme Alkoholikere Oslo",
        slug="aa-oslo",
        email="aa@example.org",
        website="https://aa.example.org",
        contact_person="Per Hansen",
    )


@pytest.fixture
def room(db):
    return Room.objects.create(
        name="Stua", slug="stua", capacity=12, location="1. etasje", wheelchair_accessible=True
    )


@pytest.fixture
def upstairs_room(db):
    return Room.objects.create(name="Rom 3", slug="rom-3", capacity=8, location="2. etasje")


def next_weekday(weekday, weeks_ahead=1):
    start = today_local() + dt.timedelta(days=7 * weeks_ahead)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


@pytest.fixture
def make_group(opening_hours, centre, partner, room):
    """Create a group with a weekly series booked through the rooms app."""
    counter = iter(range(1, 10_000))

    def make(
        *,
        kind=Group.Kind.CLOSED,
        weekday=1,
        start=dt.time(18),
        end=dt.time(20),
        meeting_room=None,
        first_date=None,
        last_date=None,
        book=True,
        **fields,
    ):
        number = next(counter)
        fields.setdefault("name", f"Gruppe {number}")
        fields.setdefault("slug", f"gruppe-{number}")
        fields.setdefault("languages", ["nb"])
        fields.setdefault("status", Group.Status.RUNNING)
        if kind == Group.Kind.OPEN:
            fields.setdefault("organisation", partner)
            fields.setdefault("meeting_guide_types", ["O"])
        group = Group.objects.create(kind=kind, **fields)
        if book:
            first_date = first_date or next_weekday(weekday, weeks_ahead=0)
            result = book_series(
                organisation=fields.get("organisation") or centre,
                room=meeting_room or room,
                weekday=weekday,
                start_time=start,
                end_time=end,
                first_date=first_date,
                last_date=last_date or first_date + dt.timedelta(weeks=10),
                title=group.name,
                is_public=True,
            )
            group.meeting_series = result.series
            group.save()
        return group

    return make


@pytest.fixture
def make_registration(db):
    counter = iter(range(1, 10_000))

    def make(**fields):
        number = next(counter)
        values = {
            "first_name": f"Person{number}",
            "email": f"person{number}@example.org",
            "is_adult": True,
            "read_expectations": True,
            "free_choice": True,
            "consent_version": services.current_consent_version(),
            "consented_at": timezone.now(),
            "preferred_weekdays": [1],
            "notify": False,
        }
        values.update(fields)
        return services.register_interest(**values)

    return make


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Logins in these tests need no real password strength; hashing dominated their time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        username="koordinator", password="koordinator-123", is_staff=True
    )
    return grant(
        user,
        "view_group",
        "change_group",
        "view_interestregistration",
        "change_interestregistration",
        "delete_interestregistration",
        "view_membership",
        "change_membership",
        "view_personal_data",
    )


# --- partner listings: organisations, their logins and series (shared by test_listing*.py) ---
def listing_series(organisation, room, weekday, title, start=dt.time(18)):
    """A weekly series of ``organisation`` (eight weeks, no emails), as a partner books it."""
    first = next_weekday(weekday)
    return book_series(
        organisation=organisation,
        room=room,
        weekday=weekday,
        start_time=start,
        end_time=dt.time(start.hour + 2, start.minute),
        first_date=first,
        last_date=first + dt.timedelta(weeks=8),
        title=title,
        notify=False,
    ).series


@pytest.fixture
def partner_user(partner, django_user_model):
    user = django_user_model.objects.create_user(username="aa", password="x-password-123")
    partner.members.add(user)
    return user


@pytest.fixture
def other_org(db, django_user_model):
    org = Organisation.objects.create(name="Anonyme Narkomane", slug="na-oslo")
    user = django_user_model.objects.create_user(username="na", password="x-password-123")
    org.members.add(user)
    return org


@pytest.fixture
def series(opening_hours, partner, room):
    return listing_series(partner, room, 1, "AA tirsdag")


@pytest.fixture
def other_series(opening_hours, other_org, room):
    return listing_series(other_org, room, 2, "NA onsdag")


@pytest.fixture
def partner_client(client, partner_user):
    client.force_login(partner_user)
    return client

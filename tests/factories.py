"""factory_boy factories for the models the tests build most.

Unique names and slugs come from ``factory.Sequence``; the root conftest starts every sequence at
1 in each test, so a test's first registration is always person1@example.org. What the apps
create through a service is created through it here too (``_create``), so a factory never
bypasses a rule the tests rely on: a booking series expands its dates and checks the room is
free, an interest registration gets its consent fields, a brochure's stock is a movement.
"""

import datetime as dt

import factory
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from groups import services as groups_services
from groups.models import Group, InterestRegistration
from outreach import services as outreach_services
from outreach.models import Brochure, District, Place, Professional, StockMovement
from research.models import Finding, Principle, Source
from rooms import services as rooms_services
from rooms.models import Booking, BookingSeries, OpeningHours, Organisation, Room
from tests.dates import weekday_a_week_after


class Factory(DjangoModelFactory):
    class Meta:
        abstract = True
        # Post-generation hooks save what they change themselves.
        skip_postgeneration_save = True


# --- users ---------------------------------------------------------------------------------------
class UserFactory(Factory):
    """A login; the password is hashed (with the tests' fast hasher) by ``create_user``."""

    class Meta:
        model = settings.AUTH_USER_MODEL

    username = factory.Sequence(lambda n: f"user-{n}")
    password = factory.LazyAttribute(lambda user: f"{user.username}-password-123")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_user(*args, **kwargs)


class StaffFactory(UserFactory):
    is_staff = True


class SuperuserFactory(UserFactory):
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class._default_manager.create_superuser(*args, **kwargs)


# --- rooms ---------------------------------------------------------------------------------------
class OrganisationFactory(Factory):
    """A partner organisation; ``login="aa-user"`` (and ``login__password=...``) adds a member."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    slug = factory.Sequence(lambda n: f"organisasjon-{n}")
    email = factory.LazyAttribute(lambda org: f"{org.slug}@example.org")

    @factory.post_generation
    def login(org, create, username, **fields):
        if username:
            org.members.add(UserFactory(username=username, **fields))


class RoomFactory(Factory):
    class Meta:
        model = Room

    name = factory.Sequence(lambda n: f"Rom {n}")
    slug = factory.Sequence(lambda n: f"rom-{n}")
    capacity = 12


class OpeningHoursFactory(Factory):
    """One weekday's opening hours, 08–22 unless told; a weekday that has hours keeps them."""

    class Meta:
        model = OpeningHours
        django_get_or_create = ("weekday",)

    weekday = 0
    opens = dt.time(8)
    closes = dt.time(22)


def open_every_day(opens=dt.time(8), closes=dt.time(22)):
    """The centre open every day of the week (the rooms' booking rules need opening hours)."""
    return [OpeningHoursFactory(weekday=day, opens=opens, closes=closes) for day in range(7)]


class BookingSeriesFactory(Factory):
    """A weekly series booked through ``rooms.services.book_series``: its dates are expanded and
    checked as an organisation's booking is. By default Tuesdays 18–20 for four weeks; any other
    argument of ``book_series`` (``notify``, ``staff``, ``is_public``, ``every_weeks``...) passes
    through."""

    class Meta:
        model = BookingSeries

    organisation = factory.SubFactory(OrganisationFactory)
    room = factory.SubFactory(RoomFactory)
    first_date = factory.LazyFunction(lambda: weekday_a_week_after(1))
    weekday = factory.LazyAttribute(lambda series: series.first_date.weekday())
    start_time = dt.time(18)
    end_time = dt.time(20)
    last_date = factory.LazyAttribute(lambda series: series.first_date + dt.timedelta(weeks=3))
    title = factory.Sequence(lambda n: f"Serie {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return rooms_services.book_series(**kwargs).series


class BookingFactory(Factory):
    """One confirmed date booked through ``rooms.services.book_single`` (a series of one)."""

    class Meta:
        model = Booking

    organisation = factory.SubFactory(OrganisationFactory)
    room = factory.SubFactory(RoomFactory)
    date = factory.LazyFunction(lambda: weekday_a_week_after(1))
    start_time = dt.time(18)
    end_time = dt.time(20)
    title = "Møte"
    notify = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return rooms_services.book_single(**kwargs).booked[0]


# --- groups --------------------------------------------------------------------------------------
class GroupFactory(Factory):
    """A closed group that runs; give ``meeting_series`` for its weekly meeting."""

    class Meta:
        model = Group

    kind = Group.Kind.CLOSED
    name = factory.Sequence(lambda n: f"Gruppe {n}")
    slug = factory.Sequence(lambda n: f"gruppe-{n}")
    languages = factory.LazyFunction(lambda: ["nb"])
    status = Group.Status.RUNNING


class OpenGroupFactory(GroupFactory):
    """An open group: a partner organisation's public listing."""

    kind = Group.Kind.OPEN
    organisation = factory.SubFactory(OrganisationFactory)
    meeting_guide_types = factory.LazyFunction(lambda: ["O"])


class InterestRegistrationFactory(Factory):
    """A person's own registration, stored through ``groups.services.register_interest`` with the
    current consent text, as the public sign-up stores it (no email unless ``notify=True``)."""

    class Meta:
        model = InterestRegistration

    first_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    is_adult = True
    read_expectations = True
    free_choice = True
    consent_version = factory.LazyFunction(groups_services.current_consent_version)
    consented_at = factory.LazyFunction(timezone.now)
    preferred_weekdays = factory.LazyFunction(lambda: [1])
    notify = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return groups_services.register_interest(**kwargs)


# --- outreach ------------------------------------------------------------------------------------
class BrochureFactory(Factory):
    """A brochure; ``stock=n`` receives n copies through the stock service (a movement;
    ``stock__user=`` records who)."""

    class Meta:
        model = Brochure

    title = "Selvhjelp – hva er det?"
    low_stock_threshold = 100

    @factory.post_generation
    def stock(brochure, create, quantity, **kwargs):
        if quantity:
            outreach_services.record_stock_movement(
                brochure=brochure, kind=StockMovement.Kind.RECEIVED, quantity=quantity, **kwargs
            )


class PlaceFactory(Factory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Legekontor {n}")
    kind = Place.Kind.GP_OFFICE
    district = District.GRUNERLOKKA


class ProfessionalFactory(Factory):
    class Meta:
        model = Professional

    name = factory.Sequence(lambda n: f"Fagperson {n}")
    role = "fastlege"
    workplace = factory.SubFactory(PlaceFactory)


# --- research ------------------------------------------------------------------------------------
class SourceFactory(Factory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"test-{n}")
    authors = "Nordmann, K., & Hansen, L."
    year = 2024
    title = "A test study"
    container = "Test Journal"
    volume_pages = "1(1), 1–10"
    doi = factory.Sequence(lambda n: f"10.0000/test.{n}")
    kind = "trial"


class PrincipleFactory(Factory):
    """A published principle in both languages; ``findings=n`` adds n findings citing
    ``findings__source`` (a new source unless given)."""

    class Meta:
        model = Principle

    slug = factory.Sequence(lambda n: f"prinsipp-{n}")
    order = 100
    title_nb = factory.LazyAttribute(lambda p: f"Tittel {p.slug}")
    title_en = factory.LazyAttribute(lambda p: f"Title {p.slug}")
    summary_nb = "Kort norsk sammendrag."
    summary_en = "Short English summary."
    body_nb = "Norsk tekst.\n\nNytt avsnitt."
    body_en = "English text.\n\nNew paragraph."

    @factory.post_generation
    def findings(principle, create, count, source=None, **kwargs):
        source = source or (SourceFactory() if count else None)
        for number in range(count or 0):
            FindingFactory(principle=principle, source=source, order=number, **kwargs)


class FindingFactory(Factory):
    class Meta:
        model = Finding

    principle = factory.SubFactory(PrincipleFactory)
    source = factory.SubFactory(SourceFactory)
    order = 0
    summary_nb = factory.LazyAttribute(lambda f: f"Norsk funn {f.principle.slug} {f.order}")
    summary_en = factory.LazyAttribute(lambda f: f"English finding {f.principle.slug} {f.order}")
    certainty = "moderate"


# Every factory, for the root conftest's sequence reset.
ALL = [
    value
    for value in list(globals().values())
    if isinstance(value, type) and issubclass(value, Factory) and value is not Factory
]

"""The data ``bench.py`` measures: rooms, organisations, groups with weekly series, sign-ups and
the outreach history, built through the apps' services where that is practical and with
``bulk_create`` where a service would take too long.

``World`` carries what the pages need (logins, the benchmark week, the groups); ``build_base``
makes one centre's worth with ten groups, ``build_large`` adds groups up to the scale's number.
Django must be set up before these are called (``bench.setup_django``).
"""

import datetime as dt
import random

BASE_GROUPS = 10
ORGANISATIONS = 50
WEEKS = 10  # every weekly series runs ten weeks from next Monday
SEED = 20261201


class World:
    """What the pages need: logins, the benchmark week, a group to show."""

    def __init__(self, scale):
        self.scale = scale
        self.rng = random.Random(SEED)


def half_hours():
    return [dt.time(8 + i // 2, 30 * (i % 2)) for i in range(28)]  # 08:00 … 21:30


def plus_minutes(time, minutes):
    return (dt.datetime.combine(dt.date.min, time) + dt.timedelta(minutes=minutes)).time()


def series_days(world, weekday):
    return [world.monday + dt.timedelta(days=weekday, weeks=week) for week in range(WEEKS)]


def sign_up_answers(i):
    """The form's answers every benchmark sign-up gives (the i-th prefers weekday i % 7)."""
    from groups import services as group_services

    return {
        "is_adult": True,
        "read_expectations": True,
        "free_choice": True,
        "consent_version": group_services.current_consent_version(),
        "consented_at": dt.datetime.now(tz=dt.UTC),
        "preferred_weekdays": [i % 7],
        "preferred_times": ["evening"],
    }


def build_base(world):
    """Rooms, opening hours, 50 organisations with a login each, staff, 10 groups through the
    services with sign-ups and placements, and the outreach history."""
    from django.contrib.auth import get_user_model

    from groups import services as group_services
    from groups.models import Group
    from rooms.models import OpeningHours, Organisation, Room
    from rooms.times import today_local

    user_model = get_user_model()
    world.admin = user_model.objects.create_superuser(
        username="bench-admin", email="admin@bench.example", password=None
    )
    world.rooms = [
        Room.objects.create(
            name=name,
            slug=slug,
            capacity=capacity,
            wheelchair_accessible=step_free,
            display_order=order,
        )
        for order, (slug, name, capacity, step_free) in enumerate(
            [
                ("stua", "Stua", 20, True),
                ("rom-2", "Rom 2", 12, True),
                ("rom-3", "Rom 3", 8, False),
                ("moterommet", "Møterommet", 10, True),
                ("rom-5", "Rom 5", 8, True),
                ("salen", "Salen", 40, True),
            ]
        )
    ]
    # Open 08–22 every day: room for 6 × 7 × 28 = 1,176 half-hour meetings a week.
    OpeningHours.objects.bulk_create(
        OpeningHours(weekday=day, opens=dt.time(8), closes=dt.time(22)) for day in range(7)
    )
    world.centre = group_services.centre_organisation()
    world.organisations = []
    for i in range(ORGANISATIONS):
        organisation = Organisation.objects.create(
            name=f"Partner {i + 1:02d}",
            slug=f"partner-{i + 1:02d}",
            email=f"partner-{i + 1:02d}@bench.example",
            website=f"https://partner-{i + 1:02d}.bench.example",
        )
        organisation.members.add(
            user_model.objects.create_user(username=f"partner-{i + 1:02d}", password=None)
        )
        world.organisations.append(organisation)
    # Partner 02 runs an open group booked through the service here, and more in build_large.
    world.member_organisation = world.organisations[1]
    world.member = world.member_organisation.members.get()

    today = today_local()
    world.monday = today + dt.timedelta(days=7 - today.weekday())  # next Monday
    world.last_date = world.monday + dt.timedelta(weeks=WEEKS, days=-1)
    # Every free half-hour of the week, in a fixed random order; the base groups take
    # 18:00–19:30 in ten different (room, weekday) pairs.
    taken = set()
    world.groups = []
    for i in range(BASE_GROUPS):
        room, weekday = world.rooms[i % 6], i % 7  # ten different pairs
        start = dt.time(18)
        taken.update((room.pk, weekday, plus_minutes(start, m)) for m in (0, 30, 60))
        is_open = i % 2 == 1
        group = Group.objects.create(
            kind=Group.Kind.OPEN if is_open else Group.Kind.CLOSED,
            name=f"Gruppe {i + 1:04d}",
            slug=f"gruppe-{i + 1:04d}",
            languages=["nb", "en"] if i % 3 == 0 else ["nb"],
            status=Group.Status.RUNNING,
            organisation=world.organisations[i] if is_open else None,
            meeting_guide_types=["O", "D"] if is_open else [],
            short_description_nb="En trygg gruppe på tvers av livsproblemer.",
            short_description_en="A safe group across life problems.",
        )
        result = group_services.book_quietly(
            organisation=world.organisations[i] if is_open else world.centre,
            room=room,
            weekday=weekday,
            start_time=start,
            end_time=dt.time(19, 30),
            first_date=world.monday,
            last_date=world.last_date,
            title=group.name,
            is_public=True,
        )
        group.meeting_series = result.series
        group.save()
        world.groups.append(group)
    world.free_slots = [
        (room, weekday, time)
        for room in world.rooms
        for weekday in range(7)
        for time in half_hours()
        if (room.pk, weekday, time) not in taken
    ]
    world.rng.shuffle(world.free_slots)

    # Sign-ups through the service; six people in each closed group, then a waiting list.
    closed = [group for group in world.groups if group.is_closed]
    for i in range(40):
        registration = group_services.register_interest(
            first_name=f"Person {i + 1}",
            email=f"person{i + 1}@bench.example",
            **sign_up_answers(i),
            notify=False,
        )
        if i < 35:
            group_services.place_in_group(
                registration=registration, group=closed[i % len(closed)], waitlist=i >= 30
            )
    build_outreach(world)


def build_outreach(world):
    """``n`` contact activities and ``n`` distributions with their stock, over the report's
    default range (the last twelve months): what ``generate_scale_data`` builds, in that range."""
    import io

    from outreach.forms import ReportFilterForm
    from outreach.scale_data import ENTRIES_PER_SCALE, create_scale_data

    default_range = ReportFilterForm.default_range()
    create_scale_data(
        scale=2 * world.scale["outreach"] / ENTRIES_PER_SCALE,
        stdout=io.StringIO(),
        first_day=default_range["start"],
        days=(default_range["end"] - default_range["start"]).days + 1,
    )


def build_large(world):
    """Add groups (with their weekly series, ten weeks of bookings each, in bulk) up to the
    scale's number, so the benchmark week has that many bookings; and interest registrations
    with memberships."""
    from django.utils import timezone

    from groups.models import Group, InterestRegistration, Membership
    from rooms.models import Booking, BookingEvent, BookingSeries
    from rooms.times import local_datetime

    count = world.scale["groups"] - BASE_GROUPS
    slots = world.free_slots[:count]
    kinds = [Group.Kind.OPEN if i % 2 else Group.Kind.CLOSED for i in range(count)]
    owners = [
        world.organisations[i // 2 % ORGANISATIONS] if kind == Group.Kind.OPEN else world.centre
        for i, kind in enumerate(kinds)
    ]
    numbers = range(BASE_GROUPS + 1, BASE_GROUPS + count + 1)
    series = BookingSeries.objects.bulk_create(
        BookingSeries(
            organisation=owner,
            room=room,
            weekday=weekday,
            start_time=start,
            end_time=plus_minutes(start, 30),
            first_date=world.monday,
            last_date=world.last_date,
            title=f"Gruppe {number:04d}",
            is_public=True,
            created_by=world.admin,
        )
        for number, owner, (room, weekday, start) in zip(numbers, owners, slots, strict=True)
    )
    bookings = Booking.objects.bulk_create(
        Booking(
            room=item.room,
            organisation=item.organisation,
            series=item,
            start=local_datetime(day, item.start_time),
            end=local_datetime(day, item.end_time),
            title=item.title,
            is_public=True,
            created_by=world.admin,
        )
        for item in series
        for day in series_days(world, item.weekday)
    )
    BookingEvent.objects.bulk_create(
        [
            BookingEvent(action=BookingEvent.Action.CREATED, series=item, actor=world.admin)
            for item in series
        ]
        + [
            BookingEvent(
                action=BookingEvent.Action.CREATED,
                booking=booking,
                series_id=booking.series_id,
                actor=world.admin,
            )
            for booking in bookings
        ]
    )
    groups = Group.objects.bulk_create(
        Group(
            kind=kind,
            name=item.title,
            slug=f"gruppe-{number:04d}",
            languages=["nb", "en"] if number % 3 == 0 else ["nb"],
            status=Group.Status.RUNNING,
            organisation=owner if kind == Group.Kind.OPEN else None,
            meeting_guide_types=["O", "D"] if kind == Group.Kind.OPEN else [],
            short_description_nb="En trygg gruppe på tvers av livsproblemer.",
            short_description_en="A safe group across life problems.",
            meeting_series=item,
        )
        for number, kind, owner, item in zip(numbers, kinds, owners, series, strict=True)
    )
    closed = [group for group in groups if group.is_closed]
    n = world.scale["registrations"]
    registrations = InterestRegistration.objects.bulk_create(
        InterestRegistration(
            first_name=f"Bulk {i + 1}",
            email=f"bulk{i + 1}@bench.example" if i % 4 else "",
            phone="" if i % 4 else f"9{i:07d}",
            **sign_up_answers(i),
            # 60 % placed (five to a group), 10 % on a waiting list, the rest still waiting
            status=InterestRegistration.Status.PLACED
            if i < n * 6 // 10
            else InterestRegistration.Status.CONTACTED
            if i < n * 7 // 10
            else InterestRegistration.Status.NEW,
        )
        for i in range(n)
    )
    today = timezone.localdate()
    placed, waiting = n * 6 // 10, n * 7 // 10
    Membership.objects.bulk_create(
        [
            Membership(
                registration=registration,
                group=closed[i // 5 % len(closed)],
                status=Membership.Status.ACTIVE,
                seat=i % 5 + 1,
                joined_on=today,
                placed_by=world.admin,
            )
            for i, registration in enumerate(registrations[:placed])
        ]
        + [
            Membership(
                registration=registration,
                group=closed[i % len(closed)],
                status=Membership.Status.WAITLISTED,
                waitlist_position=i // len(closed) + 1,
                placed_by=world.admin,
            )
            for i, registration in enumerate(registrations[placed:waiting])
        ]
    )
    world.groups += groups

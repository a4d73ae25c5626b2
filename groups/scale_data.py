"""Scale data for the groups app (``manage.py generate_scale_data``): groups with their weekly
meetings (a ``rooms.BookingSeries`` each, with every occurrence booked), interest registrations
and memberships. Runs after ``rooms.scale_data``, whose organisations and rooms it books.

No two active bookings of one room ever overlap (PostgreSQL's exclusion constraint would refuse
the insert): the week is cut into slots, one per room, weekday and two-hour block, and the series
sharing a slot follow one another in time, the newest running from the past into the future and
each older one ending the week before the next begins. Bookings on the centre's Christmas
closures are written as cancelled, as ``rooms.services`` would leave them.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from groups.models import Attendance, Group, InterestRegistration, Membership
from groups.personal_data import current_consent_version, record_consent
from groups.services import centre_organisation
from rooms import scale_data as rooms_scale
from rooms.models import Booking, BookingEvent, BookingSeries, Organisation, Room
from rooms.times import local_datetime, today_local

BATCH = 2000
# Two-hour blocks, the evening first: that is when most groups meet.
STARTS = [dt.time(h) for h in (18, 16, 20, 12, 10, 14, 8)]
THEMES = list(Group.Theme.values)
REGISTRATIONS_PER_SCALE = 500
SHORT_NB = "En trygg gruppe der vi deler erfaringer og støtter hverandre."
SHORT_EN = "A safe group where we share experience and support each other."
LONG_NB = "Vi møtes hver uke. Alle som deler de samme erfaringene er velkomne."
LONG_EN = "We meet every week. Everyone who shares these experiences is welcome."


def group_count(scale):
    return max(10, round(50 * scale))  # 50 at one centre, 5,000 nationally


def registration_count(scale):
    return max(20, round(REGISTRATIONS_PER_SCALE * scale))


def _weeks(i, shortest, longest):
    """A spread of lengths in weeks, the same for the same ``i``."""
    return shortest + (i * 7919) % (longest - shortest + 1)


def plan_series(count, rooms, first_day, today):
    """(room, weekday, start, first_date, last_date) for ``count`` series that never clash."""
    slots = [(room, weekday, start) for start in STARTS for room in rooms for weekday in range(7)]
    # Per slot, the first date the series before (the newer one) took: each older one ends the
    # week before it.
    taken_from = {}
    planned = []
    for i in range(count):
        slot = slots[i % len(slots)]
        room, weekday, start = slot
        if slot not in taken_from:
            # The newest: begun up to two years ago, running one to two years more.
            this_week = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
            first = this_week - dt.timedelta(weeks=_weeks(i, 4, 104))
            last = this_week + dt.timedelta(weeks=_weeks(i + 1, 52, 104))
        else:
            last = taken_from[slot] - dt.timedelta(weeks=1)
            first = last - dt.timedelta(weeks=_weeks(i, 26, 156))
        if first < first_day:
            first = first_day + dt.timedelta(days=(weekday - first_day.weekday()) % 7)
        if last < first:
            continue  # ten years of this slot are full
        taken_from[slot] = first
        planned.append((room, weekday, start, first, last))
    return planned


def _weekly(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(weeks=1)


def create_scale_data(*, scale, stdout):
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    centre = centre_organisation()
    partners = list(
        Organisation.objects.filter(slug__startswith=rooms_scale.PREFIX).order_by("slug")
    )
    rooms = list(Room.objects.filter(slug__startswith=rooms_scale.PREFIX).order_by("slug"))
    first_day, _last_day = rooms_scale.span()
    today = today_local()
    planned = plan_series(group_count(scale), rooms, first_day, today)

    # Every other group is open and run by a partner; the closed ones are the centre's own.
    series = BookingSeries.objects.bulk_create(
        (
            BookingSeries(
                organisation=partners[i // 2 % len(partners)] if i % 2 else centre,
                room=room,
                weekday=weekday,
                start_time=start,
                end_time=dt.time(start.hour + 2),
                first_date=first,
                last_date=last,
                title=f"Skala gruppe {i + 1:05d}",
                is_public=True,
                created_by=admin,
            )
            for i, (room, weekday, start, first, last) in enumerate(planned)
        ),
        batch_size=BATCH,
    )
    BookingEvent.objects.bulk_create(
        (
            BookingEvent(action=BookingEvent.Action.CREATED, series=item, actor=admin)
            for item in series
        ),
        batch_size=BATCH,
    )
    # One series' occurrences at a time: 500,000 model instances at once would need gigabytes.
    occurrences = 0
    batch = []
    for item in series:
        for day in _weekly(item.first_date, item.last_date):
            closed = rooms_scale.christmas_closed(day)
            batch.append(
                Booking(
                    room_id=item.room_id,
                    organisation_id=item.organisation_id,
                    series_id=item.pk,
                    start=local_datetime(day, item.start_time),
                    end=local_datetime(day, item.end_time),
                    title=item.title,
                    is_public=True,
                    status=Booking.Status.CANCELLED if closed else Booking.Status.CONFIRMED,
                    cancel_reason="Julestengt" if closed else "",
                    created_by=admin,
                )
            )
        if len(batch) >= 20 * BATCH:
            Booking.objects.bulk_create(batch, batch_size=BATCH)
            occurrences += len(batch)
            batch = []
    Booking.objects.bulk_create(batch, batch_size=BATCH)
    occurrences += len(batch)

    groups = Group.objects.bulk_create(
        (
            Group(
                kind=Group.Kind.OPEN if i % 2 else Group.Kind.CLOSED,
                name=item.title,
                slug=f"skala-gruppe-{i + 1:05d}",
                short_description_nb=SHORT_NB,
                short_description_en=SHORT_EN,
                description_nb=LONG_NB,
                description_en=LONG_EN,
                languages=["nb", "en"] if i % 5 == 0 else ["nb"],
                theme=THEMES[i % len(THEMES)],
                status=Group.Status.ENDED
                if item.last_date < today
                else Group.Status.FORMING
                if item.first_date > today
                else Group.Status.RUNNING,
                meeting_series=item,
                organisation_id=item.organisation_id if i % 2 else None,
                meeting_guide_types=["O", "D"] if i % 2 else [],
                contact_email=f"gruppe-{i + 1:05d}@skala.example" if i % 2 else "",
                # A few open meetings are hybrid, with the link meeting finders need.
                attendance=Attendance.HYBRID if i % 20 == 1 else Attendance.IN_PERSON,
                conference_url="https://zoom.us/j/1234567890" if i % 20 == 1 else "",
                last_confirmed=today - dt.timedelta(days=i % 120) if i % 2 else None,
            )
            for i, item in enumerate(series)
        ),
        batch_size=BATCH,
    )
    members = _create_registrations(scale, groups, admin, today)
    stdout.write(
        f"Scale data: {len(groups):,} groups, {len(series):,} weekly series, "
        f"{occurrences:,} booking occurrences, {registration_count(scale):,} registrations, "
        f"{members:,} memberships."
    )


def _create_registrations(scale, groups, admin, today):
    """Registrations in bulk; five active members and two waiting in each running closed
    group, the rest waiting for a group (as new or contacted)."""
    version = current_consent_version()
    record_consent(version=version)
    count = registration_count(scale)
    now = timezone.now()
    registrations = InterestRegistration.objects.bulk_create(
        (
            InterestRegistration(
                first_name=f"Skala {i + 1}",
                email=f"person{i + 1}@skala.example" if i % 4 else "",
                phone="" if i % 4 else f"9{i % 10_000_000:07d}",
                is_adult=True,
                read_expectations=True,
                free_choice=True,
                consent_version=version,
                consented_at=now - dt.timedelta(hours=i % 8760),
                preferred_weekdays=[i % 7],
                preferred_times=["evening" if i % 3 else "afternoon"],
                preferred_language="en" if i % 9 == 0 else "nb",
                status=InterestRegistration.Status.NEW,
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    closed = [g for g in groups if g.kind == Group.Kind.CLOSED and g.status == Group.Status.RUNNING]
    memberships = []
    people = iter(registrations)
    placed, waiting = [], []
    for group in closed:
        for seat in range(1, 6):
            person = next(people, None)
            if person is None:
                break
            placed.append(person)
            memberships.append(
                Membership(
                    registration=person,
                    group=group,
                    status=Membership.Status.ACTIVE,
                    seat=seat,
                    joined_on=today - dt.timedelta(days=seat * 30),
                    placed_by=admin,
                )
            )
        for position in (1, 2):
            person = next(people, None)
            if person is None:
                break
            waiting.append(person)
            memberships.append(
                Membership(
                    registration=person,
                    group=group,
                    status=Membership.Status.WAITLISTED,
                    waitlist_position=position,
                    placed_by=admin,
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    _update_in_chunks(placed, InterestRegistration.Status.PLACED)
    _update_in_chunks(waiting, InterestRegistration.Status.CONTACTED)
    return len(memberships)


def _update_in_chunks(people, status):
    # SQLite limits the variables in one statement; chunks keep every database happy.
    for start in range(0, len(people), 500):
        InterestRegistration.objects.filter(
            pk__in=[p.pk for p in people[start : start + 500]]
        ).update(status=status)

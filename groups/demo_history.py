"""Past group life for the demo: meetings held, groups that started, paused and ended, people
who registered, were placed or withdrew, information and contact meetings, from 1 January last
year until yesterday. Written directly (services book only from today on); rooms' history
module expands the weekly dates the same way for both apps.
"""

import datetime as dt

from groups import services
from groups.models import (
    ContactMeeting,
    Group,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
)
from rooms.demo_history import TakenSlots, closed_days, history_start, past_weekly_bookings
from rooms.models import Booking, BookingSeries, Room
from rooms.times import local_datetime, today_local

# (slug, name, weekday, hour, room slug, weeks ago it started, weeks ago it stopped, status)
PAST_GROUPS = [
    ("vargruppa-i-fjor", "Vårgruppa (i fjor)", 0, 18, "rom-2", 80, 52, Group.Status.ENDED),
    ("hostgruppa", "Høstgruppa", 0, 18, "rom-3", 60, 0, Group.Status.RUNNING),
    ("fredagsgruppa", "Fredagsgruppa", 4, 12, "rom-3", 70, 20, Group.Status.PAUSED),
]
FIRST_NAMES = ["Anne", "Bjørn", "Camilla", "Dag", "Eli", "Finn", "Guro", "Hans", "Ida", "Jon"]


def _series(centre, room, weekday, hour, first_date, title):
    return BookingSeries.objects.create(
        organisation=centre,
        room=room,
        weekday=weekday,
        start_time=dt.time(hour),
        end_time=dt.time(hour + 2),
        first_date=first_date,
        last_date=first_date,
        title=title,
        is_public=True,
    )


def _centre_meeting(model, centre, room, day, hour, *, taken, **fields):
    if not taken.take(
        room.pk, local_datetime(day, dt.time(hour)), local_datetime(day, dt.time(hour + 2))
    ):
        return None
    series = _series(centre, room, day.weekday(), hour, day, str(model.calendar_title))
    Booking.objects.create(
        room=room,
        organisation=centre,
        series=series,
        start=local_datetime(day, dt.time(hour)),
        end=local_datetime(day, dt.time(hour + 2)),
        title=series.title,
    )
    return model.objects.create(
        starts_at=local_datetime(day, dt.time(hour)),
        ends_at=local_datetime(day, dt.time(hour + 2)),
        room=room,
        meeting_series=series,
        **fields,
    )


def create_demo_history(stdout):
    today = today_local()
    start, yesterday = history_start(today), today - dt.timedelta(days=1)
    if InfoMeeting.objects.filter(starts_at__lt=local_datetime(today, dt.time())).exists():
        stdout.write("Group history already exists; left as it is.")
        return
    centre = services.centre_organisation()
    rooms = {room.slug: room for room in Room.objects.all()}
    earliest = start - dt.timedelta(weeks=30)
    closed = closed_days(earliest, yesterday)
    taken = TakenSlots(earliest, yesterday)

    # The demo's running groups met weekly since their start-up meeting; three more groups have
    # a past of their own.
    bookings = []
    for group in (
        Group.objects.closed()
        .filter(
            status=Group.Status.RUNNING,
            meeting_series__isnull=False,
            startup_meeting_on__isnull=False,
        )
        .select_related("meeting_series")
    ):
        bookings += past_weekly_bookings(
            group.meeting_series,
            first=group.startup_meeting_on,
            last=yesterday,
            closed=closed,
            taken=taken,
        )
    past_groups = []
    for slug, name, weekday, hour, room, started, stopped, status in PAST_GROUPS:
        first = today - dt.timedelta(weeks=started)
        last = today - dt.timedelta(weeks=stopped, days=1)
        series = _series(centre, rooms[room], weekday, hour, first, name)
        group, _created = Group.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": Group.Kind.CLOSED,
                "name": name,
                "status": status,
                "languages": ["nb"],
                "startup_meeting_on": first,
                "follow_up_on": first + dt.timedelta(weeks=6),
                "follow_up_held_on": first + dt.timedelta(weeks=6),
                "listed": status == Group.Status.RUNNING,
                "meeting_series": series,
            },
        )
        past_groups.append(group)
        bookings += past_weekly_bookings(series, first=first, last=last, closed=closed, taken=taken)
    Booking.objects.bulk_create(bookings, batch_size=500)

    # An information meeting on the first Monday of every month, a contact meeting each spring
    # and autumn.
    info_meetings = []
    month = dt.date(start.year, start.month, 1)
    while month <= yesterday:
        day = month + dt.timedelta(days=(0 - month.weekday()) % 7)
        if day <= yesterday and not closed.get(day):
            meeting = _centre_meeting(
                InfoMeeting, centre, rooms["moterommet"], day, 16, taken=taken, places=15
            )
            if meeting:
                info_meetings.append(meeting)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    for year in (start.year, today.year):
        for month_number in (3, 10):
            day = dt.date(year, month_number, 15)
            day += dt.timedelta(days=(2 - day.weekday()) % 7)
            if day <= yesterday:
                _centre_meeting(ContactMeeting, centre, rooms["stua"], day, 18, taken=taken)

    # People: about five registrations a month; most were placed within weeks, a few withdrew.
    seat_of = {group.pk: 0 for group in past_groups}
    day, number = start, 0
    while day <= yesterday:
        number += 1
        created = local_datetime(day, dt.time(9 + number % 10, 7 * number % 60))
        withdrawn = number % 9 == 0
        registration = InterestRegistration.objects.create(
            first_name=f"{FIRST_NAMES[number % len(FIRST_NAMES)]} (historikk {number})",
            email=f"historikk{number}@example.org",
            is_adult=True,
            read_expectations=True,
            free_choice=True,
            consent_version=services.current_consent_version(),
            consented_at=created,
            status=InterestRegistration.Status.WITHDRAWN
            if withdrawn
            else InterestRegistration.Status.CONTACTED,
        )
        changed = created + dt.timedelta(days=10) if withdrawn else created
        InterestRegistration.objects.filter(pk=registration.pk).update(
            created_at=created, updated_at=changed
        )
        meeting = next((m for m in info_meetings if m.starts_at > created), None)
        if meeting and number % 2:
            InfoMeetingSignup.objects.create(
                info_meeting=meeting,
                registration=registration,
                consent_version=registration.consent_version,
                consented_at=created,
            )
        group = past_groups[number % len(past_groups)]
        joined = day + dt.timedelta(days=14 + number % 30)
        if not withdrawn and number % 3 and group.startup_meeting_on <= joined <= yesterday:
            seat_of[group.pk] = seat_of[group.pk] % 8 + 1
            active = (
                group.status == Group.Status.RUNNING
                and not Membership.objects.filter(
                    group=group, status="active", seat=seat_of[group.pk]
                ).exists()
            )
            Membership.objects.create(
                registration=registration,
                group=group,
                status=Membership.Status.ACTIVE if active else Membership.Status.LEFT,
                seat=seat_of[group.pk] if active else None,
                joined_on=joined,
                left_on=None if active else joined + dt.timedelta(weeks=12),
            )
            InterestRegistration.objects.filter(pk=registration.pk).update(
                status=InterestRegistration.Status.PLACED
            )
        day += dt.timedelta(days=6)
    stdout.write(
        f"Group history: {len(bookings)} past meetings, {len(info_meetings)} information "
        f"meetings and {number} registrations since {start:%d.%m.%Y}."
    )

"""Demo groups: closed groups in every status, partners' open 12-step groups, info meetings and a
few sign-ups (fake first names only). Idempotent: natural keys are slugs and first names.

Does not depend on the rooms demo: the centre, the rooms and the partners are fetched or created
here, and a group's weekly series is booked only when the group has none yet. The names, rooms
and texts themselves are in ``groups/demo_data.py``.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from groups import listing_services, services
from groups.demo_data import (
    CLOSED_GROUPS,
    DIRECTIONS,
    HOW_HEARD,
    OPEN_GROUPS,
    PARTNER_LISTINGS,
    PARTNERS,
    PLACEMENTS,
    ROOMS,
    SIGNUPS,
)
from groups.models import (
    ContactMeeting,
    Group,
    InfoMeeting,
    InterestRegistration,
    Membership,
)
from rooms.models import BookingSeries, OpeningHours, Organisation, Room
from rooms.times import local_datetime, today_local


def _partner_listings(stdout):
    """List the partners' public weekly series the way a partner would, through the service."""
    series_list = (
        BookingSeries.objects.filter(title__in=PARTNER_LISTINGS, group__isnull=True)
        .exclude(status=BookingSeries.Status.CANCELLED)
        .select_related("organisation")
    )
    for series in series_list:
        name, types, attendance, url, phone, short_nb, short_en = PARTNER_LISTINGS[series.title]
        try:
            listing = listing_services.save_listing(
                organisation=series.organisation,
                series=series,
                name=name,
                short_description_nb=short_nb,
                short_description_en=short_en,
                languages=["nb"],
                meeting_guide_types=types,
                attendance=attendance,
                conference_url=url,
                conference_phone=phone,
                contact_email=series.organisation.email,
                status=Group.Status.RUNNING,
            )
        except ValidationError as error:
            stdout.write(f"  {name}: not listed ({' '.join(error.messages)})")
            continue
        if not listing.listed:  # the demo shows them, even with approval required
            Group.objects.filter(pk=listing.pk).update(listed=True)


def _first_weekday(weekday, weeks_ahead=1):
    start = today_local() + dt.timedelta(days=7 * weeks_ahead)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def _pick(info_meetings, language, index):
    matching = [meeting for meeting in info_meetings if meeting.language == language]
    return matching[index % len(matching)] if matching else None


def _base(stdout):
    centre = services.centre_organisation()
    if not OpeningHours.objects.exists():
        for weekday in range(7):
            OpeningHours.objects.create(weekday=weekday, opens=dt.time(8), closes=dt.time(22))
    rooms = {}
    for order, (slug, name, capacity, location, step_free) in enumerate(ROOMS):
        rooms[slug], _ = Room.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "capacity": capacity,
                "location": location,
                "wheelchair_accessible": step_free,
                "display_order": order,
                "directions": DIRECTIONS.get(slug, ""),
            },
        )
    partners = {}
    for slug, name, website in PARTNERS:
        partners[slug], _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "email": f"{slug}@example.org", "website": website},
        )
    return centre, rooms, partners


def _book(stdout, group, *, organisation, room, weekday, start, end):
    if group.meeting_series_id:
        return
    try:
        result = services.book_quietly(
            organisation=organisation,
            room=room,
            weekday=weekday,
            start_time=start,
            end_time=end,
            first_date=_first_weekday(weekday, weeks_ahead=0),
            title=group.name,
            is_public=True,
        )
    except ValidationError as error:
        stdout.write(f"  {group.name}: no room booked ({' '.join(error.messages)})")
        return
    group.meeting_series = result.series
    group.save(update_fields=["meeting_series", "updated_at"])


def create_demo_data(stdout):
    centre, rooms, partners = _base(stdout)
    today = today_local()

    for slug, name, status, weekday, hour, room, languages, short_nb, short_en in CLOSED_GROUPS:
        startup = {
            Group.Status.RUNNING: today - dt.timedelta(weeks=5),
            Group.Status.FORMING: today + dt.timedelta(weeks=3),
            Group.Status.PAUSED: today - dt.timedelta(weeks=40),
            Group.Status.ENDED: today - dt.timedelta(weeks=80),
        }[status]
        group, _ = Group.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": Group.Kind.CLOSED,
                "name": name,
                "status": status,
                "languages": languages,
                "short_description_nb": short_nb,
                "short_description_en": short_en,
                "description_nb": (
                    "Gruppa er selvorganisert: ingen leder, ingen fagperson. Dere møtes hver uke "
                    "i om lag to timer, og alle lover taushet om det som blir sagt."
                ),
                "description_en": (
                    "The group is self-organised: no leader, no professional. You meet every "
                    "week for about two hours, and everyone promises confidentiality."
                ),
                "theme": Group.Theme.MIXED,
                "startup_meeting_on": startup,
                "follow_up_on": startup + dt.timedelta(weeks=6),
                "listed": status != Group.Status.ENDED,
            },
        )
        if weekday is not None:
            _book(
                stdout,
                group,
                organisation=centre,
                room=rooms[room],
                weekday=weekday,
                start=dt.time(hour),
                end=dt.time(hour + 2),
            )

    for slug, name, org, weekday, start, end, room, types, short_nb, short_en in OPEN_GROUPS:
        group, _ = Group.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": Group.Kind.OPEN,
                "name": name,
                "status": Group.Status.RUNNING,
                "organisation": partners[org],
                "languages": ["en"] if "english" in slug else ["nb"],
                "meeting_guide_types": types,
                "short_description_nb": short_nb,
                "short_description_en": short_en,
                "theme": Group.Theme.ADDICTION if org != "al-anon-oslo" else Group.Theme.RELATIVES,
                "contact_email": f"{org}@example.org",
            },
        )
        _book(
            stdout,
            group,
            organisation=partners[org],
            room=rooms[room],
            weekday=weekday,
            start=start,
            end=end,
        )

    _partner_listings(stdout)

    info_meetings = []
    for weeks, language in [(1, "nb"), (3, "nb"), (4, "en")]:
        day = _first_weekday(0, weeks_ahead=weeks)
        meeting = InfoMeeting.objects.filter(
            starts_at=local_datetime(day, dt.time(16)), room=rooms["moterommet"]
        ).first()
        if meeting is None:
            try:
                meeting = services.schedule_info_meeting(
                    room=rooms["moterommet"],
                    day=day,
                    start_time=dt.time(16),
                    end_time=dt.time(17, 30),
                    language=language,
                    places=15,
                )
            except ValidationError as error:
                stdout.write(f"  Information meeting {day}: {' '.join(error.messages)}")
                continue
        info_meetings.append(meeting)

    # The next contact meeting for all groups, on a Wednesday evening about six weeks ahead.
    if not ContactMeeting.objects.upcoming().exists():
        try:
            services.schedule_contact_meeting(
                room=rooms["stua"],
                day=_first_weekday(2, weeks_ahead=6),
                start_time=dt.time(18),
                end_time=dt.time(20),
                notes="Kontaktmøte for alle gruppene: erfaringer, spørsmål og kaffe.",
            )
        except ValidationError as error:
            stdout.write(f"  Contact meeting: {' '.join(error.messages)}")

    groups = {group.slug: group for group in Group.objects.closed()}
    for index, (first_name, email, phone, weekdays, times, language, age) in enumerate(SIGNUPS):
        if InterestRegistration.objects.filter(first_name=first_name).exists():
            continue
        registration = services.register_interest(
            first_name=first_name,
            email=email,
            phone=phone.replace(" ", ""),
            is_adult=True,
            age_band=age,
            preferred_weekdays=weekdays,
            preferred_times=times,
            preferred_language=language,
            message="",
            read_expectations=True,
            free_choice=True,
            consent_version=services.current_consent_version(),
            consented_at=timezone.now(),
            info_meeting=_pick(info_meetings, language, index),
            how_heard=HOW_HEARD[index % len(HOW_HEARD)],
            notify=False,
        )
        if first_name in PLACEMENTS:
            slug, waitlist = PLACEMENTS[first_name]
            if not Membership.objects.filter(registration=registration).exists():
                services.place_in_group(
                    registration=registration, group=groups[slug], waitlist=waitlist
                )

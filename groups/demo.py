"""Demo groups: closed groups in every status, partners' open 12-step groups, info meetings and a
few sign-ups (fake first names only). Idempotent: natural keys are slugs and first names.

Does not depend on the rooms demo: the centre, the rooms and the partners are fetched or created
here, and a group's weekly series is booked only when the group has none yet.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from groups import listing_services, services
from groups.models import (
    Attendance,
    ContactMeeting,
    Group,
    InfoMeeting,
    InterestRegistration,
    Membership,
)
from rooms.models import BookingSeries, OpeningHours, Organisation, Room
from rooms.times import local_datetime, today_local

ROOMS = [
    ("stua", "Stua", 12, "1. etasje", True),
    ("rom-2", "Rom 2", 10, "1. etasje", True),
    ("rom-3", "Rom 3", 8, "2. etasje", False),
    ("moterommet", "Møterommet", 20, "1. etasje", True),
]
# How to find each room, shown on the group pages.
DIRECTIONS = {
    "stua": "Inngang fra gata, dør med skilt LINK. Stua er rett fram etter resepsjonen.",
    "rom-2": "Inngang fra gata. Rom 2 er til venstre etter resepsjonen.",
    "rom-3": "Trappa opp fra resepsjonen (ingen heis), første dør til høyre.",
    "moterommet": "Inngang fra gata. Møterommet er innerst i gangen, til høyre.",
}
# The anonymous "how did you hear about us?" answers of the demo sign-ups, in turn.
HOW_HEARD = ["gp", "brochure", "web", "", "nav", "friend", "professional", "hospital"]

PARTNERS = [
    ("aa-oslo", "Anonyme Alkoholikere Oslo", "https://www.anonymealkoholikere.no"),
    ("na-oslo", "Anonyme Narkomane Oslo", "https://www.anonymenarkomane.no"),
    ("al-anon-oslo", "Al-Anon Oslo", "https://www.al-anon.no"),
]

# slug, name, status, weekday, start hour, room, languages, short nb, short en
CLOSED_GROUPS = [
    (
        "tirsdagsgruppa",
        "Tirsdagsgruppa",
        Group.Status.RUNNING,
        1,
        18,
        "rom-3",
        ["nb"],
        "En trygg gruppe på tvers av livsproblemer, for deg som vil dele og lytte.",
        "A safe group across life problems, for those who want to share and listen.",
    ),
    (
        "onsdag-formiddag",
        "Onsdag formiddag",
        Group.Status.RUNNING,
        2,
        10,
        "rom-2",
        ["nb"],
        "Formiddagsgruppe for deg som har dagene ledige.",
        "A morning group for those who are free during the day.",
    ),
    (
        "torsdagsgruppa",
        "Torsdagsgruppa",
        Group.Status.FORMING,
        3,
        18,
        "rom-3",
        ["nb"],
        "Ny gruppe som starter snart. Meld interesse!",
        "A new group starting soon. Register your interest!",
    ),
    (
        "english-speaking-group",
        "English-speaking group",
        Group.Status.FORMING,
        0,
        17,
        "rom-2",
        ["en", "nb"],
        "Ny gruppe på engelsk, for deg som helst snakker engelsk.",
        "A new group in English, for those who prefer to speak English.",
    ),
    (
        "mandagsgruppa",
        "Mandagsgruppa",
        Group.Status.PAUSED,
        0,
        12,
        "rom-3",
        ["nb"],
        "Gruppa har pause i en periode.",
        "The group is taking a break for a while.",
    ),
    (
        "fredagsgruppa-2024",
        "Fredagsgruppa 2024",
        Group.Status.ENDED,
        None,
        None,
        None,
        ["nb"],
        "Avsluttet gruppe.",
        "A group that has ended.",
    ),
]

# slug, name, organisation, weekday, start, end, room, types, short nb, short en
OPEN_GROUPS = [
    (
        "aa-mandag",
        "AA Mandagsmøtet",
        "aa-oslo",
        0,
        dt.time(19),
        dt.time(20, 30),
        "stua",
        ["O", "D"],
        "Åpent AA-møte med samtale. Alle er velkomne.",
        "Open AA discussion meeting. Everyone is welcome.",
    ),
    (
        "aa-store-bok",
        "AA Store bok-gruppa",
        "aa-oslo",
        3,
        dt.time(19),
        dt.time(20, 30),
        "moterommet",
        ["C", "B"],
        "Lukket AA-møte (for deg med et ønske om å slutte å drikke) der vi leser Store bok.",
        "Closed AA meeting (for those who want to stop drinking) reading the Big Book.",
    ),
    (
        "na-fredag",
        "NA Fredagsmøtet",
        "na-oslo",
        4,
        dt.time(18),
        dt.time(19, 30),
        "stua",
        ["O", "BE"],
        "Åpent NA-møte med fokus på nykommere.",
        "Open NA meeting with a focus on newcomers.",
    ),
    (
        "na-english",
        "NA English Speaking",
        "na-oslo",
        6,
        dt.time(17),
        dt.time(18, 30),
        "rom-2",
        ["O", "ST"],
        "Åpent NA-møte på engelsk med stegstudie.",
        "Open NA step study meeting in English.",
    ),
    (
        "al-anon-onsdag",
        "Al-Anon Onsdagsmøtet",
        "al-anon-oslo",
        2,
        dt.time(18, 30),
        dt.time(20),
        "moterommet",
        ["O", "D"],
        "For pårørende og venner av alkoholikere.",
        "For family and friends of alcoholics.",
    ),
]

SIGNUPS = [
    ("Kari", "kari@example.org", "", [1, 3], ["evening"], "nb", "30-44"),
    ("Ola", "", "912 34 567", [3], ["evening"], "nb", "45-59"),
    ("Ingrid", "ingrid@example.org", "", [3, 4], ["evening"], "nb", "18-29"),
    ("Nils", "nils@example.org", "48 12 34 56", [3], ["afternoon", "evening"], "nb", ""),
    ("Sofie", "sofie@example.org", "", [0, 3], ["evening"], "nb", "30-44"),
    ("Emma", "emma@example.org", "", [0], ["afternoon"], "en", "18-29"),
    ("Jonas", "", "+47 99 88 77 66", [0], ["afternoon"], "en", "30-44"),
    ("Sigrid", "sigrid@example.org", "", [1], ["evening"], "nb", "60+"),
    ("Lars", "lars@example.org", "", [2], ["morning"], "nb", "60+"),
    ("Marte", "marte@example.org", "", [2], ["morning"], "nb", "45-59"),
    ("Astrid", "astrid@example.org", "", [2], ["morning"], "nb", "60+"),
    ("Berit", "berit@example.org", "", [1], ["evening"], "nb", "45-59"),
    ("Tor", "", "93 45 67 89", [1], ["evening"], "nb", "60+"),
    ("Hilde", "hilde@example.org", "", [1], ["evening"], "nb", "30-44"),
    ("Geir", "geir@example.org", "", [1], ["evening"], "nb", "45-59"),
    ("Silje", "silje@example.org", "", [1], ["evening"], "nb", "18-29"),
    ("Anders", "anders@example.org", "", [1], ["evening"], "nb", "30-44"),
    ("Henrik", "henrik@example.org", "", [1], ["evening"], "nb", "30-44"),
    ("Mona", "mona@example.org", "", [1], ["evening"], "nb", "45-59"),
]

# first name -> (group slug, waitlist?)
PLACEMENTS = {
    "Sigrid": ("tirsdagsgruppa", False),
    "Berit": ("tirsdagsgruppa", False),
    "Tor": ("tirsdagsgruppa", False),
    "Hilde": ("tirsdagsgruppa", False),
    "Geir": ("tirsdagsgruppa", False),
    "Silje": ("tirsdagsgruppa", False),
    "Anders": ("tirsdagsgruppa", False),
    "Henrik": ("tirsdagsgruppa", False),
    # Tirsdagsgruppa is full now: Mona goes on its waiting list.
    "Mona": ("tirsdagsgruppa", False),
    "Lars": ("onsdag-formiddag", False),
    "Marte": ("onsdag-formiddag", False),
    "Astrid": ("onsdag-formiddag", True),
    "Kari": ("torsdagsgruppa", False),
}


# Partners' public listings of the weekly series the rooms demo books, by series title:
# name, types, attendance, conference link, dial-in, short nb, short en. Every partner has one;
# NA's Tuesday meeting is hybrid and CoDA's Thursday meeting is online only.
PARTNER_LISTINGS = {
    "AA Tirsdagsgruppa": (
        "AA Tirsdagsmøtet",
        ["O", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Åpent AA-møte med samtale. Alle er velkomne.",
        "Open AA discussion meeting. Everyone is welcome.",
    ),
    "AA Lørdagsmøtet": (
        "AA Lørdagsmøtet",
        ["C", "ST"],
        Attendance.IN_PERSON,
        "",
        "",
        "Lukket AA-møte med stegstudie, for deg med et ønske om å slutte å drikke.",
        "Closed AA step study, for those who want to stop drinking.",
    ),
    "NA Tirsdagsmøtet": (
        "NA Tirsdagsmøtet",
        ["O", "BE"],
        Attendance.HYBRID,
        "https://zoom.us/j/85512345678",
        "+47 21 93 00 00,,85512345678#",
        "Åpent NA-møte i Rom 2 og på Zoom. Nykommere er særlig velkomne.",
        "Open NA meeting in Room 2 and on Zoom. Newcomers especially welcome.",
    ),
    "Al-Anon onsdag": (
        "Al-Anon Onsdagssamtalen",
        ["C", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Lukket samtalemøte for pårørende og venner av alkoholikere.",
        "Closed discussion meeting for relatives and friends of alcoholics.",
    ),
    "CoDA torsdag": (
        "CoDA Torsdag på nett",
        ["O", "ST"],
        Attendance.ONLINE,
        "https://meet.jit.si/coda-oslo-torsdag",
        "",
        "Åpent CoDA-møte på nett med stegstudie.",
        "Open online CoDA step study meeting.",
    ),
    "VOP onsdagsgruppe": (
        "VOP Onsdagsmøtet",
        ["O", "LIT"],
        Attendance.IN_PERSON,
        "",
        "",
        "Åpent møte for voksne barn fra dysfunksjonelle familier. Vi leser litteratur.",
        "Open meeting for adult children of dysfunctional families, reading literature.",
    ),
    "OA tirsdag": (
        "OA Tirsdagsmøtet",
        ["O", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Åpent OA-møte for deg som strever med mat og spising.",
        "Open OA meeting for people who struggle with food and eating.",
    ),
    "SLAA mandag": (
        "SLAA Mandagsmøtet",
        ["C", "D"],
        Attendance.IN_PERSON,
        "",
        "",
        "Lukket SLAA-møte for deg som selv kjenner deg igjen i sex- og kjærlighetsavhengighet.",
        "Closed SLAA meeting for those who recognise sex and love addiction in themselves.",
    ),
}


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

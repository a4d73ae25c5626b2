"""Demo rooms, opening hours, partner organisations with logins, a term of weekly series.

Idempotent: natural keys (slugs, usernames, series title per organisation) are looked up first.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model

from rooms import closures, services, times
from rooms.models import BookingSeries, Closure, OpeningHours, Organisation, Room

# Documented in the README; only set when DEBUG is on, never on a production site.
DEMO_PASSWORD = "demo-rom-2026"  # noqa: S105

ROOMS = [
    ("stua", "Stua", 20, "1. etasje, ved inngangen", True, True, "Sofagruppe, kaffemaskin"),
    ("rom-2", "Rom 2", 12, "1. etasje", True, False, "Sirkel med 12 stoler, whiteboard"),
    ("rom-3", "Rom 3", 8, "2. etasje (heis)", True, True, "Lite og stille rom"),
    ("moterommet", "Møterommet", 10, "2. etasje (heis)", True, False, "Skjerm og HDMI"),
]

# Mon–Fri 09–22, Sat 10–16, and Sunday evenings for open meetings (the groups demo has one).
OPENING = {0: (9, 22), 1: (9, 22), 2: (9, 22), 3: (9, 22), 4: (9, 22), 5: (10, 16), 6: (16, 20)}

# slug (= login), name, contact person, weekly series: (room slug, weekday, start, end, title,
# public). AA, NA and Al-Anon use the same slugs as the groups demo, and no series here takes a
# slot the groups demo books, so both demos together give one consistent calendar.
ORGANISATIONS = [
    (
        "aa-oslo",
        "Anonyme Alkoholikere Oslo",
        "Kari Nordmann",
        [
            ("stua", 1, 18, 20, "AA Tirsdagsgruppa", True),
            ("stua", 5, 12, 14, "AA Lørdagsmøtet", True),
        ],
    ),
    (
        "na-oslo",
        "Anonyme Narkomane Oslo",
        "Ola Hansen",
        [("rom-2", 1, 20, 22, "NA Tirsdagsmøtet", True)],
    ),
    (
        "al-anon-oslo",
        "Al-Anon Oslo",
        "Ingrid Berg",
        [("rom-3", 2, 17, 19, "Al-Anon onsdag", True)],
    ),
    (
        "coda",
        "CoDA Norge (Anonyme medavhengige)",
        "Per Johansen",
        [("rom-2", 3, 17, 19, "CoDA torsdag", True)],
    ),
    (
        "aca",
        "ACA/VOP – Voksne barn fra dysfunksjonelle familier",
        "Lise Haugen",
        [("rom-2", 2, 19, 21, "VOP onsdagsgruppe", True)],
    ),
    (
        "oa",
        "Overeaters Anonymous (OA)",
        "Siri Dahl",
        [("moterommet", 1, 18, 20, "OA tirsdag", True)],
    ),
    (
        "slaa",
        "SLAA – Anonyme sex- og kjærlighetsavhengige",
        "Jonas Lie",
        [("moterommet", 0, 19, 21, "SLAA mandag", True)],
    ),
]

CENTRE_SLUG = "link-oslo"


def _user(username, stdout):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@demo.linkoslo.example"}
    )
    if created:
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    return user


def create_demo_data(stdout):
    for order, (slug, name, capacity, where, step_free, loop, equipment) in enumerate(ROOMS):
        Room.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "capacity": capacity,
                "location": where,
                "wheelchair_accessible": step_free,
                "hearing_loop": loop,
                "equipment_notes": equipment,
                "display_order": order,
            },
        )
    for weekday, (opens, closes) in OPENING.items():
        OpeningHours.objects.update_or_create(
            weekday=weekday, defaults={"opens": dt.time(opens), "closes": dt.time(closes)}
        )
    rooms = {room.slug: room for room in Room.objects.all()}

    Organisation.objects.update_or_create(
        slug=CENTRE_SLUG,
        defaults={"name": settings.CENTRE_NAME, "email": settings.CENTRE_EMAIL},
    )

    today = times.today_local()
    first = times.monday_of(today) + dt.timedelta(weeks=1)  # next Monday
    last = first + dt.timedelta(weeks=20)
    for slug, name, contact, series_list in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "contact_person": contact,
                "email": f"{slug}@demo.linkoslo.example",
                "phone": "400 00 000",
            },
        )
        user = _user(slug, stdout)
        organisation.members.add(user)
        for room_slug, weekday, start, end, title, public in series_list:
            if BookingSeries.objects.filter(organisation=organisation, title=title).exists():
                continue
            services.book_series(
                organisation=organisation,
                room=rooms[room_slug],
                weekday=weekday,
                start_time=dt.time(start),
                end_time=dt.time(end),
                first_date=first,
                last_date=last,
                title=title,
                is_public=public,
                created_by=user,
                notify=False,
            )

    maintenance_day = first + dt.timedelta(weeks=6, days=2)
    if not Closure.objects.filter(description="Maling av Rom 3").exists():
        closures.add_closure(
            start_date=maintenance_day,
            end_date=maintenance_day + dt.timedelta(days=1),
            reason=Closure.Reason.MAINTENANCE,
            description="Maling av Rom 3",
            room=rooms["rom-3"],
            notify=False,
        )
    for year in (today.year, today.year + 1):
        closures.add_public_holidays(year=year, notify=False)

    if settings.DEBUG:
        usernames = ", ".join(slug for slug, *_rest in ORGANISATIONS)
        stdout.write(
            f"Room booking demo logins ({usernames}) all have the password '{DEMO_PASSWORD}'."
        )

"""A year of plausible outreach history for the demo: brochures, waiting rooms across Oslo's
districts, professionals, visits, presentations and follow-ups.

Idempotent: brochures, places, professionals and the two demo staff members are found by their
natural keys; the history is made once (the demo staff's activities mark it as made). A fixed
random seed makes every fresh demo the same.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from outreach import services
from outreach.models import (
    Brochure,
    ContactActivity,
    District,
    Place,
    Professional,
    StockMovement,
)

SEED = 20250101
DEMO_STAFF = [("demo.ingrid", "Ingrid", "Solberg"), ("demo.tarik", "Tarik", "Hussein")]

BROCHURES = [
    ("Selvhjelp – hva er det?", "nb", "2025", 150),
    ("Selvhjelpsgrupper i Oslo", "nb", "2025", 150),
    ("Self-help groups in Oslo", "en", "2025", 60),
    ("مجموعات المساعدة الذاتية في أوسلو", "ar", "2024", 30),
    ("Grupy samopomocy w Oslo", "pl", "2024", 30),
    ("Selvhjelp for pårørende", "nb", "2. utgave", 80),
]

K = Place.Kind
D = District
PLACES = [
    ("Tøyen legesenter", K.GP_OFFICE, D.GAMLE_OSLO, "Hagegata 28, 0653 Oslo"),
    ("Grønland legekontor", K.GP_OFFICE, D.GAMLE_OSLO, "Grønlandsleiret 15, 0190 Oslo"),
    ("NAV Gamle Oslo", K.NAV_OFFICE, D.GAMLE_OSLO, "Schweigaards gate 12, 0185 Oslo"),
    ("Deichman Tøyen", K.LIBRARY, D.GAMLE_OSLO, "Hagegata 22, 0653 Oslo"),
    ("Legene på Løkka", K.GP_OFFICE, D.GRUNERLOKKA, "Thorvald Meyers gate 40, 0555 Oslo"),
    ("NAV Grünerløkka", K.NAV_OFFICE, D.GRUNERLOKKA, "Trondheimsveien 5, 0560 Oslo"),
    ("Deichman Grünerløkka", K.LIBRARY, D.GRUNERLOKKA, "Schous plass 10, 0552 Oslo"),
    ("Sagene legesenter", K.GP_OFFICE, D.SAGENE, "Sandakerveien 24, 0473 Oslo"),
    ("NAV Sagene", K.NAV_OFFICE, D.SAGENE, "Sandakerveien 52, 0477 Oslo"),
    ("Deichman Torshov", K.LIBRARY, D.SAGENE, "Torshovgata 14, 0476 Oslo"),
    (
        "St. Hanshaugen helsestasjon",
        K.DISTRICT_OFFICE,
        D.ST_HANSHAUGEN,
        "Colletts gate 10, 0169 Oslo",
    ),
    ("Lovisenberg DPS", K.HOSPITAL, D.ST_HANSHAUGEN, "Lovisenberggata 15, 0456 Oslo"),
    ("Frogner legesenter", K.GP_OFFICE, D.FROGNER, "Bygdøy allé 23, 0262 Oslo"),
    ("NAV Frogner", K.NAV_OFFICE, D.FROGNER, "Sørkedalsveien 6, 0369 Oslo"),
    ("Ullern legekontor", K.GP_OFFICE, D.ULLERN, "Ullernchausseen 64, 0379 Oslo"),
    ("Vinderen legesenter", K.GP_OFFICE, D.VESTRE_AKER, "Slemdalsveien 72, 0373 Oslo"),
    ("Diakonhjemmet sykehus", K.HOSPITAL, D.VESTRE_AKER, "Diakonveien 12, 0370 Oslo"),
    ("NAV Nordre Aker", K.NAV_OFFICE, D.NORDRE_AKER, "Kapellveien 2, 0487 Oslo"),
    ("Nydalen DPS", K.HOSPITAL, D.NORDRE_AKER, "Vitaminveien 31, 0485 Oslo"),
    ("Bydel Bjerke, bydelskontoret", K.DISTRICT_OFFICE, D.BJERKE, "Økernveien 145, 0580 Oslo"),
    ("Veitvet legesenter", K.GP_OFFICE, D.BJERKE, "Veitvetveien 8, 0596 Oslo"),
    ("NAV Grorud", K.NAV_OFFICE, D.GRORUD, "Ammerudveien 22, 0958 Oslo"),
    ("Deichman Stovner", K.LIBRARY, D.STOVNER, "Stovner senter 3, 0985 Oslo"),
    ("Stovner legesenter", K.GP_OFFICE, D.STOVNER, "Stovner senter 14, 0985 Oslo"),
    ("Furuset legesenter", K.GP_OFFICE, D.ALNA, "Trygve Lies plass 1, 1001 Oslo"),
    ("NAV Alna", K.NAV_OFFICE, D.ALNA, "Strømsveien 258, 0668 Oslo"),
    ("Alna DPS", K.HOSPITAL, D.ALNA, "Haakon Tveters vei 84, 0686 Oslo"),
    ("Bøler legesenter", K.GP_OFFICE, D.OSTENSJO, "Bølerlia 1, 0689 Oslo"),
    ("Uteseksjonen rusteam Østensjø", K.ADDICTION, D.OSTENSJO, "Tvetenveien 150, 0671 Oslo"),
    ("Nordstrand legesenter", K.GP_OFFICE, D.NORDSTRAND, "Nordstrandveien 46, 1163 Oslo"),
    (
        "NAV Søndre Nordstrand",
        K.NAV_OFFICE,
        D.SONDRE_NORDSTRAND,
        "Holmlia senter vei 16, 1255 Oslo",
    ),
    ("Deichman Holmlia", K.LIBRARY, D.SONDRE_NORDSTRAND, "Holmlia senter vei 16, 1255 Oslo"),
    ("Oslo Met, studenthelsetjenesten", K.SCHOOL, D.ST_HANSHAUGEN, "Pilestredet 46, 0167 Oslo"),
    ("Rusmiddeletaten, Sentrum", K.ADDICTION, D.SENTRUM, "Storgata 36, 0182 Oslo"),
]

FIRST_NAMES = [
    "Anne",
    "Lars",
    "Fatima",
    "Magnus",
    "Sofie",
    "Ahmed",
    "Ingrid",
    "Jonas",
    "Marte",
    "Ole",
    "Hanne",
    "Amir",
    "Kristin",
    "Eirik",
    "Nora",
    "Håkon",
    "Aisha",
    "Siri",
    "Bjørn",
    "Leila",
]
LAST_NAMES = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Ali",
    "Khan",
    "Dahl",
    "Lie",
    "Strand",
    "Bakken",
]
ROLES_BY_KIND = {
    K.GP_OFFICE: ["fastlege", "sykepleier", "helsesekretær"],
    K.NAV_OFFICE: ["NAV-veileder", "sosionom"],
    K.HOSPITAL: ["psykolog", "psykiatrisk sykepleier", "miljøterapeut"],
    K.ADDICTION: ["ruskonsulent", "erfaringskonsulent"],
    K.LIBRARY: ["bibliotekar"],
    K.DISTRICT_OFFICE: ["helsesykepleier", "koordinator frisklivssentral"],
    K.SCHOOL: ["studentrådgiver", "helsesykepleier"],
    K.OTHER: ["koordinator"],
}
TOPICS = {
    ContactActivity.Kind.PRESENTATION: [
        "Hva er selvhjelp? Presentasjon på personalmøte",
        "Selvhjelpsgrupper som supplement til behandling",
        "Slik motiverer du til selvhjelp – ikke henvis, informer",
    ],
    ContactActivity.Kind.MEETING: [
        "Samarbeidsmøte om selvhjelpsgrupper",
        "Møte om brosjyrer på venterommet",
    ],
    ContactActivity.Kind.PHONE: [
        "Oppfølging etter presentasjon",
        "Spørsmål om grupper for pårørende",
    ],
    ContactActivity.Kind.EMAIL: ["Sendte informasjon om nye grupper", "Tilbud om presentasjon"],
    ContactActivity.Kind.VISIT: ["Påfyll av brosjyrer", "Besøk på venterommet"],
    ContactActivity.Kind.CONFERENCE_STAND: [
        "Stand på Verdensdagen for psykisk helse",
        "Stand på fagdag om rus og psykisk helse",
    ],
    ContactActivity.Kind.POST: [
        "Innlegg om nye selvhjelpsgrupper",
        "Innlegg om å starte en gruppe",
    ],
}


def _staff():
    users = []
    for username, first, last in DEMO_STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    return users


def _local(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def create_demo_data(stdout):
    rng = random.Random(SEED)  # noqa: S311 - demo content, not security
    staff = _staff()
    brochures = []
    for title, language, edition, threshold in BROCHURES:
        brochure, _created = Brochure.objects.update_or_create(
            title=title,
            language=language,
            edition=edition,
            defaults={"low_stock_threshold": threshold, "active": True},
        )
        brochures.append(brochure)
    places = []
    for name, kind, district, address in PLACES:
        place, _created = Place.objects.update_or_create(
            name=name, address=address, defaults={"kind": kind, "district": district}
        )
        places.append(place)

    end = timezone.localdate()
    start = end - dt.timedelta(days=365)
    professionals = []
    for i in range(48):
        place = places[i % len(places)]
        name = f"{FIRST_NAMES[(i * 7) % len(FIRST_NAMES)]} {LAST_NAMES[(i * 5) % len(LAST_NAMES)]}"
        role = ROLES_BY_KIND[place.kind][i % len(ROLES_BY_KIND[place.kind])]
        slug = (
            name.lower().replace(" ", ".").replace("å", "aa").replace("ø", "o").replace("æ", "ae")
        )
        professional, _created = Professional.objects.get_or_create(
            name=name,
            workplace=place,
            defaults={
                "role": role,
                "email": f"{slug}@{place.kind}.example.no",
                "phone": f"22 {40 + i:02d} {10 + i % 80:02d} {20 + i % 70:02d}",
                "added_on": start + dt.timedelta(days=(i * 7) % 365),
            },
        )
        professionals.append(professional)

    if ContactActivity.objects.filter(staff__in=staff).exists():
        stdout.write("Outreach demo history already exists; left as it is.")
        return
    _create_history(
        rng,
        staff=staff,
        brochures=brochures,
        places=places,
        professionals=professionals,
        start=start,
        end=end,
    )


def _create_history(rng, *, staff, brochures, places, professionals, start, end):
    # Deliveries from the printer every quarter, so distributions never run dry.
    day = start
    while day <= end:
        for brochure in brochures:
            if brochure.edition == "2. utgave" and day != start:
                continue  # the carers' brochure is running out: a reprint is due
            quantity = 400 if brochure.language == "nb" else 120
            StockMovement.objects.create(
                brochure=brochure,
                kind=StockMovement.Kind.PRINTED if day == start else StockMovement.Kind.RECEIVED,
                quantity=quantity,
                date=day,
                note="Trykkeriet",
                created_by=staff[0],
            )
        day += dt.timedelta(days=91)

    kinds = list(TOPICS)
    weights = [3, 2, 3, 3, 8, 1, 1]
    day = start
    while day <= end:
        if day.weekday() < 5 and rng.random() < 0.55 and not (day.month == 7 and day.day < 28):
            kind = rng.choices(kinds, weights=weights)[0]
            place = rng.choice(places)
            people = {
                ContactActivity.Kind.PRESENTATION: rng.randint(8, 40),
                ContactActivity.Kind.MEETING: rng.randint(2, 8),
                ContactActivity.Kind.CONFERENCE_STAND: rng.randint(30, 120),
                ContactActivity.Kind.POST: rng.randint(100, 900),
                ContactActivity.Kind.VISIT: rng.randint(1, 4),
            }.get(kind, 1)
            follow_up = None
            if kind in (ContactActivity.Kind.PRESENTATION, ContactActivity.Kind.MEETING) or (
                rng.random() < 0.2
            ):
                follow_up = day + dt.timedelta(days=rng.choice([14, 21, 30, 45]))
            activity = ContactActivity.objects.create(
                occurred_at=_local(day, rng.choice([9, 10, 11, 13, 14]), rng.choice([0, 15, 30])),
                kind=kind,
                place=None if kind == ContactActivity.Kind.POST else place,
                people_reached=people,
                topic=rng.choice(TOPICS[kind]),
                summary="",
                follow_up_on=follow_up,
                follow_up_done=bool(follow_up and follow_up < end - dt.timedelta(days=10)),
                staff=rng.choice(staff),
            )
            workers = [p for p in professionals if p.workplace_id == place.pk]
            if workers and kind != ContactActivity.Kind.POST:
                activity.professionals.set(rng.sample(workers, k=min(len(workers), 2)))
            if kind == ContactActivity.Kind.VISIT:
                items = [
                    (brochure, rng.choice([15, 20, 25, 30, 40]))
                    for brochure in rng.sample(brochures, k=rng.randint(1, 3))
                ]
                try:
                    services.record_distributions(
                        items=items, place=place, date=day, staff=activity.staff, activity=activity
                    )
                except ValidationError:
                    pass  # out of that brochure until the next delivery, as in real life
        day += dt.timedelta(days=1)

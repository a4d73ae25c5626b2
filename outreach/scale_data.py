"""Scale data for outreach (``manage.py generate_scale_data``): brochures with stock received,
places, professionals, and ``1,000 × scale`` entries over the last three years, half contact
activities and half distributions (each with its stock movement), in bulk.

Stock is received before the first distribution and in more than they all take together, so no
brochure's stock ever goes negative.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from outreach import demo
from outreach.models import (
    Brochure,
    ContactActivity,
    Distribution,
    Place,
    Professional,
    StockMovement,
)

BATCH = 2000
ENTRIES_PER_SCALE = 1000
DAYS = 3 * 365
SEED = 20261202


def entry_count(scale):
    return max(20, round(ENTRIES_PER_SCALE * scale))


def create_scale_data(*, scale, stdout, first_day=None, days=DAYS):
    """The entries spread over ``days`` from ``first_day`` (the last three years by default;
    ``tests/perf/bench.py`` asks for the report's default range)."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible data, not secrets
    local = ZoneInfo(settings.TIME_ZONE)
    user_model = get_user_model()
    staff = user_model.objects.bulk_create(
        user_model(username=f"skala-ansatt-{i + 1}", password=make_password(None), is_staff=True)
        for i in range(3)
    )
    activities_count = entry_count(scale) // 2
    distributions_count = entry_count(scale) - activities_count
    first = first_day or timezone.localdate() - dt.timedelta(days=days)
    brochures = Brochure.objects.bulk_create(
        Brochure(
            title=f"{title} (skala)",
            language=language,
            edition=edition,
            low_stock_threshold=threshold,
        )
        for title, language, edition, threshold in demo.BROCHURES
    )
    StockMovement.objects.bulk_create(
        StockMovement(
            brochure=brochure,
            kind=StockMovement.Kind.RECEIVED,
            quantity=8 * distributions_count,
            date=first - dt.timedelta(days=1),
            created_by=staff[0],
        )
        for brochure in brochures
    )
    places = Place.objects.bulk_create(
        (
            Place(
                name=f"{name} ({i // len(demo.PLACES) + 1})",
                kind=kind,
                district=district,
                address=address,
            )
            for i, (name, kind, district, address) in (
                (i, demo.PLACES[i % len(demo.PLACES)])
                for i in range(max(len(demo.PLACES), round(20 * scale)))
            )
        ),
        batch_size=BATCH,
    )
    professionals = Professional.objects.bulk_create(
        (
            Professional(
                name=f"Skala fagperson {i + 1}",
                role="fastlege",
                workplace=places[i % len(places)],
                added_on=first + dt.timedelta(days=i % days),
            )
            for i in range(max(10, round(50 * scale)))
        ),
        batch_size=BATCH,
    )
    others = [kind for kind in ContactActivity.Kind.values if kind != ContactActivity.Kind.VISIT]
    activities = ContactActivity.objects.bulk_create(
        (
            ContactActivity(
                occurred_at=dt.datetime.combine(
                    first + dt.timedelta(days=i * days // activities_count),
                    dt.time(9 + i % 7),
                    tzinfo=local,
                ),
                # Every other activity is a visit, where brochures are left.
                kind=ContactActivity.Kind.VISIT if i % 2 == 0 else others[i // 2 % len(others)],
                place=None if i % 14 == 13 else places[i % len(places)],
                people_reached=rng.randint(1, 40),
                topic=f"Tema {i % 37}",
                follow_up_on=first + dt.timedelta(days=i * days // activities_count + 21)
                if i % 5 == 0
                else None,
                follow_up_done=i % 10 == 0,
                staff=staff[i % len(staff)],
            )
            for i in range(activities_count)
        ),
        batch_size=BATCH,
    )
    ContactActivity.professionals.through.objects.bulk_create(
        (
            ContactActivity.professionals.through(
                contactactivity_id=activity.pk,
                professional_id=professionals[i % len(professionals)].pk,
            )
            for i, activity in enumerate(activities)
            if activity.place_id is not None
        ),
        batch_size=BATCH,
    )
    visits = [a for a in activities if a.kind == ContactActivity.Kind.VISIT]
    distributions = Distribution.objects.bulk_create(
        (
            Distribution(
                brochure=brochures[(j + j // len(visits)) % len(brochures)],
                place=visits[j % len(visits)].place,
                quantity=1 + j % 7,
                date=visits[j % len(visits)].occurred_at.astimezone(local).date(),
                staff=visits[j % len(visits)].staff,
                activity=visits[j % len(visits)],
            )
            for j in range(distributions_count)
        ),
        batch_size=BATCH,
    )
    StockMovement.objects.bulk_create(
        (
            StockMovement(
                brochure=d.brochure,
                kind=StockMovement.Kind.DISTRIBUTED,
                quantity=-d.quantity,
                date=d.date,
                distribution=d,
                created_by=d.staff,
            )
            for d in distributions
        ),
        batch_size=BATCH,
    )
    stdout.write(
        f"Scale data: {len(activities):,} contact activities and {len(distributions):,} "
        f"distributions over {days:,} days, {len(places):,} places, "
        f"{len(professionals):,} professionals."
    )

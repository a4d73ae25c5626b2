"""Outreach history back to 1 January last year for the demo's annual reports.

``outreach.demo`` logs the last 365 days; this fills the months before that, with the same
generator, so last year's report is complete too.
"""

import datetime as dt
import random

from django.utils import timezone

from outreach import demo
from outreach.models import Brochure, ContactActivity, Place, Professional


def create_demo_history(stdout):
    today = timezone.localdate()
    start = dt.date(today.year - 1, 1, 1)
    end = today - dt.timedelta(days=366)
    staff = demo._staff()
    if end < start or ContactActivity.objects.filter(occurred_at__date__lte=end).exists():
        return
    demo._create_history(
        random.Random(demo.SEED + 1),  # noqa: S311 - demo content, not security
        staff=staff,
        brochures=list(Brochure.objects.filter(active=True).order_by("pk")),
        places=list(Place.objects.order_by("pk")),
        professionals=list(Professional.objects.order_by("pk")),
        start=start,
        end=end,
    )
    stdout.write(f"Outreach history: {start:%d.%m.%Y}–{end:%d.%m.%Y} added.")

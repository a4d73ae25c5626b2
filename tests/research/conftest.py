"""Fixtures for the research tests. The shipped content comes from the data migration."""

import pytest
from django.utils import translation

from research.models import Finding, Principle, Source

SHIPPED_SLUGS = [
    "frivillighet",
    "vite-hva-du-kan-forvente",
    "motiver-ikke-henvis",
    "erfaring-og-fellesskap",
]


@pytest.fixture
def source(db):
    return Source.objects.create(
        key="test-2024",
        authors="Nordmann, K., & Hansen, L.",
        year=2024,
        title="A test study",
        container="Test Journal",
        volume_pages="1(1), 1–10",
        doi="10.0000/test.1",
        kind="trial",
    )


@pytest.fixture
def make_principle(db, source):
    """Create a published principle with ``findings`` findings citing ``source``."""

    def make(slug, findings=1, **extra):
        principle = Principle.objects.create(
            slug=slug,
            order=extra.pop("order", 100),
            title_nb=f"Tittel {slug}",
            title_en=f"Title {slug}",
            summary_nb="Kort norsk sammendrag.",
            summary_en="Short English summary.",
            body_nb="Norsk tekst.\n\nNytt avsnitt.",
            body_en="English text.\n\nNew paragraph.",
            **extra,
        )
        for number in range(findings):
            Finding.objects.create(
                principle=principle,
                source=source,
                order=number,
                summary_nb=f"Norsk funn {slug} {number}",
                summary_en=f"English finding {slug} {number}",
                certainty="moderate",
            )
        return principle

    return make


@pytest.fixture(autouse=True)
def norwegian_by_default():
    """Requests to /en/ leave English active in the test thread; start every test in Norwegian."""
    with translation.override("nb"):
        yield

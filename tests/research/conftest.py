"""Fixtures for the research tests (data from tests/factories.py). The shipped content comes
from the data migration; its slugs are in tests/research/helpers.py."""

import pytest

from tests.factories import PrincipleFactory, SourceFactory


@pytest.fixture
def suite_language():
    # Requests to /en/ leave English active in the test thread; start every test in Norwegian.
    return "nb"


@pytest.fixture
def source(db):
    return SourceFactory(key="test-2024", doi="10.0000/test.1")


@pytest.fixture
def make_principle(db, source):
    """Create a published principle with ``findings`` findings citing ``source``."""

    def make(slug, findings=1, **extra):
        return PrincipleFactory(slug=slug, findings=findings, findings__source=source, **extra)

    return make

"""The rooms tests' fixtures: two organisations with a member login each, two rooms. Data from
tests/factories.py, helpers in tests/rooms/helpers.py and tests/dates.py; opening hours, password
hashing and the language's switch are in the root conftest."""

import pytest

from tests.factories import OrganisationFactory, RoomFactory


@pytest.fixture
def suite_language():
    # Assertions read the English source messages; pages in tests use the /en/ URLs.
    return "en"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="AA Oslo",
        slug="aa-oslo",
        email="aa@example.org",
        login="aa-user",
        login__password="aa-password-123",
    )


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(
        name="NA Oslo",
        slug="na-oslo",
        email="na@example.org",
        login="na-user",
        login__password="na-password-123",
    )


@pytest.fixture
def room(db):
    return RoomFactory(name="Rom 2", slug="rom-2", capacity=12, wheelchair_accessible=True)


@pytest.fixture
def other_room(db):
    return RoomFactory(name="Rom 3", slug="rom-3", capacity=8, display_order=3)


@pytest.fixture
def member(organisation):
    return organisation.members.get()


@pytest.fixture
def other_member(other_organisation):
    return other_organisation.members.get()


@pytest.fixture
def org_client(client, member):
    client.force_login(member)
    return client

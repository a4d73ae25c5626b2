"""Withdrawal erases at once: the link ends the registration and removes the person's data."""

import datetime as dt

import pytest
from django.utils import timezone

from groups import services
from groups.models import (
    ErasedRegistrationCount,
    InfoMeeting,
    InfoMeetingSignup,
    InterestRegistration,
    Membership,
)

pytestmark = pytest.mark.django_db

YES_BUTTON = "Ja, trekk påmeldingen min"
NOTHING = "Det er ingenting å trekke med denne lenken"


@pytest.fixture
def group(make_group):
    return make_group(name="Tirsdagsgruppa", slug="tirsdagsgruppa", capacity=1)


@pytest.fixture
def info_meeting(room):
    start = timezone.now() + dt.timedelta(days=3)
    return InfoMeeting.objects.create(
        starts_at=start, ends_at=start + dt.timedelta(hours=1), room=room
    )


@pytest.fixture
def person(make_registration, group, info_meeting):
    registration = make_registration(
        first_name="Kari",
        email="kari@example.org",
        message="Kan ikke mandager",
        info_meeting=info_meeting,
    )
    services.place_in_group(registration=registration, group=group)
    return registration


def test_opening_the_link_asks_and_changes_nothing(client, person):
    response = client.get(person.get_withdraw_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert YES_BUTTON in page
    assert "sletter vi opplysningene dine med en gang" in page
    # A mail scanner following the link withdraws nothing.
    assert InterestRegistration.objects.filter(pk=person.pk, first_name="Kari").exists()
    assert Membership.objects.active().count() == 1


def test_withdrawing_erases_the_person_at_once_and_says_so(
    client, person, group, make_registration
):
    url = person.get_withdraw_url()
    response = client.post(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "slettet opplysningene dine nå" in page
    assert "Du har gått ut av gruppen" in page
    assert "orienteringsmøtet er avbestilt" in page
    assert YES_BUTTON not in page
    # Nothing identifying is left: the registration, its membership and its sign-up are gone.
    assert not InterestRegistration.objects.filter(pk=person.pk).exists()
    assert not InterestRegistration.objects.filter(email="kari@example.org").exists()
    assert not Membership.objects.exists()
    assert not InfoMeetingSignup.objects.exists()
    # The seat is free for the next person.
    assert services.place_in_group(registration=make_registration(), group=group).seat == 1
    # What statistics keep: a count without a person.
    count = ErasedRegistrationCount.objects.get()
    assert (count.reason, count.count, count.had_place) == ("withdrawn", 1, True)
    assert count.registered_month == timezone.localdate().replace(day=1)
    assert count.preferred_language == "nb"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_used_link_says_there_is_nothing_more_to_withdraw(client, person, method):
    url = person.get_withdraw_url()
    client.post(url)
    response = getattr(client, method)(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert NOTHING in page
    assert YES_BUTTON not in page
    assert ErasedRegistrationCount.objects.get().count == 1


@pytest.mark.parametrize(
    "token", ["made-up", "A" * 43, "x" * 200, "%00", "%C3%A6%C3%B8%C3%A5", "<script>"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_link_says_there_is_nothing_to_withdraw(client, person, token, method):
    response = getattr(client, method)(f"/grupper/trekk/{token}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NOTHING in page and YES_BUTTON not in page
    assert InterestRegistration.objects.filter(pk=person.pk).exists()


def test_the_page_in_english(client, person):
    url = "/en" + person.get_withdraw_url()
    assert "Yes, withdraw my registration" in client.get(url).content.decode()
    page = client.post(url).content.decode()
    assert "we have erased your details now" in page
    assert "nothing to withdraw" in client.get(url).content.decode()


def test_the_service_reports_what_it_removed(make_registration, group, info_meeting):
    waiting = make_registration(info_meeting=info_meeting)
    services.place_in_group(registration=waiting, group=group, waitlist=True)
    withdrawal = services.withdraw_registration(token=waiting.withdraw_token)
    assert withdrawal == services.Withdrawal(groups=0, waiting_lists=1, info_meetings=1)
    with pytest.raises(services.ValidationError) as error:
        services.withdraw_registration(token=waiting.withdraw_token)
    assert error.value.code == "unknown_token"

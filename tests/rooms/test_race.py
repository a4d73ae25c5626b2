import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rooms.models import Booking
from rooms.services import book_series
from tests.concurrency import run_together
from tests.dates import weekday_a_week_after
from tests.factories import OrganisationFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_bookings_of_one_slot_end_with_exactly_one(room, opening_hours):
    organisations = OrganisationFactory.create_batch(20)
    day = weekday_a_week_after(1)
    outcomes = []

    def attempt(organisation):
        try:
            book_series(
                organisation=organisation,
                room=room,
                weekday=1,
                start_time=dt.time(18),
                end_time=dt.time(20),
                first_date=day,
                last_date=day,
                title=organisation.name,
            )
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.error_list[0].code)

    run_together(attempt, organisations)

    assert outcomes.count("booked") == 1
    assert len(outcomes) == 20
    assert outcomes.count("nothing_free") == 19
    assert Booking.objects.active().filter(room=room).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_confirms_through_the_page_give_one_booking_and_clear_errors(
    room, opening_hours
):
    from django.test import Client

    from tests.rooms.helpers import en_reverse

    day = weekday_a_week_after(1)
    clients = []
    for i in range(20):
        user = OrganisationFactory(login=f"u{i}", login__password="x").members.get()
        client = Client()
        client.force_login(user)
        clients.append(client)
    data = {
        "room": room.pk,
        "repeat": "once",
        "date": day.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "title": "Møte",
        "action": "confirm",
        "expected": [day.isoformat()],
    }
    url = en_reverse("rooms:book")
    responses = []
    run_together(lambda client: responses.append(client.post(url, data)), clients)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 19 + [302]
    errors = [r.content.decode() for r in responses if r.status_code == 200]
    assert all("is not free (taken), so nothing was booked" in html for html in errors)
    assert Booking.objects.active().filter(room=room).count() == 1

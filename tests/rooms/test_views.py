import datetime as dt

import icalendar
import pytest

from rooms.dates import long_date
from rooms.models import Booking, BookingSeries, Room
from rooms.times import LOCAL_TZ, local_datetime
from tests.dates import next_dst_change, weekday_a_week_after
from tests.rooms.helpers import book, booking_post, en_reverse, weekly

pytestmark = pytest.mark.django_db
TUESDAY = 1


# --- who may see what -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rooms:week", "rooms:book", "rooms:mine"])
def test_anonymous_users_are_sent_to_log_in(client, name):
    response = client.get(en_reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/konto/login/")


def test_anonymous_users_get_nothing_private(client, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY), title="Hemmelig")
    for url in [
        en_reverse("rooms:cancel", args=[booking.pk]),
        en_reverse("rooms:change_series", args=[booking.series_id]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "Hemmelig" not in response.content.decode()
    assert client.post(en_reverse("rooms:cancel", args=[booking.pk]), {"scope": "one"}).status_code
    booking.refresh_from_db()
    assert booking.is_active
    assert client.get(en_reverse("rooms:calendar", args=["not-the-token"])).status_code == 404


@pytest.mark.parametrize("name", ["rooms:week", "rooms:book", "rooms:mine"])
def test_user_without_organisation_gets_a_clear_message(client, django_user_model, name):
    client.force_login(django_user_model.objects.create_user("solo", password="x"))
    response = client.get(en_reverse(name))
    assert response.status_code == 200
    assert "not linked to any partner organisation" in response.content.decode()


def test_other_organisations_ids_answer_404(org_client, room, other_organisation, opening_hours):
    theirs = book(other_organisation, room, weekday_a_week_after(TUESDAY), title="NA privat")
    for url in [
        en_reverse("rooms:cancel", args=[theirs.pk]),
        en_reverse("rooms:change_series", args=[theirs.series_id]),
    ]:
        assert org_client.get(url).status_code == 404
        assert org_client.post(url, {"scope": "rest", "action": "confirm"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active
    for name in ["rooms:week", "rooms:mine"]:
        page = org_client.get(en_reverse(name), {"date": weekday_a_week_after(TUESDAY).isoformat()})
        assert "NA privat" not in page.content.decode()


# --- week grid --------------------------------------------------------------------------------


def test_week_grid_shows_own_in_full_and_others_as_taken(
    org_client, room, organisation, other_organisation, opening_hours
):
    day = weekday_a_week_after(TUESDAY)
    book(organisation, room, day, title="AA Tirsdag")
    book(other_organisation, room, day, start=20, end=22, title="NA privat")
    response = org_client.get(en_reverse("rooms:week"), {"date": day.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "AA Tirsdag" in html and "18:00–20:00" in html
    assert "NA privat" not in html and "NA Oslo" not in html
    assert "Taken" in html
    assert '<th scope="col"' in html and "<caption" in html
    assert 'role="region"' in html and 'tabindex="0"' in html


def test_week_grid_navigation_and_bad_date(org_client, room, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    monday = day - dt.timedelta(days=day.weekday())
    html = org_client.get(en_reverse("rooms:week"), {"date": day.isoformat()}).content.decode()
    assert f"date={(monday + dt.timedelta(days=7)).isoformat()}" in html
    assert f"date={(monday - dt.timedelta(days=7)).isoformat()}" in html
    response = org_client.get(en_reverse("rooms:week"), {"date": "not-a-date"})
    assert response.status_code == 200
    assert "not understood" in response.content.decode()


def test_week_grid_room_filter(org_client, room, other_room, opening_hours):
    response = org_client.get(en_reverse("rooms:week"), {"room": other_room.slug})
    assert response.context["week"].rooms == [other_room]


@pytest.mark.parametrize("count", [10, 1000])
def test_week_grid_costs_fixed_queries(
    count,
    org_client,
    room,
    other_room,
    organisation,
    other_organisation,
    opening_hours,
    django_assert_max_num_queries,
):
    monday = weekday_a_week_after(0)
    slots = [
        (r, monday + dt.timedelta(days=d), minute)
        for r in (room, other_room)
        for d in range(7)
        for minute in range(8 * 60, 22 * 60, 10)
    ][:count]
    Booking.objects.bulk_create(
        Booking(
            room=r,
            organisation=organisation if minute % 20 else other_organisation,
            start=local_datetime(day, dt.time(minute // 60, minute % 60)),
            end=local_datetime(day, dt.time(minute // 60, minute % 60)) + dt.timedelta(minutes=10),
            title=f"B{minute}",
        )
        for r, day, minute in slots
    )
    with django_assert_max_num_queries(8):
        response = org_client.get(en_reverse("rooms:week"), {"date": monday.isoformat()})
    assert response.status_code == 200
    assert response.context["week"].booking_count == count


# --- booking ----------------------------------------------------------------------------------


def test_preview_saves_nothing_and_confirm_books_the_free_dates(
    org_client, room, other_room, organisation, other_organisation, opening_hours
):
    first = weekday_a_week_after(TUESDAY)
    book(other_organisation, room, first + dt.timedelta(weeks=1), title="NA privat")
    response = org_client.post(en_reverse("rooms:book"), booking_post(room, first))
    html = response.content.decode()
    assert response.status_code == 200
    assert not BookingSeries.objects.filter(organisation=organisation).exists()
    assert html.count("text-bg-success") == 3 and html.count("text-bg-danger") == 1
    assert "NA privat" not in html and "Rom 3" in html  # the alternative room
    expected = [p.date.isoformat() for p in response.context["previews"] if p.is_free]
    assert len(expected) == 3

    # Someone takes a date between preview and confirm.
    sneaky = first + dt.timedelta(weeks=2)
    book(other_organisation, room, sneaky, title="NA")
    response = org_client.post(
        en_reverse("rooms:book"),
        booking_post(room, first, action="confirm", expected=expected),
        follow=True,
    )
    html = response.content.decode()
    assert long_date(sneaky) in html
    assert "since you looked" in html
    dates = sorted(
        b.start.astimezone(LOCAL_TZ).date() for b in Booking.objects.for_organisation(organisation)
    )
    assert dates == [first, first + dt.timedelta(weeks=3)]


def test_one_date_booking(org_client, room, organisation, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    data = booking_post(room, day, repeat="once", last_date="", action="confirm")
    response = org_client.post(en_reverse("rooms:book"), data)
    assert response.status_code == 302
    assert Booking.objects.for_organisation(organisation).count() == 1


def test_change_button_returns_to_the_filled_form(org_client, room, opening_hours):
    data = booking_post(room, weekday_a_week_after(TUESDAY), action="edit")
    response = org_client.post(en_reverse("rooms:book"), data)
    assert 'value="AA Tirsdagsgruppa"' in response.content.decode()
    assert not BookingSeries.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_time": "20:00", "end_time": "18:00"}, "end time must be after"),
        ({"end_time": "18:15"}, "at least 30 minutes"),
        ({"start_time": "07:00", "end_time": "09:00"}, "choose a time within it"),
        ({"date": "2020-01-07"}, "in the past"),
        ({"title": ""}, "This field is required"),
        ({"room": "999999"}, "Select a valid choice"),
        ({"date": "tirsdag"}, "Enter a valid date"),
        ({"repeat": "daily"}, "Select a valid choice"),
    ],
)
def test_bad_booking_input_is_explained_and_nothing_saved(
    org_client, room, opening_hours, overrides, message
):
    data = booking_post(room, weekday_a_week_after(TUESDAY), **overrides)
    for action in ("preview", "confirm"):
        data["action"] = action
        response = org_client.post(en_reverse("rooms:book"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not BookingSeries.objects.exists()
    assert not Booking.objects.exists()


def test_confirm_when_nothing_is_free_says_so(org_client, room, other_organisation, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    book(other_organisation, room, day)
    data = booking_post(room, day, repeat="once", action="confirm", expected=[day.isoformat()])
    response = org_client.post(en_reverse("rooms:book"), data)
    assert response.status_code == 200
    assert "nothing was booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_booking_pages_are_post_only_for_changes(org_client, room, opening_hours):
    assert org_client.put(en_reverse("rooms:book")).status_code == 405
    assert org_client.post(en_reverse("rooms:week")).status_code == 405


def test_csrf_is_enforced(client, member, room, opening_hours):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    data = booking_post(room, weekday_a_week_after(TUESDAY), action="confirm")
    assert csrf_client.post(en_reverse("rooms:book"), data).status_code == 403
    assert not Booking.objects.exists()


def test_approval_setting_makes_bookings_wait(
    org_client, room, organisation, opening_hours, settings
):
    settings.ROOMS_REQUIRE_APPROVAL = True
    data = booking_post(room, weekday_a_week_after(TUESDAY), action="confirm")
    response = org_client.post(en_reverse("rooms:book"), data, follow=True)
    assert "waits for approval" in response.content.decode()
    assert BookingSeries.objects.get().status == BookingSeries.Status.PENDING


# --- my bookings, cancelling, changing --------------------------------------------------------


def test_mine_lists_upcoming_first(org_client, room, organisation, opening_hours):
    later = book(
        organisation, room, weekday_a_week_after(TUESDAY) + dt.timedelta(weeks=2), title="B"
    )
    sooner = book(organisation, room, weekday_a_week_after(TUESDAY), title="A")
    past = book(
        organisation, room, weekday_a_week_after(TUESDAY) + dt.timedelta(weeks=4), title="C"
    )
    Booking.objects.filter(pk=past.pk).update(
        start=past.start - dt.timedelta(weeks=20), end=past.end - dt.timedelta(weeks=20)
    )
    response = org_client.get(en_reverse("rooms:mine"))
    assert list(response.context["upcoming"]) == [sooner, later]
    html = response.content.decode()
    assert html.index(f"booking-{sooner.pk}") < html.index(f"booking-{later.pk}")
    assert organisation.calendar_token in html


def test_cancel_needs_confirmation_and_post(org_client, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    page = org_client.get(en_reverse("rooms:cancel", args=[booking.pk]))
    assert page.status_code == 200
    booking.refresh_from_db()
    assert booking.is_active  # looking is not cancelling
    response = org_client.post(en_reverse("rooms:cancel", args=[booking.pk]), {"scope": "one"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert not booking.is_active


def test_cancel_this_and_later_through_the_page(
    org_client, room, organisation, member, opening_hours
):

    first = weekday_a_week_after(TUESDAY)
    result = weekly(organisation, room, first, weeks=4, title="AA", notify=False)
    second = result.booked[1]
    url = en_reverse("rooms:cancel", args=[second.pk])
    assert "all later dates" in org_client.get(url).content.decode()
    response = org_client.post(url, {"scope": "bogus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert result.series.bookings.active().count() == 4
    org_client.post(url, {"scope": "rest"})
    assert result.series.bookings.active().count() == 1


def test_change_series_previews_then_moves(
    org_client, room, other_room, organisation, opening_hours
):
    first = weekday_a_week_after(TUESDAY)
    booking = book(organisation, room, first)
    url = en_reverse("rooms:change_series", args=[booking.series_id])
    data = {
        "from_date": first.isoformat(),
        "room": other_room.pk,
        "start_time": "17:00",
        "end_time": "19:00",
        "action": "preview",
    }
    response = org_client.post(url, data)
    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.room == room
    data["action"] = "confirm"
    data["expected"] = [first.isoformat()]
    assert org_client.post(url, data).status_code == 302
    booking.refresh_from_db()
    assert booking.room == other_room
    assert booking.start.astimezone(LOCAL_TZ).time() == dt.time(17)


def test_change_series_bad_input(org_client, room, organisation, opening_hours):
    booking = book(organisation, room, weekday_a_week_after(TUESDAY))
    url = en_reverse("rooms:change_series", args=[booking.series_id])
    response = org_client.post(
        url,
        {"from_date": "2020-01-01", "room": room.pk, "start_time": "19:00", "end_time": "18:00"},
    )
    html = response.content.decode()
    assert "Choose today or a later date" in html
    assert "end time must be after" in html
    booking.refresh_from_db()
    assert booking.start.astimezone(LOCAL_TZ).time() == dt.time(18)


def test_user_with_several_organisations_can_choose(
    client, member, room, organisation, other_organisation, opening_hours
):
    other_organisation.members.add(member)
    client.force_login(member)
    book(other_organisation, room, weekday_a_week_after(TUESDAY), title="NA privat")
    html = client.get(en_reverse("rooms:mine")).content.decode()
    assert 'name="org"' in html and "NA privat" not in html
    html = client.get(en_reverse("rooms:mine"), {"org": other_organisation.slug}).content.decode()
    assert "NA privat" in html
    # The choice is remembered.
    assert "NA privat" in client.get(en_reverse("rooms:mine")).content.decode()


# --- calendar feed ----------------------------------------------------------------------------


@pytest.mark.parametrize("month", [3, 10])
def test_calendar_feed_keeps_local_time_across_dst_and_marks_cancelled(
    client, room, organisation, opening_hours, month
):
    from rooms.services import cancel_occurrence

    change = next_dst_change(month)
    first = change - dt.timedelta(days=12)
    result = weekly(organisation, room, first, weeks=4, title="AA", notify=False)
    cancel_occurrence(booking=result.booked[2], notify=False)
    url = en_reverse("rooms:calendar", args=[organisation.calendar_token])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    starts = [e.decoded("dtstart").astimezone(LOCAL_TZ) for e in events]
    assert [s.time() for s in starts] == [dt.time(18)] * 4
    assert {s.utcoffset() for s in starts} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    assert [str(e["status"]) for e in events].count("CANCELLED") == 1
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 4
    again = icalendar.Calendar.from_ical(client.get(url).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids  # stable


def test_calendar_feed_has_only_own_bookings_and_rotating_token_kills_old_url(
    client, room, organisation, other_organisation, opening_hours
):
    from rooms.services import rotate_calendar_token

    book(organisation, room, weekday_a_week_after(TUESDAY), title="AA")
    book(
        other_organisation, room, weekday_a_week_after(TUESDAY), start=20, end=22, title="NA privat"
    )
    old = en_reverse("rooms:calendar", args=[organisation.calendar_token])
    body = client.get(old).content.decode()
    assert "AA" in body and "NA privat" not in body
    rotate_calendar_token(organisation=organisation)
    assert client.get(old).status_code == 404
    new = en_reverse("rooms:calendar", args=[organisation.calendar_token])
    assert client.get(new).status_code == 200


def test_password_reset_pages_use_the_site_theme(client):
    html = client.get(en_reverse("password_reset")).content.decode()
    assert "skip-link" in html and html.count("<h1") == 1


def test_rooms_is_in_the_main_navigation(client):
    assert 'href="/rom/"' in client.get("/").content.decode()


def test_room_model_str_and_bookable():
    assert str(Room(name="Stua")) == "Stua"


def test_pages_are_norwegian_by_default(client, member, room, other_organisation, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    book(other_organisation, room, day)
    client.force_login(member)
    html = client.get("/rom/", {"date": day.isoformat()}).content.decode()
    assert f"<h1>Uke {day.isocalendar().week}:" in html and "Opptatt" in html


def test_day_view_for_small_screens(org_client, room, organisation, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    book(organisation, room, day, title="AA Tirsdag")
    response = org_client.get(en_reverse("rooms:week"), {"date": day.isoformat(), "view": "day"})
    week = response.context["week"]
    assert week.days == [day]
    assert week.next_date == day + dt.timedelta(days=1)
    html = response.content.decode()
    assert "AA Tirsdag" in html and "Next day" in html


def test_week_grid_links_each_room_and_day_to_the_booking_form(org_client, room, opening_hours):
    day = weekday_a_week_after(TUESDAY)
    html = org_client.get(en_reverse("rooms:week"), {"date": day.isoformat()}).content.decode()
    link = f"{en_reverse('rooms:book')}?room={room.pk}&amp;date={day.isoformat()}"
    assert link in html
    # Days already past get no link: they cannot be booked.
    past = day - dt.timedelta(weeks=2)
    html = org_client.get(en_reverse("rooms:week"), {"date": past.isoformat()}).content.decode()
    assert f"date={past.isoformat()}&amp;start_time=" not in html
    form = org_client.get(link.replace("&amp;", "&")).context["form"]
    assert form.initial["room"] == str(room.pk) and form.initial["date"] == day.isoformat()


def test_the_staff_grid_has_no_booking_links(client, superuser, room, opening_hours):
    client.force_login(superuser)
    day = weekday_a_week_after(TUESDAY)
    response = client.get("/admin/rooms/booking/week/", {"date": day.isoformat()})
    assert response.status_code == 200 and room.name in response.content.decode()
    assert "?room=" not in response.content.decode()

"""Partner organisations keep the public listings of their open meetings on /rom/oppforinger/."""

import datetime as dt

import pytest
from django.urls import reverse

from groups.models import Attendance, Group
from rooms.models import BookingSeries
from tests.dates import weekday_weeks_ahead
from tests.groups.helpers import listing_form

pytestmark = pytest.mark.django_db
LIST = reverse("listings:list")
CREATE = reverse("listings:create")


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_organisation_creates_a_listing_from_its_own_series(partner_client, series, partner):
    page = partner_client.get(LIST).content.decode()
    assert f"{CREATE}?serie={series.pk}" in page  # the booking without a listing
    assert partner_client.get(f"{CREATE}?serie={series.pk}").status_code == 200
    response = partner_client.post(CREATE, listing_form(series))
    assert response.status_code == 302
    listing = Group.objects.get()
    assert listing.kind == Group.Kind.OPEN and listing.organisation == partner
    assert listing.meeting_series == series and listing.listed
    assert listing.slug == "aa-tirsdagsmotet"
    assert listing.meeting_guide_types == ["O", "D"]
    series.refresh_from_db()
    assert series.is_public
    # Public at once, on the finder's Tuesday-evening search and in the feed.
    finder = partner_client.get(reverse("groups:list"), {"dag": "tirsdag", "tid": "kveld"})
    assert "AA Tirsdagsmøtet" in finder.content.decode()
    feed = partner_client.get(reverse("groups:meeting_guide")).json()
    assert [m["slug"] for m in feed] == ["aa-tirsdagsmotet"]


def test_edit_pause_and_end_a_listing(partner_client, series):
    partner_client.post(CREATE, listing_form(series))
    listing = Group.objects.get()
    edit = reverse("listings:edit", args=[listing.pk])
    form = partner_client.get(edit).context["form"]
    assert form.initial["meeting_type"] == "O" and form.initial["meeting_guide_types"] == ["D"]
    response = partner_client.post(
        edit,
        listing_form(
            series,
            name="AA Tirsdag hybrid",
            attendance=Attendance.HYBRID,
            conference_url="https://zoom.us/j/123",
            conference_phone="+47 21 00 00 00",
        ),
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.name == "AA Tirsdag hybrid" and listing.is_online
    assert listing.slug == "aa-tirsdagsmotet"  # the address stays
    partner_client.post(
        edit,
        listing_form(
            series,
            status=Group.Status.PAUSED,
            attendance=Attendance.HYBRID,
            conference_url="https://zoom.us/j/123",
        ),
    )
    listing.refresh_from_db()
    assert listing.status == Group.Status.PAUSED
    meeting = partner_client.get(reverse("groups:meeting_guide")).json()[0]
    assert "TC" in meeting["types"]
    partner_client.post(edit, listing_form(series, status=Group.Status.ENDED))
    listing.refresh_from_db()
    assert listing.status == Group.Status.ENDED
    assert partner_client.get(reverse("groups:meeting_guide")).json() == []
    assert "AA Tirsdag" not in partner_client.get(reverse("groups:list")).content.decode()


def test_another_organisations_listing_is_not_found(client, series, other_org, other_series):
    owner = other_org.members.get()
    client.force_login(owner)
    client.post(CREATE, listing_form(other_series, name="NA Onsdag"))
    theirs = Group.objects.get()
    partner_user = series.organisation.members.create(username="aa2")
    client.force_login(partner_user)
    edit = reverse("listings:edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, listing_form(series, name="Kapret")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "NA Onsdag"
    assert "NA Onsdag" not in client.get(LIST).content.decode()


def test_a_listing_cannot_point_at_another_organisations_series(
    partner_client, series, other_series
):
    response = partner_client.post(CREATE, listing_form(other_series))
    assert response.status_code == 200
    assert "meeting_series" in response.context["form"].errors
    assert not Group.objects.exists()
    # Nor can a listing be moved onto it when edited.
    partner_client.post(CREATE, listing_form(series))
    listing = Group.objects.get()
    response = partner_client.post(
        reverse("listings:edit", args=[listing.pk]), listing_form(other_series)
    )
    assert "meeting_series" in response.context["form"].errors
    listing.refresh_from_db()
    assert listing.meeting_series == series


def test_the_service_refuses_another_organisations_series(series, other_series, partner):
    from django.core.exceptions import ValidationError

    from groups.listing_services import save_listing

    with pytest.raises(ValidationError) as error:
        save_listing(
            organisation=partner,
            series=other_series,
            name="X",
            short_description_nb="X",
            languages=["nb"],
            status="running",
        )
    assert "meeting_series" in error.value.message_dict
    assert not Group.objects.exists()


def test_one_listing_per_series(partner_client, series):
    partner_client.post(CREATE, listing_form(series))
    response = partner_client.post(CREATE, listing_form(series, name="Igjen"))
    assert "meeting_series" in response.context["form"].errors
    assert Group.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"meeting_series": "999999"}, "meeting_series"),
        ({"meeting_series": "abc"}, "meeting_series"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "AA\x01"}, "name"),
        ({"short_description_nb": ""}, "short_description_nb"),
        ({"short_description_nb": "x" * 301}, "short_description_nb"),
        ({"short_description_en": "x" * 301}, "short_description_en"),
        ({"description_nb": "x" * 4001}, "description_nb"),
        ({"description_en": "\x1b[31m"}, "description_en"),
        ({"languages": []}, "languages"),
        ({"languages": ["klingon"]}, "languages"),
        ({"meeting_type": "X"}, "meeting_type"),
        ({"meeting_guide_types": ["NOPE"]}, "meeting_guide_types"),
        ({"meeting_guide_types": ["C"]}, "meeting_guide_types"),  # asked on its own
        ({"attendance": "by-pigeon"}, "attendance"),
        ({"attendance": Attendance.ONLINE}, "conference_url"),
        ({"conference_url": "https://zoom.us/j/1"}, "attendance"),
        ({"attendance": Attendance.ONLINE, "conference_url": "not a url"}, "conference_url"),
        (
            {"attendance": Attendance.ONLINE, "conference_url": "https://example.org/meet"},
            "conference_url",
        ),
        ({"attendance": Attendance.ONLINE, "conference_phone": "123"}, "conference_phone"),
        ({"attendance": Attendance.ONLINE, "conference_phone": "x" * 41}, "conference_phone"),
        ({"conference_url_notes": "Passord 1"}, "conference_url_notes"),
        ({"conference_phone_notes": "PIN 1"}, "conference_phone_notes"),
        ({"conference_url_notes": "x" * 301}, "conference_url_notes"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"status": "asleep"}, "status"),
        ({"status": None}, "status"),
    ],
)
def test_bad_input_in_every_field_is_a_clear_error_and_saves_nothing(
    partner_client, series, overrides, field
):
    response = partner_client.post(CREATE, listing_form(series, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert 'class="alert alert-danger error-summary"' in response.content.decode()
    assert not Group.objects.exists()
    series.refresh_from_db()
    assert not series.is_public


def test_bad_input_when_editing_changes_nothing(partner_client, series):
    partner_client.post(CREATE, listing_form(series))
    listing = Group.objects.get()
    response = partner_client.post(
        reverse("listings:edit", args=[listing.pk]),
        listing_form(series, name="Nytt navn", attendance=Attendance.ONLINE),
    )
    assert "conference_url" in response.context["form"].errors
    listing.refresh_from_db()
    assert listing.name == "AA Tirsdagsmøtet" and listing.attendance == Attendance.IN_PERSON


def test_with_approval_required_a_new_listing_waits(partner_client, series, settings):
    settings.GROUPS_LISTING_REQUIRE_APPROVAL = True
    response = partner_client.post(CREATE, listing_form(series), follow=True)
    listing = Group.objects.get()
    assert not listing.listed
    assert "godkjenn" in response.content.decode()
    assert partner_client.get(reverse("groups:meeting_guide")).json() == []
    # Staff approve in the admin (tick "listed publicly"); later edits keep it public.
    Group.objects.filter(pk=listing.pk).update(listed=True)
    partner_client.post(
        reverse("listings:edit", args=[listing.pk]), listing_form(series, name="Ny")
    )
    listing.refresh_from_db()
    assert listing.listed and listing.name == "Ny"


def test_cancelled_series_are_not_offered(partner_client, series):
    BookingSeries.objects.filter(pk=series.pk).update(status=BookingSeries.Status.CANCELLED)
    response = partner_client.post(CREATE, listing_form(series))
    assert "meeting_series" in response.context["form"].errors


def test_booking_an_open_weekly_meeting_goes_on_to_its_listing(partner_client, opening_hours, room):
    first = weekday_weeks_ahead(3)
    data = {
        "room": room.pk,
        "date": first.isoformat(),
        "start_time": "18:00",
        "end_time": "19:30",
        "repeat": "weekly",
        "last_date": (first + dt.timedelta(weeks=4)).isoformat(),
        "title": "AA torsdag",
        "is_public": "on",
        "action": "confirm",
    }
    response = partner_client.post(reverse("rooms:book"), data)
    series = BookingSeries.objects.get(title="AA torsdag")
    assert response.status_code == 302
    assert response["Location"] == f"{CREATE}?serie={series.pk}"
    form = partner_client.get(response["Location"]).context["form"]
    assert str(form.initial["meeting_series"]) == str(series.pk)
    data.update(title="Styremøte", is_public="", date=(first + dt.timedelta(days=1)).isoformat())
    data.pop("is_public")
    assert partner_client.post(reverse("rooms:book"), data)["Location"] == reverse("rooms:mine")


def test_staff_see_and_override_a_listing_in_the_admin(client, superuser, partner_client, series):
    partner_client.post(CREATE, listing_form(series))
    listing = Group.objects.get()
    client.force_login(superuser)
    url = reverse("admin:groups_group_change", args=[listing.pk])
    page = client.get(url).content.decode()
    assert 'name="conference_url"' in page and 'name="attendance"' in page
    data = {
        "kind": "open",
        "name": listing.name,
        "slug": listing.slug,
        "status": "running",
        "theme": listing.theme,
        "languages": ["nb"],
        "capacity": 8,
        "organisation": listing.organisation_id,
        "meeting_series": series.pk,
        "meeting_guide_types": ["O"],
        "attendance": "online",
        "conference_url": "https://example.org/not-a-meeting-service",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "videomøtetjeneste" in response.content.decode()
    response = client.post(url, {**data, "conference_url": "https://zoom.us/j/42"})
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.attendance == "online" and not listing.listed  # staff unlisted it

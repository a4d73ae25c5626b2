"""Importing a partner's existing Meeting Guide feed: dry run, apply, and the fetch's SSRF guard."""

import datetime as dt
import http.server
import ipaddress
import socket
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groups import listing_fetch, listing_import, listing_services
from groups.models import Attendance, Group
from tests.groups.helpers import grant, listing_series

pytestmark = pytest.mark.django_db
FEED = (Path(__file__).parent / "fixtures" / "partner_feed.json").read_bytes()
IMPORT = reverse("admin:groups_group_import_feed")


@pytest.fixture
def partner_setup(make_group, partner, room):
    """The partner's bookings and listings: Tuesday and Friday listed, Wednesday 18:00 and
    Thursday 19:00 booked without a listing, nothing on Sunday."""
    tuesday = make_group(kind=Group.Kind.OPEN, name="AA Tirsdag", slug="aa-tirsdag", weekday=1)
    friday = make_group(kind=Group.Kind.OPEN, name="AA Fredag", slug="aa-fredag", weekday=4)
    thursday = listing_series(partner, room, 3, "AA torsdag", start=dt.time(19))
    wednesday = listing_series(partner, room, 2, "AA onsdag")
    return {"tuesday": tuesday, "friday": friday, "thursday": thursday, "wednesday": wednesday}


def snapshot():
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def plan(partner):
    return listing_import.plan_import(
        organisation=partner, meetings=listing_import.parse_feed(FEED)
    )


def by_slug(rows):
    return {(row.meeting.slug if row.meeting else row.listing.slug): row for row in rows}


def test_the_dry_run_lists_new_changed_removed_and_needs_a_booking_and_saves_nothing(
    partner, partner_setup
):
    before = snapshot()
    rows = by_slug(plan(partner))
    assert snapshot() == before
    assert {slug: row.action for slug, row in rows.items()} == {
        "aa-tirsdag": "changed",
        "torsdag-hybrid": "new",
        "aa-sondag": "needs_booking",
        "etter-avtale": "invalid",
        "onsdag-nett": "invalid",
        "aa-fredag": "removed",
    }
    changed = {str(label) for label, _old, _new in rows["aa-tirsdag"].changes}
    assert changed == {"beskrivelse (norsk)", "Meeting Guide-typer"}
    new = rows["torsdag-hybrid"]
    assert new.series == partner_setup["thursday"]
    assert new.meeting.values["attendance"] == Attendance.HYBRID
    assert new.meeting.values["languages"] == ["en"]
    assert new.meeting.values["meeting_guide_types"] == ["C", "ST"]
    assert any("XYZ" in note for note in new.problems)
    assert "søndag 12:00" in rows["aa-sondag"].problems[0]
    assert "videomøtetjeneste" in " ".join(rows["onsdag-nett"].problems)


def test_matching_falls_back_to_weekday_and_time_when_the_slug_differs(partner, partner_setup):
    Group.objects.filter(pk=partner_setup["tuesday"].pk).update(slug="tirsdagsmotet")
    rows = by_slug(plan(partner))
    assert rows["aa-tirsdag"].action == "changed"
    assert rows["aa-tirsdag"].listing == partner_setup["tuesday"]
    assert "tirsdagsmotet" not in rows  # matched, so not removed


def test_applying_creates_changes_and_ends_and_a_second_run_changes_nothing(partner, partner_setup):
    counts = listing_import.apply_import(
        organisation=partner, meetings=listing_import.parse_feed(FEED), end_removed=True
    )
    assert (counts["new"], counts["changed"], counts["removed"]) == (1, 1, 1)
    tuesday = Group.objects.get(pk=partner_setup["tuesday"].pk)
    assert tuesday.description_nb == "Ring på ved inngangen. Kaffe fra 17:45."
    assert tuesday.meeting_guide_types == ["O", "D"]
    new = Group.objects.get(slug="torsdag-hybrid")
    assert new.organisation == partner and new.listed and new.status == Group.Status.RUNNING
    assert new.meeting_series == partner_setup["thursday"]
    assert new.conference_url == "https://zoom.us/j/123456789"
    assert Group.objects.get(pk=partner_setup["friday"].pk).status == Group.Status.ENDED
    assert not Group.objects.filter(slug__in=["aa-sondag", "etter-avtale", "onsdag-nett"]).exists()
    rows = by_slug(plan(partner))
    assert rows["aa-tirsdag"].action == rows["torsdag-hybrid"].action == "unchanged"
    assert "aa-fredag" not in rows  # ended: no longer "removed"


def test_applying_is_one_transaction(partner, partner_setup, monkeypatch):
    before = snapshot()
    real = listing_services.save_listing

    def fail_on_the_second(**kwargs):
        if kwargs.get("listing") is None:
            raise ValidationError("boom")
        return real(**kwargs)

    monkeypatch.setattr(listing_services, "save_listing", fail_on_the_second)
    with pytest.raises(ValidationError):
        listing_import.apply_import(organisation=partner, meetings=listing_import.parse_feed(FEED))
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not json", "not_json"),
        (b"\xff\xfe", "not_json"),
        (b'{"meetings": []}', "not_a_list"),
        (b"42", "not_a_list"),
    ],
)
def test_what_is_not_a_feed_is_refused(data, code):
    with pytest.raises(ValidationError) as error:
        listing_import.parse_feed(data)
    assert error.value.code == code


def test_odd_meetings_are_read_or_explained():
    meetings = listing_import.parse_feed(
        b'[{"name": "A", "slug": "a", "day": [1, 3], "time": "18:00"},'
        b' {"name": "B", "slug": "b", "day": 9, "time": "25:00"},'
        b' {"name": "C", "slug": "c", "day": true, "time": "18:00"}]'
    )
    assert [(m.slug, m.weekday) for m in meetings] == [
        ("a-1", 0),
        ("a-3", 2),
        ("b", None),
        ("c", None),
    ]
    assert all(m.notes for m in meetings if m.weekday is None)


# --- the admin page ----------------------------------------------------------------------------


@pytest.fixture
def importer(django_user_model):
    user = django_user_model.objects.create_user(
        username="importer", password="importer-password-123", is_staff=True
    )
    return grant(user, "view_group", "change_group")


def upload():
    return SimpleUploadedFile("meetings.json", FEED, content_type="application/json")


def test_staff_upload_see_the_dry_run_then_apply(client, importer, partner, partner_setup):
    client.force_login(importer)
    assert client.get(IMPORT).status_code == 200
    changelist = client.get(reverse("admin:groups_group_changelist")).content.decode()
    assert f'href="{IMPORT}"' in changelist
    before = snapshot()
    response = client.post(IMPORT, {"organisation": partner.pk, "file": upload(), "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Prøvekjøring for Anonyme Alkoholikere Oslo" in page
    for label in [
        "Ny",
        "Endret",
        "Fjernet fra feeden",
        "Trenger en booking",
        "Kan ikke importeres",
    ]:
        assert f"<strong>{label}</strong>" in page
    assert snapshot() == before
    payload = response.context["payload"]
    response = client.post(IMPORT, {"payload": payload, "end_removed": "on", "apply": "1"})
    assert response.status_code == 302
    assert Group.objects.filter(slug="torsdag-hybrid").exists()
    assert Group.objects.get(pk=partner_setup["friday"].pk).status == Group.Status.ENDED


def test_applying_without_ending_keeps_the_removed_listings(
    client, importer, partner, partner_setup
):
    client.force_login(importer)
    response = client.post(IMPORT, {"organisation": partner.pk, "file": upload(), "preview": "1"})
    client.post(IMPORT, {"payload": response.context["payload"], "apply": "1"})
    assert Group.objects.get(pk=partner_setup["friday"].pk).status == Group.Status.RUNNING
    assert Group.objects.filter(slug="torsdag-hybrid").exists()


def test_a_tampered_or_old_dry_run_applies_nothing(client, importer, partner, partner_setup):
    client.force_login(importer)
    response = client.post(IMPORT, {"organisation": partner.pk, "file": upload(), "preview": "1"})
    before = snapshot()
    payload = response.context["payload"]
    response = client.post(IMPORT, {"payload": payload[:-2] + "xx", "apply": "1"}, follow=True)
    assert "Prøvekjøringen er for gammel eller ikke gyldig" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Feltet er påkrevet."),
        ({"organisation": "x"}, "Velg et gyldig valg"),
        ({"organisation": "PARTNER"}, "enten adressen til feeden eller en fil"),
        ({"organisation": "PARTNER", "url": "https://x.example/a", "file": True}, "ikke begge"),
        ({"organisation": "PARTNER", "url": "ftp://x.example/feed"}, "begynner med https://"),
        ({"organisation": "PARTNER", "file": b"[1, 2"}, "ikke gyldig JSON"),
        ({"organisation": "PARTNER", "file": b"x" * 2000}, "større enn 1 kB"),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(
    client, importer, partner, partner_setup, settings, data, error
):
    settings.GROUPS_FEED_IMPORT_MAX_BYTES = 1000
    client.force_login(importer)
    data = dict(data)
    if data.get("organisation") == "PARTNER":
        data["organisation"] = partner.pk
    if data.get("file") is True:
        data["file"] = upload()
    elif isinstance(data.get("file"), bytes):
        data["file"] = SimpleUploadedFile("feed.json", data["file"])
    before = snapshot()
    response = client.post(IMPORT, {**data, "preview": "1"})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context.get("rows") is None
    assert snapshot() == before


def test_the_import_page_needs_the_change_permission(client, django_user_model, partner):
    assert client.get(IMPORT).status_code == 302  # to the admin login
    viewer = grant(
        django_user_model.objects.create_user(username="ser", password="x", is_staff=True),
        "view_group",
    )
    client.force_login(viewer)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"organisation": partner.pk, "file": upload()}).status_code == 403
    assert (
        "import-feed" not in client.get(reverse("admin:groups_group_changelist")).content.decode()
    )


# --- fetching a URL ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "172.16.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not listing_fetch.is_public_address(ipaddress.ip_address(address))


def test_public_addresses_are_allowed():
    assert listing_fetch.is_public_address(ipaddress.ip_address("151.101.1.69"))
    assert listing_fetch.is_public_address(ipaddress.ip_address("2a04:4e42::485"))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/feed.json", "gopher://x", "//x/y", "https://"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(ValidationError) as error:
        listing_fetch.fetch_feed(url)
    assert error.value.code == "bad_url"


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, settings):
    settings.DEBUG = False
    connected = []

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connected.append(a))
    for url in ["https://feed.example.org/meetings.json", "http://feed.example.org/"]:
        with pytest.raises(ValidationError) as error:
            listing_fetch.fetch_feed(url)
        assert error.value.code == "private_address"
    assert connected == []


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/redirect-to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/missing":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_feed_on_a_local_server_is_fetched_only_with_debug(local_server, settings):
    settings.DEBUG = False
    with pytest.raises(ValidationError) as error:
        listing_fetch.fetch_feed(local_server + "/meetings.json")
    assert error.value.code == "private_address"
    settings.DEBUG = True
    assert listing_fetch.fetch_feed(local_server + "/meetings.json") == FEED


def test_fetch_errors_say_what_went_wrong(local_server, settings):
    settings.DEBUG = True
    for path, code in [("/missing", "http"), ("/redirect-to-file", "bad_redirect")]:
        with pytest.raises(ValidationError) as error:
            listing_fetch.fetch_feed(local_server + path)
        assert error.value.code == code
    settings.GROUPS_FEED_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        listing_fetch.fetch_feed(local_server + "/meetings.json")
    assert error.value.code == "too_big"


def test_the_admin_imports_from_a_url(
    client, importer, partner, partner_setup, local_server, settings
):
    settings.DEBUG = True
    client.force_login(importer)
    response = client.post(
        IMPORT, {"organisation": partner.pk, "url": local_server + "/meetings.json", "preview": "1"}
    )
    assert response.status_code == 200
    assert {row.action for row in response.context["rows"]} >= {"new", "changed", "removed"}
    settings.DEBUG = False
    response = client.post(
        IMPORT, {"organisation": partner.pk, "url": local_server + "/meetings.json", "preview": "1"}
    )
    assert "ikke på det åpne internettet" in response.content.decode()

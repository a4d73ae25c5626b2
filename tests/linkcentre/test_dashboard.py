"""The staff dashboard on the admin index: distinct section names, links behind every number,
the report links in the admin's navigation, and a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from groups.models import Group, InfoMeeting, InterestRegistration, Membership
from outreach.models import Brochure, ContactActivity
from rooms.models import Booking, BookingSeries, Organisation, Room
from rooms.times import LOCAL_TZ, today_local
from tests import annual_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite_language():
    return "nb"


def _now_booking(room, organisation, *, hour, day=None, **fields):
    day = day or today_local()
    return Booking.objects.create(
        room=room,
        organisation=organisation,
        start=dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TZ),
        end=dt.datetime.combine(day, dt.time(hour + 2), tzinfo=LOCAL_TZ),
        title="Møte",
        **fields,
    )


def _registration(number, **fields):
    return InterestRegistration.objects.create(
        first_name=f"Person {number}",
        email=f"person{number}@example.org",
        is_adult=True,
        read_expectations=True,
        free_choice=True,
        consent_version="v1",
        consented_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def day_of_work():
    """Today: two rooms in use, a pending series, a forming group with people waiting, the next
    information meeting with sign-ups, new registrations, an outreach follow-up, low stock."""
    stua = Room.objects.create(name="Stua", slug="stua", capacity=12, display_order=1)
    Room.objects.create(name="Rom 3", slug="rom-3", capacity=8, display_order=2)
    aa = Organisation.objects.create(name="AA Oslo", slug="aa", email="aa@example.org")
    _now_booking(stua, aa, hour=10)
    _now_booking(stua, aa, hour=18)
    _now_booking(stua, aa, hour=14, status=Booking.Status.CANCELLED)
    BookingSeries.objects.create(
        organisation=aa,
        room=stua,
        weekday=1,
        start_time=dt.time(18),
        end_time=dt.time(20),
        first_date=today_local(),
        title="Ny serie",
        status=BookingSeries.Status.PENDING,
    )
    forming = Group.objects.create(
        kind="closed",
        name="Ny tirsdagsgruppe",
        slug="ny-tirsdag",
        languages=["nb"],
        status="forming",
    )
    waiting = _registration(1, status="contacted")
    Membership.objects.create(
        registration=waiting, group=forming, status="waitlisted", waitlist_position=1
    )
    _registration(2, preferred_group=forming)
    _registration(3)
    meeting = InfoMeeting.objects.create(
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=1),
        room=stua,
        places=12,
    )
    meeting.signups.create(
        registration=waiting, consent_version="v1", consented_at=waiting.consented_at
    )
    ContactActivity.objects.create(
        kind="meeting", topic="Legekontor", follow_up_on=today_local() - dt.timedelta(days=1)
    )
    Brochure.objects.create(title="Selvhjelp i Oslo", language="nb", low_stock_threshold=50)
    return {"stua": stua, "forming": forming, "meeting": meeting}


def _captions(html):
    return re.findall(r"<caption>(.*?)</caption>", html, re.S)


def test_every_section_has_its_own_name(client, superuser, day_of_work):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    captions = [caption.strip() for caption in _captions(html)]
    assert "Rombruk i dag og denne uka" in captions
    assert "Selvhjelpsgrupper" in captions
    assert "Grupper under oppstart og hvem som venter" in captions
    assert "Neste informasjonsmøter" in captions
    assert "Utadrettet arbeid mot fagfolk" in captions
    # The admin's own app list: login groups and self-help groups no longer share a name.
    headings = re.findall(r'<caption>\s*<a[^>]*class="section"[^>]*>(.*?)</a>', html, re.S)
    assert len(captions) == len(set(captions))
    assert len(headings) == len(set(headings))
    # The two kinds of follow-up say which they are.
    assert "Seksukersoppfølging av nye grupper" in html
    assert "Oppfølging av fagkontakter" in html
    assert "style=" not in html.split('id="content"')[1].split("</section>")[0]


def test_each_number_links_to_the_list_behind_it(client, superuser, day_of_work):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    stua = day_of_work["stua"]
    today = today_local()
    assert (
        f"/admin/rooms/booking/?room__id__exact={stua.pk}&amp;start__year={today.year}"
        f"&amp;start__month={today.month}&amp;start__day={today.day}"
    ) in html
    assert "/admin/rooms/bookingseries/?status__exact=pending" in html
    assert "/admin/groups/interestregistration/?status__exact=new" in html
    forming = day_of_work["forming"]
    assert (
        f"/admin/groups/membership/?group__id__exact={forming.pk}&amp;status__exact=waitlisted"
        in html
    )
    assert f"/admin/groups/infomeeting/{day_of_work['meeting'].pk}/change/" in html
    assert "/admin/outreach/brochure/?stock=low" in html
    assert "/admin/groups/group/?freshness=stale" in html
    # Every link the dashboard gives opens.
    section = html.split('class="lc-dashboard"')[1].split("</section>")[0]
    for url in sorted(set(re.findall(r'href="([^"]+)"', section))):
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200, url


def test_the_figures_today(client, superuser, day_of_work):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    stua_row = re.search(r"<tr>\s*<th scope=\"row\"><a[^>]*>Stua</a></th>(.*?)</tr>", html, re.S)
    cells = [
        re.sub(r"<[^>]+>", "", cell)
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", stua_row.group(1))
    ]
    # Two active bookings of two hours today (the cancelled one does not count).
    assert cells[:2] == ["2", "4,0"]
    forming_row = re.search(r"Ny tirsdagsgruppe</a></th>(.*?)</tr>", html, re.S)
    values = [
        re.sub(r"<[^>]+>", "", cell)
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", forming_row.group(1))
    ]
    assert values == ["0", "1", "1"]
    assert "Person 1" not in html


def test_open_meeting_listings_untouched_for_90_days(client, superuser, day_of_work):
    aa = Organisation.objects.get(slug="aa")
    for slug, days in (("gammel", 91), ("fersk", 10)):
        group = Group.objects.create(
            kind="open", name=slug, slug=slug, languages=["nb"], organisation=aa, status="running"
        )
        Group.objects.filter(pk=group.pk).update(
            last_confirmed=timezone.localdate() - dt.timedelta(days=days)
        )
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    row = re.search(
        r"Oppføringer som ikke er bekreftet på 90 dager</a></th>\s*<td[^>]*>(\d+)<", html
    )
    assert row.group(1) == "1"
    url = re.search(r'href="(/admin/groups/group/\?freshness=stale)"', html).group(1)
    listed = client.get(url.replace("&amp;", "&"))
    assert [group.slug for group in listed.context["cl"].result_list] == ["gammel"]


def test_report_links_in_the_admin_navigation(client, superuser, staff_user):
    client.force_login(superuser)
    html = client.get("/admin/rooms/room/").content.decode()
    assert 'href="/personale/utadrettet/"' in html
    assert 'href="/personale/arsrapport/"' in html
    staff_user.user_permissions.add(Permission.objects.get(codename="view_annual_report"))
    client.force_login(staff_user)
    html = client.get("/admin/").content.decode()
    assert 'href="/personale/arsrapport/"' in html
    assert 'href="/personale/utadrettet/"' not in html


def test_staff_without_permissions_see_no_panels(client, staff_user, day_of_work):
    client.force_login(staff_user)
    html = client.get("/admin/").content.decode()
    assert 'class="lc-dashboard"' not in html


def test_the_dashboard_costs_a_fixed_number_of_queries(client, superuser, day_of_work):
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/admin/").status_code == 200
    annual_data.add_bulk_bookings(None, weeks=2)
    stua = day_of_work["stua"]
    organisation = Organisation.objects.get(slug="aa")
    for i in range(30):
        group = Group.objects.create(
            kind="closed",
            name=f"Gruppe {i}",
            slug=f"gruppe-{i}",
            languages=["nb"],
            status="forming",
        )
        person = _registration(100 + i, preferred_group=group)
        Membership.objects.create(
            registration=person, group=group, status="waitlisted", waitlist_position=1
        )
        _now_booking(
            stua,
            organisation,
            hour=8 + i // 10 * 4,
            day=today_local() + dt.timedelta(days=i % 10 - 3),
        )
        Brochure.objects.create(title=f"Brosjyre {i}", low_stock_threshold=10)
        InfoMeeting.objects.create(
            starts_at=timezone.now() + dt.timedelta(days=10 + i),
            ends_at=timezone.now() + dt.timedelta(days=10 + i, hours=1),
            room=stua,
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get("/admin/").status_code == 200
    assert len(large) == len(small)

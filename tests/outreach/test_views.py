import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from outreach import services
from outreach.models import ContactActivity
from tests.outreach.helpers import oslo

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite_language():
    """Pages in Norwegian, the default language, at their unprefixed URLs."""
    return "nb"


PAGES = [
    ("outreach:report", {}),
    ("outreach:follow_ups", {}),
    ("outreach:stock", {}),
    ("outreach:report_csv", {"slug": "activities-by-kind"}),
    ("outreach:distribution_log_csv", {}),
    ("outreach:activity_log_csv", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_users_are_sent_to_login(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_logged_in_non_staff_get_403(client, plain_user, name, kwargs):
    plain_user.user_permissions.set(Permission.objects.filter(content_type__app_label="outreach"))
    client.force_login(plain_user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_staff_without_outreach_permissions_get_403(client, staff_user, name, kwargs):
    client.force_login(staff_user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_permitted_staff_see_the_page(staff_client, name, kwargs):
    assert staff_client.get(reverse(name, kwargs=kwargs)).status_code == 200


def test_report_page_in_norwegian_with_charts_and_tables(staff_client, brochure, place):
    services.record_distribution(
        brochure=brochure, place=place, quantity=12, date=dt.date(2025, 12, 31)
    )
    ContactActivity.objects.create(
        occurred_at=oslo(2025, 12, 31, 23, 30),
        kind="presentation",
        topic="Selvhjelp",
        place=place,
        people_reached=30,
    )
    response = staff_client.get(
        reverse("outreach:report"),
        {"start": "2025-10-01", "end": "2026-03-31", "period": "quarter"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'role="img"' in html and "<desc" in html
    assert '<th scope="col"' in html and '<th scope="row"' in html and "<caption" in html
    assert "<legend" in html
    assert "style=" not in html
    report = response.context["report"]
    assert report.period == "quarter"
    activities = next(
        s["table"] for s in response.context["sections"] if s["table"].slug == "activities-by-kind"
    )
    assert [values for _label, values in activities.rows] == [[1, 0]]
    assert "start=2025-10-01" in html  # CSV links keep the chosen range


def test_report_with_end_before_start_shows_an_error_and_the_default_range(staff_client):
    response = staff_client.get(
        reverse("outreach:report"), {"start": "2025-05-01", "end": "2025-04-01", "period": "month"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "alert-danger" in response.content.decode()


def test_report_rejects_nonsense_dates(staff_client):
    response = staff_client.get(
        reverse("outreach:report"), {"start": "i går", "end": "", "period": "year"}
    )
    form = response.context["form"]
    assert set(form.errors) == {"start", "end", "period"}


def test_report_csv_download_round_trips(staff_client, brochure, make_place):
    place = make_place(name="Bøler legesenter", district="ostensjo")
    services.record_distribution(
        brochure=brochure, place=place, quantity=9, date=dt.date(2025, 2, 3)
    )
    response = staff_client.get(
        reverse("outreach:report_csv", kwargs={"slug": "brochures-by-district"}),
        {"start": "2025-01-01", "end": "2025-03-31", "period": "quarter"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Bydel", "2025K1", "Totalt"],
        ["Østensjø", "9", "9"],
        ["Totalt", "9", "9"],
    ]


def test_unknown_report_table_is_404(staff_client):
    assert (
        staff_client.get(reverse("outreach:report_csv", kwargs={"slug": "nope"})).status_code == 404
    )


def test_follow_ups_overdue_first(staff_client, place, outreach_staff):
    today = timezone.localdate()
    later = ContactActivity.objects.create(
        kind="meeting", topic="Senere", place=place, follow_up_on=today + dt.timedelta(days=5)
    )
    overdue = ContactActivity.objects.create(
        kind="phone",
        topic="For sent",
        place=place,
        follow_up_on=today - dt.timedelta(days=3),
        staff=outreach_staff,
    )
    ContactActivity.objects.create(
        kind="phone",
        topic="Ferdig",
        place=place,
        follow_up_on=today - dt.timedelta(days=9),
        follow_up_done=True,
    )
    ContactActivity.objects.create(kind="email", topic="Ingen oppfølging", place=place)
    response = staff_client.get(reverse("outreach:follow_ups"))
    assert list(response.context["activities"]) == [overdue, later]
    assert "Forfalt" in response.content.decode()
    mine = staff_client.get(reverse("outreach:follow_ups"), {"mine": "1"})
    assert list(mine.context["activities"]) == [overdue]


def test_complete_follow_up_needs_post_and_change_permission(
    client, staff_client, staff_user, place
):
    activity = ContactActivity.objects.create(
        kind="meeting", topic="Møte", place=place, follow_up_on=dt.date(2025, 1, 1)
    )
    url = reverse("outreach:complete_follow_up", kwargs={"pk": activity.pk})
    assert staff_client.get(url).status_code == 405
    staff_user.user_permissions.add(Permission.objects.get(codename="view_contactactivity"))
    viewer = Client()
    viewer.force_login(staff_user)
    assert viewer.post(url).status_code == 403
    response = staff_client.post(url)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.follow_up_done
    assert (
        staff_client.post(reverse("outreach:complete_follow_up", kwargs={"pk": 999999})).status_code
        == 404
    )


def test_stock_page_warns_about_low_stock(staff_client, make_brochure):
    make_brochure(title="Lite igjen", stock=20, threshold=50)
    make_brochure(title="Tomt", stock=0, threshold=50)
    make_brochure(title="Nok", stock=500, threshold=50)
    html = staff_client.get(reverse("outreach:stock")).content.decode()
    assert "2 brosjyrer" in html
    assert "Snart tomt" in html and "Tomt" in html


def test_report_page_in_english(staff_client):
    with translation.override("en"):
        url = reverse("outreach:report")
    assert url.startswith("/en/")
    html = staff_client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert "Outreach reports" in html and "Brochures distributed by district" in html


def test_report_filter_form_has_no_empty_action(staff_client):
    # An empty action attribute is invalid HTML (W3C Nu checker); leaving it out posts to the page.
    content = staff_client.get(reverse("outreach:report")).content.decode()
    assert 'action=""' not in content

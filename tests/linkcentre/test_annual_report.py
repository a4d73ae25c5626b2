"""The annual report page and its CSV files: who may see it, what it counts, bad input."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from linkcentre.annual_report import AnnualReport, period_heading, year_before
from rooms.models import Organisation
from tests import annual_data
from tests.spreadsheet import DATE_LIKE, read_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def suite_language():
    return "nb"


@pytest.fixture
def world():
    return annual_data.build()


PAGES = [
    ("annual_report", {"year": 2025}),
    ("annual_report_csv", {"year": 2025, "slug": "closed-groups"}),
    ("annual_report_range_csv", {"slug": "room-hours-by-room"}),
]


def _get(client, name, kwargs):
    query = {"fra": "2025-01-01", "til": "2025-06-30"} if name == "annual_report_range_csv" else {}
    return client.get(reverse(name, kwargs=kwargs), query)


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_users_are_sent_to_login(client, name, kwargs):
    response = _get(client, name, kwargs)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_an_organisation_login_gets_403(client, django_user_model, name, kwargs):
    user = django_user_model.objects.create_user(username="aa", password="aa-password-123")
    Organisation.objects.create(name="AA", slug="aa", email="aa@example.org").members.add(user)
    # Even with the permission itself: the report is for the centre's staff.
    user.user_permissions.add(Permission.objects.get(codename="view_annual_report"))
    client.force_login(user)
    assert _get(client, name, kwargs).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_staff_without_the_report_permission_get_403(client, staff_user, name, kwargs):
    staff_user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["groups", "rooms", "outreach"])
    )
    client.force_login(staff_user)
    assert _get(client, name, kwargs).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_staff_with_the_report_permission_see_it(report_client, name, kwargs):
    assert _get(report_client, name, kwargs).status_code == 200


def test_superusers_see_it(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("annual_report", kwargs={"year": 2025})).status_code == 200


def test_the_bare_address_goes_to_last_years_report(report_client):
    response = report_client.get(reverse("annual_report_range"))
    assert response.status_code == 302
    last_year = dt.date.today().year - 1  # noqa: DTZ011 - the year only
    assert response["Location"] == reverse("annual_report", kwargs={"year": last_year})


def _table(html, slug):
    match = re.search(rf'<table[^>]*>\s*<caption id="caption-{slug}">.*?</table>', html, re.S)
    assert match, slug
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", match.group(0), re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_page_shows_hand_counted_figures_beside_the_year_before(report_client, world):
    response = report_client.get(reverse("annual_report", kwargs={"year": 2025}))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Årsrapport 2025" in html
    assert "LINK Oslo · årsrapport · 1. januar 2025 – 31. desember 2025" in html
    assert _table(html, "closed-groups") == {
        "Startet": ["0", "2", "-2"],
        "Møttes minst én gang": ["1", "2", "-1"],
        "Satt på pause (ingen møter)": ["1", "1", "0"],
        "Avsluttet": ["0", "1", "-1"],
    }
    registrations = _table(html, "registrations")
    assert registrations["Meldte interesse"] == ["4", "5", "-1"]
    assert registrations["Trakk seg"] == ["3", "0", "+3"]
    assert registrations["Median dager fra påmelding til plass"] == ["9", "35", "-26"]
    assert _table(html, "room-hours-by-organisation") == {
        "AA Oslo": ["4,0", "2,0", "+2,0"],
        "LINK Oslo": ["3,5", "11,5", "-8,0"],
        "NA Oslo": ["3,0", "2,0", "+1,0"],
    }
    assert _table(html, "centre-meetings")["Informasjonsmøter holdt"] == ["1", "1", "0"]
    assert _table(html, "outreach-summary")["Personer nådd"] == ["15", "25", "-10"]
    # One accessible chart per section, no inline styles (the CSP forbids them).
    assert html.count('role="img"') == len(AnnualReport.SLUGS)
    assert "style=" not in html
    assert 'href="/static/css/annual-report.css"' in html or "annual-report" in html
    # No person is named anywhere.
    for person in ("Person 1", "Person 2", "person1@example.org"):
        assert person not in html


def test_a_date_range_compares_with_the_same_dates_a_year_earlier(report_client, world):
    response = report_client.get(
        reverse("annual_report_range"), {"fra": "2025-01-01", "til": "2025-03-31"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "2025M01–2025M03" in html and "2024M01–2024M03" in html
    assert _table(html, "room-hours-by-room") == {
        "Stua": ["6,0", "0,0", "+6,0"],
        "Rom 3": ["4,5", "2,0", "+2,5"],
    }


def test_english_page(client, report_staff, world):
    client.force_login(report_staff)
    with translation.override("en"):
        url = reverse("annual_report", kwargs={"year": 2025})
    html = client.get(url).content.decode()
    assert url.startswith("/en/")
    assert "Annual report 2025" in html
    assert _table(html, "room-hours-by-organisation")["AA Oslo"] == ["4.0", "2.0", "+2.0"]


@pytest.mark.parametrize(
    "query",
    [
        {"fra": "2025-07-01", "til": "2025-01-01"},
        {"fra": "2025-02-30", "til": "2025-03-01"},
        {"fra": "0000-01-01", "til": "2025-01-01"},
        {"fra": "1999-12-31", "til": "2025-01-01"},
        {"fra": "2025-01-01", "til": "99999-01-01"},
        {"fra": "2025-01-01", "til": "2099-01-01"},
        {"fra": "", "til": ""},
        {"fra": "i går", "til": "\x01"},
        {"fra": "2025-01-01"},
    ],
)
def test_bad_periods_give_a_clear_error_not_a_500(report_client, query):
    response = report_client.get(reverse("annual_report_range"), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "invalid-feedback" in html or 'role="alert"' in html
    assert 'role="img"' not in html
    csv = report_client.get(
        reverse("annual_report_range_csv", kwargs={"slug": "closed-groups"}), query
    )
    assert csv.status_code == 400


@pytest.mark.parametrize("year", [0, 1999, 2101, 99999])
def test_impossible_years_give_a_clear_error(report_client, year):
    response = report_client.get(reverse("annual_report", kwargs={"year": year}))
    assert response.status_code == 400
    assert "Det finnes ingen årsrapport for året" in response.content.decode()
    csv = report_client.get(
        reverse("annual_report_csv", kwargs={"year": year, "slug": "closed-groups"})
    )
    assert csv.status_code == 400


def test_an_unknown_table_is_404(report_client):
    url = reverse("annual_report_csv", kwargs={"year": 2025, "slug": "no-such-table"})
    assert report_client.get(url).status_code == 404


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("slug", AnnualReport.SLUGS)
@pytest.mark.parametrize(
    "query",
    [{}, {"fra": "2025-01-01", "til": "2025-06-30"}, {"fra": "2025-01-15", "til": "2025-02-14"}],
)
def test_every_csv_reads_back_with_text_headings_and_plain_numbers(
    client, report_staff, world, slug, language, query
):
    client.force_login(report_staff)
    with translation.override(language):
        if query:
            url = reverse("annual_report_range_csv", kwargs={"slug": slug})
        else:
            url = reverse("annual_report_csv", kwargs={"year": 2025, "slug": slug})
    response = client.get(url, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    heading, *body = read_back(response)
    assert len(heading) == 4
    assert [cell for cell in heading if DATE_LIKE.match(cell)] == []
    number = r"-?\d+(,\d)?" if language == "nb" else r"-?\d+(\.\d)?"
    if not query:
        assert body, "a calendar year of the world has a figure in every table"
    for row in body:
        assert all(re.fullmatch(number, cell) or cell == "" for cell in row[1:]), row


def test_csv_figures_match_the_hand_count(report_client, world):
    response = report_client.get(
        reverse("annual_report_csv", kwargs={"year": 2025, "slug": "room-hours-by-organisation"})
    )
    assert read_back(response) == [
        ["Organisasjon", "2025", "2024", "Endring"],
        ["AA Oslo", "4,0", "2,0", "2,0"],
        ["LINK Oslo", "3,5", "11,5", "-8,0"],
        ["NA Oslo", "3,0", "2,0", "1,0"],
    ]


def test_headings_and_the_year_before():
    assert period_heading(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == "2025"
    assert period_heading(dt.date(2025, 3, 1), dt.date(2025, 3, 31)) == "2025M03"
    assert year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    with translation.override("en"):
        assert period_heading(dt.date(2025, 1, 15), dt.date(2025, 2, 14)) == (
            "2025-01-15 to 2025-02-14"
        )


def test_the_page_costs_a_fixed_number_of_queries(
    report_client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("annual_report", kwargs={"year": 2025})
    with CaptureQueriesContext(connection) as small:
        assert report_client.get(url).status_code == 200
    annual_data.add_bulk_bookings(world, weeks=52, organisations=40)
    with CaptureQueriesContext(connection) as large:
        assert report_client.get(url).status_code == 200
    assert len(large) == len(small)
    assert len(small) < 60


def test_the_paired_chart_is_accessible_and_escapes_its_text():
    from decimal import Decimal

    from outreach import charts

    svg = charts.paired_bar_chart(
        title="Timer <b>",
        description="2025 beside 2024",
        categories=[
            "Anonyme Alkoholikere & venner av dem i hele Oslo og omegn, avdeling vest",
            "B",
        ],
        series=[
            charts.Series(label="2024", values=[Decimal("1.5"), 0]),
            charts.Series(label="2025", values=[Decimal("3.0"), 2]),
        ],
        chart_id="chart-x",
        format_value=lambda value: str(value).replace(".", ","),
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert "Timer &lt;b&gt;" in svg and "<b>" not in svg
    assert "&amp; venner" in svg  # the full label in the tooltip
    assert "…</text>" in svg  # shortened where it is drawn
    assert ">3,0</text>" in svg and ">1,5</text>" in svg
    assert "style=" not in svg


@pytest.mark.django_db
def test_how_people_heard_about_us_beside_the_year_before():
    from groups.models import HowHeard, HowHeardCount

    for month, answer, count in [
        (dt.date(2025, 3, 1), HowHeard.GP, 4),
        (dt.date(2025, 11, 1), HowHeard.GP, 2),
        (dt.date(2025, 11, 1), HowHeard.BROCHURE, 3),
        (dt.date(2024, 6, 1), HowHeard.GP, 1),
        (dt.date(2026, 1, 1), HowHeard.GP, 50),  # the year after: not counted
    ]:
        HowHeardCount.objects.create(month=month, answer=answer, count=count)
    section = AnnualReport(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)).section(
        "sign-ups-by-how-heard"
    )
    figures = {row.label: (row.current, row.previous) for row in section.rows}
    assert figures["Fastlege eller helsestasjon"] == (6, 1)
    assert figures["En brosjyre på et venterom"] == (3, 0)
    assert figures["NAV"] == (0, 0)

import csv
import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from outreach import csv_export, services
from outreach.models import ContactActivity
from tests.outreach.helpers import oslo
from tests.spreadsheet import DATE_LIKE, read_back

pytestmark = pytest.mark.django_db


def test_rows_round_trip_with_norwegian_letters():
    rows = [
        ["Sted", "Bydel", "Antall"],
        ["Bøler legesenter; 2. etg", "Østensjø", 12],
        ['Tøyen "helsehus"', "Gamle Oslo", 3],
        ["Linje\nto", "Grünerløkka", 0],
        ["ÆØÅ æøå", "St. Hanshaugen", 1],
    ]
    response = csv_export.csv_response("test.csv", rows)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="test.csv"' in response["Content-Disposition"]
    assert read_back(response) == [[str(cell) for cell in row] for row in rows]


def test_the_file_on_disk_round_trips(tmp_path):
    rows = [["Navn", "Rolle"], ["Åse Øvrebø", "fastlege"], ["Bjørn Ærø", "NAV-veileder"]]
    path = tmp_path / "ut.csv"
    path.write_bytes(b"".join(line.encode() for line in csv_export.csv_lines(rows)))
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle, delimiter=";")) == rows


def test_formulas_are_neutralised():
    response = csv_export.csv_response(
        "x.csv", [['=HYPERLINK("http://x")', "+1", "-2", "@a", "ok"]]
    )
    assert read_back(response) == [['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@a", "ok"]]


def test_numbers_are_not_escaped():
    response = csv_export.csv_response("x.csv", [[-5, 3]])
    assert read_back(response) == [["-5", "3"]]


def test_activity_log(place, professional, outreach_staff):
    activity = ContactActivity.objects.create(
        occurred_at=oslo(2025, 12, 31, 23, 30),
        kind="presentation",
        topic="Hva er selvhjelp?",
        place=place,
        people_reached=25,
        staff=outreach_staff,
        follow_up_on=dt.date(2026, 1, 15),
    )
    activity.professionals.add(professional)
    rows = list(csv_export.activity_log_rows())
    assert rows[0][0] == "Date and time"
    assert rows[1][:7] == [
        "2025-12-31 23:30",
        "Presentation",
        "Hva er selvhjelp?",
        "Legene på Løkka",
        "Grünerløkka",
        "Åse Øvrebø",
        25,
    ]


def test_distribution_log(brochure, place, outreach_staff):
    services.record_distribution(
        brochure=brochure, place=place, quantity=12, date=dt.date(2025, 5, 2), staff=outreach_staff
    )
    rows = list(csv_export.distribution_log_rows())
    assert rows[1] == [
        "2025-05-02",
        "Selvhjelp – hva er det?",
        "Norwegian",
        "",
        12,
        "Legene på Løkka",
        "GP office",
        "Grünerløkka",
        "kari",
    ]


def test_the_date_pattern_catches_what_spreadsheets_convert():
    for text in ["Jan 2026", "mai 2026", "2026-01", "01/2026", "1.2026", "des. 2025", "2026-01-05"]:
        assert DATE_LIKE.match(text), text
    for text in ["2026M01", "2026K1", "2026Q1", "Bydel", "Totalt"]:
        assert not DATE_LIKE.match(text), text


REPORT_SLUGS = [
    "brochures-by-place-kind",
    "brochures-by-district",
    "activities-by-kind",
    "people-reached",
    "new-professionals",
]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("period", ["month", "quarter"])
@pytest.mark.parametrize("slug", REPORT_SLUGS)
def test_report_csv_headings_stay_text_in_a_spreadsheet(
    client, outreach_staff, brochure, place, slug, period, language
):
    services.record_distribution(
        brochure=brochure, place=place, quantity=4, date=dt.date(2026, 5, 2)
    )
    client.force_login(outreach_staff)
    with translation.override(language):
        path = reverse("outreach:report_csv", kwargs={"slug": slug})
    response = client.get(path, {"start": "2025-11-01", "end": "2026-12-31", "period": period})
    assert response.status_code == 200
    heading, *body = read_back(response)
    assert len(heading) > 3
    assert [cell for cell in heading if DATE_LIKE.match(cell)] == []
    # Numbers are plain numbers: no thousands separator, no quotes, no unit.
    for row in body:
        assert all(re.fullmatch(r"-?\d+", cell) for cell in row[1:]), row

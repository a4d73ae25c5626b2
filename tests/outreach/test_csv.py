import csv
import datetime as dt
import io

import pytest

from outreach import csv_export, services
from outreach.models import ContactActivity

from .conftest import oslo

pytestmark = pytest.mark.django_db


def read_back(response):
    """Read a CSV response the way Python (and Excel) would: BOM, then semicolons."""
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


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

"""Reading CSV downloads back the way a spreadsheet does, for every app's CSV tests."""

import csv
import io
import re

# What Excel and LibreOffice Calc turn into a date when a CSV is opened: a month name or its
# abbreviation (Norwegian or English) with a year, or numbers joined by "-", "/" or ".".
MONTH_NAMES = (
    "jan feb mar apr mai may jun jul aug sep sept okt oct nov des dec januar februar mars april "
    "juni juli august september oktober november desember january february march june july "
    "october december"
).split()
DATE_LIKE = re.compile(
    r"^\s*(\d{1,4}[-/.]\d{1,4}([-/.]\d{1,4})?"
    r"|(\d{1,2}\.?\s+)?(" + "|".join(MONTH_NAMES) + r")\.?\s+\d{2,4})\s*$",
    re.IGNORECASE,
)


def read_back(response):
    """Read a CSV response the way Python (and Excel) would: BOM, then semicolons."""
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))

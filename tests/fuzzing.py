"""Hypothesis strategies and checks for the property-based tests of forms and query parameters.

Each ``test_fuzz.py`` builds its data once with the app's fixtures and runs every example inside
``one_example()``: a savepoint rolled back afterwards (so examples do not see each other's rows,
and a refused query on PostgreSQL cannot break the next one) and a watch on the error log.
The profiles (``ci`` by default, ``HYPOTHESIS_PROFILE=thorough`` for a long run) live in
``tests/conftest.py``.
"""

import contextlib
import datetime as dt
import logging
from urllib.parse import quote

from django.db import transaction
from django.utils import timezone
from django.utils.html import conditional_escape
from hypothesis import event
from hypothesis import strategies as st

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[31m\x07\x08",
    "\r\n\t\x0b\x0c",
    "\u202eevil\u202c",
    "\ufeff\u200b",
    "\ud7ff\ue000\uffff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "'; DROP TABLE auth_user; --",
    "%00",
    "%",
    "_",
    "../../etc/passwd",
    "😀" * 40,
    "🏳️‍🌈👩‍👩‍👧",
    "x" * 5000,
    "٩١٢٣٤٥٦٧",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "[]",
    "{}",
    "true",
]

EDGE_DATES = [
    "0001-01-01",
    "2026-02-30",
    "9999-12-31",
    "9999-12-25",
    "1999-12-31",
    "2100-12-31",
    "2101-01-01",
    "2026-13-01",
    "20260101",
    "01.02.2026",
    "-2026-01-01",
]

EDGE_TIMES = ["00:00", "23:59", "24:00", "25:61", "18:00:00.000001", "6pm", "-01:00", "18"]

# NUL only from the list above: it is answered 400 before any form sees the request, so the
# generated text leaves it out and the examples reach the forms.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    # No lone surrogates either: HTTP carries bytes, and those cannot be encoded (invalid UTF-8
    # bytes are tried separately in tests/linkcentre/test_input_guard.py).
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=60),
    st.text(st.characters(min_codepoint=1, max_codepoint=0x1F), max_size=10),  # control chars
    st.integers(min_value=1, max_value=20_000).map(lambda n: "æ" * n),
)


def dates_near(valid):
    """ISO dates: the valid ones the test gives, the edges around today and a year ahead (the
    booking horizon), any date Python has, and broken ones."""
    today = timezone.localdate()
    edges = [
        (today + dt.timedelta(days=days)).isoformat()
        for days in (-1, 0, 1, 364, 365, 366, 367, 400, 1000, 4000)
    ]
    return st.one_of(
        st.sampled_from(valid),
        st.sampled_from(edges + EDGE_DATES),
        st.dates().map(lambda day: day.isoformat()),
        hostile_text,
    )


def times_near(valid):
    return st.one_of(
        st.sampled_from(valid),
        st.times().map(lambda time: time.strftime("%H:%M")),
        st.sampled_from(EDGE_TIMES),
        hostile_text,
    )


def either(valid, hostile=hostile_text):
    """Mostly sensible values, so that the examples also reach the code behind the form."""
    return st.one_of(st.sampled_from(list(valid)), hostile)


@st.composite
def form_data(draw, fields, valid=None):
    """A POST or GET body: each field another value, missing, or given twice (a duplicate).

    With a valid body, only one to three fields are spoilt and the rest keep their good values,
    so that each example gets past the other fields to what lies behind the form.
    """
    valid = valid or {}
    spoilt = set(fields) - set(valid)
    if valid:
        spoilt |= draw(st.sets(st.sampled_from(sorted(valid)), min_size=1, max_size=3))
    data = {name: value for name, value in valid.items() if name not in spoilt}
    for name in sorted(spoilt):
        how = draw(st.sampled_from(["other", "other", "other", "missing", "twice"]))
        if how == "other":
            data[name] = draw(fields[name])
        elif how == "twice":
            data[name] = [draw(fields[name]), draw(fields[name])]
    return data


def fill(body, **values):
    """Put the rows a test's fixtures made (their ids differ between runs) into a generated body
    in place of the placeholders ``"{name}"`` the module-level strategies use."""

    def one(value):
        if isinstance(value, list):
            return [one(item) for item in value]
        return str(values[value[1:-1]]) if value[1:-1] in values and value[0] == "{" else value

    return {name: one(value) for name, value in body.items()}


def path_part(text):
    """A hostile string as one segment of a path (so that it cannot become a new segment)."""
    return quote(text, safe="")


class _ErrorLog(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@contextlib.contextmanager
def one_example():
    """Run one example in a savepoint that is rolled back; fail if anything logged an error.

    Django logs every unhandled exception (a 500) to ``django.request`` at ERROR level.
    """
    log = _ErrorLog()
    logger = logging.getLogger("django.request")
    logger.addHandler(log)
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        logger.removeHandler(log)
    assert not log.records, [record.getMessage() for record in log.records]


def counts(*models):
    return [model.objects.count() for model in models]


def unchanged(read):
    """For check_page(): what ``read()`` returns after the request is what it returned now."""
    before = read()

    def check():
        assert read() == before, "rows changed on a request that was refused"

    return check


def check_page(response, *, saved_nothing=None):
    """No server error; a form shown again names each rejected field; nothing half-saved.

    ``saved_nothing`` is called when the request did not succeed (anything but a redirect).
    """
    assert response.status_code < 500, response.status_code
    event(f"status {response.status_code}")
    if response.status_code in (301, 302):
        return
    if saved_nothing is not None:
        saved_nothing()
    form = (response.context or {}).get("form") if response.status_code == 200 else None
    if form is None or not form.is_bound:
        return
    html = response.content.decode()
    for field, errors in form.errors.items():
        for message in errors:
            assert str(conditional_escape(message)) in html, (field, message)

"""Property-based: hostile input to the sign-up, the withdrawal link, the group list and the
feeds never gives a 500, never half-saves, and every rejected field says why.

Each sign-up step is fuzzed with the session of a person who did the earlier steps. The
``@example``s are the inputs that once gave a server error or a wrong message (issue 10).
"""

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from groups.models import Group, InfoMeetingSignup, InterestRegistration
from tests.fuzzing import (
    check_page,
    counts,
    either,
    fill,
    form_data,
    hostile_text,
    one_example,
    path_part,
    unchanged,
)
from tests.groups.helpers import GOOD_CONTACT, STEP1, STEP2, STEP3

pytestmark = pytest.mark.django_db

WEEKDAYS = [str(day) for day in range(7)]
TIMES = ["morning", "afternoon", "evening"]
CONTACT_VALID = {**GOOD_CONTACT, "info_meeting": "{meeting}", "preferred_group": "{group}"}
CONTACT = form_data(
    {
        "first_name": either(["Kari", "Jo"]),
        "email": either(["kari@example.org", "", "kari@example"]),
        "phone": either(["912 34 567", "+47 912 34 567", "", "+47 ٩١٢٣٤٥٦٧"]),
        "is_adult": either(["on", ""]),
        "age_band": either(["", "18-29", "60+"]),
        "preferred_weekdays": either(WEEKDAYS),
        "preferred_times": either(TIMES),
        "preferred_language": either(["nb", "en", "pl", "sv"]),
        "preferred_group": either(["{group}", "{open_group}", ""]),
        "info_meeting": either(["{meeting}", ""]),
        "message": either(["Jeg kan ikke i uke 12.", ""]),
        "website": either([""]),
    },
    CONTACT_VALID,
)
FILTERS = form_data(
    {
        "type": either(["apen", "lukket", ""]),
        "dag": either(["mandag", "tirsdag", "sondag"]),
        "tid": either(["formiddag", "kveld"]),
        "sprak": either(["nb", "en", ""]),
        "org": either(["aa-oslo", "link-oslo", ""]),
        "trinnfri": either(["on", ""]),
        "side": either(["1", "2", "last"]),
    },
    {"type": "lukket", "dag": "tirsdag", "tid": "kveld", "sprak": "nb"},
)
FEED_QUERY = form_data({name: hostile_text for name in ("day", "time", "region", "format", "x")})


@pytest.fixture
def fuzz_client(client, settings):
    client.raise_request_exception = False
    # Every example posts from the same address within one test: without this most would meet
    # the sign-up's rate limit (a 429, tested in test_signup_protection.py) and test nothing else.
    settings.PUBLIC_FORM_RATE_LIMIT = 10**6
    return client


@pytest.fixture
def groups(make_group, last_place_meeting):
    closed = make_group(kind=Group.Kind.CLOSED, status=Group.Status.FORMING)
    open_group = make_group(kind=Group.Kind.OPEN, weekday=3)
    return {"group": closed.slug, "open_group": open_group.slug, "meeting": last_place_meeting.pk}


@pytest.fixture
def after_step_1(fuzz_client):
    fuzz_client.post(STEP1, {"read_expectations": "on"})
    return fuzz_client


@pytest.fixture
def after_step_2(after_step_1):
    after_step_1.post(STEP2, {"consent": "on", "free_choice": "on"})
    return after_step_1


def saved_nothing():
    return unchanged(lambda: counts(InterestRegistration, InfoMeetingSignup))


@given(body=form_data({"read_expectations": either(["on", "off", "1"])}, {}))
def test_step_1(fuzz_client, body):
    with one_example():
        check_page(fuzz_client.post(STEP1, body), saved_nothing=saved_nothing())


@given(
    body=form_data(
        {"consent": either(["on"]), "free_choice": either(["on"])},
        {"consent": "on", "free_choice": "on"},
    )
)
def test_step_2(after_step_1, body):
    with one_example():
        check_page(after_step_1.post(STEP2, body), saved_nothing=saved_nothing())


@given(body=CONTACT)
@example(body={**CONTACT_VALID, "email": "", "phone": "+47 ٩١٢٣٤٥٦٧"})
@example(body={**CONTACT_VALID, "first_name": "Kari\x00"})
def test_step_3(after_step_2, groups, body):
    with one_example():
        check = saved_nothing()
        response = after_step_2.post(STEP3, fill(body, **groups))
        check_page(response, saved_nothing=check)
        registration = InterestRegistration.objects.first()
        if registration is not None:
            # What was stored is what a person can read back: ASCII digits, no markup.
            assert all(c in "+0123456789" for c in registration.phone)
            assert "<" not in registration.first_name


@given(token=hostile_text, method=st.sampled_from(["get", "post"]))
@example(token="\x00", method="post")
def test_withdrawal_link(fuzz_client, token, method):
    with one_example():
        saved = saved_nothing()
        response = getattr(fuzz_client, method)(f"/grupper/trekk/{path_part(token)}/")
        assert response.status_code in (200, 400, 404)
        saved()


@given(query=FILTERS)
def test_group_list_filters(fuzz_client, groups, query):
    with one_example():
        response = fuzz_client.get("/grupper/", query)
        assert response.status_code in (200, 400)


@given(query=FEED_QUERY, slug=st.one_of(st.just("{group}"), st.just("{open_group}"), hostile_text))
def test_feeds(fuzz_client, groups, query, slug):
    with one_example():
        guide = fuzz_client.get("/grupper/meeting-guide.json", query)
        assert guide.status_code in (200, 400)
        if guide.status_code == 200:
            assert isinstance(json.loads(guide.content), list)
        calendar = fuzz_client.get("/grupper/kalender.ics", query)
        assert calendar.status_code in (200, 400)
        slug = fill({"slug": slug}, **groups)["slug"]
        one = fuzz_client.get(f"/grupper/{path_part(slug)}.ics", query)
        assert one.status_code in (200, 400, 404)
        detail = fuzz_client.get(f"/grupper/{path_part(slug)}/", query)
        assert detail.status_code in (200, 400, 404)

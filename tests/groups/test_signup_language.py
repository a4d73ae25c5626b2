"""Sign-up in the visitor's language, and the anonymous "how did you hear about us?" count."""

import calendar
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from groups import reports, services
from groups.models import HowHeard, HowHeardCount, InterestRegistration
from tests.groups.helpers import GOOD_CONTACT

pytestmark = pytest.mark.django_db


def urls(language):
    with translation.override(language):
        return [
            reverse(name)
            for name in ("groups:signup", "groups:signup_consent", "groups:signup_contact")
        ]


def through_step_2(client, language="nb", group=None):
    step1, step2, step3 = urls(language)
    if group is not None:
        with translation.override(language):
            step1 = reverse("groups:signup_for_group", args=[group.slug])
    client.post(step1, {"read_expectations": "on"})
    client.post(step2, {"consent": "on", "free_choice": "on"})
    return step3


def initial_language(client, step3):
    return client.get(step3).context["form"]["preferred_language"].value()


def contact(**changes):
    data = {key: value for key, value in GOOD_CONTACT.items() if key != "preferred_language"}
    data.update(changes)
    return data


def test_the_english_page_defaults_to_english_and_stores_it(client):
    step3 = through_step_2(client, "en")
    assert step3.startswith("/en/")
    assert initial_language(client, step3) == "en"
    client.post(step3, contact(preferred_language="en"))
    assert InterestRegistration.objects.get().preferred_language == "en"


def test_the_norwegian_page_defaults_to_norwegian(client):
    assert initial_language(client, through_step_2(client, "nb")) == "nb"


def test_the_chosen_groups_language_wins_when_it_does_not_speak_the_pages(client, make_group):
    english = make_group(name="English group", slug="english", languages=["en"])
    assert initial_language(client, through_step_2(client, "nb", english)) == "en"
    both = make_group(name="Begge", slug="begge", weekday=3, languages=["nb", "en"])
    client.cookies.clear()
    assert initial_language(client, through_step_2(client, "en", both)) == "en"
    client.cookies.clear()
    assert initial_language(client, through_step_2(client, "nb", both)) == "nb"


def test_the_person_may_choose_another_language(client):
    step3 = through_step_2(client, "en")
    client.post(step3, contact(preferred_language="pl"))
    assert InterestRegistration.objects.get().preferred_language == "pl"


def test_how_heard_is_counted_apart_from_the_person_and_survives_erasure(client):
    step3 = through_step_2(client)
    response = client.post(step3, contact(preferred_language="nb", how_heard="gp"))
    assert response.status_code == 302
    registration = InterestRegistration.objects.get()
    assert not hasattr(registration, "how_heard")
    month = timezone.localdate().replace(day=1)
    assert HowHeardCount.objects.get(month=month, answer="gp").count == 1
    services.erase_registration(registration=registration)
    assert not InterestRegistration.objects.exists()
    assert HowHeardCount.objects.get(month=month, answer="gp").count == 1


def test_no_answer_is_counted_as_not_answered(client):
    step3 = through_step_2(client)
    client.post(step3, contact(preferred_language="nb"))
    assert HowHeardCount.objects.get().answer == HowHeard.NOT_ANSWERED


@pytest.mark.parametrize("answer", ["bogus", "not_answered", "\x01", "gp" * 50])
def test_an_unknown_answer_is_refused_and_nothing_is_saved(client, answer):
    step3 = through_step_2(client)
    response = client.post(step3, contact(preferred_language="nb", how_heard=answer))
    assert response.status_code == 200
    assert "how_heard" in response.context["form"].errors
    assert not InterestRegistration.objects.exists()
    assert not HowHeardCount.objects.exists()


def test_the_how_heard_question_says_it_is_anonymous(client):
    page = client.get(through_step_2(client)).content.decode()
    assert "Hvordan hørte du om oss?" in page
    assert "Fastlege eller helsestasjon" in page and "En brosjyre på et venterom" in page
    assert "Anonymt" in page


def test_the_service_refuses_an_unknown_answer(make_registration):
    with pytest.raises(services.ValidationError):
        make_registration(how_heard="rumour")
    assert not InterestRegistration.objects.exists()


def months_of(year):
    return [
        (dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))
        for month in range(1, 13)
    ]


def test_the_annual_report_gets_the_counts_per_month_and_quarter():
    services.count_how_heard(answer="gp", on=dt.date(2026, 1, 10))
    services.count_how_heard(answer="gp", on=dt.date(2026, 1, 31))
    services.count_how_heard(answer="nav", on=dt.date(2026, 3, 2))
    services.count_how_heard(answer="", on=dt.date(2026, 4, 1))
    services.count_how_heard(answer="web", on=dt.date(2025, 12, 31))  # before the year
    monthly = reports.sign_ups_by_how_heard(periods=months_of(2026))
    assert monthly["periods"][0] == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert len(monthly["periods"]) == 12
    rows = {row["answer"]: row for row in monthly["rows"]}
    answers = [code for code in HowHeard.values if code != HowHeard.NOT_ANSWERED]
    assert list(rows) == [*answers, HowHeard.NOT_ANSWERED]
    assert rows["gp"]["counts"][:3] == [2, 0, 0] and rows["gp"]["total"] == 2
    assert rows["nav"]["counts"][2] == 1
    assert rows["not_answered"]["counts"][3] == 1
    assert rows["web"]["total"] == 0
    assert monthly["total"] == 4 and monthly["totals"][0] == 2
    months = months_of(2026)
    quarters = [(months[i][0], months[i + 2][1]) for i in (0, 3, 6, 9)]
    quarterly = reports.sign_ups_by_how_heard(periods=quarters)
    assert [first for first, _last in quarterly["periods"]] == [
        dt.date(2026, month, 1) for month in (1, 4, 7, 10)
    ]
    rows = {row["answer"]: row for row in quarterly["rows"]}
    assert rows["gp"]["counts"] == [2, 0, 0, 0] and rows["nav"]["counts"] == [1, 0, 0, 0]
    assert quarterly["totals"] == [3, 1, 0, 0]
    assert str(rows["gp"]["label"]) == "Fastlege eller helsestasjon"
    # The whole year as one period, as the annual report asks: the same four sign-ups.
    year = reports.sign_ups_by_how_heard(periods=[(dt.date(2026, 1, 1), dt.date(2026, 12, 31))])
    assert year["totals"] == [4]
    # A month counts when it overlaps the period: a range from mid-January still has January.
    mid = reports.sign_ups_by_how_heard(periods=[(dt.date(2026, 1, 20), dt.date(2026, 3, 1))])
    assert mid["total"] == 3
    with pytest.raises(ValueError):
        reports.sign_ups_by_how_heard(periods=[])
    with pytest.raises(ValueError):
        reports.sign_ups_by_how_heard(periods=[(dt.date(2026, 2, 1), dt.date(2026, 1, 1))])


def test_the_report_costs_one_query(django_assert_num_queries):
    services.count_how_heard(answer="friend", on=dt.date(2026, 5, 5))
    with django_assert_num_queries(1):
        reports.sign_ups_by_how_heard(periods=[(dt.date(2026, 1, 1), dt.date(2026, 12, 31))])

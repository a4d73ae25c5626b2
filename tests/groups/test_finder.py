"""The finder for a hard moment: next meeting first, a search in both languages, the nearest
alternatives when nothing matches, crisis numbers to call, and how to find the room."""

import datetime as dt

import pytest
from django.urls import reverse

from groups.models import Attendance, Group
from rooms.times import today_local

pytestmark = pytest.mark.django_db

LIST = reverse("groups:list")


def names(response):
    return [group.name for group in response.context["groups"]]


def html(response):
    return response.content.decode()


def test_groups_come_in_the_order_of_their_next_meeting_from_today(client, make_group):
    today = today_local().weekday()
    in_five = make_group(name="Om fem dager", weekday=(today + 5) % 7)
    tomorrow = make_group(name="I morgen", weekday=(today + 1) % 7)
    in_three = make_group(name="Om tre dager", weekday=(today + 3) % 7)
    # Forming: no dates yet, so after every group that meets, whatever its weekday.
    make_group(name="Aller forst i uka", weekday=(today + 1) % 7, status="forming", book=False)
    response = client.get(LIST)
    assert names(response) == [tomorrow.name, in_three.name, in_five.name, "Aller forst i uka"]


def test_a_search_from_the_norwegian_page_finds_a_word_of_the_english_description(
    client, make_group
):
    make_group(
        name="Sorggruppa",
        description_nb="For deg som har mistet noen.",
        description_en="For you who have lost someone: grief shared with others.",
    )
    make_group(name="Angstgruppa", weekday=3, short_description_nb="Når angsten tar over.")
    response = client.get(LIST, {"q": "grief"})
    assert names(response) == ["Sorggruppa"]
    assert names(client.get(LIST, {"q": "ANGSTEN"})) == ["Angstgruppa"]
    assert names(client.get(LIST, {"q": "sorg"})) == ["Sorggruppa"]
    # Every word must be found, in any of the texts.
    assert names(client.get(LIST, {"q": "lost grief"})) == ["Sorggruppa"]
    assert names(client.get(LIST, {"q": "lost angsten"})) == []
    assert 'value="grief"' in html(response)


def test_the_search_finds_an_open_group_by_its_organisation(client, make_group):
    make_group(kind=Group.Kind.OPEN, name="Mandagsmøtet")
    assert names(client.get(LIST, {"q": "alkoholikere"})) == ["Mandagsmøtet"]


@pytest.mark.parametrize("q", ["\x00", "a\x00b", "x" * 101, "<script>", "%", "_"])
def test_hostile_search_text_never_fails(client, make_group, q):
    make_group(name="Tirsdagsgruppa")
    response = client.get(LIST, {"q": q})
    # NUL is refused as a bad request before any view runs (linkcentre.input_guard).
    assert response.status_code == (400 if "\x00" in q else 200)


def test_the_form_lands_on_the_result_count_which_the_script_focuses(client, make_group):
    make_group(name="Tirsdagsgruppa")
    page = html(client.get(LIST, {"q": "tirsdag"}))
    assert f'action="{LIST}#result-count"' in page
    assert 'id="result-count" tabindex="-1"' in page
    assert "groups/finder.js" in page
    assert "<script>" not in page  # no inline script: the CSP allows only our own files


def test_nothing_found_offers_other_days_the_other_kind_and_registering(client, make_group):
    make_group(name="Tirsdagsgruppa", weekday=1)
    response = client.get(LIST, {"dag": "onsdag", "type": "lukket"})
    assert names(response) == []
    alternatives = response.context["alternatives"]
    assert [(item["label"], item["count"]) for item in alternatives] == [
        ("På andre dager og tider", 1)
    ]
    assert [group.name for group in alternatives[0]["groups"]] == ["Tirsdagsgruppa"]
    page = html(response)
    assert "?type=lukket#result-count" in page
    assert "Tirsdagsgruppa" in page
    assert reverse("groups:signup") in page
    assert "vi finner en gruppe sammen med deg" in page


def test_nothing_found_among_open_groups_suggests_the_closed_ones(client, make_group):
    make_group(name="Tirsdagsgruppa", weekday=1)
    response = client.get(LIST, {"type": "apen", "q": "tirsdag"})
    labels = [item["label"] for item in response.context["alternatives"]]
    assert labels == ["Lukkede grupper i stedet (meld interesse)"]
    assert "type=lukket" in response.context["alternatives"][0]["query"]


def test_nothing_found_by_the_search_suggests_dropping_it(client, make_group):
    make_group(name="Tirsdagsgruppa", weekday=1, languages=["en"])
    response = client.get(LIST, {"q": "ukjentord", "sprak": "en"})
    alternatives = response.context["alternatives"]
    assert [item["label"] for item in alternatives] == ["Uten søkeordene"]
    assert "q=" not in alternatives[0]["query"] and "sprak=en" in alternatives[0]["query"]


def test_no_alternatives_are_computed_when_groups_are_found(
    client, make_group, django_assert_max_num_queries
):
    make_group(name="Tirsdagsgruppa", weekday=1)
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"dag": "tirsdag"})
    assert response.context["alternatives"] == []


def test_crisis_numbers_are_links_a_phone_can_call(client):
    page = html(client.get(LIST))
    for number in ["113", "116117", "116123", "22400040"]:
        assert f'href="tel:{number}"' in page


def test_the_group_page_says_where_and_how_to_find_the_room(client, make_group, room, settings):
    room.directions = "Inngang fra bakgården, dør med skilt LINK."
    room.save()
    group = make_group(name="Tirsdagsgruppa")
    page = html(client.get(group.get_absolute_url()))
    assert settings.CENTRE_ADDRESS in page
    assert "Stua" in page and "1. etasje" in page
    assert "Inngang fra bakgården" in page
    assert f"https://www.openstreetmap.org/?mlat={settings.CENTRE_LATITUDE}" in page
    assert "<iframe" not in page  # a link, not an embedded map


def test_an_online_meeting_has_no_street_address(client, make_group, settings):
    group = make_group(
        kind=Group.Kind.OPEN,
        name="Nettmøtet",
        attendance=Attendance.ONLINE,
        conference_url="https://zoom.us/j/123",
    )
    page = html(client.get(group.get_absolute_url()))
    assert "openstreetmap" not in page


def test_search_results_keep_their_order_across_pages(client, make_group):
    today = today_local().weekday()
    for number in range(3):
        make_group(
            name=f"Gruppe {number}",
            weekday=(today + 1) % 7,
            start=dt.time(10 + number),
            end=dt.time(11 + number),
        )
    assert names(client.get(LIST, {"q": "gruppe"})) == ["Gruppe 0", "Gruppe 1", "Gruppe 2"]

"""The forming view proposes by the rules and places a proposed set all or nothing; the
waiting list's actions (give a seat, move forward, contacted, withdraw on request)."""

import datetime as dt
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import ErasedRegistrationCount, InterestRegistration, Membership
from tests.groups.helpers import grant

pytestmark = pytest.mark.django_db

FORMING = reverse("admin:groups_group_forming")
MEMBERSHIPS = reverse("admin:groups_membership_changelist")
REGISTRATIONS = reverse("admin:groups_interestregistration_changelist")
GROUPS = reverse("admin:groups_group_changelist")
THURSDAY, TUESDAY = 3, 1


@pytest.fixture
def thursday_group(make_group, make_registration):
    group = make_group(
        name="Torsdagsgruppa",
        slug="torsdagsgruppa",
        weekday=THURSDAY,
        status="forming",
        startup_meeting_on=timezone.localdate() + dt.timedelta(days=10),
    )
    for number in range(2):
        member = make_registration(first_name=f"Medlem{number}", age_band="30-44")
        services.place_in_group(registration=member, group=group)
    return group


def waiting(make_registration, name, **fields):
    fields.setdefault("preferred_weekdays", [THURSDAY])
    fields.setdefault("preferred_times", ["evening"])
    fields.setdefault("age_band", "30-44")
    return make_registration(first_name=name, **fields)


def test_three_waiting_for_thursday_are_proposed_for_the_forming_thursday_group(
    client, coordinator, thursday_group, make_registration
):
    three = [waiting(make_registration, f"Torsdag{n}") for n in range(3)]
    waiting(make_registration, "Morgen", preferred_times=["morning"])
    client.force_login(coordinator)
    response = client.get(FORMING)
    (fit,) = response.context["fits"]
    assert fit["group"] == thursday_group and fit["free"] == 6
    assert fit["people"] == three
    assert [(person.first_name, reason) for person, reason in fit["not_fitting"]] == [
        ("Morgen", "vil ha formiddag")
    ]
    page = response.content.decode()
    assert "3 passer i Torsdagsgruppa, 6 ledige plasser" in page
    assert "Morgen: vil ha formiddag" in page


def test_staff_place_a_proposed_set_and_each_is_invited_in_their_own_language(
    client, coordinator, thursday_group, make_registration, django_capture_on_commit_callbacks
):
    people = [waiting(make_registration, f"T{n}") for n in range(2)]
    people.append(waiting(make_registration, "Eng", preferred_language="en"))
    thursday_group.languages = ["nb", "en"]
    thursday_group.save()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            FORMING, {"group": thursday_group.pk, "person": [p.pk for p in people]}
        )
    assert response.status_code == 302
    seats = Membership.objects.active().filter(group=thursday_group)
    assert seats.count() == 5
    assert set(seats.values_list("seat", flat=True)) == {1, 2, 3, 4, 5}
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[people[0].email].startswith("Velkommen til Torsdagsgruppa")
    assert subjects[people[2].email].startswith("Welcome to Torsdagsgruppa")
    english = next(message for message in mail.outbox if message.to == [people[2].email])
    assert "start-up meeting" in english.body and "Storgata 1" in english.body
    assert all(len(message.to) == 1 for message in mail.outbox)
    # Each language's own date: "Thursday 10 December 2026", "torsdag 10. desember 2026".
    assert re.search(r"\n[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}", english.body)
    norwegian = next(message for message in mail.outbox if message.to == [people[0].email])
    assert re.search(r"\n[a-zø]+dag \d{1,2}\. [a-z]+ \d{4}", norwegian.body)


def test_a_new_group_is_proposed_from_five_who_fit(
    client, coordinator, make_group, make_registration
):
    group = make_group(name="Ny tirsdag", slug="ny-tirsdag", weekday=TUESDAY, status="forming")
    # Nobody placed in it yet, so the free seats come first: it is a fit, not a proposal.
    five = [
        waiting(make_registration, f"Ti{n}", preferred_weekdays=[TUESDAY], age_band="60+")
        for n in range(5)
    ]
    client.force_login(coordinator)
    context = client.get(FORMING).context
    assert context["fits"][0]["people"] == five
    group.delete()
    context = client.get(FORMING).context
    (proposal,) = context["proposals"]
    assert proposal["people"] == five
    assert proposal["label"] == "tirsdag, kveld, norsk, 60 eller eldre"
    assert proposal["groups"] == []  # no group to place them in yet: the page links to adding one


def test_placing_is_all_or_nothing(
    client, coordinator, thursday_group, make_registration, make_group
):
    people = [waiting(make_registration, f"T{n}") for n in range(7)]  # 6 seats free
    client.force_login(coordinator)
    response = client.post(
        FORMING, {"group": thursday_group.pk, "person": [p.pk for p in people]}, follow=True
    )
    assert "har 6 ledige plasser" in response.content.decode()
    assert Membership.objects.filter(registration__in=people).count() == 0
    # One already has a seat elsewhere: nobody of the set is placed.
    other = make_group(name="Annen", slug="annen", weekday=TUESDAY)
    services.place_in_group(registration=people[3], group=other)
    response = client.post(
        FORMING, {"group": thursday_group.pk, "person": [p.pk for p in people[:5]]}, follow=True
    )
    assert "har allerede en plass i Annen" in response.content.decode()
    assert Membership.objects.filter(group=thursday_group).count() == 2


def test_the_service_rolls_back_the_earlier_seats_when_a_later_person_fails(
    thursday_group, make_registration
):
    first, second = (waiting(make_registration, f"T{n}") for n in range(2))
    # The same person twice: the second placement fails after the first two got their seats.
    with pytest.raises(services.ValidationError) as error:
        services.place_proposal(registrations=[first, second, first], group=thursday_group)
    assert error.value.code == "duplicate"
    assert Membership.objects.filter(group=thursday_group).count() == 2
    assert InterestRegistration.objects.get(pk=first.pk).status == "new"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"group": "x", "person": ["1"]},
        {"group": "999999", "person": ["1"]},
        {"person": ["abc", "-1"]},
        {"group": "GROUP", "person": []},
        {"group": "GROUP", "person": ["999999"]},
    ],
)
def test_bad_posts_to_the_forming_view_place_nobody(client, coordinator, thursday_group, data):
    data = {
        key: (str(thursday_group.pk) if value == "GROUP" else value) for key, value in data.items()
    }
    client.force_login(coordinator)
    response = client.post(FORMING, data, follow=True)
    assert response.status_code == 200
    assert "Velg en gruppe og personene som skal plasseres." in response.content.decode()
    assert Membership.objects.filter(group=thursday_group).count() == 2


def test_only_staff_who_may_change_memberships_can_place(
    client, staff_user, thursday_group, make_registration
):
    person = waiting(make_registration, "T")
    grant(staff_user, "view_interestregistration", "view_personal_data", "view_group")
    client.force_login(staff_user)
    assert client.get(FORMING).status_code == 200
    assert "Plasser de avkryssede" not in client.get(FORMING).content.decode()
    response = client.post(FORMING, {"group": thursday_group.pk, "person": [person.pk]})
    assert response.status_code == 403
    assert not Membership.objects.filter(registration=person).exists()


def test_the_group_list_says_when_someone_waits_while_seats_are_free(
    client, coordinator, thursday_group, make_registration
):
    person = waiting(make_registration, "Venter", preferred_times=["morning"])
    services.place_in_group(registration=person, group=thursday_group, waitlist=True)
    client.force_login(coordinator)
    page = client.get(GROUPS).content.decode()
    assert f'{FORMING}#group-{thursday_group.pk}">6 ledige plasser: hvorfor?' in page
    fit = client.get(FORMING).context["fits"][0]
    assert [(p.first_name, reason) for p, reason in fit["waitlisted"]] == [
        ("Venter", "vil ha formiddag")
    ]


@pytest.fixture
def full_group_with_line(make_group, make_registration):
    group = make_group(name="Liten", slug="liten", capacity=1)
    services.place_in_group(registration=make_registration(first_name="Sitter"), group=group)
    line = [
        services.place_in_group(registration=make_registration(first_name=f"Kø{n}"), group=group)
        for n in range(3)
    ]
    return group, line


def test_waiting_list_actions_move_forward_and_give_a_seat(
    client, coordinator, full_group_with_line
):
    group, line = full_group_with_line
    client.force_login(coordinator)
    client.post(MEMBERSHIPS, {"action": "move_forward", ACTION_CHECKBOX_NAME: [line[2].pk]})
    order = list(group.memberships.waitlisted().order_by("waitlist_position"))
    assert [m.registration.first_name for m in order] == ["Kø0", "Kø2", "Kø1"]
    # The first in line cannot move forward: said, nothing changes.
    response = client.post(
        MEMBERSHIPS, {"action": "move_forward", ACTION_CHECKBOX_NAME: [line[0].pk]}, follow=True
    )
    assert "allerede først i køen" in response.content.decode()
    # Full: no seat to give.
    response = client.post(
        MEMBERSHIPS, {"action": "give_seat", ACTION_CHECKBOX_NAME: [line[2].pk]}, follow=True
    )
    assert "er full" in response.content.decode()
    services.leave_group(membership=group.memberships.active().get())
    client.post(MEMBERSHIPS, {"action": "give_seat", ACTION_CHECKBOX_NAME: [line[2].pk]})
    line[2].refresh_from_db()
    assert line[2].status == Membership.Status.ACTIVE and line[2].seat == 1
    assert InterestRegistration.objects.get(pk=line[2].registration_id).status == "placed"


def test_waiting_list_mark_contacted_and_withdraw_on_request(
    client, coordinator, full_group_with_line
):
    group, line = full_group_with_line
    InterestRegistration.objects.filter(pk=line[0].registration_id).update(status="new")
    client.force_login(coordinator)
    client.post(MEMBERSHIPS, {"action": "mark_contacted", ACTION_CHECKBOX_NAME: [line[0].pk]})
    assert InterestRegistration.objects.get(pk=line[0].registration_id).status == "contacted"
    # Withdrawing asks first, then erases the person as the link would.
    response = client.post(
        MEMBERSHIPS, {"action": "withdraw_on_request", ACTION_CHECKBOX_NAME: [line[1].pk]}
    )
    assert response.status_code == 200 and "Kø1" in response.content.decode()
    assert InterestRegistration.objects.filter(pk=line[1].registration_id).exists()
    client.post(
        MEMBERSHIPS,
        {"action": "withdraw_on_request", ACTION_CHECKBOX_NAME: [line[1].pk], "confirm": "yes"},
    )
    assert not InterestRegistration.objects.filter(pk=line[1].registration_id).exists()
    assert ErasedRegistrationCount.objects.get().reason == "withdrawn"
    assert group.memberships.waitlisted().count() == 2


def test_withdraw_on_request_from_the_registrations_list(client, coordinator, make_registration):
    person = make_registration(first_name="Ringte")
    client.force_login(coordinator)
    client.post(
        REGISTRATIONS,
        {"action": "withdraw_on_request", ACTION_CHECKBOX_NAME: [person.pk], "confirm": "yes"},
    )
    assert not InterestRegistration.objects.exists()
    assert ErasedRegistrationCount.objects.get().reason == "withdrawn"


def test_staff_without_delete_permission_cannot_withdraw_anyone(
    client, staff_user, full_group_with_line
):
    _group, line = full_group_with_line
    grant(staff_user, "view_membership", "change_membership", "view_personal_data")
    client.force_login(staff_user)
    client.post(
        MEMBERSHIPS,
        {"action": "withdraw_on_request", ACTION_CHECKBOX_NAME: [line[0].pk], "confirm": "yes"},
    )
    assert InterestRegistration.objects.filter(pk=line[0].registration_id).exists()

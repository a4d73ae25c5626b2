import pytest

from groups import services
from groups.models import Group, Membership
from tests.concurrency import run_together
from tests.factories import GroupFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_placements_into_the_last_place_give_exactly_one_seat(
    make_registration,
):
    group = GroupFactory(name="Nesten full", slug="nesten", status=Group.Status.FORMING)
    for _ in range(7):
        services.place_in_group(registration=make_registration(), group=group)
    newcomers = [make_registration() for _ in range(20)]
    outcomes = []

    def attempt(registration):
        try:
            membership = services.place_in_group(registration=registration, group=group)
            outcomes.append(membership.status)
        except Exception as error:  # noqa: BLE001 - any failure must show in the assertion
            outcomes.append(repr(error))

    run_together(attempt, newcomers)

    assert sorted(outcomes) == ["active"] + ["waitlisted"] * 19
    assert group.memberships.active().count() == 8
    positions = list(
        Membership.objects.filter(group=group, status="waitlisted")
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    )
    assert positions == list(range(1, 20))

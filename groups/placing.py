"""Writes for placing people: seats, waiting lists, forming groups from proposals.

Split from ``groups/services.py`` (which re-exports every function here, so callers keep one
entry point). Placing a person locks the group row (``select_for_update``) so concurrent
placements are serialised; the seat constraint in the database is the last line of defence
against a ninth active member.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Group, InterestRegistration, Membership
from groups.personal_data import Reason, erase_registrations
from rooms.mail import Recipient, send_after_commit


def _lowest_free_seat(group):
    taken = set(group.memberships.active().values_list("seat", flat=True))
    return next((seat for seat in range(1, group.capacity + 1) if seat not in taken), None)


def _next_waitlist_position(group):
    highest = group.memberships.waitlisted().aggregate(highest=Max("waitlist_position"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def place_in_group(
    *, registration: InterestRegistration, group: Group, by=None, waitlist: bool = False
) -> Membership:
    """Give the person the lowest free seat in the group, or a place on its waiting list.

    With ``waitlist=True`` the person goes on the waiting list even if a seat is free.
    """
    group = Group.objects.select_for_update().get(pk=group.pk)
    registration = InterestRegistration.objects.select_for_update().get(pk=registration.pk)
    if not group.is_closed:
        raise ValidationError(
            _("Open groups have no members to place: anyone may come."), "open_group"
        )
    if group.status == Group.Status.ENDED:
        raise ValidationError(_("%(group)s has ended.") % {"group": group.name}, "ended")
    if registration.status == InterestRegistration.Status.WITHDRAWN:
        raise ValidationError(
            _("%(name)s has withdrawn the registration.") % {"name": registration.first_name},
            "withdrawn",
        )
    if group.memberships.current().filter(registration=registration).exists():
        raise ValidationError(
            _("%(name)s is already in or waiting for %(group)s.")
            % {"name": registration.first_name, "group": group.name},
            "duplicate",
        )
    seat = None if waitlist else _lowest_free_seat(group)
    today = timezone.localdate()
    if seat is not None:
        membership = Membership(
            registration=registration,
            group=group,
            status=Membership.Status.ACTIVE,
            seat=seat,
            joined_on=today,
            placed_by=by,
        )
        registration.status = InterestRegistration.Status.PLACED
    else:
        membership = Membership(
            registration=registration,
            group=group,
            status=Membership.Status.WAITLISTED,
            waitlist_position=_next_waitlist_position(group),
            placed_by=by,
        )
        if registration.status == InterestRegistration.Status.NEW:
            registration.status = InterestRegistration.Status.CONTACTED
    membership.full_clean()
    membership.save()
    registration.save(update_fields=["status", "updated_at"])
    Group.objects.filter(pk=group.pk).update(updated_at=timezone.now())
    return membership


@transaction.atomic
def leave_group(*, membership: Membership, by=None) -> Membership:
    """End a membership (or a waiting-list place). The seat is freed for the next in line."""
    Group.objects.select_for_update().get(pk=membership.group_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.LEFT:
        raise ValidationError(_("This person has already left the group."), "already_left")
    membership.status = Membership.Status.LEFT
    membership.seat = None
    membership.waitlist_position = None
    membership.left_on = timezone.localdate()
    membership.full_clean()
    membership.save()
    # Touch the registration: the retention period counts from the last change.
    InterestRegistration.objects.filter(pk=membership.registration_id).update(
        updated_at=timezone.now()
    )
    return membership


def first_in_line(group):
    return (
        group.memberships.waitlisted()
        .select_related("registration")
        .order_by("waitlist_position", "created_at")
        .first()
    )


@transaction.atomic
def promote_from_waitlist(*, group: Group, by=None) -> Membership:
    """Give the first person on the waiting list the lowest free seat (after staff confirm)."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    membership = first_in_line(group)
    if membership is None:
        raise ValidationError(_("Nobody is waiting for %(group)s.") % {"group": group.name})
    return move_up(membership=membership, by=by)


# --- forming groups and the waiting lists (the matching itself: groups/forming.py) -----------


def email_language(registration):
    """The person's group language if the site speaks it, else English (a Polish or Swedish
    speaker reads English better than Norwegian more often than not)."""
    languages = {code for code, _name in settings.LANGUAGES}
    if registration.preferred_language in languages:
        return registration.preferred_language
    return "en" if "en" in languages else settings.LANGUAGE_CODE


def registration_recipient(registration, *, language=None, **context):
    """A person's email: in the language they read (``email_language`` unless the caller knows
    better), with their registration and the link that withdraws it."""
    return Recipient(
        registration.email,
        language or email_language(registration),
        {
            "registration": registration,
            "withdraw_url": settings.SITE_URL + registration.get_withdraw_url(),
            **context,
        },
    )


def first_meeting(group):
    """(date, start, end, room) of the start-up meeting, or of the next meeting when the group
    already runs; None when neither is known."""
    series = group.meeting_series
    if group.startup_meeting_on and group.startup_meeting_on >= timezone.localdate():
        return {
            "date": group.startup_meeting_on,
            "start": series.start_time if series else None,
            "end": series.end_time if series else None,
            "room": series.room if series else None,
            "is_startup": True,
        }
    if series is None:
        return None
    booking = series.bookings.active().filter(start__gte=timezone.now()).order_by("start").first()
    if booking is None:
        return None
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    return {
        "date": start.date(),
        "start": start.time(),
        "end": end.time(),
        "room": series.room,
        "is_startup": False,
    }


def _invitation_recipients(registration_ids):
    people = InterestRegistration.objects.filter(pk__in=registration_ids).order_by("pk")
    return [registration_recipient(registration) for registration in people]


def _invitation_context(group_id):
    group = Group.objects.select_related("meeting_series__room").get(pk=group_id)
    return {"group": group, "meeting": first_meeting(group)}


@transaction.atomic
def place_proposal(*, registrations, group: Group, by=None, invite: bool = True) -> list:
    """Give every one of ``registrations`` a seat in ``group``, or nobody one.

    Each goes through ``place_in_group`` (the group row locked, the seat rules, the coded
    errors); one who is already in a group, or would only get a waiting-list place because the
    seats ran out, stops the whole set: the transaction rolls back and nothing is saved. After
    commit each person gets the invitation to the start-up meeting in their own language.
    """
    registrations = list(registrations)
    if not registrations:
        raise ValidationError(_("Choose the people to place."), "nobody")
    group = Group.objects.select_for_update().get(pk=group.pk)
    free = group.capacity - group.memberships.active().count()
    if len(registrations) > free:
        raise ValidationError(
            _(
                "%(group)s has %(free)d free seats, not enough for %(count)d people: "
                "nobody was placed."
            )
            % {"group": group.name, "free": free, "count": len(registrations)},
            "not_enough_seats",
        )
    seated = (
        Membership.objects.active()
        .filter(registration__in=registrations)
        .select_related("registration", "group")
        .first()
    )
    if seated is not None:
        raise ValidationError(
            _("%(name)s already has a place in %(group)s: nobody was placed.")
            % {"name": seated.registration.first_name, "group": seated.group.name},
            "already_placed",
        )
    memberships = []
    for registration in registrations:
        # Someone waiting for this very group moves into a seat instead of a second place.
        waiting = group.memberships.waitlisted().filter(registration=registration).first()
        if waiting is not None:
            memberships.append(move_up(membership=waiting, by=by))
            continue
        membership = place_in_group(registration=registration, group=group, by=by)
        if membership.status != Membership.Status.ACTIVE:  # the DB rules ran out of seats
            raise ValidationError(
                _("%(group)s is full: nobody was placed.") % {"group": group.name}, "full"
            )
        memberships.append(membership)
    if invite:
        ids, group_id = [registration.pk for registration in registrations], group.pk
        send_after_commit(
            template="groups/email/invitation",
            recipients=lambda: _invitation_recipients(ids),
            context=lambda: _invitation_context(group_id),
        )
    return memberships


@transaction.atomic
def move_up(*, membership: Membership, by=None) -> Membership:
    """Give this person on the waiting list the lowest free seat (staff chose them, e.g.
    because the first in line wants another time of day)."""
    group = Group.objects.select_for_update().get(pk=membership.group_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.WAITLISTED:
        raise ValidationError(
            _("%(name)s is not on the waiting list of %(group)s.")
            % {"name": membership.registration.first_name, "group": group.name},
            "not_waiting",
        )
    seat = _lowest_free_seat(group)
    if seat is None:
        raise ValidationError(
            _("%(group)s is full: a member must leave before anyone can move up.")
            % {"group": group.name},
            "full",
        )
    membership.status = Membership.Status.ACTIVE
    membership.seat = seat
    membership.waitlist_position = None
    membership.joined_on = timezone.localdate()
    membership.placed_by = by
    membership.full_clean()
    membership.save()
    InterestRegistration.objects.filter(pk=membership.registration_id).update(
        status=InterestRegistration.Status.PLACED, updated_at=timezone.now()
    )
    return membership


@transaction.atomic
def move_forward_in_line(*, membership: Membership) -> Membership:
    """Swap the person with the one before them on the group's waiting list."""
    Group.objects.select_for_update().get(pk=membership.group_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.WAITLISTED:
        raise ValidationError(
            _("Only people on a waiting list have a place in line."), "not_waiting"
        )
    before = (
        Membership.objects.waitlisted()
        .select_for_update()
        .filter(group_id=membership.group_id, waitlist_position__lt=membership.waitlist_position)
        .order_by("-waitlist_position")
        .first()
    )
    if before is None:
        raise ValidationError(
            _("%(name)s is already first in line.") % {"name": membership.registration.first_name},
            "first",
        )
    before.waitlist_position, membership.waitlist_position = (
        membership.waitlist_position,
        before.waitlist_position,
    )
    before.save(update_fields=["waitlist_position", "updated_at"])
    membership.save(update_fields=["waitlist_position", "updated_at"])
    return membership


@transaction.atomic
def mark_contacted(*, registrations) -> int:
    """New registrations become "contacted"; returns how many changed."""
    ids = [registration.pk for registration in registrations]
    return InterestRegistration.objects.filter(
        pk__in=ids, status=InterestRegistration.Status.NEW
    ).update(status=InterestRegistration.Status.CONTACTED, updated_at=timezone.now())


def withdraw_on_request(*, registrations, by) -> int:
    """The person asked staff (by phone, in person) to withdraw: erased at once, as through
    the link, and counted as withdrawn by the person, not as erased by staff."""
    return erase_registrations(registrations=registrations, reason=Reason.WITHDRAWN, by=by)

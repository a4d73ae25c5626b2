"""Writes for outreach. Every change to brochure stock goes through here.

The rule "stock can never be negative" is kept by locking the brochure rows
(``SELECT … FOR UPDATE``) before reading the stock, so two people recording distributions of the
same brochure at the same moment are served one after the other, and the second sees what the
first took. Brochures are always locked in primary-key order so two multi-brochure visits cannot
deadlock each other.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outreach.models import (
    Brochure,
    ContactActivity,
    Distribution,
    Professional,
    StockMovement,
    today,
)


def _lock_brochures(brochure_ids):
    """Lock the brochure rows and return {id: current stock} read under the lock."""
    ids = sorted(set(brochure_ids))
    # Evaluating the locking queryset takes the locks; the ORDER BY keeps the order stable.
    locked = list(Brochure.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    stock = dict(
        StockMovement.objects.filter(brochure_id__in=ids)
        .order_by()
        .values("brochure_id")
        .annotate(total=Coalesce(Sum("quantity"), 0))
        .values_list("brochure_id", "total")
    )
    return {brochure.pk: (brochure, stock.get(brochure.pk, 0)) for brochure in locked}


def _not_enough_stock_message(brochure, wanted, in_stock):
    return ngettext(
        "Only %(stock)d copy of “%(brochure)s” is in stock, so %(wanted)d cannot be "
        "distributed. Record the new delivery first, or distribute fewer.",
        "Only %(stock)d copies of “%(brochure)s” are in stock, so %(wanted)d cannot be "
        "distributed. Record the new delivery first, or distribute fewer.",
        in_stock,
    ) % {"stock": in_stock, "brochure": brochure, "wanted": wanted}


def check_stock_for(items):
    """Raise ValidationError if the (brochure, quantity) pairs ask for more than is in stock.

    A quick check for forms, without locks; the services check again under the lock.
    """
    wanted = Counter()
    for brochure, quantity in items:
        wanted[brochure.pk] += quantity
    stock = dict(Brochure.objects.with_stock().filter(pk__in=wanted).values_list("pk", "stock"))
    brochures = {brochure.pk: brochure for brochure, _quantity in items}
    errors = [
        _not_enough_stock_message(brochures[pk], quantity, stock.get(pk, 0))
        for pk, quantity in wanted.items()
        if quantity > stock.get(pk, 0)
    ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_distributions(*, items, place, date=None, staff=None, activity=None):
    """Record several (brochure, quantity) distributions at one place, all or nothing.

    Returns the new ``Distribution`` rows. Raises ValidationError naming every brochure there is
    not enough of; then nothing is saved.
    """
    items = [(brochure, quantity) for brochure, quantity in items if quantity]
    if not items:
        return []
    date = date or today()
    wanted = Counter()
    for brochure, quantity in items:
        if quantity < 0:
            raise ValidationError(_("The number of brochures must be a positive number."))
        wanted[brochure.pk] += quantity
    locked = _lock_brochures(wanted)
    errors = []
    for pk, quantity in wanted.items():
        brochure, in_stock = locked[pk]
        if quantity > in_stock:
            errors.append(_not_enough_stock_message(brochure, quantity, in_stock))
    if errors:
        raise ValidationError(errors)

    distributions = []
    for brochure, quantity in items:
        distribution = Distribution(
            brochure=brochure,
            place=place,
            quantity=quantity,
            date=date,
            staff=staff,
            activity=activity,
        )
        distribution.full_clean()
        distribution.save()
        movement = StockMovement(
            brochure=brochure,
            kind=StockMovement.Kind.DISTRIBUTED,
            quantity=-quantity,
            date=date,
            distribution=distribution,
            created_by=staff,
        )
        movement.full_clean()
        movement.save()
        distributions.append(distribution)
    return distributions


def record_distribution(*, brochure, place, quantity, date=None, staff=None, activity=None):
    """Record one distribution; refuses with a clear message when there is not enough stock."""
    if quantity is None or quantity <= 0:
        raise ValidationError(_("The number of brochures must be at least 1."))
    (distribution,) = record_distributions(
        items=[(brochure, quantity)], place=place, date=date, staff=staff, activity=activity
    )
    return distribution


def _validate_movement(*, brochure, kind, quantity, in_stock):
    if kind == StockMovement.Kind.DISTRIBUTED:
        raise ValidationError(
            _("Record brochures handed out as a distribution, so the place is known.")
        )
    if kind in (StockMovement.Kind.RECEIVED, StockMovement.Kind.PRINTED) and quantity <= 0:
        raise ValidationError(_("Received or printed brochures must be a positive number."))
    if quantity == 0:
        raise ValidationError(_("A correction cannot be zero."))
    if in_stock + quantity < 0:
        raise ValidationError(
            _(
                "The stock of “%(brochure)s” is %(stock)d, so a correction of %(quantity)d "
                "would make it negative."
            )
            % {"brochure": brochure, "stock": in_stock, "quantity": quantity}
        )


def check_stock_movement(*, brochure, kind, quantity):
    """The checks of record_stock_movement without the lock, for forms."""
    in_stock = Brochure.objects.with_stock().get(pk=brochure.pk).stock
    _validate_movement(brochure=brochure, kind=kind, quantity=quantity, in_stock=in_stock)


@transaction.atomic
def record_stock_movement(*, brochure, kind, quantity, date=None, note="", user=None):
    """Add a received, printed or correction movement. Distributions use record_distribution."""
    ((locked_brochure, in_stock),) = _lock_brochures([brochure.pk]).values()
    _validate_movement(brochure=locked_brochure, kind=kind, quantity=quantity, in_stock=in_stock)
    movement = StockMovement(
        brochure=locked_brochure,
        kind=kind,
        quantity=quantity,
        date=date or today(),
        note=note,
        created_by=user,
    )
    movement.full_clean()
    movement.save()
    return movement


@transaction.atomic
def update_distribution(*, distribution):
    """Save changes to a distribution's date, place or staff; brochure and quantity stay.

    To change the brochure or the number, delete the distribution and record it again, so the
    stock rule is checked.
    """
    distribution.full_clean()
    distribution.save()
    StockMovement.objects.filter(distribution=distribution).update(date=distribution.date)
    return distribution


@transaction.atomic
def delete_distribution(*, distribution):
    """Undo a distribution recorded by mistake; its stock movement goes with it."""
    distribution.delete()


@transaction.atomic
def complete_follow_ups(*, activities):
    """Mark the follow-ups of these activities as done. Returns how many changed."""
    ids = [activity.pk for activity in activities]
    return ContactActivity.objects.filter(pk__in=ids, follow_up_done=False).update(
        follow_up_done=True
    )


@transaction.atomic
def purge_professional_contacts(*, now=None, dry_run: bool = False) -> dict:
    """Remove name, email, phone and notes of professionals past their retention period.

    The row stays, with role and the date added, so activities keep their professional count
    and the reports their numbers; the workplace goes too, since role and workplace can point
    to one person. Returns {"professionals": how many}, never who.
    """
    professionals = Professional.objects.past_retention(now).select_for_update()
    ids = list(professionals.values_list("pk", flat=True))
    if not dry_run:
        for professional in Professional.objects.filter(pk__in=ids):
            # A placeholder that is unique at the (now empty) workplace, never a name.
            professional.name = f"#{professional.pk}"
            professional.email = professional.phone = professional.notes = ""
            professional.workplace = None
            professional.active = False
            professional.anonymised_on = today()
            professional.save()
    return {"professionals": len(ids)}

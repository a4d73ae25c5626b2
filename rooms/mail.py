"""Every email the site sends, one way: after commit, in each recipient's own language.

An email is two plain-text templates, ``<name>_subject.txt`` and ``<name>.txt`` (for example
``rooms/email/booked_subject.txt`` and ``rooms/email/booked.txt``). Each message is rendered
with its recipient's language and Oslo time active, so dates (``rooms_dates`` filters, Django's
formats) and counts (``blocktranslate count``) come out in that language's own form, and
without HTML escaping, since nobody reads the mail as HTML.

Nothing is rendered or sent before the transaction commits, and nothing if it rolls back. Pass
a function as ``recipients`` or ``context`` to read the rows after commit, so the mail shows
what was committed. All messages of one call go out over one connection.

In rooms because rooms is the bottom layer: groups may import it; rooms imports no other app.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.context import make_context
from django.template.loader import get_template
from django.utils import timezone, translation

from rooms.times import LOCAL_TZ


@dataclass(frozen=True)
class Recipient:
    """One message: its address, the language it is written in, and what only it shows (the
    person's name, their own withdrawal link). ``also_to`` puts more addresses on the same
    message (the centre's copy of a change report)."""

    email: str
    language: str
    context: Mapping = field(default_factory=dict, compare=False)
    also_to: tuple[str, ...] = ()

    @property
    def to(self) -> list[str]:
        return list(dict.fromkeys(address for address in (self.email, *self.also_to) if address))


def organisation_recipient(organisation, **context) -> Recipient:
    """An organisation's contact, in the language the organisation chose for its emails."""
    return Recipient(
        organisation.email, organisation.language, {"organisation": organisation, **context}
    )


def send_after_commit(
    *,
    template: str,
    recipients: Iterable[Recipient] | Callable[[], Iterable[Recipient]],
    context: Mapping | Callable[[], Mapping] | None = None,
    reply_to: Iterable[str] = (),
) -> None:
    """Send ``template`` to each recipient once the current transaction commits.

    ``recipients`` and ``context`` are values, or functions called after commit (re-read the
    rows by id there). Each recipient gets a message of its own, so people never see each
    other's addresses; recipients without an address are left out.
    """
    reply_to = list(reply_to)

    def send():
        shared = context() if callable(context) else context
        people = recipients() if callable(recipients) else recipients
        messages = [
            _message(template, recipient, shared or {}, reply_to)
            for recipient in people
            if recipient.to
        ]
        if messages:
            with get_connection() as connection:
                connection.send_messages(messages)

    # robust: the write has committed by now, so a mail server that is down must not turn the
    # person's saved booking or sign-up into an error page (they would try again); Django logs
    # the failure on the "django.db.backends.base" logger instead.
    transaction.on_commit(send, robust=True)


def _message(template, recipient, shared, reply_to):
    context = {
        "centre_name": settings.CENTRE_NAME,
        "centre_email": settings.CENTRE_EMAIL,
        "centre_phone": settings.CENTRE_PHONE,
        "centre_address": settings.CENTRE_ADDRESS,
        "site_url": settings.SITE_URL,
        **shared,
        **recipient.context,
    }
    with translation.override(recipient.language), timezone.override(LOCAL_TZ):
        # A header holds one line: the subject template may wrap, the subject may not.
        subject = " ".join(_render(f"{template}_subject.txt", context).split())
        body = _render(f"{template}.txt", context).strip() + "\n"
    return EmailMessage(subject, body, to=recipient.to, reply_to=reply_to)


def _render(name, context):
    # Plain text: the Django template itself, rendered with autoescaping off ("&", not "&amp;").
    return get_template(name).template.render(make_context(context, autoescape=False))

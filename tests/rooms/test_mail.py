"""rooms.mail: every email after commit, in each recipient's language, over one connection."""

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from rooms.closures import add_closure
from rooms.mail import Recipient, organisation_recipient, send_after_commit
from rooms.models import Closure, Organisation
from rooms.services import book_single
from rooms.times import today_local

pytestmark = pytest.mark.django_db
THURSDAY = 3
NB_DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
NB_MONTHS = "januar februar mars april mai juni juli august september oktober november desember"
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = "January February March April May June July August September October November December"


class CountingBackend(EmailBackend):
    """The test outbox, counting the connections opened and the batches sent over them."""

    connections = 0
    batches = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountingBackend.connections += 1

    def send_messages(self, messages):
        CountingBackend.batches.append(len(messages))
        return super().send_messages(messages)


@pytest.fixture
def counting_backend(settings):
    settings.EMAIL_BACKEND = "tests.rooms.test_mail.CountingBackend"
    CountingBackend.connections, CountingBackend.batches = 0, []
    return CountingBackend


def thursday():
    day = today_local() + dt.timedelta(days=7)
    return day + dt.timedelta(days=(THURSDAY - day.weekday()) % 7)


def norwegian(day):
    return f"{NB_DAYS[day.weekday()]} {day.day}. {NB_MONTHS.split()[day.month - 1]} {day.year}"


def english(day):
    return f"{EN_DAYS[day.weekday()]} {day.day} {EN_MONTHS.split()[day.month - 1]} {day.year}"


def book(organisation, room, day, title="AA torsdag"):
    return book_single(
        organisation=organisation,
        room=room,
        date=day,
        start_time=dt.time(18),
        end_time=dt.time(20),
        title=title,
    )


def test_nothing_is_sent_before_commit(
    organisation, room, opening_hours, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book(organisation, room, thursday())
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["aa@example.org"]]


def test_nothing_is_sent_when_the_transaction_rolls_back(
    organisation, room, opening_hours, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            book(organisation, room, thursday())
            send_after_commit(
                template="rooms/email/cancelled_by_staff",
                recipients=[organisation_recipient(organisation)],
                context={"bookings": []},
            )
            raise RuntimeError("something after the booking failed")
    assert mail.outbox == []


def test_norwegian_is_the_default_with_norwegian_dates(
    organisation, room, opening_hours, django_capture_on_commit_callbacks
):
    day = thursday()
    with django_capture_on_commit_callbacks(execute=True):
        book(organisation, room, day)
    [message] = mail.outbox
    assert organisation.language == "nb"
    assert message.subject == "Rom booket: AA torsdag"
    assert "Disse datoene er nå booket for dere i Rom 2:" in message.body
    assert f"- {norwegian(day)} 18:00–20:00, Rom 2" in message.body


def test_an_organisation_that_chose_english_gets_english_with_english_dates(
    organisation, room, opening_hours, django_capture_on_commit_callbacks
):
    Organisation.objects.filter(pk=organisation.pk).update(language="en")
    organisation.refresh_from_db()
    day = thursday()
    with django_capture_on_commit_callbacks(execute=True):
        book(organisation, room, day)
    [message] = mail.outbox
    assert message.subject == "Room booked: AA torsdag"
    assert "These dates are now booked for you in Rom 2:" in message.body
    assert f"- {english(day)} 18:00–20:00, Rom 2" in message.body
    assert "Disse" not in message.body and ". " + EN_MONTHS.split()[day.month - 1] not in (
        message.body
    )


def test_many_recipients_one_connection_each_in_their_own_language(
    organisation,
    other_organisation,
    room,
    opening_hours,
    counting_backend,
    django_capture_on_commit_callbacks,
):
    Organisation.objects.filter(pk=other_organisation.pk).update(language="en")
    day = thursday()
    book(organisation, room, day)
    book(Organisation.objects.get(pk=other_organisation.pk), room, day + dt.timedelta(weeks=1))
    mail.outbox.clear()
    counting_backend.connections, counting_backend.batches = 0, []
    with django_capture_on_commit_callbacks(execute=True):
        add_closure(
            start_date=day,
            end_date=day + dt.timedelta(weeks=1),
            reason=Closure.Reason.MAINTENANCE,
            description="Oppussing",
        )
    assert (counting_backend.connections, counting_backend.batches) == (1, [2])
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address.keys() == {"aa@example.org", "na@example.org"}
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees the others
    norwegian_mail, english_mail = by_address["aa@example.org"], by_address["na@example.org"]
    assert norwegian_mail.subject.startswith("Senteret er stengt")
    assert norwegian(day) in norwegian_mail.body and "Oppussing" in norwegian_mail.body
    assert english_mail.subject == "The centre is closed: some of your bookings fall out"
    assert english(day + dt.timedelta(weeks=1)) in english_mail.body
    assert norwegian(day) not in english_mail.body  # each organisation sees only its own dates


def test_reply_to_and_more_addresses_on_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(
            template="rooms/email/cancelled_by_staff",
            recipients=[Recipient("a@example.org", "en", also_to=("staff@example.org",))],
            context={"bookings": [], "reason": "Water damage"},
            reply_to=["kari@example.org"],
        )
    [message] = mail.outbox
    assert message.to == ["a@example.org", "staff@example.org"]
    assert message.reply_to == ["kari@example.org"]
    assert message.subject == "Your room booking has been cancelled"
    assert "Reason: Water damage" in message.body


def test_plain_text_is_not_html_escaped(
    organisation, room, opening_hours, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book(organisation, room, thursday(), title="AA & venner <torsdag>")
    [message] = mail.outbox
    assert message.subject == "Rom booket: AA & venner <torsdag>"
    assert "&amp;" not in message.body and "&lt;" not in message.body


def test_functions_are_read_after_commit_and_empty_addresses_left_out(
    organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(
            template="rooms/email/cancelled_by_staff",
            recipients=lambda: [
                organisation_recipient(Organisation.objects.get(pk=organisation.pk)),
                Recipient("", "nb"),
            ],
            context=lambda: {"bookings": [], "reason": Organisation.objects.get().name},
        )
        Organisation.objects.filter(pk=organisation.pk).update(name="AA Oslo sentrum")
    [message] = mail.outbox
    assert message.to == ["aa@example.org"]
    assert "AA Oslo sentrum" in message.body  # what was committed, not what was passed


def test_without_recipients_no_connection_is_opened(
    counting_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(template="rooms/email/closure", recipients=[Recipient("", "nb")])
    assert counting_backend.connections == 0 and mail.outbox == []


def test_every_email_template_has_its_subject_template(settings):
    root = Path(settings.BASE_DIR) / "templates"
    bodies = [
        path
        for app in ("rooms", "groups")
        for path in (root / app / "email").glob("*.txt")
        if not path.name.startswith("_") and not path.stem.endswith("_subject")
    ]
    assert len(bodies) >= 13
    assert [
        path.name for path in bodies if not path.with_name(f"{path.stem}_subject.txt").exists()
    ] == []


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_after_commit_is_logged_and_the_write_stands(settings, caplog):
    """The booking has committed when the mail goes out: a failing server must not make the
    request fail (the person would book again), and must not be silent either."""
    settings.EMAIL_BACKEND = "tests.rooms.test_mail.FailingBackend"
    with transaction.atomic():
        Organisation.objects.create(name="Kept", slug="kept", email="kept@example.org")
        send_after_commit(
            template="rooms/email/closure",
            recipients=[Recipient("kept@example.org", "nb")],
            context={"closure": None, "dates": []},
        )
    assert Organisation.objects.filter(slug="kept").exists()
    assert "the mail server is down" in caplog.text

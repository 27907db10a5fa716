from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, send_mail
from django.utils import timezone, translation

from accounts import privacy
from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.services import (
    email_deliver,
    email_enqueue,
    email_resend,
    emails_erase_old_bodies,
    emails_requeue_stalled,
)
from tests.factories import StaffFactory, UserFactory
from tests.support.mail import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky_mail_server(settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.support.mail.FlakyBackend"

    def fail(times: int) -> None:
        FlakyBackend.failures_left = times

    yield fail
    FlakyBackend.failures_left = 0


def test_it_stores_one_row_and_sends_one_mail_for_the_same_key_twice(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first, first_created = email_enqueue(
            to="ada@example.org", subject="Welcome", text_body="Hello", key="welcome:42"
        )
        second, second_created = email_enqueue(
            to="ada@example.org", subject="Welcome", text_body="Hello", key="welcome:42"
        )

    assert (first_created, second_created) == (True, False)
    assert first.pk == second.pk
    assert OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get().status == EmailStatus.SENT


def test_mail_sent_through_djangos_api_goes_through_the_outbox(django_capture_on_commit_callbacks):
    message = EmailMultiAlternatives(
        "Agenda",
        "See you in Essen.",
        to=["bea@example.org"],
        headers={"X-Idempotency-Key": "agenda:7"},
    )
    message.attach_alternative("<p>See you in <b>Essen</b>.</p>", "text/html")
    message.attach("agenda.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")

    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    row = OutboundEmail.objects.get()
    assert (row.idempotency_key, row.to_email, row.status) == (
        "agenda:7",
        "bea@example.org",
        "sent",
    )
    assert row.html_body == "<p>See you in <b>Essen</b>.</p>"
    delivered = mail.outbox[0]
    assert delivered.alternatives[0][0] == "<p>See you in <b>Essen</b>.</p>"
    assert delivered.attachments[0][0] == "agenda.ics"
    assert "X-Idempotency-Key" not in delivered.extra_headers


def test_a_message_to_several_people_becomes_one_row_each(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Summit", "Programme attached.", None, ["a@example.org", "b@example.org"])

    assert sorted(OutboundEmail.objects.values_list("to_email", flat=True)) == [
        "a@example.org",
        "b@example.org",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


def test_it_refuses_a_bad_address_with_a_clear_message_and_stores_nothing():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        email_enqueue(to="not an address", subject="Hi", text_body="x")

    assert error.value.messages == ["“not an address” is not a valid e-mail address."]
    assert not OutboundEmail.objects.exists()


def test_it_refuses_a_subject_with_a_line_break_and_stores_nothing():
    with translation.override("en"), pytest.raises(ValidationError, match="single line"):
        email_enqueue(to="a@example.org", subject="Hi\nBcc: everyone@example.org", text_body="x")

    assert not OutboundEmail.objects.exists()


def test_it_sends_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            from django.db import transaction

            with transaction.atomic():
                email_enqueue(to="a@example.org", subject="Hi", text_body="x")
                raise RuntimeError("the surrounding action failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def test_a_failed_send_is_retried_and_then_sent(
    flaky_mail_server, django_capture_on_commit_callbacks
):
    flaky_mail_server(times=1)

    with django_capture_on_commit_callbacks(execute=True):
        email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_last_attempt_and_records_the_error(
    flaky_mail_server, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    flaky_mail_server(times=10)

    with django_capture_on_commit_callbacks(execute=True):
        email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 3
    assert "mail server refused the connection" in email.last_error
    assert mail.outbox == []


def test_staff_can_resend_a_failed_mail(
    flaky_mail_server, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    flaky_mail_server(times=1)
    with django_capture_on_commit_callbacks(execute=True):
        email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")

    with django_capture_on_commit_callbacks(execute=True):
        email_resend(actor=StaffFactory(), email_id=email.pk)

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_only_a_failed_mail_can_be_resent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")

    with translation.override("en"), pytest.raises(ValidationError, match="Only failed e-mails"):
        email_resend(actor=StaffFactory(), email_id=email.pk)
    assert len(mail.outbox) == 1


def test_a_row_another_worker_is_sending_is_not_sent_again(settings):
    email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING,
        attempts=1,
        lease_expires_at=timezone.now() + timedelta(seconds=60),
    )

    outcome = email_deliver(email_id=email.pk)

    assert outcome.status == EmailStatus.SENDING
    assert 55 <= outcome.retry_in <= 62
    assert mail.outbox == []


def test_a_row_whose_sender_died_is_sent_once_its_lease_ran_out(django_capture_on_commit_callbacks):
    email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING,
        attempts=1,
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        requeued = emails_requeue_stalled()

    email.refresh_from_db()
    assert requeued == 1
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1


def test_a_sent_row_is_never_sent_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email, _ = email_enqueue(to="a@example.org", subject="Hi", text_body="x")

    email_deliver(email_id=email.pk)

    assert len(mail.outbox) == 1


def test_every_attempt_carries_the_same_message_id(
    flaky_mail_server, django_capture_on_commit_callbacks
):
    flaky_mail_server(times=0)
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to="a@example.org", subject="Hi", text_body="x", key="same:1")
    first_id = mail.outbox[0].extra_headers["Message-ID"]
    OutboundEmail.objects.update(status=EmailStatus.QUEUED)

    email_deliver(email_id=OutboundEmail.objects.get().pk)

    assert mail.outbox[1].extra_headers["Message-ID"] == first_id


def test_bodies_are_erased_thirty_days_after_sending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old, _ = email_enqueue(
            to="a@example.org", subject="Old", text_body="secret", html_body="<p>secret</p>"
        )
        recent, _ = email_enqueue(to="a@example.org", subject="Recent", text_body="fresh")
    OutboundEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))

    erased = emails_erase_old_bodies()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert erased == 1
    assert (old.text_body, old.html_body, old.subject) == ("", "", "Old")
    assert old.body_erased_at is not None
    assert recent.text_body == "fresh"


def test_gdpr_export_and_erasure_cover_mail_to_all_the_users_addresses(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="ada@example.org")
    other = UserFactory(email="bob@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue(to="ada@example.org", subject="For Ada", text_body="x")
        email_enqueue(to="bob@example.org", subject="For Bob", text_body="x")

    exported = privacy.personal_data_export(user=user)
    privacy.personal_data_erase(user=user)

    assert [row["subject"] for row in exported["emails"]] == ["For Ada"]
    assert list(OutboundEmail.objects.values_list("subject", flat=True)) == ["For Bob"]
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert type(user).objects.filter(pk=other.pk).exists()

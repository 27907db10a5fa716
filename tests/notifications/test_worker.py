"""The outbox with real Celery workers: Redis broker, PostgreSQL, subprocesses we can kill."""

import pytest
from django.db import transaction

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.services import email_enqueue, emails_requeue_stalled
from tests.support.mail import delivered
from tests.support.worker import wait_for

pytestmark = pytest.mark.worker


def _status(email_id: int) -> str:
    return OutboundEmail.objects.get(pk=email_id).status


def test_a_task_enqueued_on_commit_runs_in_a_real_worker_and_writes_to_postgres(
    start_worker, tmp_path
):
    sent_file = tmp_path / "sent.jsonl"
    start_worker(
        EMAIL_DELIVERY_BACKEND="tests.support.mail.SlowFileBackend", SLOW_MAIL_FILE=str(sent_file)
    )

    with transaction.atomic():
        email, _ = email_enqueue(to="ada@example.org", subject="Welcome", text_body="Hello")
        # Not yet committed: the worker must not have been told.
        assert _status(email.pk) == EmailStatus.QUEUED

    wait_for(lambda: _status(email.pk) == EmailStatus.SENT, message="the worker to send it")
    assert [row["to"] for row in delivered(sent_file)] == [["ada@example.org"]]
    assert OutboundEmail.objects.get(pk=email.pk).attempts == 1


def test_a_worker_process_killed_mid_send_neither_loses_nor_duplicates_the_mail(
    start_worker, tmp_path
):
    sent_file = tmp_path / "sent.jsonl"
    worker = start_worker(
        EMAIL_DELIVERY_BACKEND="tests.support.mail.SlowFileBackend",
        SLOW_MAIL_FILE=str(sent_file),
        SLOW_MAIL_SECONDS="3",
        OUTBOX_SEND_LEASE_SECONDS="5",
    )
    with transaction.atomic():
        email, _ = email_enqueue(to="ada@example.org", subject="Welcome", text_body="Hello")
    wait_for(lambda: _status(email.pk) == EmailStatus.SENDING, message="the worker to claim it")

    worker.kill_pool_child()

    wait_for(
        lambda: _status(email.pk) == EmailStatus.SENT,
        timeout=40,
        message="the redelivered task to send it",
    )
    assert len(delivered(sent_file)) == 1
    assert OutboundEmail.objects.get(pk=email.pk).attempts == 2


def test_a_whole_worker_killed_mid_send_is_recovered_by_the_sweeper_once(start_worker, tmp_path):
    sent_file = tmp_path / "sent.jsonl"
    mail_env = {
        "EMAIL_DELIVERY_BACKEND": "tests.support.mail.SlowFileBackend",
        "SLOW_MAIL_FILE": str(sent_file),
        "SLOW_MAIL_SECONDS": "3",
        "OUTBOX_SEND_LEASE_SECONDS": "4",
    }
    first = start_worker(**mail_env)
    with transaction.atomic():
        email, _ = email_enqueue(to="ada@example.org", subject="Welcome", text_body="Hello")
    wait_for(lambda: _status(email.pk) == EmailStatus.SENDING, message="the worker to claim it")

    first.kill()
    start_worker(**mail_env)
    # The broker keeps the dead worker's message until its visibility timeout (hours);
    # the sweeper (a beat task every minute) hands the row over once the lease ran out.
    wait_for(
        lambda: emails_requeue_stalled() or None,
        timeout=15,
        interval=0.5,
        message="the lease to run out",
    )

    wait_for(
        lambda: _status(email.pk) == EmailStatus.SENT,
        timeout=30,
        message="the new worker to send it",
    )
    assert len(delivered(sent_file)) == 1

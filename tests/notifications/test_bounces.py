import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from notifications.bounces import email_events_record, provider_event
from notifications.enums import EmailStatus, SuppressionReason
from notifications.models import EmailEvent, SuppressedAddress
from notifications.services import email_deliver, email_enqueue
from notifications.webhooks import body_signature

pytestmark = pytest.mark.django_db

SECRET = "test-webhook-secret"
HOOK = "/hooks/email-events/"


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.EMAIL_WEBHOOK_SECRET = SECRET


def _event(**overrides) -> dict:
    return {
        "id": "evt-1",
        "type": "bounce",
        "bounce_type": "hard",
        "email": "Gone@Example.org",
        "timestamp": "2026-11-20T10:00:00Z",
        **overrides,
    }


def _post(client, payload, *, secret: str = SECRET, signature: str | None = None):
    body = json.dumps(payload).encode()
    return client.post(
        HOOK,
        body,
        content_type="application/json",
        headers={"X-RuhrBridge-Signature": signature or body_signature(body, secret)},
    )


def test_the_webhook_does_not_exist_without_a_secret(client, settings):
    settings.EMAIL_WEBHOOK_SECRET = ""

    response = _post(client, {"events": [_event()]})

    assert response.status_code == 404
    assert not SuppressedAddress.objects.exists()


def test_a_bad_signature_is_refused_and_changes_nothing(client):
    response = _post(client, {"events": [_event()]}, secret="someone-elses-secret")

    assert response.status_code == 403
    assert not SuppressedAddress.objects.exists()
    assert not EmailEvent.objects.exists()


def test_a_missing_signature_is_refused(client):
    response = client.post(
        HOOK, json.dumps({"events": [_event()]}), content_type="application/json"
    )

    assert response.status_code == 403
    assert not EmailEvent.objects.exists()


def test_a_hard_bounce_makes_the_address_undeliverable_and_nothing_is_sent_to_it_afterwards(
    client, django_capture_on_commit_callbacks
):
    response = _post(client, {"events": [_event()]})

    assert response.status_code == 200
    suppressed = SuppressedAddress.objects.get()
    assert (suppressed.email, suppressed.reason) == (
        "gone@example.org",
        SuppressionReason.HARD_BOUNCE,
    )
    with django_capture_on_commit_callbacks(execute=True):
        email, _created = email_enqueue(to="gone@example.org", subject="Hi", text_body="Hello")
    email.refresh_from_db()
    assert email.status == EmailStatus.SUPPRESSED
    assert "undeliverable since 2026-11-20" in email.last_error
    assert mail.outbox == []


def test_an_email_queued_before_the_bounce_is_not_sent_either():
    email, _created = email_enqueue(to="gone@example.org", subject="Hi", text_body="Hello")
    email_events_record(events=[provider_event(_event())], source="webhook")

    assert email_deliver(email_id=email.pk).status == EmailStatus.SUPPRESSED
    assert mail.outbox == []


def test_a_complaint_suppresses_too(client):
    _post(client, [_event(type="complaint", bounce_type="")])

    assert SuppressedAddress.objects.get().reason == SuppressionReason.COMPLAINT


def test_a_soft_bounce_is_recorded_but_the_address_stays_deliverable(client):
    response = _post(client, {"events": [_event(bounce_type="soft")]})

    assert response.status_code == 200
    assert EmailEvent.objects.get().bounce_type == "soft"
    assert not SuppressedAddress.objects.exists()


def test_a_replayed_event_changes_nothing_and_is_answered_with_200(client):
    _post(client, {"events": [_event()]})

    response = _post(client, {"events": [_event()]})

    assert response.status_code == 200
    assert response.json() == {"received": 1, "new": 0}
    assert EmailEvent.objects.count() == 1
    assert SuppressedAddress.objects.get().events_count == 1


def test_a_second_bounce_of_the_same_address_is_counted(client):
    _post(client, {"events": [_event(), _event(id="evt-2", timestamp="2026-11-22T10:00:00Z")]})

    suppressed = SuppressedAddress.objects.get()
    assert suppressed.events_count == 2
    assert suppressed.first_seen.day == 20 and suppressed.last_seen.day == 22


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"events": [_event(type="opened")]}, "events[0].type"),
        ({"events": [_event(email="not-an-address")]}, "events[0].email"),
        ({"events": [_event(), _event(id="evt-2", timestamp="yesterday")]}, "events[1].timestamp"),
        ({"events": [_event(bounce_type="")]}, "events[0].bounce_type"),
        ({"events": "nothing"}, "list of event objects"),
    ],
)
def test_a_signed_but_malformed_body_is_refused_with_the_reason_and_changes_nothing(
    client, payload, message
):
    response = _post(client, payload)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not EmailEvent.objects.exists()
    assert not SuppressedAddress.objects.exists()


def test_a_body_that_is_not_json_is_refused(client):
    body = b"bounce!"
    response = client.post(
        HOOK,
        body,
        content_type="application/json",
        headers={"X-RuhrBridge-Signature": body_signature(body, SECRET)},
    )

    assert response.status_code == 400


def test_the_webhook_needs_no_csrf_token():
    response = _post(Client(enforce_csrf_checks=True), {"events": [_event()]})

    assert response.status_code == 200


# --- import_bounces ----------------------------------------------------------------------


def _file(tmp_path, text: str):
    path = tmp_path / "bounces.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_bounces_records_a_good_file_and_a_second_run_changes_nothing(tmp_path, capsys):
    path = _file(
        tmp_path,
        "email,type,bounce_type,timestamp\n"
        "gone@example.org,bounce,hard,2026-11-20T10:00:00Z\n"
        "busy@example.org,bounce,soft,2026-11-20T11:00:00Z\n"
        "angry@example.org,complaint,,1763632800\n",
    )

    call_command("import_bounces", path)
    call_command("import_bounces", path)

    assert set(SuppressedAddress.objects.values_list("email", flat=True)) == {
        "gone@example.org",
        "angry@example.org",
    }
    assert EmailEvent.objects.count() == 3
    assert "3 event(s) read, 0 new, 3 known already" in capsys.readouterr().out


def test_import_bounces_lists_every_bad_cell_records_nothing_and_exits_with_1(tmp_path):
    path = _file(
        tmp_path,
        "email,type,bounce_type,timestamp,id\n"
        "gone@example.org,bounce,hard,2026-11-20T10:00:00Z,a\n"
        "not-an-address,bounce,hard,2026-11-20T10:00:00Z,b\n"
        "x@example.org,bounce,,2026-11-20T10:00:00Z,c\n"
        "y@example.org,opened,,soon,d\n",
    )

    with pytest.raises(CommandError) as error:
        call_command("import_bounces", path)

    assert "3 error(s) in bounces.csv; nothing was recorded" in str(error.value)
    assert error.value.returncode == 1
    assert not EmailEvent.objects.exists()
    assert not SuppressedAddress.objects.exists()


def test_import_bounces_names_the_row_and_column_of_each_error(tmp_path, capsys):
    path = _file(
        tmp_path,
        "email,type,bounce_type,timestamp\nnot-an-address,bounce,hard,2026-11-20T10:00:00Z\n"
        "x@example.org,bounce,,2026-11-20T10:00:00Z\n",
    )

    with pytest.raises(CommandError):
        call_command("import_bounces", path)

    errors = capsys.readouterr().err
    assert "row 2, column email: “not-an-address” is not an e-mail address." in errors
    assert "row 3, column bounce_type: a bounce needs the bounce type hard or soft." in errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("address,type,timestamp\n", "Unknown column(s): address"),
        ("email,type\n", "Missing column(s): timestamp"),
    ],
)
def test_import_bounces_refuses_a_file_it_cannot_read(tmp_path, text, message):
    with pytest.raises(CommandError) as error:
        call_command("import_bounces", _file(tmp_path, text))

    assert message in str(error.value)
    assert "Nothing was recorded" in str(error.value)


def test_import_bounces_says_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import_bounces", str(tmp_path / "nope.csv"))

    assert "Cannot read" in str(error.value)

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)
    return client


def _email(status: str, to: str) -> OutboundEmail:
    return OutboundEmail.objects.create(
        idempotency_key=f"test:{to}",
        to_email=to,
        from_email="noreply@example.org",
        subject=f"For {to}",
        text_body="Hello",
        status=status,
        attempts=6,
    )


def test_staff_filter_the_outbox_by_status(staff_client):
    _email(EmailStatus.FAILED, "failed@example.org")
    _email(EmailStatus.QUEUED, "queued@example.org")

    response = staff_client.get("/admin/notifications/outboundemail/?status__exact=failed")

    assert response.status_code == 200
    assert "failed@example.org" in response.text
    assert "queued@example.org" not in response.text


def test_staff_resend_a_failed_email_from_the_admin(
    staff_client, django_capture_on_commit_callbacks
):
    failed = _email(EmailStatus.FAILED, "failed@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/notifications/outboundemail/",
            {"action": "resend_failed", "_selected_action": [failed.pk]},
            follow=True,
        )

    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert [message.to for message in mail.outbox] == [["failed@example.org"]]
    assert "1 e-mail queued again." in response.text

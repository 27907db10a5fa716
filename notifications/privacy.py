from accounts import privacy
from notifications.models import (
    EmailEvent,
    Notification,
    NotificationSetting,
    SuppressedAddress,
    Unsubscribe,
)
from notifications.selectors import outbound_emails_for, user_email_addresses
from notifications.texts import notification_text


def _export(user) -> list[dict]:
    return [
        {
            "to": email.to_email,
            "subject": email.subject,
            "status": email.status,
            "created_at": email.created_at.isoformat(),
            "sent_at": email.sent_at.isoformat() if email.sent_at else None,
            "text_body": email.text_body,
        }
        for email in outbound_emails_for(user=user).order_by("created_at")
    ]


def _erase(user) -> None:
    outbound_emails_for(user=user).delete()


def register_outbox_section() -> None:
    privacy.register(
        privacy.PersonalDataSection(
            name="emails", export=_export, erase=_erase, models=("notifications.OutboundEmail",)
        )
    )


def _export_notifications(user) -> dict:
    setting = NotificationSetting.objects.filter(user=user).first()
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "text": notification_text(kind=notification.kind, params=notification.params),
                "link": notification.url,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in Notification.objects.filter(user=user).order_by("created_at")
        ],
        "email_settings": {
            "by_email": list(setting.email_kinds) if setting else None,
            "last_weekly_digest_at": (
                setting.last_digest_at.isoformat() if setting and setting.last_digest_at else None
            ),
        },
        "unsubscribes": [
            {"kind": item.kind, "how": item.method, "at": item.created_at.isoformat()}
            for item in Unsubscribe.objects.filter(user=user).order_by("created_at")
        ],
        "undeliverable_addresses": _export_suppressions(user),
    }


def _export_suppressions(user) -> list[dict]:
    """Held by address, not by person: the user's own addresses are theirs."""
    addresses = user_email_addresses(user=user)
    events = EmailEvent.objects.filter(email__in=addresses).order_by("occurred_at")
    return [
        {
            "address": suppressed.email,
            "reason": suppressed.reason,
            "undeliverable_since": suppressed.first_seen.isoformat(),
            "events": [
                {
                    "type": event.type,
                    "bounce_type": event.bounce_type,
                    "at": event.occurred_at.isoformat(),
                }
                for event in events
                if event.email == suppressed.email
            ],
        }
        for suppressed in SuppressedAddress.objects.filter(email__in=addresses).order_by("email")
    ]


def _erase_notifications(user) -> None:
    Notification.objects.filter(user=user).delete()
    NotificationSetting.objects.filter(user=user).delete()
    Unsubscribe.objects.filter(user=user).delete()
    addresses = user_email_addresses(user=user)
    SuppressedAddress.objects.filter(email__in=addresses).delete()
    EmailEvent.objects.filter(email__in=addresses).delete()


def register_notifications_section() -> None:
    privacy.register(
        privacy.PersonalDataSection(
            name="notifications",
            export=_export_notifications,
            erase=_erase_notifications,
            models=(
                "notifications.Notification",
                "notifications.NotificationSetting",
                "notifications.Unsubscribe",
                "notifications.SuppressedAddress",
                "notifications.EmailEvent",
            ),
        )
    )

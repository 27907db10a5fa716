from accounts import privacy
from notifications.models import Notification, NotificationSetting
from notifications.selectors import outbound_emails_for
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
    }


def _erase_notifications(user) -> None:
    Notification.objects.filter(user=user).delete()
    NotificationSetting.objects.filter(user=user).delete()


def register_notifications_section() -> None:
    privacy.register(
        privacy.PersonalDataSection(
            name="notifications",
            export=_export_notifications,
            erase=_erase_notifications,
            models=("notifications.Notification", "notifications.NotificationSetting"),
        )
    )

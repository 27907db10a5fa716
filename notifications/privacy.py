from accounts import privacy
from notifications.selectors import outbound_emails_for


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

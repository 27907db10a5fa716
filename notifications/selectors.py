from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from notifications.enums import NotificationKind
from notifications.models import Notification, NotificationSetting, OutboundEmail
from notifications.texts import notification_text


def user_email_addresses(*, user) -> set[str]:
    addresses = {user.email.lower()}
    addresses.update(
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return addresses


def outbound_emails_for(*, user) -> QuerySet[OutboundEmail]:
    """Every outbox row sent, or to be sent, to one of the user's addresses."""
    return OutboundEmail.objects.filter(to_email__in=user_email_addresses(user=user))


def notifications_for(*, user) -> QuerySet[Notification]:
    """The person's notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def notification_for(*, user, notification_id: int) -> Notification | None:
    """One of the person's own notifications; someone else's does not exist for them."""
    return Notification.objects.filter(user=user, pk=notification_id).first()


def unread_count_for(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_texts(notifications) -> list[tuple[Notification, str]]:
    """Each notification with what it says, in the active language."""
    return [
        (notification, notification_text(kind=notification.kind, params=notification.params))
        for notification in notifications
    ]


def notification_setting_for(*, user) -> NotificationSetting:
    """The person's choices, or the defaults (unsaved) if they never chose."""
    setting = NotificationSetting.objects.filter(user=user).first()
    return setting or NotificationSetting(user=user)


def wants_email(*, user, kind: NotificationKind | str) -> bool:
    return notification_setting_for(user=user).wants_email(kind)


def notification_settings_by_user(*, user_ids) -> dict[int, NotificationSetting]:
    """Everyone's choices in one query; people who never chose get the defaults."""
    stored = {
        setting.user_id: setting
        for setting in NotificationSetting.objects.filter(user_id__in=user_ids)
    }
    return {
        user_id: stored.get(user_id) or NotificationSetting(user_id=user_id) for user_id in user_ids
    }

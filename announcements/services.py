from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from announcements.models import Announcement
from announcements.selectors import announcement_recipient_plan
from notifications.enums import NotificationKind
from notifications.services import email_enqueue


def _email_one(announcement: Announcement, user) -> None:
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        frame = {"body": announcement.body_in(language)}
        email_enqueue(
            to=user.email,
            subject=announcement.title_in(language),
            text_body=render_to_string("companies/email/self_service_message.txt", frame),
            html_body=render_to_string("companies/email/self_service_message.html", frame),
            language=language,
            key=f"announcement:{announcement.pk}:{user.pk}",
            unsubscribe=(user, NotificationKind.ANNOUNCEMENT),
        )


@transaction.atomic
def announcement_send(*, actor, announcement_id: int) -> Announcement:
    """E-mail the announcement to its recipients, each in their language, once.

    Unsubscribed people and undeliverable addresses are skipped and counted. Each e-mail
    has its own key, so a send that is interrupted and repeated e-mails nobody twice.
    """
    if not actor.is_staff:
        raise PermissionDenied(_("Only agency staff can send announcements."))
    announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
    if announcement.sent_at is not None:
        raise ValidationError(
            _("“%(title)s” was sent on %(date)s already.")
            % {
                "title": announcement,
                "date": formats.date_format(
                    timezone.localtime(announcement.sent_at), "DATETIME_FORMAT"
                ),
            }
        )
    plan = announcement_recipient_plan(announcement=announcement)
    for user in plan.to_send:
        _email_one(announcement, user)
    announcement.sent_at = timezone.now()
    announcement.recipients_count = plan.recipients
    announcement.sent_count = len(plan.to_send)
    announcement.skipped_unsubscribed = len(plan.unsubscribed)
    announcement.skipped_undeliverable = len(plan.undeliverable)
    announcement.save(
        update_fields=[
            "sent_at",
            "recipients_count",
            "sent_count",
            "skipped_unsubscribed",
            "skipped_undeliverable",
        ]
    )
    return announcement

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from notifications.enums import (
    EMAIL_KINDS,
    BounceType,
    EmailEventSource,
    EmailEventType,
    EmailStatus,
    NotificationKind,
    SuppressionReason,
    UnsubscribeMethod,
)


class OutboundEmail(models.Model):
    """One e-mail to one recipient, stored before it is sent and kept as the record of it."""

    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    to_email = models.EmailField(_("recipient"), db_index=True)
    from_email = models.CharField(_("sender"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    text_body = models.TextField(_("text body"), blank=True)
    html_body = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    lease_expires_at = models.DateTimeField(_("sending lease expires at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    body_erased_at = models.DateTimeField(_("body erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=EmailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_sent_at",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=EmailStatus.SENDING)
                | models.Q(lease_expires_at__isnull=False),
                name="outbox_sending_has_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email}"


class Notification(models.Model):
    """Something that happened for one person, shown in their notification list.

    The text is not stored: `kind` and `params` are rendered when the list is shown, so it
    follows the language the person is reading in (see `notifications.texts`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # A path without the language prefix's meaning: the list opens it in the reader's language.
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Set by the code that notifies, so that a retried task notifies once.
    key = models.CharField(_("key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_user_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


def default_email_kinds() -> list[str]:
    return [str(kind) for kind in EMAIL_KINDS]


class NotificationSetting(models.Model):
    """One person's choice of what also comes by e-mail; no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_setting",
        verbose_name=_("person"),
    )
    # The kinds that also come by e-mail (JSON, not an array: the embedded mode runs on SQLite).
    email_kinds = models.JSONField(_("by e-mail"), default=default_email_kinds, blank=True)
    last_digest_at = models.DateTimeField(_("last weekly digest"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {', '.join(self.email_kinds)}"

    def wants_email(self, kind: str) -> bool:
        return kind in self.email_kinds


class AnnouncedMatch(models.Model):
    """A pair that became a strong match, and when it was first announced.

    Match rows are rewritten by every run, so their own time says nothing about being new;
    this row does. Plain ids rather than foreign keys: matchmaking sits above this app.
    """

    bridge_id = models.PositiveBigIntegerField(_("bridge id"))
    match_kind = models.CharField(_("kind of match"), max_length=12)
    company_id = models.PositiveBigIntegerField(_("company id"))
    partner_company_id = models.PositiveBigIntegerField(_("partner company id"), null=True)
    partner_offer_id = models.PositiveBigIntegerField(_("settlement offer id"), null=True)
    announced_at = models.DateTimeField(_("announced at"), db_index=True)

    class Meta:
        verbose_name = _("announced strong match")
        verbose_name_plural = _("announced strong matches")
        constraints = [
            models.UniqueConstraint(
                fields=["bridge_id", "match_kind", "company_id", "partner_company_id"],
                condition=Q(partner_company_id__isnull=False),
                name="announced_match_company_pair_unique",
            ),
            models.UniqueConstraint(
                fields=["bridge_id", "match_kind", "company_id", "partner_offer_id"],
                condition=Q(partner_offer_id__isnull=False),
                name="announced_match_offer_pair_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["company_id", "announced_at"], name="announced_match_company")
        ]

    def __str__(self) -> str:
        return f"{self.company_id} → {self.partner_company_id or self.partner_offer_id}"


class Unsubscribe(models.Model):
    """A person stopped a kind of e-mail (or all of them) through the link in an e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="unsubscribes",
        verbose_name=_("person"),
    )
    # A NotificationKind, or "all".
    kind = models.CharField(_("kind"), max_length=32)
    method = models.CharField(_("how"), max_length=12, choices=UnsubscribeMethod.choices)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribe")
        verbose_name_plural = _("unsubscribes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class SuppressedAddress(models.Model):
    """An address the outbox no longer sends to: it hard-bounced, or its owner complained.

    An address, not a person: contact persons and former addresses are suppressed too.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    reason = models.CharField(_("reason"), max_length=12, choices=SuppressionReason.choices)
    source = models.CharField(_("source"), max_length=8, choices=EmailEventSource.choices)
    first_seen = models.DateTimeField(_("undeliverable since"))
    last_seen = models.DateTimeField(_("last event"))
    events_count = models.PositiveIntegerField(_("events"), default=1)

    class Meta:
        verbose_name = _("undeliverable address")
        verbose_name_plural = _("undeliverable addresses")
        ordering = ["-first_seen"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")),
                name="suppressed_address_lower_case",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class EmailEvent(models.Model):
    """One event the mail provider reported (webhook or bounce file), stored once by its id."""

    event_id = models.CharField(_("event id"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=10, choices=EmailEventType.choices)
    bounce_type = models.CharField(
        _("bounce type"), max_length=4, choices=BounceType.choices, blank=True
    )
    email = models.EmailField(_("e-mail address"), db_index=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=8, choices=EmailEventSource.choices)

    class Meta:
        verbose_name = _("e-mail event")
        verbose_name_plural = _("e-mail events")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.email}"

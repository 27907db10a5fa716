from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.enums import EmailStatus


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

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from announcements.enums import Side
from bridges.models import Bridge, Sector
from events.models import Event


class Announcement(models.Model):
    """News from the agency to a segment of the members, e-mailed once through the outbox.

    The segment is the people of approved companies (a bridge, a sector, a side, each
    optional), or the people registered for an event. Once sent it cannot change.
    """

    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_de = models.TextField(_("text (German)"))
    body_en = models.TextField(_("text (English)"))
    bridge = models.ForeignKey(
        Bridge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("bridge"),
        help_text=_("Empty: companies of every bridge."),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("sector"),
        help_text=_("Empty: every sector."),
    )
    side = models.CharField(_("side"), max_length=8, choices=Side.choices, default=Side.BOTH)
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("event"),
        help_text=_(
            "Instead of a segment: the people registered for this event "
            "(bridge, sector and side must then be empty or “both sides”)."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_count = models.PositiveIntegerField(_("e-mails sent"), default=0)
    skipped_unsubscribed = models.PositiveIntegerField(_("skipped: unsubscribed"), default=0)
    skipped_undeliverable = models.PositiveIntegerField(_("skipped: undeliverable"), default=0)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=True)
                | models.Q(bridge__isnull=True, sector__isnull=True, side=Side.BOTH),
                name="announcement_event_or_segment",
                violation_error_message=_(
                    "Choose either an event's registrants or a segment (bridge, sector, side), "
                    "not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_de

    def title_in(self, language: str) -> str:
        return (self.title_de if language == "de" else self.title_en) or self.title_en

    def body_in(self, language: str) -> str:
        return (self.body_de if language == "de" else self.body_en) or self.body_en

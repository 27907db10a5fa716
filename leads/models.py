"""Introductions between two parties of a bridge, and the staff's lead pipeline.

An `Introduction` asks two companies whether they want to meet: one company asks another, or
staff broker it and ask both. When both said yes, a `Lead` follows it through the agency's
pipeline. Settlement leads (a newcomer and a municipality, or a Ruhr landing partner) start
as a request of either side and are brokered by the agency.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bridges.models import Bridge, Municipality, SettlementOffer
from companies.models import Company
from leads.enums import IntroductionStatus, LeadKind, LeadOrigin, LeadStage, Outcome

MESSAGE_MAX_LENGTH = 1000


class Introduction(models.Model):
    bridge = models.ForeignKey(
        Bridge, on_delete=models.CASCADE, related_name="introductions", verbose_name=_("bridge")
    )
    requester = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="introductions_sent",
        verbose_name=_("requesting company"),
    )
    # The asked party: another company, or (brokered by staff only) a municipality.
    recipient = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="introductions_received",
        verbose_name=_("asked company"),
    )
    recipient_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="introductions_received",
        verbose_name=_("asked municipality"),
    )
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions_requested",
        verbose_name=_("requested by"),
    )
    # Set when staff brokered it: then both companies are asked, the requester too.
    brokered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions_brokered",
        verbose_name=_("brokered by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.PENDING,
    )
    requester_accepted_at = models.DateTimeField(_("requester said yes at"), null=True, blank=True)
    recipient_accepted_at = models.DateTimeField(
        _("asked company said yes at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="leads_intro_two_companies"
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False, recipient_municipality__isnull=True)
                | Q(recipient__isnull=True, recipient_municipality__isnull=False),
                name="leads_intro_one_recipient",
            ),
            # One open request per direction; the services also refuse the other direction.
            models.UniqueConstraint(
                fields=["bridge", "requester", "recipient"],
                condition=Q(status=IntroductionStatus.PENDING, recipient__isnull=False),
                name="leads_intro_one_pending",
            ),
            models.UniqueConstraint(
                fields=["bridge", "requester", "recipient_municipality"],
                condition=Q(
                    status=IntroductionStatus.PENDING, recipient_municipality__isnull=False
                ),
                name="leads_intro_one_pending_municipality",
            ),
            models.CheckConstraint(
                condition=Q(status=IntroductionStatus.PENDING) | Q(closed_at__isnull=False),
                name="leads_intro_closed_at_when_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status=IntroductionStatus.ACCEPTED)
                | Q(requester_accepted_at__isnull=False, recipient_accepted_at__isnull=False),
                name="leads_intro_accepted_by_both",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="leads_intro_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.asked}"

    @property
    def asked(self) -> Company | Municipality | None:
        return self.recipient or self.recipient_municipality

    def party(self, company_id: int) -> str | None:
        """ "requester", "recipient" or None for a company outside the introduction."""
        if company_id == self.requester_id:
            return "requester"
        if company_id is not None and company_id == self.recipient_id:
            return "recipient"
        return None

    def other_id(self, company_id: int) -> int | None:
        """The other company's id; None when the other party is a municipality."""
        return self.recipient_id if company_id == self.requester_id else self.requester_id

    def accepted_by(self, company_id: int) -> bool:
        party = self.party(company_id)
        if party is None:
            return False
        return getattr(self, f"{party}_accepted_at") is not None


class Lead(models.Model):
    """A record of the agency's pipeline: two companies, or a company and a municipality.

    For two companies the lower id is stored in `company`, so the database sees each pair
    once and two people accepting at the same moment create one lead.
    """

    bridge = models.ForeignKey(
        Bridge, on_delete=models.CASCADE, related_name="leads", verbose_name=_("bridge")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LeadKind.choices)
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="leads", verbose_name=_("company")
    )
    partner_company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="leads_as_partner",
        verbose_name=_("partner company"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("municipality"),
    )
    offer = models.ForeignKey(
        SettlementOffer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("settlement offer"),
    )
    introduction = models.OneToOneField(
        Introduction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead",
        verbose_name=_("introduction"),
    )
    origin = models.CharField(_("origin"), max_length=24, choices=LeadOrigin.choices)
    stage = models.CharField(_("stage"), max_length=20, choices=LeadStage.choices)
    no_fit_reason = models.TextField(_("why no fit"), blank=True, max_length=500)
    why = models.TextField(
        _("why these two"),
        blank=True,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("The request's message, or what staff wrote when they opened it."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads_owned",
        limit_choices_to={"is_staff": True},
        verbose_name=_("responsible"),
    )
    notes = models.TextField(_("notes"), blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    stage_changed_at = models.DateTimeField(_("stage changed at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-stage_changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner_company__isnull=False, municipality__isnull=True)
                | Q(partner_company__isnull=True, municipality__isnull=False),
                name="leads_lead_one_partner",
            ),
            models.CheckConstraint(
                condition=Q(partner_company__isnull=True) | Q(company__lt=F("partner_company")),
                name="leads_lead_company_pair_ordered",
            ),
            models.UniqueConstraint(
                fields=["bridge", "company", "partner_company"],
                condition=Q(partner_company__isnull=False),
                name="leads_lead_one_per_company_pair",
            ),
            models.UniqueConstraint(
                fields=["bridge", "company", "municipality"],
                condition=Q(municipality__isnull=False),
                name="leads_lead_one_per_municipality_pair",
            ),
            models.CheckConstraint(
                condition=~Q(stage=LeadStage.NO_FIT) | ~Q(no_fit_reason=""),
                name="leads_lead_no_fit_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["bridge", "stage"], name="leads_lead_board")]

    def __str__(self) -> str:
        return f"{self.company} – {self.partner}"

    @property
    def partner(self) -> Company | Municipality | None:
        return self.partner_company or self.municipality


class LeadOutcome(models.Model):
    """What one company of an accepted introduction says came of it; staff see it on the
    lead."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("lead")
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="+", verbose_name=_("company")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=500)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_outcomes_reported",
        verbose_name=_("reported by"),
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now=True)

    class Meta:
        verbose_name = _("reported outcome")
        verbose_name_plural = _("reported outcomes")
        ordering = ["lead", "company__name"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "company"], name="leads_outcome_once"),
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.NO_FIT) | ~Q(reason=""),
                name="leads_outcome_no_fit_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company}: {self.outcome}"

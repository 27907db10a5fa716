"""Match runs, their chunks, the stored matches and what people did with a pair.

`Match` rows are owned by runs: a chunk replaces its companies' rows wholesale. What a person
did with a pair lives in `MatchPair`, which no run ever writes, so a re-run loses nothing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bridges.models import Bridge, SettlementOffer
from companies.models import Company
from matchmaking.enums import (
    ACTIVE_RUN_STATUSES,
    ChunkStatus,
    MatchKind,
    PairState,
    RunStatus,
    RunTrigger,
)


class MatchRun(models.Model):
    bridge = models.ForeignKey(
        Bridge, on_delete=models.CASCADE, related_name="match_runs", verbose_name=_("bridge")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MatchKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    trigger = models.CharField(_("trigger"), max_length=10, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    chunk_size = models.PositiveIntegerField(_("chunk size"), default=2000)
    companies = models.PositiveIntegerField(_("companies"), default=0)
    chunks_total = models.PositiveIntegerField(_("chunks"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    snapshot_seconds = models.FloatField(_("snapshot (s)"), null=True, blank=True)
    scoring_seconds = models.FloatField(_("scoring (s)"), null=True, blank=True)
    writing_seconds = models.FloatField(_("writing (s)"), null=True, blank=True)
    finalising_seconds = models.FloatField(_("finalising (s)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # {candidate company id: [threshold score, viewer id]}: re-scoring one company between
    # runs applies the same exposure cap (see docs/matching.md).
    thresholds = models.JSONField(_("exposure thresholds"), default=dict, blank=True)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bridge", "kind"],
                condition=Q(status__in=ACTIVE_RUN_STATUSES),
                name="matchmaking_matchrun_one_active_per_bridge_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bridge.slug} {self.kind} #{self.pk}"


class MatchChunk(models.Model):
    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("run")
    )
    index = models.PositiveIntegerField(_("index"))
    # JSON rather than an array: the embedded mode runs on SQLite.
    company_ids = models.JSONField(_("company ids"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=ChunkStatus.choices, default=ChunkStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("heartbeat"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    explain_seconds = models.FloatField(_("explaining (s)"), null=True, blank=True)
    write_seconds = models.FloatField(_("writing (s)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("match chunk")
        verbose_name_plural = _("match chunks")
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="matchmaking_chunk_index_unique"),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="matchmaking_chunk_stale")]

    def __str__(self) -> str:
        return f"{self.run} chunk {self.index}"


class Match(models.Model):
    """One entry of a company's list: its partner is a company, or (settlement) an offer."""

    # No index of its own: the list index and the unique constraints start with the bridge.
    bridge = models.ForeignKey(
        Bridge,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("bridge"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MatchKind.choices)
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="matches", verbose_name=_("company")
    )
    partner_company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matched_as_partner",
        verbose_name=_("partner company"),
    )
    partner_offer = models.ForeignKey(
        SettlementOffer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        # Indexed below where set only: a full index would hold a NULL for every
        # partnership row and slow down each chunk's insert.
        db_index=False,
        related_name="matches",
        verbose_name=_("settlement offer"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    components = models.JSONField(_("components"), default=dict)
    reasons = models.JSONField(_("reasons"), default=list)
    scored_at = models.DateTimeField(_("scored at"))

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.CheckConstraint(
                condition=Q(partner_company__isnull=False, partner_offer__isnull=True)
                | Q(partner_company__isnull=True, partner_offer__isnull=False),
                name="matchmaking_match_one_partner",
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1) & Q(score__gte=0) & Q(score__lte=1),
                name="matchmaking_match_rank_and_score",
            ),
            models.UniqueConstraint(
                fields=["bridge", "kind", "company", "partner_company"],
                condition=Q(partner_company__isnull=False),
                name="matchmaking_match_company_pair_unique",
            ),
            models.UniqueConstraint(
                fields=["bridge", "kind", "company", "partner_offer"],
                condition=Q(partner_offer__isnull=False),
                name="matchmaking_match_offer_pair_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["bridge", "kind", "company", "rank"], name="matchmaking_match_list"
            ),
            models.Index(
                fields=["partner_offer"],
                condition=Q(partner_offer__isnull=False),
                name="matchmaking_match_offer",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.company_id} → {self.partner_company_id or self.partner_offer_id} #{self.rank}"
        )

    @property
    def partner(self) -> Company | SettlementOffer | None:
        return self.partner_company or self.partner_offer


class MatchPair(models.Model):
    """What a company did with a partner on a bridge; no run ever writes here."""

    # No index of its own: the list index and the unique constraints start with the bridge.
    bridge = models.ForeignKey(
        Bridge,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("bridge"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="match_pairs", verbose_name=_("company")
    )
    partner = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )
    state = models.CharField(_("state"), max_length=16, choices=PairState.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("match pair")
        verbose_name_plural = _("match pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["bridge", "company", "partner"], name="matchmaking_pair_unique"
            ),
            models.CheckConstraint(
                condition=~Q(company=models.F("partner")), name="matchmaking_pair_two_companies"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} → {self.partner_id}: {self.state}"

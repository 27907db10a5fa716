"""New strong matches, told to the companies' people once a run has finished.

A run rewrites every match, so "new" cannot be read from a match's own time: the first
time a pair is a strong match it is recorded as announced (`notifications.AnnouncedMatch`),
and only such pairs are news, in the app right away and in the weekly digest
(`matchmaking.digest`).
"""

import logging
from collections import Counter

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from companies.models import CompanyMember
from matchmaking.enums import SCORE_BAND_FLOORS, MatchKind, RunStatus, ScoreBand
from matchmaking.models import Match, MatchRun
from notifications.enums import NotificationKind
from notifications.services import (
    NotificationDraft,
    StrongPair,
    announced_matches_record,
    notify_many,
)
from notifications.texts import bilingual

logger = logging.getLogger(__name__)

STRONG_FLOOR = next(floor for floor, band in SCORE_BAND_FLOORS if band == ScoreBand.STRONG)


def matches_path(*, company_id: int, bridge_slug: str, kind: str) -> str:
    """Where a company's matches of this kind are listed."""
    name = "settlement:company" if kind == MatchKind.SETTLEMENT else "matches:list"
    return reverse(name, args=[company_id, bridge_slug])


@transaction.atomic
def strong_matches_announce(*, run_id: int) -> int:
    """After a run succeeded: record its strong pairs never seen before and tell each
    company's people how many it has. Returns the number of new pairs; safe to run twice."""
    run = MatchRun.objects.select_related("bridge").filter(pk=run_id).first()
    if run is None or run.status != RunStatus.SUCCEEDED:
        return 0
    strong = Match.objects.filter(
        bridge_id=run.bridge_id, kind=run.kind, score__gte=STRONG_FLOOR
    ).values_list("company_id", "partner_company_id", "partner_offer_id")
    new = announced_matches_record(
        bridge_id=run.bridge_id,
        match_kind=run.kind,
        pairs=[StrongPair(*row) for row in strong],
        now=timezone.now(),
    )
    counts = Counter(pair.company_id for pair in new)
    bridge = run.bridge
    members = CompanyMember.objects.filter(company_id__in=counts).values_list(
        "user_id", "company_id", "company__name"
    )
    notify_many(
        drafts=[
            NotificationDraft(
                user_id=user_id,
                kind=NotificationKind.STRONG_MATCHES,
                params={
                    "company": company_name,
                    "bridge": bilingual(bridge.name_de, bridge.name_en),
                    "count": counts[company_id],
                },
                url=matches_path(company_id=company_id, bridge_slug=bridge.slug, kind=run.kind),
                key=f"strong-matches:{run.pk}:{company_id}",
            )
            for user_id, company_id, company_name in members
        ]
    )
    logger.info("match run %s: %s new strong pairs", run.pk, len(new))
    return len(new)

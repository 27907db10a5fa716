"""Stored matches as export rows: names, ISO countries, English reasons (staff's view)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Q

from bridges.models import Bridge
from matchmaking.engine import Vocabulary
from matchmaking.engine.render import render_reason
from matchmaking.enums import EXCLUDING_PAIR_STATES, PartnerKind
from matchmaking.models import Match, MatchPair
from matchmaking.profiles import vocabulary_load

EXPORT_HEADER = (
    "company",
    "company_country",
    "partner",
    "partner_country",
    "rank",
    "score",
    "reasons_en",
    "company_id",
    "partner_id",
    "partner_kind",
)
REASON_SEPARATOR = " | "
RUHR_OFFER_COUNTRY = "DE"


def reasons_text(reasons, *, vocabulary: Vocabulary, owner: str, partner: str) -> str:
    """The reasons in English, as staff read them (both names), joined by " | "."""
    return REASON_SEPARATOR.join(
        render_reason(
            reason,
            viewer="staff",
            language="en",
            vocabulary=vocabulary,
            owner=owner,
            partner=partner,
        )
        for reason in reasons
    )


def export_rows(*, bridge: Bridge, kind: str, top: int = 20) -> Iterator[list[Any]]:
    """One row per (company, partner) of each list, by company name and rank; pairs that
    either side marked "not interested" are left out."""
    declined = MatchPair.objects.filter(
        bridge_id=OuterRef("bridge_id"), state__in=EXCLUDING_PAIR_STATES
    ).filter(
        Q(company_id=OuterRef("company_id"), partner_id=OuterRef("partner_company_id"))
        | Q(company_id=OuterRef("partner_company_id"), partner_id=OuterRef("company_id"))
    )
    rows = (
        Match.objects.filter(bridge=bridge, kind=kind, rank__lte=top)
        .exclude(Exists(declined))
        .order_by("company__name", "company_id", "rank")
        .values_list(
            "company__name",
            "company__country",
            "partner_company__name",
            "partner_company__country",
            "partner_offer__title_en",
            "rank",
            "score",
            "reasons",
            "company_id",
            "partner_company_id",
            "partner_offer_id",
        )
    )
    vocabulary = vocabulary_load()
    for (
        company,
        company_country,
        partner_company,
        partner_country,
        offer_title,
        rank,
        score,
        reasons,
        company_id,
        partner_company_id,
        partner_offer_id,
    ) in rows.iterator(chunk_size=5000):
        is_offer = partner_offer_id is not None
        partner = offer_title if is_offer else partner_company
        text = reasons_text(reasons, vocabulary=vocabulary, owner=company, partner=partner)
        yield [
            company,
            str(company_country),
            partner,
            RUHR_OFFER_COUNTRY if is_offer else str(partner_country),
            rank,
            f"{score:.4f}",
            text,
            company_id,
            partner_offer_id if is_offer else partner_company_id,
            PartnerKind.OFFER if is_offer else PartnerKind.COMPANY,
        ]

"""Reads for the Matches page: a company's list on a bridge, as its own people see it."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from bridges.models import Bridge, Sector
from companies.enums import MembershipStatus, Visibility
from companies.models import BridgeMembership, Company
from matchmaking.engine import Vocabulary
from matchmaking.engine.render import render_reason
from matchmaking.enums import (
    ACTIVE_RUN_STATUSES,
    EXCLUDING_PAIR_STATES,
    MatchKind,
    PairState,
    ScoreBand,
    score_band,
)
from matchmaking.models import Match, MatchPair, MatchRun


class EmptyState:
    """Why a company sees no list on a bridge, checked in this order."""

    NOT_APPROVED = "not-approved"
    NOT_OPEN = "not-open"
    PROFILE_THIN = "profile-thin"
    RUNNING = "running"
    NONE_FOUND = "none-found"


@dataclass(frozen=True)
class MatchCard:
    partner: Company
    band: ScoreBand
    reasons: list[str]
    state: str
    # The partner asked to be introduced and waits for this company's answer.
    asked_by_partner: bool = False


def matches_blocker_for(*, company: Company, bridge: Bridge) -> str | None:
    """Why the company can have no list on the bridge at all; None when it can."""
    approved = BridgeMembership.objects.filter(
        company=company, bridge=bridge, status=MembershipStatus.APPROVED
    ).exists()
    if not approved:
        return EmptyState.NOT_APPROVED
    if not company.open_to_matching or company.visibility == Visibility.HIDDEN:
        return EmptyState.NOT_OPEN
    if not (company.offers.exists() or company.seeks.exists()):
        return EmptyState.PROFILE_THIN
    return None


def matches_empty_reason(*, bridge: Bridge) -> str:
    """A list that is empty though it could have entries: still being computed, or none."""
    running = MatchRun.objects.filter(
        bridge=bridge, kind=MatchKind.PARTNERSHIP, status__in=ACTIVE_RUN_STATUSES
    ).exists()
    return EmptyState.RUNNING if running else EmptyState.NONE_FOUND


def match_list_for(*, company: Company, bridge: Bridge) -> QuerySet[Match]:
    """The company's partnership matches on the bridge, best first; pairs either side
    excluded are left out even if a run wrote them before the decision."""
    excluded = MatchPair.objects.filter(
        bridge_id=OuterRef("bridge_id"), state__in=EXCLUDING_PAIR_STATES
    ).filter(
        Q(company_id=OuterRef("company_id"), partner_id=OuterRef("partner_company_id"))
        | Q(company_id=OuterRef("partner_company_id"), partner_id=OuterRef("company_id"))
    )
    return (
        Match.objects.filter(
            bridge=bridge,
            kind=MatchKind.PARTNERSHIP,
            company=company,
            partner_company__isnull=False,
        )
        .exclude(Exists(excluded))
        .select_related("partner_company")
        # What a card shows (templates/matchmaking/matches.html), and no timestamps to parse.
        .only("score", "reasons", "rank", "partner_company__name", "partner_company__country")
        .prefetch_related(
            Prefetch(
                "partner_company__sectors",
                queryset=Sector.objects.order_by("slug"),
                to_attr="card_sectors",
            )
        )
        .order_by("rank", "pk")
    )


def match_cards(
    matches, *, company: Company, bridge: Bridge, language: str, vocabulary: Vocabulary
) -> list[MatchCard]:
    """Cards for one page of matches, the reasons from the company's side in ``language``."""
    matches = list(matches)
    partner_ids = [match.partner_company_id for match in matches]
    # Both directions in one query: the company's own decisions and the partners' requests.
    pairs = MatchPair.objects.filter(bridge=bridge).filter(
        Q(company=company, partner_id__in=partner_ids)
        | Q(partner=company, company_id__in=partner_ids, state=PairState.INTRODUCTION_REQUESTED)
    )
    states: dict[int, str] = {}
    asking: set[int] = set()
    for company_id, partner_id, state in pairs.values_list("company_id", "partner_id", "state"):
        if company_id == company.pk:
            states[partner_id] = state
        else:
            asking.add(company_id)
    reader = "de" if language == "de" else "en"
    return [
        MatchCard(
            partner=match.partner_company,
            band=score_band(match.score),
            reasons=[
                render_reason(
                    reason,
                    viewer="owner",
                    language=reader,
                    vocabulary=vocabulary,
                    owner=company.name,
                    partner=match.partner_company.name,
                )
                for reason in match.reasons
            ],
            state=states.get(match.partner_company_id, ""),
            asked_by_partner=match.partner_company_id in asking,
        )
        for match in matches
    ]


def hidden_partners_for(*, company: Company, bridge: Bridge) -> QuerySet[MatchPair]:
    """The partners the company marked "not interested" on the bridge, by name."""
    return (
        MatchPair.objects.filter(bridge=bridge, company=company, state=PairState.NOT_INTERESTED)
        .select_related("partner")
        .order_by("partner__name", "partner_id")
    )


def partner_for_pair(*, company: Company, bridge: Bridge, partner_id: int) -> Company | None:
    """A partner the company may decide about: one of its matches or pairs on the bridge.
    Any other company does not exist for it."""
    listed = Match.objects.filter(
        bridge=bridge,
        kind=MatchKind.PARTNERSHIP,
        company=company,
        partner_company_id=OuterRef("pk"),
    )
    paired = MatchPair.objects.filter(bridge=bridge, company=company, partner_id=OuterRef("pk"))
    return (
        Company.objects.filter(pk=partner_id)
        .filter(Exists(listed) | Exists(paired))
        .exclude(pk=company.pk)
        .first()
    )


def partner_countries(*, bridge: Bridge) -> list[tuple[str, str]]:
    """The countries of the bridge's other side, by name: a Ruhr company's partners."""
    from django_countries import countries

    from companies.sides import bridge_country_codes

    codes = bridge_country_codes(bridge) | {"DE"}
    return sorted(((code, countries.name(code)) for code in codes), key=lambda item: item[1])

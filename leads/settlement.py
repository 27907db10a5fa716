"""Settlement matches as people see them, and the requests they make from there.

A partner-region company that plans to settle in the Ruhr reads its settlement matches
(municipal offers and Ruhr landing partners) and asks the agency to introduce it. A
municipality reads the companies whose matches point at its open offers — only those that
allowed municipalities to see their intent — and marks its interest. Either way the agency
brokers the introduction: a lead at stage "requested", one per pair.

Staff may also broker an introduction of a company and a municipality themselves: the
municipality's people read it here, with the company's plans, and answer it.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bridges.enums import OfferStatus
from bridges.models import Bridge, Municipality, Sector, SettlementOffer
from companies.enums import MembershipStatus, SettlementNeed
from companies.models import BridgeMembership, Company
from leads.enums import IntroductionStatus, LeadKind, LeadOrigin, LeadStage
from leads.models import MESSAGE_MAX_LENGTH, Introduction, Lead
from leads.selectors import effective_status
from leads.services import lead_open
from matchmaking.engine import Vocabulary
from matchmaking.engine.render import Language, Viewer, render_reason
from matchmaking.enums import (
    ACTIVE_RUN_STATUSES,
    EXCLUDING_PAIR_STATES,
    MatchKind,
    ScoreBand,
    score_band,
)
from matchmaking.models import Match, MatchPair, MatchRun


class SettlementBlocker:
    """Why a company has no Settlement tab on a bridge, checked in this order."""

    RUHR = "ruhr"
    NOT_APPROVED = "not-approved"
    NO_INTENT = "no-intent"


class SettlementEmpty:
    RUNNING = "running"
    NONE_FOUND = "none-found"


@dataclass(frozen=True)
class SettlementEntry:
    """One entry of a company's Settlement tab: an offer or a landing partner."""

    offer: SettlementOffer | None
    partner: Company | None
    band: ScoreBand
    reasons: list[str]
    lead: Lead | None

    @property
    def anchor(self) -> str:
        if self.offer is not None:
            return f"offer-{self.offer.pk}"
        assert self.partner is not None
        return f"partner-{self.partner.pk}"


@dataclass(frozen=True)
class OfferFit:
    offer: SettlementOffer
    band: ScoreBand
    reasons: list[str]


@dataclass
class InterestedCompany:
    """A row of a municipality's settlement view: a company and the offers that fit it."""

    company: Company
    fits: list[OfferFit] = field(default_factory=list)
    lead: Lead | None = None

    @property
    def needs(self) -> list[str]:
        return need_labels(self.company)


def need_labels(company: Company) -> list[str]:
    labels = dict(SettlementNeed.choices)
    return [str(labels.get(need, need)) for need in company.settlement_needs]


# --- The company's Settlement tab ----------------------------------------------------------


def has_settlement_intent(company: Company) -> bool:
    """The engine's test (matchmaking.engine.snapshot.Profile.has_settlement_intent)."""
    return bool(
        company.settlement_timeline
        or company.settlement_needs
        or company.partnership_types.filter(slug="settlement").exists()
    )


def settlement_blocker_for(*, company: Company, bridge: Bridge) -> str | None:
    """Why the company can have no settlement matches on the bridge; None when it can."""
    if company.is_ruhr:
        return SettlementBlocker.RUHR
    approved = BridgeMembership.objects.filter(
        company=company, bridge=bridge, status=MembershipStatus.APPROVED
    ).exists()
    if not approved:
        return SettlementBlocker.NOT_APPROVED
    if not has_settlement_intent(company):
        return SettlementBlocker.NO_INTENT
    return None


def settlement_empty_reason(*, bridge: Bridge) -> str:
    running = MatchRun.objects.filter(
        bridge=bridge, kind=MatchKind.SETTLEMENT, status__in=ACTIVE_RUN_STATUSES
    ).exists()
    return SettlementEmpty.RUNNING if running else SettlementEmpty.NONE_FOUND


def settlement_matches_for(*, company: Company, bridge: Bridge) -> QuerySet[Match]:
    """The company's settlement matches on the bridge, best first: open offers, and landing
    partners that neither side excluded."""
    excluded = MatchPair.objects.filter(
        bridge_id=OuterRef("bridge_id"), state__in=EXCLUDING_PAIR_STATES
    ).filter(
        Q(company_id=OuterRef("company_id"), partner_id=OuterRef("partner_company_id"))
        | Q(company_id=OuterRef("partner_company_id"), partner_id=OuterRef("company_id"))
    )
    return (
        Match.objects.filter(bridge=bridge, kind=MatchKind.SETTLEMENT, company=company)
        .filter(
            Q(partner_offer__status=OfferStatus.OPEN)
            | Q(partner_company__isnull=False, partner_offer__isnull=True)
        )
        .exclude(Exists(excluded))
        .select_related("partner_offer__municipality", "partner_company")
        .prefetch_related(
            Prefetch("partner_company__sectors", queryset=Sector.objects.order_by("slug"))
        )
        .order_by("rank", "pk")
    )


def _settlement_leads(*, company: Company, bridge: Bridge) -> tuple[dict, dict]:
    """The company's leads on the bridge with municipalities and with companies, by the
    other side's id: a pair has one lead whatever its kind."""
    by_municipality: dict[int, Lead] = {}
    by_company: dict[int, Lead] = {}
    leads = Lead.objects.filter(bridge=bridge).filter(
        Q(company=company) | Q(partner_company=company)
    )
    for lead in leads:
        if lead.municipality_id is not None:
            by_municipality[lead.municipality_id] = lead
        else:
            other = lead.partner_company_id if lead.company_id == company.pk else lead.company_id
            by_company[int(other or 0)] = lead
    return by_municipality, by_company


def _readable(reason: Mapping[str, Any]) -> Mapping[str, Any]:
    """Dates as the reader writes them, not ISO."""
    if reason.get("code") != "settlement_timeline":
        return reason
    day = datetime.date.fromisoformat(reason["available_from"])
    return {**reason, "available_from": date_format(day, "SHORT_DATE_FORMAT")}


def _reasons(
    match: Match, *, viewer: Viewer, language: str, vocabulary: Vocabulary, owner: str
) -> list[str]:
    reader: Language = "de" if language == "de" else "en"
    if match.partner_offer is not None:
        # "Gelsenkirchen offers a commercial site" reads better than the offer's title.
        partner = match.partner_offer.municipality.name
    else:
        assert match.partner_company is not None
        partner = match.partner_company.name
    return [
        render_reason(
            _readable(reason),
            viewer=viewer,
            language=reader,
            vocabulary=vocabulary,
            owner=owner,
            partner=partner,
        )
        for reason in match.reasons
    ]


def settlement_entries(
    matches: Iterable[Match],
    *,
    company: Company,
    bridge: Bridge,
    language: str,
    vocabulary: Vocabulary,
) -> list[SettlementEntry]:
    """The entries of the tab, the reasons from the company's side in ``language``."""
    by_municipality, by_company = _settlement_leads(company=company, bridge=bridge)
    entries = []
    for match in matches:
        offer = match.partner_offer
        lead = (
            by_municipality.get(offer.municipality_id)
            if offer is not None
            else by_company.get(match.partner_company_id)
        )
        entries.append(
            SettlementEntry(
                offer=offer,
                partner=match.partner_company,
                band=score_band(match.score),
                reasons=_reasons(
                    match,
                    viewer="owner",
                    language=language,
                    vocabulary=vocabulary,
                    owner=company.name,
                ),
                lead=lead,
            )
        )
    return entries


def settlement_offer_for(
    *, company: Company, bridge: Bridge, offer_id: int
) -> SettlementOffer | None:
    """An offer among the company's settlement matches; any other does not exist for it."""
    match = (
        settlement_matches_for(company=company, bridge=bridge)
        .filter(partner_offer_id=offer_id)
        .first()
    )
    return match.partner_offer if match else None


def settlement_partner_for(*, company: Company, bridge: Bridge, partner_id: int) -> Company | None:
    """A landing partner among the company's settlement matches."""
    match = (
        settlement_matches_for(company=company, bridge=bridge)
        .filter(partner_company_id=partner_id)
        .first()
    )
    return match.partner_company if match else None


def _checked_message(why: str) -> str:
    why = why.strip()
    if len(why) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Please keep your message to %(count)d characters; it has %(length)d.")
            % {"count": MESSAGE_MAX_LENGTH, "length": len(why)}
        )
    return why


def settlement_request_offer(
    *, actor, company: Company, bridge: Bridge, offer: SettlementOffer, why: str = ""
) -> tuple[Lead, bool]:
    """The company asks the agency to introduce it to the municipality of ``offer``."""
    return lead_open(
        actor=actor,
        bridge=bridge,
        kind=LeadKind.SETTLEMENT,
        company=company,
        municipality=offer.municipality,
        offer=offer,
        origin=LeadOrigin.SETTLEMENT_REQUEST,
        stage=LeadStage.REQUESTED,
        why=_checked_message(why),
    )


def settlement_request_partner(
    *, actor, company: Company, bridge: Bridge, partner: Company, why: str = ""
) -> tuple[Lead, bool]:
    """The company asks the agency to introduce it to a Ruhr landing partner."""
    return lead_open(
        actor=actor,
        bridge=bridge,
        kind=LeadKind.SETTLEMENT,
        company=company,
        partner_company=partner,
        origin=LeadOrigin.SETTLEMENT_REQUEST,
        stage=LeadStage.REQUESTED,
        why=_checked_message(why),
    )


# --- A municipality's view -----------------------------------------------------------------


def _places(municipality: Municipality) -> Q:
    """The municipality's own offers; a district's people also see its towns'."""
    return Q(partner_offer__municipality=municipality) | Q(
        partner_offer__municipality__district=municipality
    )


def municipality_matches(*, municipality: Municipality) -> QuerySet[Match]:
    """Settlement matches of companies that allow municipalities to see their intent and
    are still approved on the bridge, with the municipality's open offers."""
    approved = BridgeMembership.objects.filter(
        company_id=OuterRef("company_id"),
        bridge_id=OuterRef("bridge_id"),
        status=MembershipStatus.APPROVED,
    )
    return (
        Match.objects.filter(
            _places(municipality),
            kind=MatchKind.SETTLEMENT,
            partner_offer__status=OfferStatus.OPEN,
            company__settlement_contact_allowed=True,
        )
        .filter(Exists(approved))
        .select_related("company", "partner_offer__municipality", "bridge")
        .prefetch_related(Prefetch("company__sectors", queryset=Sector.objects.order_by("slug")))
        .order_by("-score", "company__name", "partner_offer_id")
    )


def interested_companies(
    matches: Iterable[Match], *, municipality: Municipality, language: str, vocabulary: Vocabulary
) -> list[InterestedCompany]:
    """One row per company, best fit first, with every offer of the municipality that fits
    it; reasons in the third person, as staff read them."""
    rows: dict[int, InterestedCompany] = {}
    for match in matches:
        assert match.partner_offer is not None
        row = rows.setdefault(match.company_id, InterestedCompany(company=match.company))
        row.fits.append(
            OfferFit(
                offer=match.partner_offer,
                band=score_band(match.score),
                reasons=_reasons(
                    match,
                    viewer="staff",
                    language=language,
                    vocabulary=vocabulary,
                    owner=match.company.name,
                ),
            )
        )
    leads = Lead.objects.filter(
        Q(municipality=municipality) | Q(municipality__district=municipality),
        company_id__in=list(rows),
    ).order_by("created_at")
    for lead in leads:
        rows[lead.company_id].lead = rows[lead.company_id].lead or lead
    return list(rows.values())


def interest_match_for(
    *, municipality: Municipality, company_id: int, offer_id: int | None = None
) -> Match | None:
    """The best match of the company with the municipality's offers (or the one offer
    asked for); None when the company does not appear in the municipality's view."""
    matches = municipality_matches(municipality=municipality).filter(company_id=company_id)
    if offer_id is not None:
        matches = matches.filter(partner_offer_id=offer_id)
    return matches.first()


def municipality_interest_mark(*, actor, match: Match) -> tuple[Lead, bool]:
    """The municipality is interested in the company of ``match``; the agency introduces."""
    offer = match.partner_offer
    assert offer is not None
    return lead_open(
        actor=actor,
        bridge=match.bridge,
        kind=LeadKind.SETTLEMENT,
        company=match.company,
        municipality=offer.municipality,
        offer=offer,
        origin=LeadOrigin.MUNICIPALITY_INTEREST,
        stage=LeadStage.REQUESTED,
    )


def settlement_reasons_for(
    *,
    company: Company,
    municipality: Municipality,
    bridge: Bridge,
    viewer: Viewer,
    language: str,
    vocabulary: Vocabulary,
) -> list[str] | None:
    """Why the company's settlement plans fit the municipality's open offers, best offer
    first, each sentence once; None when no offer of the municipality matched."""
    matches = (
        Match.objects.filter(
            bridge=bridge,
            kind=MatchKind.SETTLEMENT,
            company=company,
            partner_offer__municipality=municipality,
            partner_offer__status=OfferStatus.OPEN,
        )
        .select_related("partner_offer__municipality")
        .order_by("rank", "pk")
    )
    reasons: list[str] = []
    for match in matches:
        for reason in _reasons(
            match, viewer=viewer, language=language, vocabulary=vocabulary, owner=company.name
        ):
            if reason not in reasons:
                reasons.append(reason)
    return reasons or None


# --- Introductions a municipality is asked for ---------------------------------------------


def municipalities_answered_for(*, user) -> QuerySet[Municipality]:
    """Where this person may answer an introduction: the municipalities they belong to and
    their district's towns. Staff look at every municipality's pages but answer for none
    they do not belong to: a yes is the municipality's to give."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.filter(Q(users=user) | Q(district__users=user)).distinct()


@dataclass(frozen=True)
class MunicipalIntroduction:
    """An introduction seen from the asked municipality's side."""

    introduction: Introduction
    status: str
    status_label: str
    waiting_for_us: bool
    waiting_for_company: bool

    @property
    def company(self) -> Company:
        return self.introduction.requester

    @property
    def company_said_yes(self) -> bool:
        return self.introduction.requester_accepted_at is not None

    @property
    def closed_on(self) -> datetime.datetime:
        return self.introduction.closed_at or self.introduction.expires_at

    @property
    def needs(self) -> list[str]:
        return need_labels(self.company)

    @property
    def order(self) -> int:
        """Waiting for the municipality first, then for the company, accepted, closed."""
        if self.waiting_for_us:
            return 0
        if self.waiting_for_company:
            return 1
        return 2 if self.status == IntroductionStatus.ACCEPTED else 3


def municipal_introduction_view(introduction: Introduction) -> MunicipalIntroduction:
    status = effective_status(introduction)
    pending = status == IntroductionStatus.PENDING
    we_said_yes = introduction.recipient_accepted_at is not None
    return MunicipalIntroduction(
        introduction=introduction,
        status=status,
        status_label=str(IntroductionStatus(status).label),
        waiting_for_us=pending and not we_said_yes,
        waiting_for_company=pending and we_said_yes,
    )


def municipality_introduction_list(*, municipality: Municipality) -> list[MunicipalIntroduction]:
    """The introductions the municipality (a district: also its towns) is asked for, those
    waiting for its answer first, then accepted, then closed; newest first within each."""
    introductions = (
        Introduction.objects.filter(
            Q(recipient_municipality=municipality)
            | Q(recipient_municipality__district=municipality)
        )
        .select_related("bridge", "requester", "recipient_municipality")
        .order_by("-created_at", "-pk")
    )
    rows = [municipal_introduction_view(introduction) for introduction in introductions]
    return sorted(rows, key=lambda row: row.order)


def municipality_introduction_for(
    *, municipality: Municipality, introduction_id: int
) -> Introduction | None:
    """One introduction the municipality is asked for; any other does not exist for it."""
    return (
        Introduction.objects.filter(recipient_municipality=municipality, pk=introduction_id)
        .select_related("bridge", "requester", "recipient_municipality", "brokered_by")
        .prefetch_related(Prefetch("requester__sectors", queryset=Sector.objects.order_by("slug")))
        .first()
    )


def declined_by_municipality(introduction: Introduction) -> bool:
    """Whether one of the municipality's people said no: only they see the reason given."""
    if introduction.status != IntroductionStatus.DECLINED or introduction.closed_by_id is None:
        return False
    person = introduction.closed_by_id
    return (
        Municipality.objects.filter(introductions_received=introduction)
        .filter(Q(users=person) | Q(district__users=person))
        .exists()
    )

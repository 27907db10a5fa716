"""Reads of introductions as a company's own people see them: tabs, one introduction, the
reasons from their side, and the other company's contact persons once both said yes."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from bridges.models import Bridge, Sector
from companies.enums import MemberRole
from companies.models import Company, CompanyContact, CompanyMember
from leads.enums import IntroductionStatus
from leads.models import Introduction, Lead, LeadOutcome
from matchmaking.engine import Vocabulary
from matchmaking.engine.render import Language, render_reason
from matchmaking.enums import EXCLUDING_PAIR_STATES, MatchKind
from matchmaking.models import Match, MatchPair


class Tab:
    WAITING = "waiting"
    SENT = "sent"
    ACCEPTED = "accepted"
    CLOSED = "closed"


TABS = (Tab.WAITING, Tab.SENT, Tab.ACCEPTED, Tab.CLOSED)
CLOSED_STATUSES = (
    IntroductionStatus.DECLINED,
    IntroductionStatus.EXPIRED,
    IntroductionStatus.WITHDRAWN,
)


def _party(company: Company) -> Q:
    return Q(requester=company) | Q(recipient=company)


def _tab_filters(company: Company, now: datetime.datetime) -> dict[str, Q]:
    """One condition per tab. A request past its deadline counts as expired at once, though
    the hourly expiry has not closed it yet: nobody can answer it any more."""
    open_ = Q(status=IntroductionStatus.PENDING, expires_at__gt=now)
    said_yes = Q(requester=company, requester_accepted_at__isnull=False) | Q(
        recipient=company, recipient_accepted_at__isnull=False
    )
    return {
        Tab.WAITING: open_ & _party(company) & ~said_yes,
        Tab.SENT: open_ & said_yes,
        Tab.ACCEPTED: Q(status=IntroductionStatus.ACCEPTED),
        Tab.CLOSED: Q(status__in=CLOSED_STATUSES)
        | Q(status=IntroductionStatus.PENDING, expires_at__lte=now),
    }


def introduction_tab_counts(*, company: Company) -> dict[str, int]:
    filters = _tab_filters(company, timezone.now())
    return Introduction.objects.filter(_party(company)).aggregate(
        **{tab: Count("pk", filter=condition) for tab, condition in filters.items()}
    )


def introduction_list_for(*, company: Company, tab: str) -> QuerySet[Introduction]:
    """The company's introductions in one tab, newest first."""
    condition = _tab_filters(company, timezone.now())[tab]
    return (
        Introduction.objects.filter(_party(company))
        .filter(condition)
        .select_related("bridge", "requester", "recipient")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class IntroductionView:
    """One introduction from one company's side."""

    introduction: Introduction
    company: Company
    other: Company
    status: str
    status_label: str
    is_requester: bool
    waiting_for_you: bool
    waiting_for_other: bool
    other_said_yes: bool

    @property
    def closed_on(self) -> datetime.datetime:
        """When it closed; a request past its deadline closed then."""
        return self.introduction.closed_at or self.introduction.expires_at

    @property
    def can_withdraw(self) -> bool:
        brokered = self.introduction.brokered_by_id is not None
        return self.status == IntroductionStatus.PENDING and self.is_requester and not brokered


def introduction_view(introduction: Introduction, *, company: Company) -> IntroductionView:
    requester = introduction.requester_id == company.pk
    status = introduction.status
    if status == IntroductionStatus.PENDING and introduction.expires_at <= timezone.now():
        status = IntroductionStatus.EXPIRED
    pending = status == IntroductionStatus.PENDING
    said_yes = introduction.accepted_by(company.pk)
    return IntroductionView(
        introduction=introduction,
        company=company,
        other=introduction.recipient if requester else introduction.requester,
        status=status,
        status_label=str(IntroductionStatus(status).label),
        is_requester=requester,
        waiting_for_you=pending and not said_yes,
        waiting_for_other=pending and said_yes,
        other_said_yes=introduction.accepted_by(introduction.other_id(company.pk)),
    )


def introduction_for(*, company: Company, introduction_id: int) -> Introduction | None:
    """One introduction the company is a party of; any other does not exist for it."""
    return (
        Introduction.objects.filter(_party(company), pk=introduction_id)
        .select_related("bridge", "requester", "recipient", "brokered_by")
        .prefetch_related(
            Prefetch("requester__sectors", queryset=Sector.objects.order_by("slug")),
            Prefetch("recipient__sectors", queryset=Sector.objects.order_by("slug")),
        )
        .first()
    )


def introduction_open_between(
    *, bridge: Bridge, company: Company, partner: Company
) -> Introduction | None:
    """The request of the pair that is waiting or was accepted, if there is one."""
    pair = Q(requester=company, recipient=partner) | Q(requester=partner, recipient=company)
    return (
        Introduction.objects.filter(pair, bridge=bridge)
        .filter(
            Q(status=IntroductionStatus.PENDING, expires_at__gt=timezone.now())
            | Q(status=IntroductionStatus.ACCEPTED)
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def pair_excluded(*, bridge: Bridge, company: Company, partner: Company) -> bool:
    """Whether either side declined or is not interested: then nobody can ask."""
    return (
        MatchPair.objects.filter(bridge=bridge, state__in=EXCLUDING_PAIR_STATES)
        .filter(Q(company=company, partner=partner) | Q(company=partner, partner=company))
        .exists()
    )


def match_reasons_for(
    *,
    bridge: Bridge,
    company: Company,
    partner: Company,
    language: str,
    vocabulary: Vocabulary,
) -> list[str] | None:
    """Why the two match, from ``company``'s side in ``language``: from its own match row,
    else from the partner's row read from the other side; None when neither has one."""
    reader: Language = "de" if language == "de" else "en"
    rows = {
        row.company_id: row
        for row in Match.objects.filter(bridge=bridge, kind=MatchKind.PARTNERSHIP).filter(
            Q(company=company, partner_company=partner)
            | Q(company=partner, partner_company=company)
        )
    }
    own = rows.get(company.pk)
    if own is not None:
        return [
            render_reason(
                reason,
                viewer="owner",
                language=reader,
                vocabulary=vocabulary,
                owner=company.name,
                partner=partner.name,
            )
            for reason in own.reasons
        ]
    theirs = rows.get(partner.pk)
    if theirs is not None:
        return [
            render_reason(
                reason,
                viewer="partner",
                language=reader,
                vocabulary=vocabulary,
                owner=partner.name,
                partner=company.name,
            )
            for reason in theirs.reasons
        ]
    return None


@dataclass(frozen=True)
class Contacts:
    """Who to talk to at the other company: its contact persons, else its team's owners."""

    people: list[CompanyContact]
    owners: list[CompanyMember]


def contacts_for(*, introduction: Introduction, company: Company) -> Contacts | None:
    """The other company's contact persons, only once both said yes; a person who objected
    is never shown."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return None
    other_id = introduction.other_id(company.pk)
    people = list(
        CompanyContact.objects.filter(company_id=other_id, objected_at__isnull=True).order_by(
            "name", "pk"
        )
    )
    if people:
        return Contacts(people=people, owners=[])
    owners = list(
        CompanyMember.objects.filter(company_id=other_id, role=MemberRole.OWNER)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    return Contacts(people=[], owners=owners)


def lead_of(introduction: Introduction) -> Lead | None:
    """The lead the accepted introduction opened (a pair has one lead per bridge)."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return None
    low, high = sorted((introduction.requester_id, introduction.recipient_id))
    return Lead.objects.filter(
        bridge_id=introduction.bridge_id, company_id=low, partner_company_id=high
    ).first()


@dataclass(frozen=True)
class SideOutcome:
    company: Company
    outcome: LeadOutcome | None


def outcomes_by_side(lead: Lead | None, *, company: Company, other: Company) -> list[SideOutcome]:
    """What each company reported of the accepted introduction, the viewer's first; empty
    before both said yes."""
    if lead is None:
        return []
    reported = {row.company_id: row for row in LeadOutcome.objects.filter(lead=lead)}
    return [SideOutcome(company=side, outcome=reported.get(side.pk)) for side in (company, other)]


def declined_by(introduction: Introduction, *, company: Company) -> bool:
    """Whether someone of ``company`` said no: only they see the reason they gave."""
    if introduction.status != IntroductionStatus.DECLINED or introduction.closed_by_id is None:
        return False
    return CompanyMember.objects.filter(company=company, user_id=introduction.closed_by_id).exists()

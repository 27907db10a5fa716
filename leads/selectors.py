"""Reads of introductions as a company's own people see them: tabs, one introduction, the
reasons from their side, and the other side's contact persons once both said yes. The other
side is a company, or a municipality that staff brokered the company to."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from bridges.models import Bridge, Municipality, Sector
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
        .select_related("bridge", "requester", "recipient", "recipient_municipality")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class IntroductionView:
    """One introduction from one company's side."""

    introduction: Introduction
    company: Company
    other: Company | Municipality
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
    def other_is_municipality(self) -> bool:
        return isinstance(self.other, Municipality)

    @property
    def expects_reasons(self) -> bool:
        """Two companies of an open or accepted request were matched, so there are reasons
        (or an explanation why not); a municipality was chosen by staff, maybe without a
        match."""
        open_or_accepted = self.status in (IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED)
        return open_or_accepted and not self.other_is_municipality

    @property
    def can_withdraw(self) -> bool:
        brokered = self.introduction.brokered_by_id is not None
        return self.status == IntroductionStatus.PENDING and self.is_requester and not brokered


def effective_status(introduction: Introduction) -> str:
    """The status as people see it: a request past its deadline is expired at once, though
    the hourly expiry has not closed it yet."""
    status = introduction.status
    if status == IntroductionStatus.PENDING and introduction.expires_at <= timezone.now():
        return IntroductionStatus.EXPIRED
    return status


def introduction_view(introduction: Introduction, *, company: Company) -> IntroductionView:
    requester = introduction.requester_id == company.pk
    status = effective_status(introduction)
    pending = status == IntroductionStatus.PENDING
    said_yes = introduction.accepted_by(company.pk)
    other_said_yes = (
        introduction.recipient_accepted_at if requester else introduction.requester_accepted_at
    )
    other = introduction.asked if requester else introduction.requester
    assert other is not None
    return IntroductionView(
        introduction=introduction,
        company=company,
        other=other,
        status=status,
        status_label=str(IntroductionStatus(status).label),
        is_requester=requester,
        waiting_for_you=pending and not said_yes,
        waiting_for_other=pending and said_yes,
        other_said_yes=other_said_yes is not None,
    )


def introduction_for(*, company: Company, introduction_id: int) -> Introduction | None:
    """One introduction the company is a party of; any other does not exist for it."""
    return (
        Introduction.objects.filter(_party(company), pk=introduction_id)
        .select_related("bridge", "requester", "recipient", "recipient_municipality", "brokered_by")
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
    """Who to talk to on the other side: a company's contact persons, else its team's
    owners; a municipality's people (``officials``)."""

    people: list[CompanyContact]
    owners: list[CompanyMember]
    officials: list[User] = field(default_factory=list)


def company_contacts(*, company_id: int) -> Contacts:
    """A company's contact persons, else its owners; a person who objected is never shown."""
    people = list(
        CompanyContact.objects.filter(company_id=company_id, objected_at__isnull=True).order_by(
            "name", "pk"
        )
    )
    if people:
        return Contacts(people=people, owners=[])
    owners = list(
        CompanyMember.objects.filter(company_id=company_id, role=MemberRole.OWNER)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    return Contacts(people=[], owners=owners)


def municipality_contacts(*, municipality: Municipality) -> Contacts:
    """The people who act for the municipality (those the introduction's e-mails went to);
    for a town nobody looks after itself, its district's."""
    officials = list(municipality.users.order_by("full_name", "pk"))
    if not officials and municipality.district_id is not None:
        district_people = User.objects.filter(municipalities=municipality.district_id)
        officials = list(district_people.order_by("full_name", "pk"))
    return Contacts(people=[], owners=[], officials=officials)


def contacts_for(*, introduction: Introduction, company: Company) -> Contacts | None:
    """The other side's contact persons, only once both said yes."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return None
    municipality = introduction.recipient_municipality
    if municipality is not None and company.pk == introduction.requester_id:
        return municipality_contacts(municipality=municipality)
    return company_contacts(company_id=int(introduction.other_id(company.pk) or 0))


def lead_of(introduction: Introduction) -> Lead | None:
    """The lead the accepted introduction opened (a pair has one lead per bridge)."""
    if introduction.status != IntroductionStatus.ACCEPTED:
        return None
    leads = Lead.objects.filter(bridge_id=introduction.bridge_id)
    if introduction.recipient_municipality_id is not None:
        return leads.filter(
            company_id=introduction.requester_id,
            municipality_id=introduction.recipient_municipality_id,
        ).first()
    low, high = sorted((introduction.requester_id, int(introduction.recipient_id or 0)))
    return leads.filter(company_id=low, partner_company_id=high).first()


@dataclass(frozen=True)
class SideOutcome:
    company: Company
    outcome: LeadOutcome | None


def outcomes_by_side(
    lead: Lead | None, *, company: Company, other: Company | Municipality
) -> list[SideOutcome]:
    """What each company reported of the accepted introduction, the viewer's first; empty
    before both said yes. A municipality reports nothing: its lead is the staff's to move."""
    if lead is None:
        return []
    reported = {row.company_id: row for row in LeadOutcome.objects.filter(lead=lead)}
    sides = [company] if isinstance(other, Municipality) else [company, other]
    return [SideOutcome(company=side, outcome=reported.get(side.pk)) for side in sides]


def declined_by(introduction: Introduction, *, company: Company) -> bool:
    """Whether someone of ``company`` said no: only they see the reason they gave."""
    if introduction.status != IntroductionStatus.DECLINED or introduction.closed_by_id is None:
        return False
    return CompanyMember.objects.filter(company=company, user_id=introduction.closed_by_id).exists()

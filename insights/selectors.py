"""Reads of the staff's key figures: plain functions of the filters that return dataclasses.

Every figure is counted in the database, so a section costs the same one or two queries for
three rows of data or three thousand. The bridges in the filters are already narrowed to the
person's own (bridge managers) and to the chosen one.
"""

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from bridges.models import Bridge, Sector
from companies.enums import MembershipStatus
from companies.models import BridgeMembership, Company
from events.enums import RegistrationStatus
from events.models import Event
from leads.enums import IntroductionStatus, LeadKind, LeadStage, Outcome
from leads.models import Introduction, Lead, LeadOutcome
from matchmaking.enums import MatchKind
from matchmaking.models import Match

CompanySector = Company.sectors.through
EventBridge = Event.bridges.through
EventSector = Event.sectors.through
SECONDS_PER_DAY = 24 * 3600


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included, in the site's time zone."""

    start: datetime.date
    end: datetime.date

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        zone = timezone.get_current_timezone()
        first = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return first, after

    def contains(self, field: str) -> Q:
        first, after = self.bounds()
        return Q(**{f"{field}__gte": first, f"{field}__lt": after})


@dataclass
class InsightFilters:
    bridges: QuerySet[Bridge]  # the person's bridges, or the one chosen of them
    period: Period
    bridge: Bridge | None = None
    sector: Sector | None = None


def _in_sector(sector, *company_fields: str) -> Q:
    """One of the companies (their id fields in the outer query) works in the sector."""
    condition = Q()
    for company_field in company_fields:
        condition |= Q(
            Exists(CompanySector.objects.filter(company_id=OuterRef(company_field), sector=sector))
        )
    return condition


def _count(queryset: QuerySet) -> Coalesce:
    """The number of rows of a subquery, as a column of the outer query."""
    counted = queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# --- 1. Members and applications -----------------------------------------------------------


@dataclass(frozen=True)
class MembershipRow:
    bridge: Bridge
    members: int  # approved today, whenever they applied
    applied: int  # applications received in the period
    approved: int  # decided in the period, by today's status
    declined: int
    withdrawn: int


def membership_figures(filters: InsightFilters) -> list[MembershipRow]:
    memberships = BridgeMembership.objects.filter(bridge__in=filters.bridges)
    if filters.sector:
        memberships = memberships.filter(_in_sector(filters.sector, "company_id"))
    decided = filters.period.contains("decided_at")
    rows = (
        memberships.order_by()
        .values("bridge")
        .annotate(
            members=Count("pk", filter=Q(status=MembershipStatus.APPROVED)),
            applied=Count("pk", filter=filters.period.contains("applied_at")),
            approved=Count("pk", filter=decided & Q(status=MembershipStatus.APPROVED)),
            declined=Count("pk", filter=decided & Q(status=MembershipStatus.DECLINED)),
            withdrawn=Count("pk", filter=decided & Q(status=MembershipStatus.WITHDRAWN)),
        )
        .values_list("bridge", "members", "applied", "approved", "declined", "withdrawn")
    )
    counts = {bridge_id: figures for bridge_id, *figures in rows}
    return [
        MembershipRow(bridge, *counts.get(bridge.pk, [0] * 5))
        for bridge in filters.bridges.order_by("slug")
    ]


# --- 2. Leads per stage and per sector -----------------------------------------------------


def _leads(filters: InsightFilters) -> QuerySet[Lead]:
    """The leads opened in the period."""
    leads = Lead.objects.filter(filters.period.contains("created_at"), bridge__in=filters.bridges)
    if filters.sector:
        leads = leads.filter(_in_sector(filters.sector, "company_id", "partner_company_id"))
    return leads


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    partnership: int
    settlement: int

    @property
    def total(self) -> int:
        return self.partnership + self.settlement


def lead_stage_figures(filters: InsightFilters) -> list[StageRow]:
    """Every stage in pipeline order, with the leads opened in the period that are in it."""
    counts = {
        (row["stage"], row["kind"]): row["count"]
        for row in _leads(filters).order_by().values("stage", "kind").annotate(count=Count("pk"))
    }
    return [
        StageRow(
            stage=stage,
            label=str(label),
            partnership=counts.get((stage, LeadKind.PARTNERSHIP), 0),
            settlement=counts.get((stage, LeadKind.SETTLEMENT), 0),
        )
        for stage, label in LeadStage.choices
    ]


@dataclass(frozen=True)
class SectorRow:
    sector: Sector
    leads: int


def lead_sector_figures(filters: InsightFilters) -> list[SectorRow]:
    """The sectors of the leads' companies, most leads first; a lead counts once in each
    sector of either of its companies."""
    sectors = Sector.objects.all()
    if filters.sector:
        sectors = sectors.filter(pk=filters.sector.pk)
    in_sector = _in_sector(OuterRef(OuterRef("pk")), "company_id", "partner_company_id")
    annotated = sectors.annotate(leads=_count(_leads(filters).filter(in_sector)))
    rows = [SectorRow(sector=sector, leads=sector.leads) for sector in annotated]
    return sorted((row for row in rows if row.leads), key=lambda row: (-row.leads, row.sector.name))


# --- 3. Introductions -----------------------------------------------------------------------


@dataclass(frozen=True)
class IntroductionFigures:
    requested: int  # asked in the period
    accepted: int  # closed in the period, by how
    declined: int
    expired: int
    withdrawn: int


def _introductions(filters: InsightFilters) -> QuerySet[Introduction]:
    introductions = Introduction.objects.filter(bridge__in=filters.bridges)
    if filters.sector:
        introductions = introductions.filter(
            _in_sector(filters.sector, "requester_id", "recipient_id")
        )
    return introductions


def introduction_figures(filters: InsightFilters) -> IntroductionFigures:
    closed = filters.period.contains("closed_at")

    def closed_as(status: str) -> Count:
        return Count("pk", filter=closed & Q(status=status))

    return IntroductionFigures(
        **_introductions(filters).aggregate(
            requested=Count("pk", filter=filters.period.contains("created_at")),
            accepted=closed_as(IntroductionStatus.ACCEPTED),
            declined=closed_as(IntroductionStatus.DECLINED),
            expired=closed_as(IntroductionStatus.EXPIRED),
            withdrawn=closed_as(IntroductionStatus.WITHDRAWN),
        )
    )


# --- 4. How long things take ----------------------------------------------------------------


@dataclass(frozen=True)
class Median:
    days: float | None  # None: not enough data
    count: int  # how many introductions it is the median of


def _median(durations: Iterable[datetime.timedelta]) -> Median:
    days = [duration.total_seconds() / SECONDS_PER_DAY for duration in durations]
    if not days:
        return Median(days=None, count=0)
    return Median(days=round(statistics.median(days), 1), count=len(days))


@dataclass(frozen=True)
class Timings:
    match_to_introduction: Median
    introduction_to_outcome: Median


def _match_to_introduction(filters: InsightFilters) -> Median:
    """From the scoring of the asking company's match with the asked company to the request;
    requests without a match scored before them are left out."""
    matched_at = Match.objects.filter(
        bridge=OuterRef("bridge"),
        kind=MatchKind.PARTNERSHIP,
        company=OuterRef("requester"),
        partner_company=OuterRef("recipient"),
    ).values("scored_at")[:1]
    rows = (
        _introductions(filters)
        .filter(filters.period.contains("created_at"), recipient__isnull=False)
        .annotate(matched_at=Subquery(matched_at))
        .filter(matched_at__lte=F("created_at"))
        .values_list("created_at", "matched_at")
    )
    return _median(created - matched for created, matched in rows)


def _introduction_to_outcome(filters: InsightFilters) -> Median:
    """From both saying yes to the first reported outcome or the lead's first move on from
    "introduced", whichever came first; introductions with neither yet are left out."""
    reported_at = (
        LeadOutcome.objects.filter(lead=OuterRef("lead__pk"))
        .order_by("reported_at")
        .values("reported_at")[:1]
    )
    moved_on_at = (
        Lead.history.model.objects.filter(
            id=OuterRef("lead__pk"), history_date__gte=OuterRef("closed_at")
        )
        .exclude(stage__in=(LeadStage.REQUESTED, LeadStage.INTRODUCED))
        .order_by("history_date")
        .values("history_date")[:1]
    )
    rows = (
        _introductions(filters)
        .filter(
            filters.period.contains("closed_at"),
            status=IntroductionStatus.ACCEPTED,
            lead__isnull=False,
        )
        .annotate(reported_at=Subquery(reported_at), moved_on_at=Subquery(moved_on_at))
        .filter(Q(reported_at__isnull=False) | Q(moved_on_at__isnull=False))
        .values_list("closed_at", "reported_at", "moved_on_at")
    )
    return _median(
        min(moment for moment in (reported, moved) if moment is not None) - accepted
        for accepted, reported, moved in rows
    )


def timing_figures(filters: InsightFilters) -> Timings:
    return Timings(
        match_to_introduction=_match_to_introduction(filters),
        introduction_to_outcome=_introduction_to_outcome(filters),
    )


# --- 5. Settlements -------------------------------------------------------------------------


@dataclass(frozen=True)
class SettlementRow:
    municipality: str  # empty: a landing partner without a Ruhr municipality
    leads: int
    settled: int


def settlement_figures(filters: InsightFilters) -> list[SettlementRow]:
    """Settlement leads opened in the period, by the municipality they would settle in (the
    asked municipality, or the landing partner's home town); most leads first."""
    rows = (
        _leads(filters)
        .filter(kind=LeadKind.SETTLEMENT)
        .annotate(place=Coalesce("municipality__name", "partner_company__home_municipality__name"))
        .order_by()
        .values("place")
        .annotate(leads=Count("pk"), settled=Count("pk", filter=Q(stage=LeadStage.SETTLED)))
    )
    return sorted(
        (
            SettlementRow(
                municipality=row["place"] or "", leads=row["leads"], settled=row["settled"]
            )
            for row in rows
        ),
        key=lambda row: (-row.leads, row.municipality),
    )


# --- 6. Events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    event: Event
    registered: int
    waitlisted: int
    checked_in: int


def event_figures(filters: InsightFilters) -> list[EventRow]:
    """The events of the bridges that start in the period, in order."""
    events = Event.objects.filter(
        Exists(EventBridge.objects.filter(event_id=OuterRef("pk"), bridge__in=filters.bridges)),
        filters.period.contains("starts_at"),
    )
    if filters.sector:
        events = events.filter(
            Exists(EventSector.objects.filter(event_id=OuterRef("pk"), sector=filters.sector))
        )
    annotated = events.annotate(
        registered=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waitlisted=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
        checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    ).order_by("starts_at", "pk")
    return [
        EventRow(
            event=event,
            registered=event.registered,
            waitlisted=event.waitlisted,
            checked_in=event.checked_in,
        )
        for event in annotated
    ]


# --- 7. Outcomes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeRow:
    outcome: str
    label: str
    count: int


def outcome_figures(filters: InsightFilters) -> list[OutcomeRow]:
    """What companies reported in the period, one row per possible outcome."""
    outcomes = LeadOutcome.objects.filter(
        filters.period.contains("reported_at"), lead__bridge__in=filters.bridges
    )
    if filters.sector:
        outcomes = outcomes.filter(
            _in_sector(filters.sector, "lead__company_id", "lead__partner_company_id")
        )
    counts = dict(
        outcomes.order_by().values("outcome").annotate(n=Count("pk")).values_list("outcome", "n")
    )
    return [
        OutcomeRow(outcome=outcome, label=str(label), count=counts.get(outcome, 0))
        for outcome, label in Outcome.choices
    ]

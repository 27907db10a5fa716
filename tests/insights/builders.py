"""Data with known figures for the key-figure tests: each builder makes one kind of row, dated
a number of days ago, through the services where they exist."""

import datetime

from django.utils import timezone

from bridges.models import Bridge, Municipality, Sector
from companies.models import BridgeMembership, Company
from events.models import Event, Registration
from leads.enums import IntroductionStatus, LeadKind, LeadOrigin, LeadStage
from leads.models import Introduction, Lead, LeadOutcome
from leads.services import lead_move, lead_open, outcome_report
from matchmaking.models import Match
from tests.factories import CompanyFactory, EventFactory, UserFactory


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def bridge(slug: str = "united-kingdom") -> Bridge:
    return Bridge.objects.get(slug=slug)


def company(name: str = "", *, sector: str = "", ruhr: bool = False) -> Company:
    made = CompanyFactory(**({"name": name} if name else {}), ruhr=ruhr)
    if sector:
        made.sectors.add(Sector.objects.get(slug=sector))
    return made


def membership(
    status: str,
    *,
    applied: float,
    decided: float | None = None,
    on: str = "united-kingdom",
    sector: str = "",
) -> BridgeMembership:
    made = BridgeMembership.objects.create(
        company=company(sector=sector),
        bridge=bridge(on),
        status=status,
        decided_at=None if decided is None else days_ago(decided),
    )
    BridgeMembership.objects.filter(pk=made.pk).update(applied_at=days_ago(applied))
    return made


def lead(
    stage: str = LeadStage.INTRODUCED,
    *,
    opened: float = 10,
    on: str = "united-kingdom",
    sector: str = "",
    partner_sector: str = "",
) -> Lead:
    made, _created = lead_open(
        actor=None,
        bridge=bridge(on),
        kind=LeadKind.PARTNERSHIP,
        company=company(sector=sector, ruhr=True),
        partner_company=company(sector=partner_sector),
        origin=LeadOrigin.STAFF,
    )
    if stage != made.stage:
        # "No fit" is something a lead becomes, with a reason.
        made = lead_move(actor=None, lead_id=made.pk, stage=stage, reason="Different markets.")
    Lead.objects.filter(pk=made.pk).update(created_at=days_ago(opened))
    return made


def settlement_lead(
    town: str, stage: str = LeadStage.REQUESTED, *, opened: float = 10, on: str = "north-america"
) -> Lead:
    made, _created = lead_open(
        actor=None,
        bridge=bridge(on),
        kind=LeadKind.SETTLEMENT,
        company=company(),
        municipality=Municipality.objects.get(name=town),
        origin=LeadOrigin.SETTLEMENT_REQUEST,
        stage=stage,
    )
    Lead.objects.filter(pk=made.pk).update(created_at=days_ago(opened))
    return made


def introduction(
    status: str = IntroductionStatus.PENDING,
    *,
    asked: float = 10,
    closed: float | None = None,
    on: str = "united-kingdom",
    sector: str = "",
    requester: Company | None = None,
    recipient: Company | None = None,
) -> Introduction:
    accepted = status == IntroductionStatus.ACCEPTED
    return Introduction.objects.create(
        bridge=bridge(on),
        requester=requester or company(sector=sector, ruhr=True),
        recipient=recipient or company(),
        status=status,
        created_at=days_ago(asked),
        expires_at=days_ago(asked - 14),
        requester_accepted_at=days_ago(asked),
        recipient_accepted_at=days_ago(closed) if accepted and closed is not None else None,
        closed_at=None if closed is None else days_ago(closed),
    )


def match(requester: Company, recipient: Company, *, scored: float) -> Match:
    return Match.objects.create(
        bridge=bridge(),
        kind="partnership",
        company=requester,
        partner_company=recipient,
        rank=1,
        score=0.8,
        scored_at=days_ago(scored),
    )


def accepted_lead(made: Introduction) -> Lead:
    """The lead that opens when both said yes to the introduction."""
    opened, _created = lead_open(
        actor=None,
        bridge=made.bridge,
        kind=LeadKind.PARTNERSHIP,
        company=made.requester,
        partner_company=made.recipient,
        origin=LeadOrigin.INTRODUCTION,
        introduction=made,
    )
    return opened


def outcome(of: Lead, value: str, *, reported: float) -> LeadOutcome:
    made = outcome_report(
        actor=None, lead=of, company=of.company, outcome=value, reason="Different markets."
    )
    LeadOutcome.objects.filter(pk=made.pk).update(reported_at=days_ago(reported))
    return made


def move(of: Lead, stage: str, *, moved: float) -> None:
    lead_move(actor=None, lead_id=of.pk, stage=stage, reason="Different markets.")
    history = Lead.history.model.objects.filter(id=of.pk).latest("history_date")
    Lead.history.model.objects.filter(pk=history.pk).update(history_date=days_ago(moved))


def event(
    title: str = "Hydrogen roundtable",
    *,
    starts: float = 30,
    registered: int = 0,
    waitlisted: int = 0,
    checked_in: int = 0,
    on: str = "united-kingdom",
    sector: str = "",
) -> Event:
    start = days_ago(starts).replace(microsecond=0)
    made = EventFactory(
        title_en=title,
        title_de=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        bridges=[bridge(on)],
    )
    if sector:
        made.sectors.add(Sector.objects.get(slug=sector))
    for number in range(registered):
        Registration.objects.create(
            event=made,
            user=UserFactory(),
            status="registered",
            checked_in_at=start if number < checked_in else None,
        )
    for position in range(1, waitlisted + 1):
        Registration.objects.create(
            event=made, user=UserFactory(), status="waitlisted", waitlist_position=position
        )
    return made

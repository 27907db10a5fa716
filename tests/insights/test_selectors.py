"""The key figures without HTTP: each selector on data whose numbers are known."""

import datetime

import pytest
from django.utils import timezone

from bridges.models import Bridge, Sector
from insights import selectors
from insights.selectors import InsightFilters, Median, Period
from leads.enums import IntroductionStatus, LeadStage
from tests.insights import builders as make

pytestmark = pytest.mark.django_db


def _filters(
    *, bridge: str = "", sector: str = "", start: int = 364, end: int = 0
) -> InsightFilters:
    """The filters of the page: by default every bridge and the last 12 months."""
    today = timezone.localdate()
    chosen = Bridge.objects.get(slug=bridge) if bridge else None
    bridges = Bridge.objects.filter(pk=chosen.pk) if chosen else Bridge.objects.all()
    return InsightFilters(
        bridges=bridges,
        period=Period(
            start=today - datetime.timedelta(days=start), end=today - datetime.timedelta(days=end)
        ),
        bridge=chosen,
        sector=Sector.objects.get(slug=sector) if sector else None,
    )


def _memberships() -> None:
    make.membership("approved", applied=400, decided=390)  # a member since before the period
    make.membership("approved", applied=30, decided=20, sector="hydrogen")
    make.membership("applied", applied=10)
    make.membership("declined", applied=40, decided=35)
    make.membership("withdrawn", applied=50, decided=45)
    make.membership("approved", applied=10, decided=5, on="israel")


def _figures(rows) -> dict[str, tuple[int, ...]]:
    return {
        row.bridge.slug: (row.members, row.applied, row.approved, row.declined, row.withdrawn)
        for row in rows
    }


def test_it_counts_members_and_applications_decided_in_the_period_per_bridge():
    _memberships()

    figures = _figures(selectors.membership_figures(_filters()))

    assert figures == {
        "israel": (1, 1, 1, 0, 0),
        "netherlands": (0, 0, 0, 0, 0),
        "north-america": (0, 0, 0, 0, 0),
        "united-kingdom": (2, 4, 1, 1, 1),
    }


def test_the_bridge_period_and_sector_filters_narrow_the_memberships():
    _memberships()

    by_bridge = _figures(selectors.membership_figures(_filters(bridge="israel")))
    by_period = _figures(selectors.membership_figures(_filters(bridge="united-kingdom", start=25)))
    by_sector = _figures(selectors.membership_figures(_filters(sector="hydrogen")))

    assert by_bridge == {"israel": (1, 1, 1, 0, 0)}
    # Within the last 25 days: one application came in, one was approved.
    assert by_period == {"united-kingdom": (2, 1, 1, 0, 0)}
    assert by_sector["united-kingdom"] == (1, 1, 1, 0, 0)
    assert by_sector["israel"] == (0, 0, 0, 0, 0)


def _leads() -> None:
    make.lead(LeadStage.INTRODUCED, sector="hydrogen", partner_sector="hydrogen")
    make.lead(LeadStage.INTRODUCED, sector="hydrogen", partner_sector="e-mobility")
    make.lead(LeadStage.MEETING_HELD, sector="cybersecurity")
    make.lead(LeadStage.PARTNERSHIP_AGREED)
    make.lead(LeadStage.NO_FIT, on="israel", sector="cybersecurity")
    make.lead(LeadStage.INTRODUCED, opened=500, sector="hydrogen")  # before the period
    make.settlement_lead("Essen", LeadStage.REQUESTED)
    make.settlement_lead("Essen", LeadStage.SETTLED)
    make.settlement_lead("Dortmund", LeadStage.INTRODUCED)


def _stages(rows) -> list[tuple[str, int, int]]:
    return [(row.stage, row.partnership, row.settlement) for row in rows]


def test_it_counts_the_leads_opened_in_the_period_per_stage_in_pipeline_order():
    _leads()

    stages = _stages(selectors.lead_stage_figures(_filters()))

    assert stages == [
        ("requested", 0, 1),
        ("introduced", 2, 1),
        ("meeting-held", 1, 0),
        ("partnership-agreed", 1, 0),
        ("settled", 0, 1),
        ("no-fit", 1, 0),
    ]


def test_it_counts_a_lead_once_in_each_sector_of_its_companies():
    _leads()

    sectors = [(row.sector.slug, row.leads) for row in selectors.lead_sector_figures(_filters())]

    # Both companies of the first lead are in hydrogen: it counts once there.
    assert sectors == [("cybersecurity", 2), ("hydrogen", 2), ("e-mobility", 1)]


def test_the_filters_narrow_the_leads():
    _leads()

    by_bridge = _stages(selectors.lead_stage_figures(_filters(bridge="israel")))
    by_sector = _stages(selectors.lead_stage_figures(_filters(sector="hydrogen")))
    by_period = _stages(selectors.lead_stage_figures(_filters(start=600, end=400)))
    sectors = selectors.lead_sector_figures(_filters(sector="hydrogen"))

    assert sum(partnership + settlement for _stage, partnership, settlement in by_bridge) == 1
    assert ("no-fit", 1, 0) in by_bridge
    assert ("introduced", 2, 0) in by_sector
    assert sum(partnership + settlement for _stage, partnership, settlement in by_sector) == 2
    assert ("introduced", 1, 0) in by_period
    assert [(row.sector.slug, row.leads) for row in sectors] == [("hydrogen", 2)]


def test_it_counts_the_introductions_asked_and_closed_in_the_period():
    make.introduction(IntroductionStatus.ACCEPTED, asked=30, closed=25)
    make.introduction(IntroductionStatus.ACCEPTED, asked=20, closed=18, sector="hydrogen")
    make.introduction(IntroductionStatus.DECLINED, asked=15, closed=14)
    make.introduction(IntroductionStatus.EXPIRED, asked=40, closed=26)
    make.introduction(IntroductionStatus.PENDING, asked=5)
    make.introduction(IntroductionStatus.WITHDRAWN, asked=400, closed=398)
    # Asked before the period, declined within it.
    make.introduction(IntroductionStatus.DECLINED, asked=370, closed=360, on="israel")

    everything = selectors.introduction_figures(_filters())
    by_bridge = selectors.introduction_figures(_filters(bridge="israel"))
    by_sector = selectors.introduction_figures(_filters(sector="hydrogen"))
    by_period = selectors.introduction_figures(_filters(start=16))

    assert everything == selectors.IntroductionFigures(
        requested=5, accepted=2, declined=2, expired=1, withdrawn=0
    )
    assert by_bridge == selectors.IntroductionFigures(0, 0, 1, 0, 0)
    assert by_sector == selectors.IntroductionFigures(1, 1, 0, 0, 0)
    assert by_period == selectors.IntroductionFigures(2, 0, 1, 0, 0)


def _timings() -> None:
    """Match to request: 4 and 10 days (median 7); yes to outcome: 6 and 2 days (median 4)."""
    first = make.introduction(IntroductionStatus.ACCEPTED, asked=30, closed=25)
    make.match(first.requester, first.recipient, scored=34)
    make.outcome(make.accepted_lead(first), "meeting-held", reported=19)
    second = make.introduction(IntroductionStatus.ACCEPTED, asked=20, closed=18)
    make.match(second.requester, second.recipient, scored=30)
    make.move(make.accepted_lead(second), LeadStage.MEETING_HELD, moved=16)
    # A match scored after the request does not count; a request without an answer neither.
    third = make.introduction(IntroductionStatus.PENDING, asked=8)
    make.match(third.requester, third.recipient, scored=2)


def test_it_gives_the_median_days_from_match_to_introduction_and_on_to_an_outcome():
    _timings()

    timings = selectors.timing_figures(_filters())

    assert timings == selectors.Timings(
        match_to_introduction=Median(days=7.0, count=2),
        introduction_to_outcome=Median(days=4.0, count=2),
    )


def test_an_outcome_reported_before_the_lead_moved_on_is_the_end_of_the_wait():
    made = make.introduction(IntroductionStatus.ACCEPTED, asked=30, closed=25)
    accepted = make.accepted_lead(made)
    make.outcome(accepted, "meeting-held", reported=22)
    make.move(accepted, LeadStage.MEETING_HELD, moved=10)

    timings = selectors.timing_figures(_filters())

    assert timings.introduction_to_outcome == Median(days=3.0, count=1)


def test_without_data_there_is_no_median():
    make.introduction(IntroductionStatus.PENDING, asked=5)

    timings = selectors.timing_figures(_filters())

    assert timings == selectors.Timings(
        match_to_introduction=Median(days=None, count=0),
        introduction_to_outcome=Median(days=None, count=0),
    )


def test_it_counts_settlement_leads_and_settlements_per_municipality():
    _leads()
    make.settlement_lead("Dortmund", LeadStage.SETTLED, opened=400)  # before the period

    rows = selectors.settlement_figures(_filters())
    earlier = selectors.settlement_figures(_filters(start=500, end=365))

    assert [(row.municipality, row.leads, row.settled) for row in rows] == [
        ("Essen", 2, 1),
        ("Dortmund", 1, 0),
    ]
    assert [(row.municipality, row.leads, row.settled) for row in earlier] == [("Dortmund", 1, 1)]


def test_it_counts_registrations_the_waiting_list_and_check_ins_per_event():
    make.event("Hydrogen roundtable", starts=60, registered=5, waitlisted=2, checked_in=3)
    make.event("Cyber week", starts=20, registered=2, on="israel", sector="cybersecurity")
    make.event("Next year's summit", starts=-30, registered=4)  # after the period

    rows = selectors.event_figures(_filters())
    by_bridge = selectors.event_figures(_filters(bridge="israel"))
    by_sector = selectors.event_figures(_filters(sector="cybersecurity"))

    assert [(row.event.title, row.registered, row.waitlisted, row.checked_in) for row in rows] == [
        ("Hydrogen roundtable", 5, 2, 3),
        ("Cyber week", 2, 0, 0),
    ]
    assert [row.event.title for row in by_bridge] == ["Cyber week"]
    assert [row.event.title for row in by_sector] == ["Cyber week"]


def test_it_counts_the_outcomes_companies_reported_in_the_period():
    for outcome, reported in (
        ("meeting-held", 10),
        ("meeting-held", 12),
        ("no-fit", 3),
        ("partnership-agreed", 400),
    ):
        made = make.introduction(IntroductionStatus.ACCEPTED, asked=reported + 5, closed=reported)
        make.outcome(make.accepted_lead(made), outcome, reported=reported)

    rows = selectors.outcome_figures(_filters())

    assert [(row.outcome, row.count) for row in rows] == [
        ("meeting-held", 2),
        ("partnership-agreed", 0),
        ("no-fit", 1),
    ]

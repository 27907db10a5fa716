"""The figures of each section as one table: the page shows it with its chart, and the same
rows are the section's CSV download. Titles and labels are in the active language."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from insights import selectors
from insights.charts import Series, bar_chart, format_value
from insights.selectors import InsightFilters


@dataclass
class Table:
    slug: str
    title: str
    definition: str  # what is counted, in a sentence or two
    header: list[str]
    rows: list[list[Any]]  # a label first, then figures (a date may come in between)
    charted: list[int]  # the columns the chart draws
    empty: str = field(default_factory=lambda: _("Nothing for these filters."))
    zero_is_a_figure: bool = False  # a median of 0 days is one; 0 events are not

    @property
    def has_figures(self) -> bool:
        values = [row[column] for row in self.rows for column in self.charted]
        if self.zero_is_a_figure:
            return any(value is not None for value in values)
        return any(values)

    def chart(self) -> SafeString:
        return bar_chart(
            title=self.title,
            categories=[str(row[0]) for row in self.rows],
            series=[
                Series(label=self.header[column], values=[row[column] for row in self.rows])
                for column in self.charted
            ],
        )

    def display_rows(self) -> list[list[str]]:
        return [[_display(cell) for cell in row] for row in self.rows]

    def csv_rows(self) -> list[list[Any]]:
        return [[_plain(cell) for cell in row] for row in self.rows]


def _display(cell: Any) -> str:
    if isinstance(cell, datetime.date):
        return formats.date_format(cell, "SHORT_DATE_FORMAT")
    if cell is None:
        return _("not enough data")
    if isinstance(cell, int | float):
        return format_value(cell)
    return str(cell)


def _plain(cell: Any) -> Any:
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return "" if cell is None else cell


def members_table(filters: InsightFilters) -> Table:
    return Table(
        slug="members",
        title=_("Members and applications per bridge"),
        definition=_(
            "Members today; applications received in the period; approvals, declines and "
            "withdrawals decided in the period."
        ),
        header=[
            _("Bridge"),
            _("Members today"),
            _("Applications received"),
            _("Approved"),
            _("Declined"),
            _("Withdrawn"),
        ],
        rows=[
            [
                row.bridge.short_name,
                row.members,
                row.applied,
                row.approved,
                row.declined,
                row.withdrawn,
            ]
            for row in selectors.membership_figures(filters)
        ],
        charted=[1, 2, 3, 4, 5],
    )


def stages_table(filters: InsightFilters) -> Table:
    return Table(
        slug="stages",
        title=_("Leads per stage"),
        definition=_("Leads opened in the period, by the stage they are in today."),
        header=[_("Stage"), _("Partnership"), _("Settlement"), _("Total")],
        rows=[
            [row.label, row.partnership, row.settlement, row.total]
            for row in selectors.lead_stage_figures(filters)
        ],
        charted=[1, 2],
    )


def sectors_table(filters: InsightFilters) -> Table:
    return Table(
        slug="sectors",
        title=_("Leads per sector"),
        definition=_(
            "Leads opened in the period, by the sectors of their companies: a lead counts "
            "once in each sector of either company."
        ),
        header=[_("Sector"), _("Leads")],
        rows=[[row.sector.name, row.leads] for row in selectors.lead_sector_figures(filters)],
        charted=[1],
    )


def introductions_table(filters: InsightFilters) -> Table:
    figures = selectors.introduction_figures(filters)
    return Table(
        slug="introductions",
        title=_("Introductions"),
        definition=_(
            "Requests made in the period, and requests closed in the period by how they closed."
        ),
        header=[_("What happened"), _("Introductions")],
        rows=[
            [_("Requested"), figures.requested],
            [_("Accepted"), figures.accepted],
            [_("Declined"), figures.declined],
            [_("Expired"), figures.expired],
            [_("Withdrawn"), figures.withdrawn],
        ],
        charted=[1],
    )


def timings_table(filters: InsightFilters) -> Table:
    timings = selectors.timing_figures(filters)
    return Table(
        slug="timings",
        title=_("How long it takes"),
        definition=_(
            "From match to introduction: the days from the scoring of the asking company's "
            "match with the asked company to its request, for requests made in the period "
            "(requests without a match scored before them are left out). From introduction "
            "to outcome: the days from both saying yes to the first reported outcome or the "
            "lead's first move on from “introduced”, for introductions accepted in the period."
        ),
        header=[_("Measure"), _("Median days"), _("Introductions counted")],
        rows=[
            [_("From match to introduction"), *_median(timings.match_to_introduction)],
            [_("From introduction to outcome"), *_median(timings.introduction_to_outcome)],
        ],
        charted=[1],
        empty=_("Not enough data yet."),
        zero_is_a_figure=True,
    )


def _median(median: selectors.Median) -> list[Any]:
    return [median.days, median.count]


def settlements_table(filters: InsightFilters) -> Table:
    return Table(
        slug="settlements",
        title=_("Settlements per municipality"),
        definition=_(
            "Settlement leads opened in the period, by the municipality the company would "
            "settle in, and how many of them have settled."
        ),
        header=[_("Municipality"), _("Settlement leads"), _("Settled")],
        rows=[
            [row.municipality or _("No municipality"), row.leads, row.settled]
            for row in selectors.settlement_figures(filters)
        ],
        charted=[1, 2],
    )


def events_table(filters: InsightFilters) -> Table:
    return Table(
        slug="events",
        title=_("Events"),
        definition=_(
            "Events that start in the period: people registered, on the waiting list and "
            "checked in."
        ),
        header=[_("Event"), _("Date"), _("Registered"), _("Waiting list"), _("Checked in")],
        rows=[
            [
                row.event.title,
                row.event.starts_at.astimezone(row.event.tzinfo).date(),
                row.registered,
                row.waitlisted,
                row.checked_in,
            ]
            for row in selectors.event_figures(filters)
        ],
        charted=[2, 3, 4],
    )


def outcomes_table(filters: InsightFilters) -> Table:
    return Table(
        slug="outcomes",
        title=_("Outcomes reported by companies"),
        definition=_("What companies reported in the period about their accepted introductions."),
        header=[_("Outcome"), _("Reports")],
        rows=[[row.label, row.count] for row in selectors.outcome_figures(filters)],
        charted=[1],
    )


# In the order of the page; the keys are the download addresses.
TABLES: dict[str, Callable[[InsightFilters], Table]] = {
    "members": members_table,
    "stages": stages_table,
    "sectors": sectors_table,
    "introductions": introductions_table,
    "timings": timings_table,
    "settlements": settlements_table,
    "events": events_table,
    "outcomes": outcomes_table,
}


def insight_tables(filters: InsightFilters) -> list[Table]:
    return [build(filters) for build in TABLES.values()]

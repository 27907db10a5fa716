"""Reads of the staff's lead board: the leads a person may work, grouped by stage.

Bridge managers see the leads of their bridges; superusers see all. Every query is done
here once, so the board costs the same number of queries for three leads or three hundred.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from bridges.models import Bridge
from bridges.selectors import bridges_managed_by
from leads.enums import OPEN_LEAD_STAGES, LeadStage
from leads.models import Lead

# A column shows the most recently moved leads; the rest are a click away in the admin list.
CARDS_PER_COLUMN = 50


@dataclass
class BoardCard:
    lead: Lead
    days_in_stage: int
    next_step_overdue: bool


@dataclass
class BoardColumn:
    stage: str
    label: str
    total: int
    cards: list[BoardCard] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


def board_bridges_for(*, user) -> QuerySet[Bridge]:
    return bridges_managed_by(user=user).order_by("slug")


def board_leads_for(*, user, bridge: Bridge | None = None, kind: str = "") -> QuerySet[Lead]:
    """The leads this person may work, narrowed to one bridge and kind when given."""
    leads = Lead.objects.filter(bridge__in=bridges_managed_by(user=user))
    if bridge is not None:
        leads = leads.filter(bridge=bridge)
    if kind:
        leads = leads.filter(kind=kind)
    return leads.select_related(
        "bridge", "company", "partner_company", "municipality", "offer", "owner"
    )


def board_lead_for(*, user, lead_id: int) -> Lead | None:
    """One lead of the person's bridges, or None (a 404 for everyone else)."""
    return board_leads_for(user=user).filter(pk=lead_id).first()


def _days_since(moment: datetime.datetime, today: datetime.date) -> int:
    return max((today - timezone.localtime(moment).date()).days, 0)


def _overdue(lead: Lead, today: datetime.date) -> bool:
    return (
        lead.stage in OPEN_LEAD_STAGES
        and lead.next_step_on is not None
        and lead.next_step_on < today
    )


def board_columns(
    leads: QuerySet[Lead], *, today: datetime.date | None = None
) -> list[BoardColumn]:
    """One column per stage, in pipeline order, each with its newest cards: two queries."""
    today = today or timezone.localdate()
    totals = dict(
        leads.order_by()
        .values_list("stage")
        .annotate(count=Count("pk"))
        .values_list("stage", "count")
    )
    columns = {
        stage: BoardColumn(stage=stage, label=str(label), total=totals.get(stage, 0))
        for stage, label in LeadStage.choices
    }
    newest = leads.annotate(
        position=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("stage_changed_at").desc(), F("pk").desc()],
        )
    ).filter(position__lte=CARDS_PER_COLUMN)
    for lead in newest.order_by("-stage_changed_at", "-pk"):
        columns[lead.stage].cards.append(
            BoardCard(
                lead=lead,
                days_in_stage=_days_since(lead.stage_changed_at, today),
                next_step_overdue=_overdue(lead, today),
            )
        )
    return list(columns.values())

"""Reads of delegations and stands: a delegation exists for a viewer only if its event does
(events.selectors.events_visible_to); a company links to its page only where the viewer may
see that page."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from companies.enums import MembershipStatus
from companies.models import Company
from companies.selectors import companies_visible_to
from events.models import (
    Delegation,
    DelegationApplication,
    DelegationApplicationStatus,
    Event,
    Stand,
    StandExhibitor,
)
from events.selectors import events_visible_to


@dataclass(frozen=True)
class CompanyEntry:
    """A company as a public list shows it: its name, linked if the viewer may see it."""

    name: str
    url: str


def _with_selected_count(delegations: QuerySet[Delegation]) -> QuerySet[Delegation]:
    return delegations.annotate(
        selected_count=Count(
            "applications",
            filter=Q(applications__status=DelegationApplicationStatus.SELECTED),
        )
    )


def delegation_for_page(*, user, slug: str, pk: int) -> Delegation | None:
    return (
        _with_selected_count(Delegation.objects.all())
        .select_related("event", "bridge", "stand")
        .filter(pk=pk, event__slug=slug, event__in=events_visible_to(user=user))
        .first()
    )


def delegations_of_event(*, event: Event) -> list[Delegation]:
    return list(
        _with_selected_count(Delegation.objects.filter(event=event)).order_by("travel_date", "pk")
    )


def applications_of_viewer(*, user, delegation: Delegation) -> list[DelegationApplication]:
    """The applications of the companies this person acts for."""
    if not user.is_authenticated:
        return []
    return list(
        DelegationApplication.objects.filter(delegation=delegation, company__members__user=user)
        .select_related("company")
        .order_by("company__name", "pk")
    )


def applications_of_company(*, user, company: Company) -> list[DelegationApplication]:
    """A company's delegation applications, for its people, where the delegation's event is
    visible to the person; the latest travel first."""
    if not user.is_authenticated:
        return []
    return list(
        DelegationApplication.objects.filter(
            company=company, delegation__event__in=events_visible_to(user=user)
        )
        .select_related("delegation__event")
        .order_by("-delegation__travel_date", "pk")
    )


def companies_that_may_apply(*, user, delegation: Delegation) -> list[Company]:
    """The person's companies that are approved on the delegation's bridge and have not
    applied yet."""
    if not user.is_authenticated:
        return []
    return list(
        Company.objects.filter(
            members__user=user,
            bridge_memberships__bridge_id=delegation.bridge_id,
            bridge_memberships__status=MembershipStatus.APPROVED,
        )
        .exclude(delegation_applications__delegation=delegation)
        .distinct()
        .order_by("name")
    )


def is_person_of_bridge_company(*, user, delegation: Delegation) -> bool:
    if not user.is_authenticated:
        return False
    return Company.objects.filter(
        members__user=user,
        bridge_memberships__bridge_id=delegation.bridge_id,
        bridge_memberships__status=MembershipStatus.APPROVED,
    ).exists()


def _entries(*, user, companies: list[Company]) -> list[CompanyEntry]:
    visible = set(
        companies_visible_to(user=user)
        .filter(pk__in=[company.pk for company in companies])
        .values_list("pk", flat=True)
    )
    return [
        CompanyEntry(
            name=company.name,
            url=reverse("companies:detail", args=[company.pk]) if company.pk in visible else "",
        )
        for company in companies
    ]


def selected_companies(*, user, delegation: Delegation) -> list[CompanyEntry]:
    companies = [
        application.company
        for application in DelegationApplication.objects.filter(
            delegation=delegation, status=DelegationApplicationStatus.SELECTED
        )
        .select_related("company")
        .order_by("company__name")
    ]
    if not companies:
        return []
    return _entries(user=user, companies=companies)


@dataclass(frozen=True)
class StandEntry:
    stand: Stand
    exhibitors: list[CompanyEntry]


def stands_of_event(*, user, event: Event) -> list[StandEntry]:
    """The event's stands with their exhibiting companies, in a constant number of queries."""
    stands = list(
        Stand.objects.filter(event=event).prefetch_related(
            Prefetch(
                "exhibitors",
                queryset=StandExhibitor.objects.select_related("company").order_by("company__name"),
            )
        )
    )
    if not stands:
        return []
    companies = [exhibitor.company for stand in stands for exhibitor in stand.exhibitors.all()]
    entries = iter(_entries(user=user, companies=companies)) if companies else iter([])
    return [
        StandEntry(stand=stand, exhibitors=[next(entries) for _ in stand.exhibitors.all()])
        for stand in stands
    ]

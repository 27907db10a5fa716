"""What the home page and the bridge pages show: reads across bridges and companies."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from bridges.enums import BridgeStatus, TwinningStatus
from bridges.models import Bridge, BridgePartner, TwinningProject
from companies.enums import MembershipStatus
from companies.models import BridgeMembership
from companies.selectors import directory_companies


def _count(queryset, field: str = "pk") -> Coalesce:
    counted = (
        queryset.order_by().values("bridge").annotate(n=Count(field, distinct=True)).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def bridges_for_home() -> QuerySet[Bridge]:
    """Active bridges with their sectors and how many companies, municipalities and twinning
    projects take part — one query plus one for the sectors."""
    twinnings = TwinningProject.objects.filter(bridge=OuterRef("pk")).exclude(
        status=TwinningStatus.ENDED
    )
    return (
        Bridge.objects.filter(status=BridgeStatus.ACTIVE)
        .annotate(
            company_count=_count(
                BridgeMembership.objects.filter(
                    bridge=OuterRef("pk"), status=MembershipStatus.APPROVED
                ),
                "company",
            ),
            twinning_count=_count(twinnings),
            municipality_count=_count(twinnings, "municipality"),
        )
        .prefetch_related("focus_sectors")
        .order_by("launched_on", "slug")
    )


def bridge_for_page(*, slug: str, user) -> Bridge | None:
    bridges = Bridge.objects.all()
    if not (user.is_authenticated and user.is_staff):
        bridges = bridges.exclude(status=BridgeStatus.DRAFT)
    return (
        bridges.filter(slug=slug)
        .prefetch_related(
            "focus_sectors",
            Prefetch(
                "partners",
                queryset=BridgePartner.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            Prefetch(
                "twinning_projects",
                queryset=TwinningProject.objects.exclude(status=TwinningStatus.ENDED)
                .select_related("municipality")
                .order_by("municipality__name", "partner_town"),
            ),
        )
        .first()
    )


def bridge_members_visible_to(*, bridge: Bridge, user):
    """The bridge's approved member companies that this viewer may see."""
    return directory_companies(user=user, bridge=bridge)

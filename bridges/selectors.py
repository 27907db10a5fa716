from django.db.models import Q, QuerySet

from bridges.enums import OfferStatus, TwinningStatus
from bridges.models import Bridge, Municipality, SettlementOffer, TwinningProject


def bridges_managed_by(*, user) -> QuerySet[Bridge]:
    """The bridges whose memberships this person decides: all for superusers."""
    if not (user.is_authenticated and user.is_staff):
        return Bridge.objects.none()
    if user.is_superuser:
        return Bridge.objects.all()
    return Bridge.objects.filter(managers=user)


def can_manage_bridge(*, user, bridge: Bridge) -> bool:
    return bridges_managed_by(user=user).filter(pk=bridge.pk).exists()


def municipalities_acted_for(*, user) -> QuerySet[Municipality]:
    """The municipalities whose pages, twinning projects and offers this person looks after.

    A district's people also act for the towns within it; staff act for every municipality.
    """
    if not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_staff:
        return Municipality.objects.all()
    return Municipality.objects.filter(Q(users=user) | Q(district__users=user)).distinct()


def can_act_for_municipality(*, user, municipality: Municipality) -> bool:
    return municipalities_acted_for(user=user).filter(pk=municipality.pk).exists()


def municipality_items(*, municipality: Municipality) -> tuple[QuerySet, QuerySet]:
    """The twinning projects (not ended) and open settlement offers shown on a municipality's
    page; a district's page also shows those of its towns."""
    places = Q(municipality=municipality) | Q(municipality__district=municipality)
    twinnings = (
        TwinningProject.objects.filter(places)
        .exclude(status=TwinningStatus.ENDED)
        .select_related("bridge", "municipality")
        .prefetch_related("sectors")
        .order_by("municipality__name", "partner_town")
    )
    offers = (
        SettlementOffer.objects.filter(places, status=OfferStatus.OPEN)
        .select_related("municipality")
        .prefetch_related("sectors")
        .order_by("municipality__name", "available_from", "pk")
    )
    return twinnings, offers
